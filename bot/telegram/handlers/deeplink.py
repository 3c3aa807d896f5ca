"""`/start <payload>`: a staff invite or a patient's single-use link, opened in Telegram."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.people import enrollment
from bot.people.outcomes import AlreadyEnrolled, ConsentAsked, LinkPreview, Refused, StaffJoined
from bot.telegram.handlers.common import services
from bot.telegram.menus import show_staff_menu
from bot.wording.patients import joining
from bot.wording.staff import enrolling, team

log = logging.getLogger(__name__)


def consent_keyboard(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(joining.CONSENT_YES, callback_data=f"consent:yes:{token}"),
                InlineKeyboardButton(joining.CONSENT_NO, callback_data=f"consent:no:{token}"),
            ]
        ]
    )


async def start_with_payload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    chat_id = update.effective_chat.id
    payload = context.args[0] if len(context.args) == 1 else ""
    user = update.effective_user
    name = user.first_name if user is not None else ""
    outcome = await s.db(enrollment.open_link, s.store, payload, chat_id, s.clock.now(), name=name)
    message = update.effective_message
    if isinstance(outcome, Refused):
        await message.reply_text(outcome.message)
    elif isinstance(outcome, StaffJoined):
        clinic = outcome.clinic
        if outcome.already:
            await message.reply_text(team.already_staff(clinic.name))
            return
        log.info("staff_joined clinic=%s staff_chat=%s", clinic.id, chat_id)
        await message.reply_text(team.joined(clinic.name, admin=outcome.admin))
        await show_staff_menu(context.bot, chat_id, admin=outcome.admin)
    elif isinstance(outcome, ConsentAsked):
        text = joining.consent_request(
            outcome.patient.first_name, outcome.clinic.name, outcome.clinic.phone
        )
        await message.reply_text(text, reply_markup=consent_keyboard(outcome.invite.token))
    elif isinstance(outcome, LinkPreview):
        await message.reply_text(_preview(outcome))
    elif isinstance(outcome, AlreadyEnrolled):
        await message.reply_text(
            joining.already_signed_up(outcome.clinic.name, outcome.patient.status)
        )


def _preview(preview: LinkPreview) -> str:
    """What staff see when they open a patient link: what the patient will read; nothing is
    bound or asked."""
    clinic = preview.clinic
    if not preview.own_clinic:
        return enrolling.OTHER_CLINIC_LINK
    first_name = preview.patient.first_name or ""
    return enrolling.link_preview(
        first_name,
        preview.patient.id,
        f"{preview.invite.expires_at.astimezone(clinic.zone):%d %b %H:%M}",
        joining.consent_request(first_name, clinic.name, clinic.phone),
    )
