"""Everything that comes from outside a private chat, in one place: the bot works in private
chats only. A group (or supergroup) is told so once and then ignored; a channel gets no reply.

`outside_private_chats` runs first for every update from such a chat and stops it there
(see `bot/telegram/routing.py`), so no other handler ever sees a group.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from bot.people import chats
from bot.services import Services
from bot.telegram.handlers.common import services as services_of

log = logging.getLogger(__name__)


async def outside_private_chats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    services = services_of(context)
    if update.callback_query is not None:
        try:  # a button left in a group from before: stop its spinner, say nothing
            await update.callback_query.answer()
        except BadRequest:
            log.info("group_button_not_acknowledged group=%s", chat.id)
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        notice = await services.db(
            chats.group_notice, services.store, chat.id, services.clock.now()
        )
        if notice is not None:
            await _tell(context.bot, chat.id, notice)
    else:
        log.info("channel_update_ignored channel=%s", chat.id)
    raise ApplicationHandlerStop


async def announce_revocations(app: Application) -> None:
    """At start-up: tell each group revoked by the private-chats-only rule, once."""
    services: Services = app.bot_data["services"]
    notices = await services.db(chats.revoked_notices, services.store, services.clock.now())
    for chat_id, notice in notices:
        await _tell(app.bot, chat_id, notice)


async def _tell(bot, chat_id: int, text: str) -> None:
    try:
        await bot.send_message(chat_id, text)
    except TelegramError as error:  # removed from the group meanwhile: nothing more to say
        log.info("group_notice_failed group=%s error=%s", chat_id, type(error).__name__)
