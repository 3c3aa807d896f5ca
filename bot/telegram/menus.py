"""The staff command menu of one chat: set when someone joins a clinic's team (admins see more
commands), deleted when they leave or are removed, so it goes at once.

Telegram keeps a menu per chat scope (`BotCommandScopeChat`); deleting that scope's commands
brings back the default menu every chat has. A member removed while the bot was not running
(`aftercare staff remove`) loses the menu at the next start-up or at their next command.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.services import Services
from bot.wording.staff import team

log = logging.getLogger(__name__)


async def show_staff_menu(bot: Bot, chat_id: int, *, admin: bool) -> None:
    """Staff see their commands in this chat's menu; patients never see them."""
    names = team.ADMIN_COMMANDS if admin else team.COMMANDS
    commands = [BotCommand(name, text) for name, text in names]
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))
    except TelegramError:  # the menu is a convenience; /help lists the same commands
        log.warning("staff_menu_failed staff_chat=%s", chat_id)


async def clear_staff_menu(bot: Bot, services: Services, chat_id: int) -> bool:
    """Back to the default menu for a chat that left its team; True when Telegram took it."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as error:
        log.warning("staff_menu_not_cleared staff_chat=%s error=%s", chat_id, type(error).__name__)
        return False
    await services.db(services.store.staff.menu_cleared, chat_id, services.clock.now())
    log.info("staff_menu_cleared staff_chat=%s", chat_id)
    return True


async def clear_left_menus(bot: Bot, services: Services) -> int:
    """At start-up: clear the menu of every chat that left a team since it was last cleared."""
    cleared = 0
    for chat_id in await services.db.read(services.store.staff.menus_to_clear):
        cleared += await clear_staff_menu(bot, services, chat_id)
    return cleared
