"""Patients joining and leaving: the consent question answered by button or typed, /forget
(with its confirmation), and blocking or unblocking the bot.

Acknowledging a button is cosmetic (`common.acknowledge`): a press Telegram calls too old is
still recorded and answered.
"""

from __future__ import annotations

import logging

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.delivery import person
from bot.people import consent, enrollment, privacy
from bot.people.outcomes import Accepted, AlreadyEnrolled, Declined, Refused
from bot.telegram.handlers.common import acknowledge, alert_editor, services
from bot.wording.patients import joining, leaving, schedule

log = logging.getLogger(__name__)

FORGET_KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton(leaving.FORGET_YES, callback_data="forget:yes"),
            InlineKeyboardButton(leaving.FORGET_NO, callback_data="forget:no"),
        ]
    ]
)
Answered = Accepted | AlreadyEnrolled | Declined | Refused


async def _close_question(update: Update, note: str) -> None:
    """Keep the question's text, drop its buttons, and say what was chosen."""
    query = update.callback_query
    if query is None:  # a typed answer: the question keeps its buttons, which stay harmless
        return
    # An old message can come back as inaccessible, without text.
    original = getattr(query.message, "text", None)
    try:
        await query.edit_message_text(f"{original}\n\n{note}" if original else note)
    except BadRequest:  # the message is gone or already closed; the reply below still says it
        log.info("question_not_closed")


async def consent_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Yes, I agree" or "No, thanks" under the consent question (`consent:<yes|no>:<token>`)."""
    s = services(context)
    query = update.callback_query
    await acknowledge(query)
    _, choice, token = query.data.split(":", 2)
    chat_id = update.effective_chat.id
    now = s.clock.now()
    if choice == "yes":
        outcome = await s.db(enrollment.accept, s.store, token, chat_id, now, plan=s.plan_timeline)
    else:
        outcome = await s.db(enrollment.decline, s.store, token, chat_id, now)
    await _answered(update, context, outcome)


async def consent_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A typed "yes" or "no" while this chat's consent question is open."""
    s = services(context)
    chat_id = update.effective_chat.id
    text = update.effective_message.text
    outcome = await s.db(
        consent.answer_typed, s.store, chat_id, text, s.clock.now(), plan=s.plan_timeline
    )
    if outcome is None:  # answered meanwhile: nothing open any more
        await update.effective_message.reply_text(joining.LINK_STALE_BUTTON)
        return
    await _answered(update, context, outcome)


async def _answered(update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: Answered) -> None:
    chat_id = update.effective_chat.id
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
    if not await s.db.read(privacy.holds_anything, s.store, update.effective_chat.id):
        await update.effective_message.reply_text(leaving.FORGET_NOTHING)
        return
    await update.effective_message.reply_text(leaving.FORGET_CONFIRM, reply_markup=FORGET_KEYBOARD)


async def forget_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    query = update.callback_query
    await acknowledge(query)
    chat_id = update.effective_chat.id
    if query.data != "forget:yes":
        await _edit_or_send(update, context, leaving.FORGET_KEPT)
        return
    had_anything = await s.db.read(privacy.holds_anything, s.store, chat_id)
    # `forget` runs its own transaction, then empties the write-ahead log: not inside another.
    erased = await s.db.read(privacy.forget, s.store, chat_id, s.clock.now())
    s.outbox_changed()
    await _edit_or_send(
        update, context, leaving.FORGOTTEN if had_anything else leaving.FORGET_NOTHING
    )
    if erased:  # the staff alerts that carried their name and words
        await privacy.redact_alerts(s.db, alert_editor(context.bot))


async def _edit_or_send(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Replace the question with its outcome; if that message is gone, say it anew."""
    try:
        await update.callback_query.edit_message_text(text)
    except BadRequest:
        await context.bot.send_message(update.effective_chat.id, text)


async def membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram's `my_chat_member`: the person blocked the bot (stop sending at once) or
    unblocked it (their messages still ahead come back, and they are told so)."""
    s = services(context)
    change = update.my_chat_member
    chat_id = change.chat.id
    status = change.new_chat_member.status
    if status in (ChatMember.BANNED, ChatMember.LEFT):
        await s.db(person.blocked, s.store, chat_id, s.clock.now())
        s.outbox_changed()
    elif status == ChatMember.MEMBER:
        await welcome_back(update, context)


async def welcome_back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A patient marked unreachable is back (unblocked the bot, or wrote again): restore what is
    still ahead and say so; the message they sent, if any, is then handled as usual."""
    s = services(context)
    chat_id = update.effective_chat.id
    back = await s.db(person.returned, s.store, chat_id, s.clock.now())
    if back is None:
        return
    s.outbox_changed()
    await context.bot.send_message(chat_id, schedule.resumed(back.restored))
