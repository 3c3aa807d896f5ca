"""Staff commands: /enroll (link + QR code), /patients, /cancel, /stats. Staff only, own clinic."""

from __future__ import annotations

import logging
from datetime import datetime

from telegram import InputFile, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.inbox import figures
from bot.people import enrollment, golive, links
from bot.people.enroll_input import (
    EnrollmentInputError,
    is_next_session,
    parse_enroll_args,
    parse_next_session_args,
)
from bot.people.outcomes import Refused
from bot.people.qr import qr_png
from bot.people.roster import roster_text
from bot.services import Services
from bot.store import Store
from bot.store.clinics import Clinic
from bot.telegram.handlers.common import services, staff_clinic, staff_clinic_with_args
from bot.wording.patients import leaving, schedule
from bot.wording.staff import enrolling, roster

log = logging.getLogger(__name__)


async def enroll_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic_with_args(update, context, enrolling.USAGE)
    if clinic is None:
        return
    missing = golive.missing(clinic)
    if missing:
        await update.effective_message.reply_text(missing)
        return
    s = services(context)
    now = s.clock.now()
    if is_next_session(context.args):
        await _enroll_next_session(update, s, clinic, context.args, now)
        return
    try:
        request = parse_enroll_args(context.args, clinic, now)
    except EnrollmentInputError as error:
        await update.effective_message.reply_text(str(error))
        return
    made = await s.db(enrollment.enroll, s.store, clinic_id=clinic.id, request=request, now=now)
    link = links.deep_link(s.bot_username, made.invite.token)
    zone = clinic.zone
    series = (
        f", session {request.session_number}/{request.series_length}"
        if request.series_length
        else (f", session {request.session_number}" if request.session_number > 1 else "")
    )
    caption = enrolling.enrolled(
        request.first_name,
        f"#{made.patient.id}, treated {request.session_at.astimezone(zone):%d %b %H:%M}",
        series,
        link,
        f"{made.invite.expires_at.astimezone(zone):%d %b %H:%M}",
    )
    png = InputFile(qr_png(link), filename=f"patient-{made.patient.id}.png")
    await update.effective_message.reply_photo(png, caption=caption)


async def _enroll_next_session(
    update: Update, s: Services, clinic: Clinic, args: list[str], now: datetime
) -> None:
    """`/enroll #<patient>`: the next session of a patient who already agreed."""
    try:
        request = parse_next_session_args(args, clinic, now)
    except EnrollmentInputError as error:
        await update.effective_message.reply_text(str(error))
        return
    made = await s.db(
        enrollment.enroll_next_session,
        s.store,
        clinic_id=clinic.id,
        request=request,
        now=now,
        plan=s.plan_timeline,
    )
    if isinstance(made, Refused):
        await update.effective_message.reply_text(made.message)
        return
    session = made.session
    series = f"/{session.series_length}" if session.series_length else ""
    when = session.session_at.astimezone(clinic.zone)
    await update.effective_message.reply_text(
        enrolling.next_session_enrolled(
            made.patient.first_name or "",
            made.patient.id,
            f"session {session.session_number}{series} on {when:%d %b %H:%M}",
            made.planned,
        )
    )


async def patients_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic(update, context)
    if clinic is not None:
        s = services(context)
        text = await s.db.read(roster_text, s.store, clinic)
        await update.effective_message.reply_text(text)


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    chat_id = update.effective_chat.id
    if await s.db.read(_patient_not_staff, s.store, chat_id):
        # A patient typing /cancel most likely wants their messages to stop.
        await update.effective_message.reply_text(schedule.CANCEL_NOT_STAFF)
        return
    clinic = await staff_clinic_with_args(update, context, roster.CANCEL_USAGE)
    if clinic is None:
        return
    ref = " ".join(context.args)
    outcome = await s.db(
        enrollment.cancel, s.store, clinic_id=clinic.id, ref=ref, now=s.clock.now()
    )
    if isinstance(outcome, Refused):
        await update.effective_message.reply_text(outcome.message)
        return
    await update.effective_message.reply_text(
        roster.patient_cancelled(outcome.first_name, outcome.id)
    )
    if outcome.chat_id is not None and outcome.status in ("active", "stopped"):
        try:
            await context.bot.send_message(outcome.chat_id, leaving.CANCELLED_BY_CLINIC)
        except TelegramError:
            log.warning("cancel_notice_failed patient=%s", outcome.pseudonym)


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats [7d|30d|all]."""
    clinic = await staff_clinic(update, context)
    if clinic is not None:
        s = services(context)
        text = await s.db.read(figures.stats_text, s.store, clinic, context.args, s.clock.now())
        await update.effective_message.reply_text(text)


def _patient_not_staff(store: Store, chat_id: int) -> bool:
    return store.staff.clinic_of(chat_id) is None and bool(store.patients.by_chat(chat_id))
