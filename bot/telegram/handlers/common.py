"""What the handler modules share: the services, the staff check, and sending the messages a
domain function returned (draft replies with their buttons, a patient's replies around an
escalation, the alerts).

The one module handlers import from each other; it holds no handler of its own.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import (
    Bot,
    CallbackQuery,
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
from bot.inbox.escalation import AlertSender, escalate_all
from bot.inbox.lifecycle import AlertEditor as AlertStatusEditor
from bot.inbox.lifecycle import ProposalSender, Stage
from bot.people.privacy import AlertEditor
from bot.services import Services
from bot.store import Store
from bot.store.clinics import Clinic
from bot.telegram.menus import clear_staff_menu
from bot.wording.staff import alerts, inbox, learning, members, team

log = logging.getLogger(__name__)

# Keeps a booking link in a preview from unfurling into a card below the message.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press so its spinner stops. Cosmetic: when Telegram refuses (the press
    is too old: "query is too old and response timeout expired or query id is invalid"), the
    choice is still recorded and replied to, so the refusal is only logged."""
    try:
        await query.answer(text, show_alert=text is not None)
    except BadRequest as error:
        log.info("button_not_acknowledged reason=%s", type(error).__name__)


async def staff_clinic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Clinic | None:
    """The staff member's clinic; anyone else is told the command is for staff, and gets None.
    (Handlers reach the store only through `s.db`, `bot.store.worker`: `await s.db(fn,
    s.store, ...)` for a call that may write, `await s.db.read(...)` for one that only reads.)"""
    s = services(context)
    chat_id = update.effective_chat.id
    clinic = await s.db.read(clinic_of_staff, s.store, chat_id)
    if clinic is None:
        log.info("staff_command_refused")
        await update.effective_message.reply_text(team.STAFF_ONLY)
        if chat_id in await s.db.read(s.store.staff.menus_to_clear):  # left: the menu goes now
            await clear_staff_menu(context.bot, s, chat_id)
    return clinic


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


def alert_keyboard(escalation_id: int, stage: Stage) -> InlineKeyboardMarkup | None:
    """An alert's buttons: Reply and I'll take it while nobody has it, Reply and Close once
    someone does, none when closed. Reply always comes first."""
    take = InlineKeyboardButton(inbox.TAKE_BUTTON, callback_data=f"take:{escalation_id}")
    reply = InlineKeyboardButton(alerts.REPLY_BUTTON, callback_data=f"reply:{escalation_id}")
    close = InlineKeyboardButton(inbox.CLOSE_BUTTON, callback_data=f"close:{escalation_id}")
    rows = {"open": [reply, take], "taken": [reply, close], "answered": [reply, close]}
    return InlineKeyboardMarkup([rows[stage]]) if stage in rows else None


def alert_sender(bot: Bot) -> AlertSender:
    """Sends an escalation's alert to one staff chat with its Reply and I'll take it buttons
    (as the caption of the patient's photo, resent by its file_id, when there is one); a chat
    Telegram refuses is logged (ids and the error's name) and counts as not reached."""

    async def send(
        chat_id: int, text: str, escalation_id: int, photo: str | None = None
    ) -> int | None:
        keyboard = alert_keyboard(escalation_id, "open")
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


def alert_status_editor(bot: Bot) -> AlertStatusEditor:
    """Edits one staff alert to an escalation's new state (who took, answered or closed it)
    with the buttons of that state. A photo alert's caption is edited instead of its text; a
    message Telegram refuses to edit (gone, too old, unchanged) is logged and left."""

    async def edit(
        chat_id: int, message_id: int, text: str, escalation_id: int, stage: Stage
    ) -> bool:
        keyboard = alert_keyboard(escalation_id, stage)
        where = {"chat_id": chat_id, "message_id": message_id, "reply_markup": keyboard}
        try:
            try:
                await bot.edit_message_text(text, **where)
            except BadRequest as error:
                if "no text" not in str(error).lower():
                    raise
                await bot.edit_message_caption(caption=text, **where)
        except TelegramError as error:
            log.info(
                "escalation_alert_not_edited escalation=%s staff_chat=%s error=%s",
                escalation_id,
                chat_id,
                type(error).__name__,
            )
            return False
        return True

    return edit


def learn_keyboard(escalation_id: int) -> InlineKeyboardMarkup:
    """The one tap that makes a staff answer an FAQ entry."""
    button = InlineKeyboardButton(learning.LEARN_BUTTON, callback_data=f"learn:{escalation_id}")
    return InlineKeyboardMarkup([[button]])


def proposal_sender(bot: Bot) -> ProposalSender:
    """Offers an admin a staff answer as a clinic FAQ entry, with its "Make it an FAQ entry"
    button; a chat Telegram refuses is logged and skipped."""

    async def propose(chat_id: int, text: str, escalation_id: int) -> bool:
        keyboard = learn_keyboard(escalation_id)
        try:
            await bot.send_message(chat_id, text, reply_markup=keyboard)
        except TelegramError as error:
            log.warning(
                "faq_proposal_failed escalation=%s staff_chat=%s error=%s",
                escalation_id,
                chat_id,
                type(error).__name__,
            )
            return False
        return True

    return propose


async def tell_patient(bot: Bot, chat_id: int, text: str) -> bool:
    """One plain message to a patient's chat; False (logged) when Telegram refused it."""
    try:
        await bot.send_message(chat_id, text)
    except TelegramError as error:
        log.warning("patient_message_failed error=%s", type(error).__name__)
        return False
    return True


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
    """A patient's replies in order, all Telegram HTML: `first`, then the escalations' alerts
    (a red flag: every clinic of theirs), whether a team was reached, and `after` (see
    `bot.faq.questions.Outcome`)."""
    s = services(context)
    message = update.effective_message
    for text in outcome.first:
        await message.reply_text(text, parse_mode=ParseMode.HTML)
    if not outcome.escalations:
        return
    reached = await escalate_all(
        s.db, outcome.escalations, send=alert_sender(context.bot), now=s.clock.now()
    )
    s.escalations_changed()  # an urgent one is raised again if nobody answers
    note = outcome.if_reached if reached else outcome.if_not_reached
    await message.reply_text(note, parse_mode=ParseMode.HTML)
    for text in outcome.after:
        await message.reply_text(text, parse_mode=ParseMode.HTML)
