"""Free text from patients: the FAQ answers, and the staff inbox hears what it cannot; edited
messages are checked again for a red flag, never answered twice.

`bot.faq.questions` decides what the patient hears and in which order; `bot.inbox.escalation`
records the escalations and alerts the staff chats. This handler only sends (`common.tell`).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.faq.questions import handle_edit, handle_message
from bot.telegram.handlers.common import services, tell


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    message = update.effective_message
    outcome = await s.db(
        handle_message,
        s.store,
        s.faq,
        update.effective_chat.id,
        message.text,
        s.clock.now(),
        message_id=message.message_id,
    )
    await tell(update, context, outcome)


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited text or photo caption: a red flag it adds is escalated once per message;
    nothing else is answered again. (An edited text that reads as STOP goes to `optout.stop`
    instead.)"""
    s = services(context)
    message = update.effective_message
    words = message.text or message.caption or ""
    outcome = await s.db(
        handle_edit, s.store, update.effective_chat.id, message.message_id, words, s.clock.now()
    )
    await tell(update, context, outcome)
