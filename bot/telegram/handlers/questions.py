"""Free text from patients: the FAQ answers, and the staff inbox hears what it cannot.

`bot.faq.questions` decides what the patient hears and in which order; `bot.inbox.escalation`
records the escalation and alerts the staff chats. This handler only sends (`common.tell`).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.faq.questions import handle_message
from bot.telegram.handlers.common import services, tell


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    message = update.effective_message
    outcome = await s.db(
        handle_message, s.store, s.faq, update.effective_chat.id, message.text, s.clock.now()
    )
    await tell(update, context, outcome)
