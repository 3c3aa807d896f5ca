"""What staff read about a clinic's settings: the overview /settings shows (with the recent
audited changes) and the reply to a change."""

from __future__ import annotations

from bot.people.clinic_settings import SettingsChanged, shown
from bot.people.setting_fields import BY_KEY, FIELDS
from bot.store import Store
from bot.store.clinics import Clinic
from bot.store.content import author_chat
from bot.wording.staff import settings as words
from bot.wording.staff import team

RECENT = 5


def who(author: str, viewer_chat_id: int | None) -> str:
    """An audit row's author for the viewer: "you", "staff chat 42" or "the command line"."""
    chat = author_chat(author)
    if chat is None:
        return "the command line" if author == "cli" else (author or "unknown")
    return team.author(chat, viewer_chat_id if viewer_chat_id is not None else 0)


def overview(
    store: Store, clinic: Clinic, *, viewer_chat_id: int | None, footer: str = words.USAGE
) -> str:
    """Every setting with its value, the newest audited changes, and `footer` (how to change
    one: /settings by default)."""
    lines = [words.heading(clinic.name)]
    lines += [
        words.setting_line(field.key, shown(clinic, field.key), words.NOTES.get(field.key, ""))
        for field in FIELDS
    ]
    changes = store.clinic_changes.newest(clinic.id, limit=RECENT)
    if changes:
        lines += ["", words.CHANGES_HEADING]
        for change in changes:
            when = f"{change.at.astimezone(clinic.zone):%d %b %Y %H:%M}"
            field = BY_KEY[change.field].label if change.field in BY_KEY else change.field
            author = who(change.author, viewer_chat_id)
            lines.append(words.change_line(when, field, change.old, change.new, author))
    return "\n".join([*lines, "", footer])


def reply(changed: SettingsChanged) -> str:
    """What a change did, for the one who made it."""
    if not changed.changes:
        return words.SAME
    lines = [words.change_text(c.field, c.old, c.new) for c in changed.changes]
    replans = any(BY_KEY[c.key].replans for c in changed.changes)
    return words.changed(lines, changed.moved, replans)
