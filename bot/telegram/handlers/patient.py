"""Patients' consent buttons and /forget (with its confirmation)."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.people import enrollment, privacy
from bot.people.outcomes import Accepted, AlreadyEnrolled, Declined, Refused
from bot.telegram.handlers.common import alert_editor, services
from bot.wording.patients import joining, leaving

log = logging.getLogger(__name__)

FORGET_KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton(leaving.FORGET_YES, callback_data="forget:yes"),
            InlineKeyboardButton(leaving.FORGET_NO, callback_data="forget:no"),
        ]
    ]
)


async def _close_question(update: Update, note: str) -> None:
    """Keep the question's text, drop its buttons, and say what was chosen."""
    query = update.callback_query
    # An old message can come back as inaccessible, without text.
    original = getattr(query.message, "text", None)
    try:
        await query.edit_message_text(f"{original}\n\n{note}" if original else note)
    except BadRequest:  # the message is gone or already closed; the reply below still says it
        log.info("question_not_closed")


async def consent_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    query = update.callback_query
    await query.answer()
    _, choice, token = query.data.split(":", 2)
    chat_id = update.effective_chat.id
    now = s.clock.now()
    if choice == "yes":
        outcome = await s.db(enrollment.accept, s.store, token, chat_id, now, plan=s.plan_timeline)
    else:
        outcome = await s.db(enrollment.decline, s.store, token, chat_id, now)
    if isinstance(outcome, Refused):
        await context.bot.send_message(chat_id, outcome.message)
    elif isinstance(outcome, AlreadyEnrolled):
        await _close_question(update, joining.CHOICE_RECORDED_YES)
        await context.bot.send_message(
            chat_id, joining.already_signed_up(outcome.clinic.name, outcome.patient.status)
        )
    elif isinstance(outcome, Accepted):
        await _close_question(update, joining.CHOICE_RECORDED_YES)
        await context.bot.send_message(
            chat_id, joining.consented(outcome.clinic.name, outcome.clinic.phone)
        )
    elif isinstance(outcome, Declined):
        await _close_question(update, joining.CHOICE_RECORDED_NO)
        await context.bot.send_message(chat_id, joining.declined(outcome.clinic.name))


async def forget_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    if not await s.db.read(s.store.patients.ids_of_chat, update.effective_chat.id):
        await update.effective_message.reply_text(leaving.FORGET_NOTHING)
        return
    await update.effective_message.reply_text(leaving.FORGET_CONFIRM, reply_markup=FORGET_KEYBOARD)


async def forget_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    query = update.callback_query
    await query.answer()
    chat_id = update.effective_chat.id
    if query.data != "forget:yes":
        await query.edit_message_text(leaving.FORGET_KEPT)
        return
    # `forget` runs its own transaction, then empties the write-ahead log: not inside another.
    erased = await s.db.read(privacy.forget, s.store, chat_id, s.clock.now())
    await query.edit_message_text(leaving.FORGOTTEN if erased else leaving.FORGET_NOTHING)
    if erased:  # the staff alerts that carried their name and words
        await privacy.redact_alerts(s.db, alert_editor(context.bot))
