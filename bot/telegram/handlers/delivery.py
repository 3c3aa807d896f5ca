"""Patient and staff commands about the outbox: /next, /booked (and its button), /queue.

STOP and /resume are `optout`."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.delivery import person
from bot.delivery import replies as replies
from bot.people.numbers import has_digit, parse_number
from bot.people.outcomes import Refused
from bot.store import Store
from bot.telegram.handlers.common import acknowledge, clinic_of_staff, services
from bot.wording.patients import schedule
from bot.wording.staff import roster, team


async def next_messages(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/next: every clinic's upcoming messages for this chat, in one list."""
    s = services(context)
    text = await s.db.read(_next_for, s.store, update.effective_chat.id)
    await update.effective_message.reply_text(text)


async def booked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/booked`, or the "I've booked" button whose data is `booked:<session id>` (a session
    of any clinic this chat is a patient of)."""
    s = services(context)
    query = update.callback_query
    session_id = None
    if query is not None:
        await acknowledge(query)
        session_id = int(query.data.split(":", 1)[1])
    chat_id = update.effective_chat.id
    cleared = await s.db(person.book, s.store, chat_id, session_id, s.clock.now())
    if cleared is None:
        await context.bot.send_message(chat_id, schedule.NO_SESSION)
        return
    s.outbox_changed()
    await context.bot.send_message(chat_id, schedule.BOOKED)


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


def _next_for(store: Store, chat_id: int) -> str:
    return replies.next_for(store, person.patients(store, chat_id))
