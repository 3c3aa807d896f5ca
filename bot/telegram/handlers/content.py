"""Staff commands for the clinic's wording: /content, /content history <step>, and for admins
/edit <step> and /revert <step> [version].

/edit opens a draft (see `bot.inbox.drafts`): the next text is checked like the content
checker does and previewed with the clinic's real details; Save stores a new version.
/revert acts at once: back to the default, or to an earlier version (saved as a new one);
every version stays in the history.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.delivery import edits as content_edit
from bot.delivery import history
from bot.inbox import drafts
from bot.people.outcomes import Refused
from bot.telegram.handlers.common import admin_clinic, send_replies, services, staff_clinic
from bot.wording.staff import history as history_words
from bot.wording.staff import step_wording


async def content_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return
    s = services(context)
    chat_id = update.effective_chat.id
    args = context.args
    if args and args[0].lower() == "history":
        if len(args) != 2:
            await update.effective_message.reply_text(history_words.HISTORY_USAGE)
            return
        text = await s.db.read(
            history.history, s.store, s.timeline(), clinic, args[1], viewer_chat_id=chat_id
        )
    else:
        text = await s.db.read(
            content_edit.listing, s.store, s.timeline(), clinic, viewer_chat_id=chat_id
        )
    await update.effective_message.reply_text(text)


async def edit_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    if len(context.args) != 1:
        await update.effective_message.reply_text(step_wording.EDIT_USAGE)
        return
    s = services(context)
    chat_id = update.effective_chat.id
    started = await s.db(
        drafts.start_edit, s.store, s.timeline(), chat_id, clinic, context.args[0], s.clock.now()
    )
    if isinstance(started, Refused):
        await update.effective_message.reply_text(started.message)
        return
    draft, replies = started
    await send_replies(context, chat_id, replies, draft)


async def revert_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/revert <step>`: the default wording; `/revert <step> <version>`: an earlier one."""
    clinic = await admin_clinic(update, context)
    if clinic is None:
        return
    if len(context.args) not in (1, 2):
        await update.effective_message.reply_text(step_wording.REVERT_USAGE)
        return
    s = services(context)
    text = await s.db(
        history.revert,
        s.store,
        s.timeline(),
        clinic,
        context.args[0],
        context.args[1] if len(context.args) == 2 else None,
        staff_chat=update.effective_chat.id,
        now=s.clock.now(),
    )
    await update.effective_message.reply_text(text)
