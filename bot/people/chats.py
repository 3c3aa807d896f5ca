"""Private chats only: invites, links and patient features work in a private chat with the bot.

A group that writes to the bot (or adds it) is told so once and then left alone; a channel
gets no reply at all. Groups that joined as staff or signed up as a patient before this rule
were revoked by migration m012 (`bot/store/migrations.py`); each is told once, at start-up or
when it next writes, whichever comes first.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.store import Store
from bot.wording.patients import general
from bot.wording.staff import team

log = logging.getLogger(__name__)


def _notice(revoked: str | None) -> str:
    if revoked == "staff":
        return team.GROUP_STAFF_REVOKED
    if revoked == "patient":
        return general.GROUP_PATIENT_REVOKED
    return general.PRIVATE_CHATS_ONLY


def group_notice(store: Store, chat_id: int, now: datetime) -> str | None:
    """What to tell a group that wrote to the bot: the notice the first time (what it lost, if
    it was revoked), None ever after."""
    untold, revoked = store.group_chats.untold(chat_id)
    if not untold or not store.group_chats.mark_told(chat_id, now):
        return None
    log.info("group_told group=%s revoked=%s", chat_id, revoked)
    return _notice(revoked)


def revoked_notices(store: Store, now: datetime) -> list[tuple[int, str]]:
    """At start-up: (chat id, notice) for every revoked group not told yet, each marked told
    (at most once: a group the bot can no longer reach is not retried)."""
    notices = []
    for chat_id, revoked in store.group_chats.revoked_untold():
        if store.group_chats.mark_told(chat_id, now):
            notices.append((chat_id, _notice(revoked)))
    return notices
