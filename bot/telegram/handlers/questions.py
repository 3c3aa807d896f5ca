"""Free text from patients: the FAQ answers, and the staff inbox hears what it cannot."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.faq.questions import handle_message, staff_note
from bot.telegram.handlers import services
from bot.telegram.handlers.inbox import forward_to_staff


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    outcome = handle_message(
        s.store, s.faq(), update.effective_chat.id, update.effective_message.text, s.clock.now()
    )
    message = update.effective_message
    html = outcome.reply_html or escape(outcome.reply, quote=False)
    if outcome.escalation is None:
        await message.reply_text(html, parse_mode=ParseMode.HTML)
        return
    if outcome.kind == "urgent":
        # The patient hears "call the clinic now" before anything else happens; whether the
        # team was alerted follows once it is known, then the message's other parts.
        await message.reply_text(html, parse_mode=ParseMode.HTML)
        reached = await forward_to_staff(context.bot, s, outcome.escalation, outcome.patient)
        await message.reply_text(staff_note(outcome, reached))
        if outcome.follow_up_html:
            await message.reply_text(outcome.follow_up_html, parse_mode=ParseMode.HTML)
        return
    reached = await forward_to_staff(context.bot, s, outcome.escalation, outcome.patient)
    note = escape(staff_note(outcome, reached), quote=False)
    await message.reply_text(f"{html}\n\n{note}", parse_mode=ParseMode.HTML)


def register(app: Application) -> None:
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, question))
