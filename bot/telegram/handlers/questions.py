"""Free text from patients: the FAQ answers, and the staff inbox hears what it cannot.

`bot.faq.questions` decides what the patient hears and in which order; `bot.inbox.escalation`
records the escalation and alerts the staff chats. This handler only sends.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.faq.questions import handle_message
from bot.inbox.escalation import escalate
from bot.telegram.handlers.common import alert_sender, services


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    message = update.effective_message
    outcome = await s.db(
        handle_message, s.store, s.faq, update.effective_chat.id, message.text, s.clock.now()
    )
    for text in outcome.first:
        await message.reply_text(text, parse_mode=ParseMode.HTML)
    if outcome.escalate is None:
        return
    reached = await escalate(
        s.db, outcome.escalate, send=alert_sender(context.bot), now=s.clock.now()
    )
    note = outcome.if_reached if reached else outcome.if_not_reached
    await message.reply_text(note, parse_mode=ParseMode.HTML)
    for text in outcome.after:
        await message.reply_text(text, parse_mode=ParseMode.HTML)
