"""What the handler modules share: the services, the staff check, and sending the messages a
domain function returned (draft replies with their buttons, escalation alerts).

The one module handlers import from each other; it holds no handler of its own. Handlers
reach the store only through `services.db` (`bot.store.worker`): `await s.db(fn, s.store,
...)` for a call that may write, `await s.db.read(...)` for one that only reads.
"""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.inbox.drafts import Draft, Reply
from bot.inbox.escalation import AlertSender
from bot.services import Services
from bot.store import Store
from bot.store.clinics import Clinic
from bot.wording.staff import alerts, team

log = logging.getLogger(__name__)

# Keeps a booking link in a preview from unfurling into a card below the message.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


async def staff_clinic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Clinic | None:
    """The staff member's clinic; anyone else is told the command is for staff, and gets None."""
    s = services(context)
    chat_id = update.effective_chat.id
    clinic = await s.db.read(clinic_of_staff, s.store, chat_id)
    if clinic is None:
        log.info("staff_command_refused chat=%s", chat_id)
        await update.effective_message.reply_text(team.STAFF_ONLY)
    return clinic


def clinic_of_staff(store: Store, chat_id: int) -> Clinic | None:
    """The clinic this chat is staff of, or None."""
    clinic_id = store.staff.clinic_of(chat_id)
    return None if clinic_id is None else store.clinics.get(clinic_id)


def draft_keyboard(reply: Reply, draft: Draft | None) -> InlineKeyboardMarkup | None:
    cancel = InlineKeyboardButton(team.CANCEL_BUTTON, callback_data="draft:cancel")
    if reply.buttons == "cancel":
        return InlineKeyboardMarkup([[cancel]])
    if reply.buttons == "save" and draft is not None:
        save = InlineKeyboardButton(team.SAVE_BUTTON, callback_data=f"draft:save:{draft.nonce}")
        return InlineKeyboardMarkup([[save, cancel]])
    return None


async def send_replies(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Reply], draft: Draft | None
) -> None:
    """A draft's messages, in order, with its Cancel or Save buttons."""
    for reply in replies:
        await context.bot.send_message(
            chat_id,
            reply.text,
            parse_mode=ParseMode.HTML if reply.html else None,
            reply_markup=draft_keyboard(reply, draft),
            link_preview_options=NO_PREVIEW,
        )


def alert_sender(bot: Bot) -> AlertSender:
    """Sends an escalation's alert to one staff chat with its Reply button; a chat Telegram
    refuses is logged (ids and the error's name) and counts as not reached."""

    async def send(chat_id: int, text: str, escalation_id: int) -> int | None:
        keyboard = InlineKeyboardMarkup(
            [[InlineKeyboardButton(alerts.REPLY_BUTTON, callback_data=f"reply:{escalation_id}")]]
        )
        try:
            sent = await bot.send_message(chat_id, text, reply_markup=keyboard)
        except TelegramError as error:
            log.warning(
                "escalation_forward_failed escalation=%s chat=%s error=%s",
                escalation_id,
                chat_id,
                type(error).__name__,
            )
            return None
        return sent.message_id

    return send
