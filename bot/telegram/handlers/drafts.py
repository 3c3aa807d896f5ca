"""Staff drafts in Telegram: the text that follows `/edit <step>` or `/faq add`, and the
Save / Cancel buttons under a preview.

Order matters. `capture` runs in DRAFT_GROUP, before the inbox relay (-1) and before any
free-text or FAQ handler (0), but it only takes a message when the chat has an open draft and
the message is not an answer to a patient; only then does it stop the other groups.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.delivery import edits as content_edit
from bot.faq import clinic_faq
from bot.inbox import drafts, escalation
from bot.inbox.drafts import Draft, Reply
from bot.telegram.handlers import services
from bot.wording.staff import team

log = logging.getLogger(__name__)

DRAFT_GROUP = -2
# Keeps a booking link in a preview from unfurling into a card below the message.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def keyboard(reply: Reply, draft: Draft | None) -> InlineKeyboardMarkup | None:
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
    for reply in replies:
        await context.bot.send_message(
            chat_id,
            reply.text,
            parse_mode=ParseMode.HTML if reply.html else None,
            reply_markup=keyboard(reply, draft),
            link_preview_options=NO_PREVIEW,
        )


async def capture(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The next text of a staff chat with an open draft; anything else passes on untouched."""
    s = services(context)
    chat_id = update.effective_chat.id
    now = s.clock.now()
    # Looked up without `context.chat_data`, which would make an entry for every patient chat.
    chat_data = context.application.chat_data.get(chat_id)
    draft = drafts.pending(chat_data, now) if chat_data else None
    if draft is None:
        return
    if s.store.staff.clinic_of(chat_id) != draft.clinic_id:  # left the clinic meanwhile
        drafts.finish(chat_data)
        return
    message = update.effective_message
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    if escalation.pending_reply(s.store, staff_chat=chat_id, reply_to_message_id=replied):
        return  # a Telegram reply to a patient's alert is for the patient, not the draft
    if draft.kind == "edit":
        replies = content_edit.draft_text(s.store, s.timeline(), draft, message.text, now)
    else:
        replies = clinic_faq.draft_text(s.store, draft, message.text, now)
    log.info("draft_text kind=%s chat=%s stage=%s", draft.kind, chat_id, draft.stage)
    await send_replies(context, chat_id, replies, draft)
    raise ApplicationHandlerStop


async def draft_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    s = services(context)
    query = update.callback_query
    await query.answer()
    chat_id = update.effective_chat.id
    now = s.clock.now()
    await _drop_buttons(update)
    draft = drafts.pending(context.chat_data, now)
    if query.data == "draft:cancel":
        drafts.finish(context.chat_data)
        await context.bot.send_message(chat_id, team.DRAFT_CANCELLED)
        return
    nonce = query.data.removeprefix("draft:save:")
    if draft is None or draft.stage != "confirm" or draft.nonce != nonce:
        await context.bot.send_message(chat_id, team.DRAFT_STALE)
        return
    drafts.finish(context.chat_data)
    if s.store.staff.clinic_of(chat_id) != draft.clinic_id:
        await context.bot.send_message(chat_id, team.STAFF_ONLY)
        return
    if draft.kind == "edit":
        text = content_edit.save_draft(s.store, s.timeline(), draft, staff_chat=chat_id, now=now)
    else:
        text = clinic_faq.save_draft(s.store, draft, staff_chat=chat_id, now=now)
    await context.bot.send_message(chat_id, text)


async def drop_on_inbox_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tapping Reply on a patient's alert means the next text is for the patient: the newest
    intention wins, so an open draft is closed. The inbox handler still runs afterwards."""
    if drafts.finish(context.chat_data) is not None:
        log.info("draft_dropped chat=%s reason=inbox_reply", update.effective_chat.id)


async def _drop_buttons(update: Update) -> None:
    try:
        await update.callback_query.edit_message_reply_markup(reply_markup=None)
    except BadRequest:  # the message is gone or already without buttons
        log.info("draft_buttons_not_dropped chat=%s", update.effective_chat.id)


def register(app: Application) -> None:
    app.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND, capture),
        group=DRAFT_GROUP,
    )
    app.add_handler(
        CallbackQueryHandler(drop_on_inbox_reply, pattern=r"^reply:\d{1,18}$"), group=DRAFT_GROUP
    )
    app.add_handler(
        CallbackQueryHandler(draft_button, pattern=r"^draft:(cancel|save:[0-9a-f]{8})$")
    )
