"""Staff editing a clinic's wording of timeline steps: list, check, preview, save, revert.

Returns what to say; `bot/telegram/handlers/content.py` only parses the update and replies,
and the draft an /edit opens (its stage, its Save and Cancel) is `bot.inbox.drafts`. The rules
a clinic's text must keep are `content.message.validate_override`, the same as the checker's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.delivery.plan import next_session_date, series_interval
from bot.people import stats
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.content import author_chat
from bot.wording.staff import step_wording, team
from content.message import ClinicOverride, RenderContext, RenderedMessage, render_step
from content.message import validate_override as _validate
from content.step import Step
from content.template import MERGE_FIELDS
from content.timeline import Timeline

log = logging.getLogger(__name__)

SAMPLE_FIRST_NAME = "Alex"
MAX_PLAIN = 4096  # Telegram's limit for one message


def find_step(timeline: Timeline, name: str) -> Step | Refused:
    """The step a staff member named, or a reply that lists the valid ids."""
    try:
        return timeline.step(name.strip().lower())
    except KeyError:
        return Refused(step_wording.unknown_step(name, [step.id for step in timeline.steps]))


def listing(store: Store, timeline: Timeline, clinic: Clinic, *, viewer_chat_id: int) -> str:
    """/content: every step with when it is sent and whose wording the clinic uses."""
    own = store.content.active_for_clinic(clinic.id)
    lines = [step_wording.heading(clinic.name), ""]
    for step in timeline.steps:
        override = own.get(step.id)
        wording = (
            step_wording.DEFAULT_WORDING
            if override is None
            else describe_override(override, clinic, viewer_chat_id=viewer_chat_id)
        )
        lines.append(step_wording.step_line(step.id, describe_when(step, clinic), wording))
    return "\n".join([*lines, "", step_wording.FOOTER])


def describe_when(step: Step, clinic: Clinic) -> str:
    """When a step goes out, for this clinic's series interval: "+1d", "+23d (interval - 5d)"."""
    after = _duration(step.offset.resolve(series_interval(clinic)))
    relative = None
    if step.offset.with_interval:
        fixed = step.offset.fixed
        sign = "-" if fixed < timedelta(0) else "+"
        relative = f" {sign} {_duration(abs(fixed))}" if fixed else ""
    return step_wording.when_sent(None if after == "0" else after, relative)


def describe_override(override: ClinicOverride, clinic: Clinic, *, viewer_chat_id: int) -> str:
    who = team.author(author_chat(override.author), viewer_chat_id)
    when = f"{override.created_at.astimezone(clinic.zone):%d %b %Y %H:%M}"
    return step_wording.own_wording(override.version, who, when)


def current_wording(store: Store, clinic_id: int, step: Step) -> str:
    """The template the clinic uses now for the step: its own, or the default."""
    override = store.content.active(clinic_id, step.id)
    return step.text if override is None else override.text


def merge_fields() -> str:
    return ", ".join("{" + name + "}" for name in MERGE_FIELDS)


def problems(step: Step, text: str) -> list[str]:
    """What is wrong with a staff member's text for `step`, worded for them; empty if fine."""
    return [problem.message for problem in _validate(step, text)]


def preview(step: Step, clinic: Clinic, text: str, now: datetime) -> RenderedMessage:
    """The step as a patient of this clinic would get it with `text`: the clinic's real name,
    phone and booking link, a sample first name."""
    draft = ClinicOverride(clinic.id, step.id, text, 0, "", now)
    context = RenderContext(
        clinic=clinic,
        first_name=SAMPLE_FIRST_NAME,
        next_session_date=next_session_date(now, clinic),
        session_id="0",
        override=draft,
    )
    return render_step(step, context)


@dataclass(frozen=True)
class Opened:
    """/edit <step>: the step being edited, the instructions, and its current wording."""

    step_id: str
    instructions: str
    current: str


@dataclass(frozen=True)
class Checked:
    """A staff member's new wording for a step, checked: the `problems` (worded for them), or
    when there are none, a preview `heading` and the message as a patient would get it."""

    problems: str = ""
    heading: str = ""
    preview_html: str = ""


def start(store: Store, timeline: Timeline, clinic: Clinic, name: str) -> Opened | Refused:
    """/edit <step>: what to tell the staff member first, or a refusal naming the valid ids."""
    step = find_step(timeline, name)
    if isinstance(step, Refused):
        return step
    current = current_wording(store, clinic.id, step)
    return Opened(
        step.id,
        step_wording.edit_instructions(step.id, clinic.name, merge_fields()),
        current if len(current) <= MAX_PLAIN else current[: MAX_PLAIN - 1] + "…",
    )


def check_text(
    store: Store, timeline: Timeline, clinic_id: int, step_id: str, text: str, now: datetime
) -> Checked | Refused:
    """The new wording staff sent for `step_id`: its problems, or its preview with the clinic's
    real details. Refused when the step left the timeline since the draft began."""
    step = find_step(timeline, step_id)
    if isinstance(step, Refused):
        return step
    found = problems(step, text)
    if found:
        return Checked(problems=step_wording.draft_problems(found))
    clinic = store.clinics.get(clinic_id)
    message = preview(step, clinic, text, now)
    labels = ", ".join(button.text for button in message.buttons)
    heading = step_wording.preview_heading(step.id, clinic.name, SAMPLE_FIRST_NAME, labels)
    return Checked(heading=heading, preview_html=message.text)


def save_draft(
    store: Store,
    timeline: Timeline,
    clinic_id: int,
    step_id: str,
    text: str,
    *,
    staff_chat: int,
    now: datetime,
) -> str:
    """Save tapped on an edit's preview: store `text` as the clinic's newest wording of the
    step; returns what to tell the staff member."""
    clinic = store.clinics.get(clinic_id)
    step = find_step(timeline, step_id)
    if isinstance(step, Refused):
        return step.message
    saved = save(store, clinic, step, text, author_chat_id=staff_chat, now=now)
    if isinstance(saved, Refused):
        return saved.message
    return step_wording.saved(step.id, clinic.name, saved.version)


def save(
    store: Store, clinic: Clinic, step: Step, text: str, *, author_chat_id: int, now: datetime
) -> ClinicOverride | Refused:
    """Store `text` as the clinic's newest wording of `step`, checked once more first."""
    found = problems(step, text)
    if found:
        return Refused(step_wording.draft_problems(found))
    with store.db.atomic():
        saved = store.content.save(clinic.id, step.id, text, author_chat_id, now)
        store.events.record(stats.CONTENT_EDITED, now=now, clinic_id=clinic.id)
    log.info(
        "content_edited clinic=%s step=%s version=%s staff_chat=%s",
        clinic.id,
        step.id,
        saved.version,
        author_chat_id,
    )
    return saved


def revert(
    store: Store, timeline: Timeline, clinic: Clinic, name: str, *, staff_chat: int, now: datetime
) -> str:
    """/revert <step>: back to the default wording for this clinic; returns what to tell the
    staff member (the valid ids when `name` is no step)."""
    step = find_step(timeline, name)
    if isinstance(step, Refused):
        return step.message
    with store.db.atomic():
        changed = store.content.revert(clinic.id, step.id, now)
        if changed:
            store.events.record(stats.CONTENT_REVERTED, now=now, clinic_id=clinic.id)
    if not changed:
        return step_wording.already_default(step.id)
    log.info("content_reverted clinic=%s step=%s staff_chat=%s", clinic.id, step.id, staff_chat)
    return step_wording.reverted(step.id, clinic.name)


def _duration(delta: timedelta) -> str:
    days, seconds = delta.days, delta.seconds
    hours, minutes = seconds // 3600, seconds % 3600 // 60
    parts = [
        f"{days}d" if days else "",
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
    ]
    return " ".join(part for part in parts if part) or "0"
