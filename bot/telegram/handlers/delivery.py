"""Patient and staff commands about the outbox: /next, /booked, /stop, /resume, /queue."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, filters

from bot.delivery import replies as replies
from bot.delivery import rules as deliveries
from bot.people.numbers import has_digit, parse_number
from bot.people.outcomes import Refused
from bot.services import Services
from bot.store.patients import Patient
from bot.telegram.handlers.common import clinic_of_staff, services
from bot.wording.patients import schedule
from bot.wording.staff import roster, team

log = logging.getLogger(__name__)


async def _patient(s: Services, chat_id: int) -> Patient | None:
    """The patient behind this chat who may hear from us: active, or stopped by their choice."""
    patient = await s.db.read(s.store.patients.by_chat, chat_id)
    return patient if patient is not None and patient.status in ("active", "stopped") else None


async def _patient_or_say_so(update: Update, s: Services) -> Patient | None:
    """`_patient`; anyone else is told they are not a patient here, and gets None."""
    patient = await _patient(s, update.effective_chat.id)
    if patient is None:
        await update.effective_message.reply_text(schedule.NOT_A_PATIENT)
    return patient


STOP_WORDS = filters.Regex(r"(?i)^\s*(stop|unsubscribe|cancel|end|quit)\s*$")


async def next_messages(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    patient = await _patient_or_say_so(update, s)
    if patient is None:
        return
    rows = await s.db.read(s.store.deliveries.waiting_for_patient, patient.id)
    clinic = await s.db.read(s.store.clinics.get, patient.clinic_id)
    stopped = patient.status == "stopped"
    await update.effective_message.reply_text(replies.next_messages(rows, clinic, stopped=stopped))


async def booked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/booked`, or the "I've booked" button whose data is `booked:<session id>`."""
    s = services(context)
    query = update.callback_query
    session_id = None
    if query is not None:
        await query.answer()
        session_id = int(query.data.split(":", 1)[1])
    patient = await _patient(s, update.effective_chat.id)
    cleared = None
    if patient is not None:
        cleared = await s.db(deliveries.book, s.store, patient.id, session_id, s.clock.now())
    if cleared is None:
        await update.effective_message.reply_text(schedule.NO_SESSION)
        return
    log.info("session_booked patient=%s cleared=%s", patient.pseudonym, cleared)
    s.outbox_changed()
    await update.effective_message.reply_text(schedule.BOOKED)


async def stop_asked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop or a stop word: confirm first, a stray "end" should not silence aftercare."""
    if await _patient_or_say_so(update, services(context)) is None:
        return
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(schedule.STOP_YES, callback_data="stop:yes")],
            [InlineKeyboardButton(schedule.STOP_NO, callback_data="stop:no")],
        ]
    )
    await update.effective_message.reply_text(schedule.STOP_QUESTION, reply_markup=keyboard)


async def stop_answered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    query = update.callback_query
    await query.answer()
    patient = await _patient(s, update.effective_chat.id)
    if patient is None:
        await query.edit_message_text(schedule.NOT_A_PATIENT)
        return
    if query.data != "stop:yes":
        await query.edit_message_text(schedule.NOT_STOPPED)
        return
    muted = await s.db(deliveries.stop, s.store, patient.id, s.clock.now())
    log.info("patient_stopped patient=%s muted=%s", patient.pseudonym, muted)
    s.outbox_changed()
    await query.edit_message_text(schedule.STOPPED)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    patient = await _patient_or_say_so(update, s)
    if patient is None:
        return
    if patient.status != "stopped":
        await update.effective_message.reply_text(schedule.ALREADY_ON)
        return
    restored, expired = await s.db(deliveries.resume, s.store, patient.id, s.clock.now())
    log.info(
        "patient_resumed patient=%s restored=%s expired=%s", patient.pseudonym, restored, expired
    )
    s.outbox_changed()
    await update.effective_message.reply_text(schedule.resumed(restored))


async def queue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff only: `/queue` for the clinic, `/queue 42` for one of its patients (the number
    /patients shows, 0-9 digits, in range)."""
    s = services(context)
    clinic = await s.db.read(clinic_of_staff, s.store, update.effective_chat.id)
    if clinic is None:
        await update.effective_message.reply_text(team.STAFF_ONLY)
        return
    args = context.args or []
    if len(args) > 1:
        await update.effective_message.reply_text(roster.QUEUE_USAGE)
        return
    patient_id = None
    if args:
        if not has_digit(args[0]):
            await update.effective_message.reply_text(roster.QUEUE_USAGE)
            return
        patient_id = parse_number(args[0], "patient number", example="/queue 12")
        if isinstance(patient_id, Refused):
            await update.effective_message.reply_text(patient_id.message)
            return
        patient = await s.db.read(s.store.patients.get, patient_id)
        if patient is None or patient.clinic_id != clinic.id or patient.status == "forgotten":
            await update.effective_message.reply_text(roster.NO_SUCH_PATIENT)
            return
    titles = {step.id: step.label for step in s.timeline().steps}
    text = await s.db.read(replies.queue, s.store, clinic, patient_id, titles)
    await update.effective_message.reply_text(text)
