"""A clinic's team in Telegram: /staff (list; an admin's invite and remove) and /leave.

Removal acts at once: the member's staff menu is deleted, an open draft of theirs is dropped,
and from then on they get no alert and no staff command (`bot.people.staff`).
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.inbox import drafts
from bot.people import links
from bot.people import staff as team_of
from bot.people.outcomes import Refused
from bot.store.staff import ADMIN, STAFF
from bot.telegram.handlers.common import admin_clinic, services, staff_clinic
from bot.telegram.menus import clear_staff_menu
from bot.wording.staff import members


async def staff_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/staff` lists the team; `/staff invite [admin]` and `/staff remove <number>` are for
    admins."""
    args = [arg.lower() for arg in context.args[:2]] + context.args[2:]
    if not args:
        clinic = await staff_clinic(update, context)
        if clinic is not None:
            s = services(context)
            text = await s.db.read(
                team_of.listing, s.store, clinic, viewer_chat_id=update.effective_chat.id
            )
            await update.effective_message.reply_text(f"{text}\n\n{members.USAGE}")
        return
    if args[0] == "invite":
        await _invite(update, context, args[1:])
    elif args[0] == "remove":
        await _remove(update, context, args[1:])
    elif await staff_clinic(update, context) is not None:
        await update.effective_message.reply_text(members.USAGE)


async def _invite(update: Update, context: ContextTypes.DEFAULT_TYPE, args: list[str]) -> None:
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    if args not in ([], ["admin"], ["staff"]):
        await update.effective_message.reply_text(members.INVITE_USAGE)
        return
    role = ADMIN if args == ["admin"] else STAFF
    s = services(context)
    invite = await s.db(team_of.invite_staff, s.store, clinic.id, s.clock.now(), role=role)
    expires = f"{invite.expires_at.astimezone(clinic.zone):%d %b %H:%M}"
    link = links.deep_link(s.bot_username, invite.token)
    await update.effective_message.reply_text(members.invited(role, link, expires))


async def _remove(update: Update, context: ContextTypes.DEFAULT_TYPE, args: list[str]) -> None:
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    if len(args) != 1:
        await update.effective_message.reply_text(members.REMOVE_USAGE)
        return
    s = services(context)
    actor = update.effective_chat.id
    outcome = await s.db(
        team_of.remove, s.store, clinic, args[0], by=f"staff:{actor}", now=s.clock.now()
    )
    if isinstance(outcome, Refused):
        await update.effective_message.reply_text(outcome.message)
        return
    await _gone(context, outcome.member.chat_id)
    member = outcome.member
    if member.chat_id != actor:
        await update.effective_message.reply_text(
            members.removed(member.id, member.name, clinic.name)
        )


async def leave_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/leave` asks first; the last admin is told to invite another admin."""
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return
    s = services(context)
    member = await s.db.read(s.store.staff.member, update.effective_chat.id)
    if member.admin and await s.db.read(s.store.staff.admin_count, clinic.id) <= 1:
        await update.effective_message.reply_text(members.LAST_ADMIN_LEAVE)
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(members.LEAVE_BUTTON, callback_data="leave:yes"),
                InlineKeyboardButton(members.STAY_BUTTON, callback_data="leave:no"),
            ]
        ]
    )
    await update.effective_message.reply_text(
        members.confirm_leave(clinic.name), reply_markup=keyboard
    )


async def leave_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    chat_id = update.effective_chat.id
    if query.data == "leave:no":
        await context.bot.send_message(chat_id, members.STAYED)
        return
    s = services(context)
    outcome = await s.db(team_of.leave, s.store, chat_id, s.clock.now())
    if isinstance(outcome, Refused):
        await context.bot.send_message(chat_id, outcome.message)
        return
    await _gone(context, chat_id)
    await context.bot.send_message(chat_id, members.left(outcome.clinic.name))


async def _gone(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    """A chat off its team: its draft is dropped and its staff menu deleted, at once."""
    s = services(context)
    await s.db(drafts.finish, s.store, chat_id)
    await clear_staff_menu(context.bot, s, chat_id)
