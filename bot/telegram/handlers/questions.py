"""Free text from patients: the FAQ answers, and the staff inbox hears what it cannot."""

from __future__ import annotations

from telegram import Update
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
    if outcome.escalation is None:
        await message.reply_text(outcome.reply)
        return
    if outcome.kind == "urgent":
        # The patient hears "call the clinic now" before anything else happens; whether the
        # team was alerted follows once it is known.
        await message.reply_text(outcome.reply)
        reached = await forward_to_staff(context.bot, s, outcome.escalation, outcome.patient)
        await message.reply_text(staff_note(outcome, reached))
        return
    reached = await forward_to_staff(context.bot, s, outcome.escalation, outcome.patient)
    await message.reply_text(f"{outcome.reply}\n\n{staff_note(outcome, reached)}")


def register(app: Application) -> None:
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, question))
