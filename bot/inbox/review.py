"""What an admin reads in the go-live review: the timeline as patients will get it (their
clinic's details and own wording, send times after the window) and the guide's passages the
FAQ may quote, with the clinic's switches (the /passages listing). Approving is
`bot.people.golive.approve`.

`build` gathers it once; `telegram_messages` packs it into Telegram HTML messages within the
size limit, whole blocks only; `aftercare clinic review` prints the same.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, time

from bot.delivery.edits import describe_when
from bot.delivery.preview import SAMPLE_FIRST_NAME, PreviewStep, preview_timeline
from bot.faq.passage_listing import chat_listing
from bot.store import Store
from bot.store.clinics import Clinic
from bot.wording.staff import review as words
from content.documents import cited
from content.timeline import Timeline

MAX_MESSAGE = 4000  # below Telegram's 4096, for the block joints
SAMPLE_SESSION = time(14, 0)  # the sample session's clinic time, on the day of the review


@dataclass(frozen=True)
class Review:
    clinic: Clinic
    session_at: datetime  # the sample session, timezone-aware
    steps: tuple[PreviewStep, ...]
    passages: tuple[str, ...]  # the /passages listing: plain-text messages, in order
    whens: tuple[str, ...]  # each step's time after the session ("+1d"), as /content says

    @property
    def approved(self) -> bool:
        return self.clinic.approved_at is not None


def build(
    store: Store, timeline: Timeline, clinic: Clinic, now: datetime, *, viewer_chat_id: int = 0
) -> Review:
    """The review for `clinic` as of `now`: a sample session today at 14:00 clinic time; who
    switched a passage is named as `viewer_chat_id` reads it."""
    session_at = datetime.combine(now.astimezone(clinic.zone).date(), SAMPLE_SESSION, clinic.zone)
    steps = preview_timeline(
        timeline,
        clinic,
        session_at=session_at,
        overrides=store.content.active_for_clinic(clinic.id),
    )
    whens = tuple(describe_when(timeline.step(s.planned.step_id), clinic) for s in steps)
    passages = tuple(chat_listing(store, clinic, viewer_chat_id=viewer_chat_id))
    return Review(clinic, session_at, tuple(steps), passages, whens)


def sent_at(review: Review, step: PreviewStep) -> str:
    """When the step goes out for the sample session, clinic time."""
    return f"{step.planned.due_at.astimezone(review.clinic.zone):%a %d %b %H:%M}"


def telegram_messages(review: Review) -> list[str]:
    """The review as Telegram HTML messages: the introduction, the steps, the passages, the
    closing line (the caller adds the Approve button under the last one)."""
    clinic = review.clinic
    when = f"{review.session_at:%a %d %b %Y %H:%M}"
    intro = words.intro(clinic.name, len(review.steps), when, SAMPLE_FIRST_NAME)
    steps = zip(review.steps, review.whens, strict=True)
    blocks = [_esc(intro), *(_step_block(review, step, after) for step, after in steps)]
    messages = _packed(blocks) + [_esc(text) for text in review.passages]
    if review.approved:
        approved = f"{clinic.approved_at.astimezone(clinic.zone):%d %b %Y %H:%M}"
        messages.append(_esc(words.approved_on(clinic.name, approved)))
    else:
        messages.append(_esc(words.closing(clinic.name)))
    return messages


def _step_block(review: Review, step: PreviewStep, after: str) -> str:
    heading = words.step_heading(step.planned.step_id, f"{after} · {sent_at(review, step)}")
    lines = [f"<b>{_esc(heading)}</b>", step.message.text]
    labels = [button.text for button in step.message.buttons]
    if labels:
        lines.append(_esc(words.buttons(labels)))
    documents = list(dict.fromkeys(cited(source.doc) for source in step.message.sources))
    if documents:
        lines.append(f"<i>{_esc(words.sources(documents))}</i>")
    return "\n".join(lines)


def _packed(blocks: list[str]) -> list[str]:
    """Blocks joined into messages of at most MAX_MESSAGE characters; a block is never split."""
    sep = "\n\n"
    messages: list[str] = []
    for block in blocks:
        if messages and len(messages[-1]) + len(sep) + len(block) <= MAX_MESSAGE:
            messages[-1] += sep + block
        else:
            messages.append(block)
    return messages


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
