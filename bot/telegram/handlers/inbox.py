"""The escalation inbox in Telegram: the buttons under an alert (I'll take it, Reply, Close),
/inbox and /close, and the relay of a staff member's answer back to the patient. The alerts
themselves go out through `common.alert_sender`, called by `bot.inbox.escalation`; every
change of an escalation's state edits its alerts through `common.alert_status_editor`.

`relay_reply` runs in a group ahead of the free text (see `bot/telegram/routing.py`), so a
staff reply never reaches the FAQ or the fallbacks.
"""

from __future__ import annotations

import logging
from functools import partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.inbox import escalation as inbox
from bot.inbox import learning, lifecycle
from bot.people.outcomes import Refused
from bot.store import Store
from bot.telegram.handlers.common import (
    alert_status_editor,
    learn_keyboard,
    proposal_sender,
    services,
    staff_clinic,
)
from bot.wording.patients import answers
from bot.wording.staff import alerts

log = logging.getLogger(__name__)


async def reply_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    query = update.callback_query
    await query.answer()
    chat_id = update.effective_chat.id
    if query.data == "reply:cancel":
        await s.db(inbox.cancel_reply, s.store, staff_chat=chat_id)
        await context.bot.send_message(chat_id, alerts.REPLY_CANCELLED)
        return
    target = await lifecycle.reply_tapped(
        s.db,
        staff_chat=chat_id,
        escalation_id=int(query.data[6:]),
        edit=alert_status_editor(context.bot),
        now=s.clock.now(),
    )
    if isinstance(target, Refused):
        await context.bot.send_message(chat_id, target.message)
        return
    cancel = InlineKeyboardMarkup(
        [[InlineKeyboardButton(alerts.REPLY_CANCEL_BUTTON, callback_data="reply:cancel")]]
    )
    await context.bot.send_message(
        chat_id, alerts.reply_prompt(target.patient.first_name), reply_markup=cancel
    )


async def alert_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """I'll take it (`take:<id>`) or Close (`close:<id>`, without a note) under an alert:
    either shows on every alert of the escalation; the member hears the outcome."""
    s = services(context)
    query = update.callback_query
    action, _, number = query.data.partition(":")
    change = lifecycle.take if action == "take" else partial(lifecycle.close, note="")
    said = await change(
        s.db,
        staff_chat=update.effective_chat.id,
        escalation_id=int(number),
        edit=alert_status_editor(context.bot),
        now=s.clock.now(),
    )
    await query.answer(said, show_alert=True)


async def inbox_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic(update, context)
    if clinic is not None:
        s = services(context)
        text = await s.db.read(lifecycle.listing, s.store, clinic.id)
        await update.effective_message.reply_text(text)


async def close_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/close <number> [note]."""
    if await staff_clinic(update, context) is None:
        return
    s = services(context)
    parsed = lifecycle.parse_close(context.args)
    if isinstance(parsed, Refused):
        await update.effective_message.reply_text(parsed.message)
        return
    number, note = parsed
    said = await lifecycle.close(
        s.db,
        staff_chat=update.effective_chat.id,
        escalation_id=number,
        note=note,
        edit=alert_status_editor(context.bot),
        now=s.clock.now(),
    )
    await update.effective_message.reply_text(said)


async def relay_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A staff text that answers an escalation goes to the patient; any other text passes on."""
    s = services(context)
    chat_id = update.effective_chat.id
    message = update.effective_message
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    # Alerts only ever go to staff chats, and a member who left the team has no pending reply:
    # a patient's text passes on to the FAQ without a trip through the inbox.
    target = await s.db.read(_reply_target, s.store, chat_id, replied)
    if target is None:
        return
    if isinstance(target, Refused):
        await s.db(inbox.cancel_reply, s.store, staff_chat=chat_id)
        await message.reply_text(target.message)
        raise ApplicationHandlerStop
    text = answers.relayed_to_patient(target.clinic.name, message.text)
    if len(text) > MessageLimit.MAX_TEXT_LENGTH:
        await message.reply_text(alerts.REPLY_TOO_LONG)
        raise ApplicationHandlerStop
    try:
        await context.bot.send_message(target.patient.chat_id, text)
    except TelegramError as error:
        log.warning(
            "escalation_reply_failed escalation=%s error=%s",
            target.escalation.id,
            type(error).__name__,
        )
        await s.db(inbox.cancel_reply, s.store, staff_chat=chat_id)
        await message.reply_text(alerts.REPLY_FAILED)
        raise ApplicationHandlerStop from None
    first = await lifecycle.answered(
        s.db,
        target,
        staff_chat=chat_id,
        answer=message.text,
        edit=alert_status_editor(context.bot),
        now=s.clock.now(),
    )
    number = target.escalation.id
    offer = first and await s.db.read(learning.offered_to, s.store, number, chat_id)
    await message.reply_text(
        alerts.reply_sent(target.patient.first_name),
        reply_markup=learn_keyboard(number) if offer else None,
    )
    if first:
        await lifecycle.offer_entry(s.db, number, propose=proposal_sender(context.bot))
    raise ApplicationHandlerStop


def _reply_target(
    store: Store, chat_id: int, replied: int | None
) -> inbox.ReplyTarget | Refused | None:
    """Whom a staff chat's text answers (or why it may not), None when it answers nothing."""
    if store.staff.clinic_of(chat_id) is None:
        return None
    escalation_id = inbox.pending_reply(store, staff_chat=chat_id, reply_to_message_id=replied)
    if escalation_id is None:
        return None
    return inbox.reply_target(store, staff_chat=chat_id, escalation_id=escalation_id)
