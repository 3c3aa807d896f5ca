"""What a staff chat is in the middle of writing: a step's new wording or a FAQ entry.

One draft per chat, kept in the chat's in-memory data: starting another replaces it, and it
lapses after `DRAFT_TTL` so a text written much later is not taken for a forgotten draft. A
restart drops drafts; nothing is saved until staff tap Save.
"""

from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from bot.inbox import escalation
from bot.store import Store

DRAFT_TTL = timedelta(minutes=30)
_KEY = "staff_draft"

Kind = Literal["edit", "faq"]
# edit: text -> confirm; faq: question -> answer -> confirm
Stage = Literal["text", "question", "answer", "confirm"]


@dataclass
class Draft:
    kind: Kind
    clinic_id: int
    stage: Stage
    updated_at: datetime
    step_id: str = ""
    question: str = ""
    text: str = ""  # the step's new wording, or the FAQ entry's answer
    # Names the preview on screen, so a Save tapped on an older preview saves nothing.
    nonce: str = field(default_factory=lambda: secrets.token_hex(4))

    def expired(self, now: datetime) -> bool:
        return now - self.updated_at > DRAFT_TTL

    def show(self, now: datetime) -> None:
        """A preview is on screen: from now on only its Save button saves this draft."""
        self.move("confirm", now)

    def move(self, stage: Stage, now: datetime) -> None:
        """Go to `stage`; any preview shown before can no longer be saved."""
        self.stage = stage
        self.nonce = secrets.token_hex(4)
        self.updated_at = now


@dataclass(frozen=True)
class Reply:
    """One message to send back to a staff chat, with the draft's buttons if any."""

    text: str
    html: bool = False
    buttons: Literal["", "cancel", "save"] = ""  # "save": Save and Cancel


def begin(store: Store, chat_data: MutableMapping[str, Any], chat_id: int, draft: Draft) -> None:
    """Start a draft in this chat; an inbox reply the chat had begun is dropped (newest wins)."""
    escalation.cancel_reply(store, staff_chat=chat_id)
    chat_data[_KEY] = draft


def pending(chat_data: MutableMapping[str, Any], now: datetime) -> Draft | None:
    """The chat's open draft, or None (an expired draft is dropped here)."""
    draft = chat_data.get(_KEY)
    if draft is not None and draft.expired(now):
        del chat_data[_KEY]
        return None
    return draft


def finish(chat_data: MutableMapping[str, Any]) -> Draft | None:
    """Close the chat's draft (saved, cancelled or superseded); returns it if there was one."""
    return chat_data.pop(_KEY, None)
