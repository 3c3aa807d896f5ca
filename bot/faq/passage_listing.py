"""The guide's passages as a staff chat sees them: /passages, and what /passage off|on says.

The listing groups passages by document and states the clinic's choice for each; it is cut
into several messages when it would not fit one Telegram message.
"""

from __future__ import annotations

from bot.faq import passages
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.content import author_chat
from bot.wording.staff import passages as words
from bot.wording.staff import team
from content.seeds import load_passages

MESSAGE_BUDGET = 3500  # characters per message, under Telegram's 4096


def chat_listing(store: Store, clinic: Clinic, *, viewer_chat_id: int) -> list[str]:
    """/passages: every passage with its id, state and start, under its document's title;
    who switched it and when for those ever switched. One or more messages, in order."""
    latest = store.passage_switches.latest_for_clinic(clinic.id)
    all_passages = load_passages()
    lines = [words.listing_heading(clinic.name)]
    doc = None
    for passage in all_passages:
        if passage.doc != doc:
            doc = passage.doc
            title = passages.document_title(doc)
            lines += ["", words.document_heading(doc.split("_")[0], title)]
        change = latest.get(passage.id)
        changed = ""
        if change is not None:
            who = team.author(author_chat(change.author), viewer_chat_id)
            if who == "unknown":
                who = change.author  # switched from the command line: its --author
            changed = words.changed_by(
                who, f"{change.created_at.astimezone(clinic.zone):%d %b %Y %H:%M}"
            )
        state = change.state if change else "on"
        lines.append(
            words.passage_line(
                passages.short_id(passage), state, passages.start_of(passage.text), changed
            )
        )
    lines += ["", words.LISTING_FOOTER]
    return _messages(lines)


def _messages(lines: list[str]) -> list[str]:
    """Lines packed into messages of at most MESSAGE_BUDGET characters, cut between lines
    (before a document's heading when one is near)."""
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and len("\n".join([*current, line])) > MESSAGE_BUDGET:
            out.append("\n".join(current).strip())
            current = []
        current.append(line)
    if current:
        out.append("\n".join(current).strip())
    return out


def switched_in_chat(
    store: Store, clinic: Clinic, outcome: passages.SwitchOutcome, ref: str
) -> str:
    """What a staff chat hears after /passage off|on: the outcome, a bad id told what to send,
    and, after switching off, the aftercare messages that still quote the passage."""
    if outcome.problem == "passage":
        return words.unknown_passage_in_chat(ref)
    if not outcome.ok:
        return outcome.message
    lines = [outcome.message]
    if outcome.changed:
        lines += [
            words.step_still_quotes(step_id)
            for step_id, _version, passage in passages.steps_quoting_off(store, clinic.id)
            if passage.id == outcome.passage_id
        ]
    return "\n".join(lines)
