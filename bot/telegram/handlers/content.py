"""Staff commands for the clinic's wording: /content, /edit <step>, /revert <step>.

/edit opens a draft (see `bot.handlers.drafts`): the next text is checked like the content
checker does and previewed with the clinic's real details; Save stores a new version.
/revert acts at once: earlier versions stay in the history, and /edit brings wording back.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.delivery import edits as content_edit
from bot.inbox import drafts
from bot.people.outcomes import Refused
from bot.telegram.handlers import services
from bot.telegram.handlers.drafts import send_replies
from bot.telegram.handlers.staff import staff_clinic
from bot.wording.staff import step_wording


async def content_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return
    s = services(context)
    text = content_edit.listing(
        s.store, s.timeline(), clinic, viewer_chat_id=update.effective_chat.id
    )
    await update.effective_message.reply_text(text)


async def edit_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return
    if len(context.args) != 1:
        await update.effective_message.reply_text(step_wording.EDIT_USAGE)
        return
    s = services(context)
    chat_id = update.effective_chat.id
    started = content_edit.start(s.store, s.timeline(), clinic, context.args[0], s.clock.now())
    if isinstance(started, Refused):
        await update.effective_message.reply_text(started.message)
        return
    draft, replies = started
    drafts.begin(s.store, context.chat_data, chat_id, draft)
    await send_replies(context, chat_id, replies, draft)


async def revert_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    clinic = await staff_clinic(update, context)
    if clinic is None:
        return
    if len(context.args) != 1:
        await update.effective_message.reply_text(step_wording.REVERT_USAGE)
        return
    s = services(context)
    step = content_edit.find_step(s.timeline(), context.args[0])
    if isinstance(step, Refused):
        await update.effective_message.reply_text(step.message)
        return
    text = content_edit.revert(
        s.store, clinic, step, staff_chat=update.effective_chat.id, now=s.clock.now()
    )
    await update.effective_message.reply_text(text)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("content", content_command))
    app.add_handler(CommandHandler("edit", edit_command))
    app.add_handler(CommandHandler("revert", revert_command))
