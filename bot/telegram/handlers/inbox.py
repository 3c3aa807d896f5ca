"""The escalation inbox in Telegram: alerts to staff chats with a Reply button, and the relay
of a staff member's answer back to the patient.

The FAQ wiring calls `forward_to_staff` after `bot.escalation.open_escalation`.
"""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.inbox import escalation as inbox
from bot.people.outcomes import Refused
from bot.services import Services
from bot.store.escalations import Escalation
from bot.store.patients import Patient
from bot.telegram.handlers import services
from bot.wording.patients import answers
from bot.wording.staff import alerts

log = logging.getLogger(__name__)

# Runs before every default-group handler, so a staff reply never reaches the FAQ or fallbacks.
RELAY_GROUP = -1


async def forward_to_staff(
    bot: Bot, services: Services, escalation: Escalation, patient: Patient | None = None
) -> int:
    """Send the alert to every staff chat of the clinic; returns how many chats it reached.

    One chat at a time rather than gathered, to stay clear of Telegram's flood limits.
    `patient` is accepted for the caller's convenience; the alert reads the stored row.
    """
    store = services.store
    text = inbox.alert_text(store, escalation)
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(alerts.REPLY_BUTTON, callback_data=f"reply:{escalation.id}")]]
    )
    reached = 0
    for chat_id in inbox.staff_chats(store, escalation):
        try:
            sent = await bot.send_message(chat_id, text, reply_markup=keyboard)
        except TelegramError as error:
            log.warning(
                "escalation_forward_failed escalation=%s chat=%s error=%s",
                escalation.id,
                chat_id,
                type(error).__name__,
            )
            continue
        inbox.record_forward(store, escalation, chat_id=chat_id, message_id=sent.message_id)
        reached += 1
    if reached == 0:
        inbox.record_unforwarded(store, escalation, services.clock.now())
    log.info("escalation_forwarded escalation=%s reached=%s", escalation.id, reached)
    return reached


async def reply_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    query = update.callback_query
    await query.answer()
    chat_id = update.effective_chat.id
    if query.data == "reply:cancel":
        inbox.cancel_reply(s.store, staff_chat=chat_id)
        await context.bot.send_message(chat_id, alerts.REPLY_CANCELLED)
        return
    target = inbox.begin_reply(s.store, staff_chat=chat_id, escalation_id=int(query.data[6:]))
    if isinstance(target, Refused):
        await context.bot.send_message(chat_id, target.message)
        return
    cancel = InlineKeyboardMarkup(
        [[InlineKeyboardButton(alerts.REPLY_CANCEL_BUTTON, callback_data="reply:cancel")]]
    )
    await context.bot.send_message(
        chat_id, alerts.reply_prompt(target.patient.first_name), reply_markup=cancel
    )


async def relay_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A staff text that answers an escalation goes to the patient; any other text passes on."""
    s = services(context)
    message = update.effective_message
    chat_id = update.effective_chat.id
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    escalation_id = inbox.pending_reply(s.store, staff_chat=chat_id, reply_to_message_id=replied)
    if escalation_id is None:
        return
    target = inbox.reply_target(s.store, staff_chat=chat_id, escalation_id=escalation_id)
    if isinstance(target, Refused):
        inbox.cancel_reply(s.store, staff_chat=chat_id)
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
            "escalation_reply_failed escalation=%s error=%s", escalation_id, type(error).__name__
        )
        inbox.cancel_reply(s.store, staff_chat=chat_id)
        await message.reply_text(alerts.REPLY_FAILED)
        raise ApplicationHandlerStop from None
    inbox.mark_replied(s.store, target, staff_chat=chat_id, now=s.clock.now())
    await message.reply_text(alerts.reply_sent(target.patient.first_name))
    raise ApplicationHandlerStop


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(reply_button, pattern=r"^reply:(\d{1,18}|cancel)$"))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, relay_reply), group=RELAY_GROUP)
