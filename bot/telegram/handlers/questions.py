"""Free text from patients: the FAQ answers, and the staff inbox hears what it cannot; edited
messages are checked again for a red flag, never answered twice.

`bot.faq.questions` decides what the patient hears and in which order; `bot.inbox.escalation`
records the escalations and alerts the staff chats. This handler only sends.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.faq.questions import Outcome, handle_edit, handle_message
from bot.inbox.escalation import escalate_all
from bot.telegram.handlers.common import alert_sender, services


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    message = update.effective_message
    outcome = handle_message(
        s.store,
        s.faq,
        update.effective_chat.id,
        message.text,
        s.clock.now(),
        message_id=message.message_id,
    )
    await _tell(update, context, outcome)


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited text: a red flag it adds is escalated once per message; nothing else is
    answered again. (An edit that reads as STOP goes to `optout.stop` instead.)"""
    s = services(context)
    message = update.effective_message
    outcome = handle_edit(
        s.store, update.effective_chat.id, message.message_id, message.text, s.clock.now()
    )
    await _tell(update, context, outcome)


async def _tell(update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: Outcome) -> None:
    s = services(context)
    chat_id = update.effective_chat.id
    for text in outcome.first:
        await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
    if not outcome.escalations:
        return
    reached = await escalate_all(
        s.store, outcome.escalations, send=alert_sender(context.bot), now=s.clock.now()
    )
    note = outcome.if_reached if reached else outcome.if_not_reached
    await context.bot.send_message(chat_id, note, parse_mode=ParseMode.HTML)
    for text in outcome.after:
        await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
