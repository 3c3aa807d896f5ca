"""What the handler modules share: the services, the staff check, and sending the messages a
domain function returned (draft replies with their buttons, a patient's replies around an
escalation, the alerts).

The one module handlers import from each other; it holds no handler of its own. Handlers
reach the store only through `services.db` (`bot.store.worker`): `await s.db(fn, s.store,
...)` for a call that may write, `await s.db.read(...)` for one that only reads.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.faq.questions import Outcome
from bot.inbox.drafts import Draft, Reply
from bot.inbox.escalation import AlertSender, escalate
from bot.people.privacy import AlertEditor
from bot.services import Services
from bot.store import Store
from bot.store.clinics import Clinic
from bot.telegram.menus import clear_staff_menu
from bot.wording.staff import alerts, members, team

log = logging.getLogger(__name__)

# Keeps a booking link in a preview from unfurling into a card below the message.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


async def staff_clinic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Clinic | None:
    """The staff member's clinic; anyone else is told the command is for staff, and gets None."""
    s = services(context)
    chat_id = update.effective_chat.id
    clinic, left_team = await s.db.read(_clinic_of_staff, s.store, chat_id)
    if clinic is None:
        log.info("staff_command_refused")
        await update.effective_message.reply_text(team.STAFF_ONLY)
        if left_team:  # left a team: the old menu goes now
            await clear_staff_menu(context.bot, s, chat_id)
    return clinic


def _clinic_of_staff(store: Store, chat_id: int) -> tuple[Clinic | None, bool]:
    """(the clinic this chat is staff of, or None; whether it left a team and still has its
    staff menu)."""
    clinic = clinic_of_staff(store, chat_id)
    return clinic, clinic is None and chat_id in store.staff.menus_to_clear()


def clinic_of_staff(store: Store, chat_id: int) -> Clinic | None:
    """The clinic this chat is staff of, or None."""
    clinic_id = store.staff.clinic_of(chat_id)
    return None if clinic_id is None else store.clinics.get(clinic_id)


async def staff_clinic_with_args(
    update: Update, context: ContextTypes.DEFAULT_TYPE, usage: str, *, count: int | None = None
) -> Clinic | None:
    """`staff_clinic` for a command that needs arguments (exactly `count`, else at least one);
    staff who sent other than that get `usage`, and None."""
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return None
    args = context.args or []
    if (not args) if count is None else len(args) != count:
        await update.effective_message.reply_text(usage)
        return None
    return clinic


async def is_admin(s: Services, chat_id: int) -> bool:
    """True when the chat is one of its clinic's admins now."""
    member = await s.db.read(s.store.staff.member, chat_id)
    return member is not None and member.admin


async def admin_clinic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Clinic | None:
    """The admin's clinic; a member of staff is told only admins may do this, anyone else that
    the command is for staff, and both get None."""
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return None
    if not await is_admin(services(context), update.effective_chat.id):
        log.info("admin_command_refused staff_chat=%s", update.effective_chat.id)
        await update.effective_message.reply_text(members.admin_only(clinic.name))
        return None
    return clinic


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
    """Sends an escalation's alert to one staff chat with its Reply button (as the caption of
    the patient's photo, resent by its file_id, when there is one); a chat Telegram refuses is
    logged (ids and the error's name) and counts as not reached."""

    async def send(
        chat_id: int, text: str, escalation_id: int, photo: str | None = None
    ) -> int | None:
        keyboard = InlineKeyboardMarkup(
            [[InlineKeyboardButton(alerts.REPLY_BUTTON, callback_data=f"reply:{escalation_id}")]]
        )
        try:
            if photo is not None:
                sent = await bot.send_photo(chat_id, photo, caption=text, reply_markup=keyboard)
            else:
                sent = await bot.send_message(chat_id, text, reply_markup=keyboard)
        except TelegramError as error:
            log.warning(
                "escalation_forward_failed escalation=%s staff_chat=%s error=%s",
                escalation_id,
                chat_id,
                type(error).__name__,
            )
            return None
        return sent.message_id

    return send


def alert_editor(bot: Bot) -> AlertEditor:
    """Edits a forgotten patient's alert in a staff chat to say it was erased, dropping its
    Reply button. A photo alert has a caption, not a text: the caption is erased and the
    message deleted (the photo is the patient's too) while Telegram allows it. A message
    Telegram refuses to change (gone, too old, the bot blocked) is done with; one it could not
    be reached for is tried again later."""

    async def edit(chat_id: int, message_id: int) -> str:
        try:
            try:
                await bot.edit_message_text(
                    alerts.ALERT_ERASED, chat_id=chat_id, message_id=message_id
                )
            except BadRequest:
                await _erase_photo_alert(bot, chat_id, message_id)
        except (BadRequest, Forbidden) as error:
            log.info("alert_not_redacted message=%s error=%s", message_id, type(error).__name__)
        except TelegramError as error:
            log.warning(
                "alert_redaction_failed message=%s error=%s", message_id, type(error).__name__
            )
            return "later"
        return "done"

    return edit


async def _erase_photo_alert(bot: Bot, chat_id: int, message_id: int) -> None:
    """Erase a photo alert's caption, then delete it if Telegram still allows that (48 hours);
    BadRequest when the message has no caption (gone, or not a photo)."""
    await bot.edit_message_caption(
        chat_id=chat_id, message_id=message_id, caption=alerts.ALERT_ERASED
    )
    with contextlib.suppress(BadRequest):  # too old to delete: the words are gone already
        await bot.delete_message(chat_id, message_id)


async def tell(update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: Outcome) -> None:
    """A patient's replies in order, all Telegram HTML: `first`, then the escalation's alerts,
    whether the team was reached, and `after` (see `bot.faq.questions.Outcome`)."""
    s = services(context)
    message = update.effective_message
    for text in outcome.first:
        await message.reply_text(text, parse_mode=ParseMode.HTML)
    if outcome.escalate is None:
        return
    reached = await escalate(
        s.db, outcome.escalate, send=alert_sender(context.bot), now=s.clock.now()
    )
    note = outcome.if_reached if reached else outcome.if_not_reached
    await message.reply_text(note, parse_mode=ParseMode.HTML)
    for text in outcome.after:
        await message.reply_text(text, parse_mode=ParseMode.HTML)
