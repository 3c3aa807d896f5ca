"""Staff commands for the guide's passages: /passages for the team, and for admins
/passage off <id> and /passage on <id>.

A switched-off passage is never quoted to the clinic's patients (`bot.faq.passages`); each
change is a new version recorded with the staff chat as its author.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.faq import passage_listing, passages
from bot.store.content import author_of
from bot.telegram.handlers.common import admin_clinic, services, staff_clinic
from bot.wording.staff import passages as words

log = logging.getLogger(__name__)

STATES = ("off", "on")


async def passages_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return
    s = services(context)
    chat_id = update.effective_chat.id
    listing = await s.db.read(passage_listing.chat_listing, s.store, clinic, viewer_chat_id=chat_id)
    for text in listing:
        await context.bot.send_message(chat_id, text)


async def passage_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    args = [a.lower() if i == 0 else a for i, a in enumerate(context.args)]
    if len(args) != 2 or args[0] not in STATES:
        await update.effective_message.reply_text(words.PASSAGE_USAGE)
        return
    state, ref = args
    s = services(context)
    chat_id = update.effective_chat.id
    switch = passages.switch_off if state == "off" else passages.switch_on
    outcome = await s.db(switch, s.store, clinic.id, ref, author_of(chat_id), s.clock.now())
    if outcome.changed:
        log.info(
            "passage_switched clinic=%s passage=%s state=%s staff_chat=%s",
            clinic.id,
            outcome.passage_id,
            state,
            chat_id,
        )
    reply = await s.db.read(passage_listing.switched_in_chat, s.store, clinic, outcome, ref)
    await update.effective_message.reply_text(reply)
