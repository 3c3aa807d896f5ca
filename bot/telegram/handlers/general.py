"""Handlers every user meets: /start without a payload, /help, unknown commands, errors."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.store import Store
from bot.telegram.handlers.common import services
from bot.wording.patients import general
from bot.wording.staff import team

log = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(general.WELCOME)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff, patients and strangers each get the help that fits them."""
    s = services(context)
    text = await s.db.read(_help_for, s.store, update.effective_chat.id)
    await update.effective_message.reply_text(text)


def _help_for(store: Store, chat_id: int) -> str:
    member = store.staff.member(chat_id)
    if member is not None:
        return team.HELP if member.admin else team.STAFF_HELP
    if store.patients.by_chat(chat_id) is not None:
        return general.PATIENT_HELP
    return general.HELP


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.info("unknown_command")
    await update.effective_message.reply_text(general.UNKNOWN_COMMAND)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A location, contact, poll and the like: the bot reads typed text (photos and other
    attachments have handlers of their own, `media`)."""
    log.info("non_text_message")
    await update.effective_message.reply_text(general.TEXT_ONLY)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first (ids only, never the message text), then tell the user something went wrong."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("handler_error update=%s", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id, general.ERROR)
        except Exception:  # the error reply is best effort; the cause is logged above
            log.warning("error_reply_failed update=%s", update_id)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button nobody handles any more (an old keyboard, a forgotten patient): say so, so the
    button does not spin forever."""
    log.info("stale_button")
    await update.callback_query.answer(general.BUTTON_EXPIRED, show_alert=True)
