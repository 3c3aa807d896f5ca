"""The history of a clinic's wording of a step, and going back to any version of it.

Every version a clinic saved stays in the store (`bot.store.content`); the history shows each
with its author, date and a short diff from the words before it. Going back to version k saves
k's words as the newest version (checked again first), so the history only ever grows.
"""

from __future__ import annotations

import difflib
import logging
from datetime import datetime

from bot.delivery.edits import find_step, problems
from bot.delivery.edits import revert as revert_to_default
from bot.people import stats
from bot.people.outcomes import Refused
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.content import StepVersion
from bot.wording.staff import history as words
from bot.wording.staff import team
from content.message import ClinicOverride
from content.timeline import Timeline

log = logging.getLogger(__name__)

DIFF_LINES = 4  # changed lines shown per version
SHOWN_VERSIONS = 10
LINE_CHARS = 90
DEFAULT_WORDS = ("0", "default")


def short_diff(old: str, new: str) -> list[str]:
    """The lines that changed from `old` to `new`, "- " removed and "+ " added, at most
    DIFF_LINES of them (then how many more), each cut to LINE_CHARS."""
    changed = [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    shown = [f"  {line[0]} {_cut(line[1:])}" for line in changed[:DIFF_LINES]]
    if len(changed) > DIFF_LINES:
        shown.append(words.more_lines(len(changed) - DIFF_LINES))
    return shown


def history(
    store: Store, timeline: Timeline, clinic: Clinic, name: str, *, viewer_chat_id: int | None
) -> str:
    """/content history <step>: each version, newest first, with author, date and what changed
    from the words before it (the default for the first); the valid ids when `name` is no step."""
    step = find_step(timeline, name)
    if isinstance(step, Refused):
        return step.message
    versions = store.content.versions(clinic.id, step.id)
    if not versions:
        return words.no_versions(step.id)
    active = store.content.active(clinic.id, step.id)
    lines = [words.heading(step.id, clinic.name)]
    before = [step.text, *(v.text for v in versions[:-1])]
    entries = list(zip(versions, before, strict=True))[::-1]
    for version, previous in entries[:SHOWN_VERSIONS]:
        lines += _entry(version, previous, clinic, viewer_chat_id, active=active)
    if len(entries) > SHOWN_VERSIONS:
        lines.append(words.older_versions(len(entries) - SHOWN_VERSIONS))
    if active is None:
        lines.append(words.DEFAULT_IN_USE)
    return "\n".join([*lines, "", words.FOOTER])


def _entry(
    version: StepVersion,
    previous: str,
    clinic: Clinic,
    viewer: int | None,
    *,
    active: ClinicOverride | None,
) -> list[str]:
    who = team.author(version.author_chat_id, viewer if viewer is not None else 0)
    in_use = active is not None and active.version == version.version
    lines = [
        words.version_line(
            version.version,
            who,
            _when(version.created_at, clinic),
            restored=version.restored,
            active=in_use,
        )
    ]
    if version.version == 1:
        lines.append(words.FROM_DEFAULT)
    lines += short_diff(previous, version.text) or [words.NO_CHANGE]
    if version.reverted_at is not None:
        lines.append(words.reverted_line(_when(version.reverted_at, clinic)))
    return lines


def revert(
    store: Store,
    timeline: Timeline,
    clinic: Clinic,
    name: str,
    version: str | None,
    *,
    staff_chat: int | None,
    now: datetime,
) -> str:
    """/revert <step> [version]: back to the default without a version (or with 0), else to
    that version's words, saved as a new version after the checks a new text gets. Returns
    what to tell the staff member; nothing changes on any refusal."""
    if version is None or version.strip().lower() in DEFAULT_WORDS:
        return revert_to_default(store, timeline, clinic, name, staff_chat=staff_chat or 0, now=now)
    step = find_step(timeline, name)
    if isinstance(step, Refused):
        return step.message
    versions = {v.version: v for v in store.content.versions(clinic.id, step.id)}
    typed = version.strip().removeprefix("v")
    wanted = versions.get(int(typed)) if typed.isascii() and typed.isdigit() else None
    if wanted is None:
        return words.no_such_version(version[:20], step.id, max(versions, default=0))
    active = store.content.active(clinic.id, step.id)
    if active is not None and active.text == wanted.text:
        return words.already_version(step.id, wanted.version)
    found = problems(step, wanted.text)
    if found:
        return words.no_longer_valid(wanted.version, found)
    with store.db.atomic():
        saved = store.content.save(
            clinic.id, step.id, wanted.text, staff_chat, now, restored=wanted.version
        )
        store.events.record(stats.CONTENT_REVERTED, now=now, clinic_id=clinic.id)
    log.info(
        "content_restored clinic=%s step=%s version=%s as=%s",
        clinic.id,
        step.id,
        wanted.version,
        saved.version,
    )
    return words.restored(step.id, wanted.version, saved.version)


def _when(moment: datetime, clinic: Clinic) -> str:
    return f"{moment.astimezone(clinic.zone):%d %b %Y %H:%M}"


def _cut(text: str) -> str:
    text = text.strip()
    return text if len(text) <= LINE_CHARS else text[: LINE_CHARS - 1] + "…"
