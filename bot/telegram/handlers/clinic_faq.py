"""Staff commands for the clinic's own FAQ entries: /faq for the team, and for admins /faq add
and /faq delete <number>, and "Make it an FAQ entry" on a staff answer (`bot.inbox.learning`).

/faq add opens a draft (see `bot.inbox.drafts`): the question, then the answer, then a
preview marked as the clinic's words with Save and Cancel. Making an entry of an answer opens
one that asks only for the question, in neutral words.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.faq import clinic_faq
from bot.inbox import drafts
from bot.people.outcomes import Refused
from bot.telegram.handlers.common import admin_clinic, send_replies, services, staff_clinic
from bot.wording.staff import own_answers


async def faq_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = [arg.lower() for arg in context.args[:1]] + context.args[1:]
    # Listing is for the whole team; adding and deleting answers is for admins.
    changes = args[:1] in (["add"], ["delete"])
    clinic = await (admin_clinic if changes else staff_clinic)(update, context)
    if clinic is None:
        return
    s = services(context)
    chat_id = update.effective_chat.id
    message = update.effective_message
    if not args:
        listing = await s.db.read(clinic_faq.listing_html, s.store, clinic, viewer_chat_id=chat_id)
        for text in listing:
            await message.reply_text(text, parse_mode=ParseMode.HTML)
    elif args == ["add"]:
        started = await s.db(drafts.start_faq, s.store, chat_id, clinic, s.clock.now())
        if isinstance(started, Refused):
            await message.reply_text(started.message)
            return
        draft, replies = started
        await send_replies(context, chat_id, replies, draft)
    elif args[0] == "delete" and len(args) == 2:
        text = await s.db(
            clinic_faq.delete, s.store, clinic, args[1], staff_chat=chat_id, now=s.clock.now()
        )
        await message.reply_text(text)
    elif args[0] == "delete":
        await message.reply_text(own_answers.DELETE_USAGE)
    else:
        await message.reply_text(own_answers.USAGE)


async def learn_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Make it an FAQ entry" (`learn:<escalation id>`) on a proposal sent to admins."""
    s = services(context)
    query = update.callback_query
    await query.answer()
    chat_id = update.effective_chat.id
    escalation_id = int(query.data.removeprefix("learn:"))
    started = await s.db(drafts.start_learning, s.store, chat_id, escalation_id, s.clock.now())
    if isinstance(started, Refused):
        await context.bot.send_message(chat_id, started.message)
        return
    draft, replies = started
    await send_replies(context, chat_id, replies, draft)
