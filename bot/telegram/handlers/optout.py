"""STOP at once: /stop and the opt-out words stop every clinic's messages to the chat, with an
Undo button; CANCEL, END or QUIT alone ask one question first. Which words are which is
`bot.delivery.optout`; what stopping does is `bot.delivery.person`.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.delivery import person
from bot.faq.answer import clinic_contacts
from bot.people.consent import decline_open_prompt
from bot.store import Store
from bot.telegram.handlers.common import acknowledge, services
from bot.wording.patients import joining, schedule

log = logging.getLogger(__name__)

UNDO = InlineKeyboardMarkup(
    [[InlineKeyboardButton(schedule.UNDO_BUTTON, callback_data="optout:undo")]]
)
UNCLEAR = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton(schedule.STOP_YES, callback_data="optout:stop")],
        [InlineKeyboardButton(schedule.STOP_NO, callback_data="optout:keep")],
    ]
)


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop, an opt-out word or sentence (also in an edited message): every clinic's messages
    stop now, and the reply says so with an Undo button."""
    s = services(context)
    chat_id = update.effective_chat.id
    stopped = await s.db(person.stop, s.store, chat_id, s.clock.now())
    if stopped is None:
        # Not signed up: a STOP at an open consent question is a "no".
        declined = await s.db(decline_open_prompt, s.store, chat_id, s.clock.now())
        text = joining.declined(declined.clinic.name) if declined else schedule.NOT_A_PATIENT
        await context.bot.send_message(chat_id, text)
        return
    s.outbox_changed()
    text = (
        schedule.ALREADY_STOPPED
        if stopped.already
        else schedule.stopped([clinic.name for clinic in stopped.clinics])
    )
    await context.bot.send_message(chat_id, text, reply_markup=UNDO)


async def unclear(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """CANCEL, END or QUIT alone: appointments are cancelled too, so ask once, two buttons."""
    s = services(context)
    contacts = await s.db.read(_contacts, s.store, update.effective_chat.id)
    if contacts is None:
        await update.effective_message.reply_text(schedule.NOT_A_PATIENT)
        return
    await update.effective_message.reply_text(schedule.stop_unclear(contacts), reply_markup=UNCLEAR)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`optout:undo` under a STOP reply; `optout:stop` / `optout:keep` under the question.
    `stop:yes` / `stop:no` are the buttons of the confirmation STOP used to ask: a patient
    who taps "Yes, stop them" on an old one is still heard."""
    s = services(context)
    query = update.callback_query
    await acknowledge(query)
    chat_id = update.effective_chat.id
    await _drop_buttons(update)
    if query.data in ("optout:stop", "stop:yes"):
        await stop(update, context)
    elif query.data in ("optout:keep", "stop:no"):
        contacts = await s.db.read(_contacts, s.store, chat_id) or clinic_contacts([])
        await context.bot.send_message(chat_id, schedule.not_stopped(contacts))
    else:
        await resume(update, context)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resume or Undo: every clinic's messages still ahead go out again."""
    s = services(context)
    chat_id = update.effective_chat.id
    resumed = await s.db(person.resume, s.store, chat_id, s.clock.now())
    if resumed is None:
        text = schedule.NOT_A_PATIENT
    elif not resumed.was_stopped:
        text = schedule.ALREADY_ON
    else:
        s.outbox_changed()
        text = schedule.resumed(resumed.restored)
    await context.bot.send_message(chat_id, text)


def _contacts(store: Store, chat_id: int):
    """The clinics this chat is a patient of, as `clinic_contacts` words them; None when it
    is nobody's patient."""
    rows = person.patients(store, chat_id)
    if not rows:
        return None
    return clinic_contacts([store.clinics.get(row.clinic_id) for row in rows])


async def _drop_buttons(update: Update) -> None:
    try:
        await update.callback_query.edit_message_reply_markup(reply_markup=None)
    except BadRequest:  # already without buttons, or gone: the reply below still answers
        log.info("optout_buttons_not_dropped")
