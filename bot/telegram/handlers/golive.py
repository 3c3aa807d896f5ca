"""/review: the go-live review an admin reads before the clinic's first patient, ending with an
Approve button (`golive:approve`). Until it is approved, /enroll says what is missing."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.inbox import review
from bot.people import golive
from bot.telegram.handlers.common import NO_PREVIEW, admin_clinic, services
from bot.wording.staff import review as words

log = logging.getLogger(__name__)
APPROVE = InlineKeyboardMarkup(
    [[InlineKeyboardButton(words.APPROVE_BUTTON, callback_data="golive:approve")]]
)


async def review_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    s = services(context)
    chat_id = update.effective_chat.id
    found = await s.db.read(
        review.build, s.store, s.timeline(), clinic, s.clock.now(), viewer_chat_id=chat_id
    )
    messages = review.telegram_messages(found)
    for i, text in enumerate(messages):
        last = i == len(messages) - 1
        await context.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=APPROVE if last and not found.approved else None,
        )


async def approve_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Approve tapped under the review: admins only, checked again now."""
    await update.callback_query.answer()
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    s = services(context)
    chat_id = update.effective_chat.id
    text = await s.db(golive.approve, s.store, clinic, author=f"staff:{chat_id}", now=s.clock.now())
    try:
        await update.callback_query.edit_message_reply_markup(reply_markup=None)
    except BadRequest:  # the button is already gone (a second tap)
        log.info("review_button_not_dropped staff_chat=%s", chat_id)
    await context.bot.send_message(chat_id, text)
