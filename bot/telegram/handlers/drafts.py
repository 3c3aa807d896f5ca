"""Staff drafts in Telegram: the text that follows `/edit <step>` or `/faq add`, and the
Save / Cancel buttons under a preview. The draft itself is `bot.inbox.drafts`.

`capture` runs in its own group ahead of the inbox relay and the free text (see
`bot/telegram/routing.py`), but it only takes a message when the chat has an open draft and
the message is not an answer to a patient; only then does it stop the other groups.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.inbox import drafts
from bot.telegram.handlers.common import clinic_of_staff, is_admin, send_replies, services
from bot.wording.staff import members, team

log = logging.getLogger(__name__)


async def capture(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The next text of a staff chat with an open draft; anything else passes on untouched."""
    chat_id = update.effective_chat.id
    s = services(context)
    if await s.db.read(s.store.drafts.get, chat_id) is None:
        return  # no draft open here: a patient, or staff not drafting
    message = update.effective_message
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    taken = await s.db(
        drafts.take_text,
        s.store,
        s.timeline,
        chat_id,
        message.text,
        reply_to_message_id=replied,
        now=s.clock.now(),
    )
    if taken is None:
        return
    draft, replies = taken
    await send_replies(context, chat_id, replies, draft)
    raise ApplicationHandlerStop


async def draft_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Cancel (`draft:cancel`) or Save (`draft:save:<nonce of the preview>`)."""
    s = services(context)
    query = update.callback_query
    await query.answer()
    chat_id = update.effective_chat.id
    await _drop_buttons(update)
    if query.data == "draft:cancel":
        await s.db(drafts.finish, s.store, chat_id)
        text = team.DRAFT_CANCELLED
    elif not await is_admin(s, chat_id):
        # Removed from the team, or no longer an admin, since the draft began: nothing saved.
        await s.db(drafts.finish, s.store, chat_id)
        clinic = await s.db.read(clinic_of_staff, s.store, chat_id)
        text = members.admin_only(clinic.name) if clinic else team.STAFF_ONLY
    else:
        nonce = query.data.removeprefix("draft:save:")
        text = await s.db(drafts.save, s.store, s.timeline, chat_id, nonce, s.clock.now())
    await context.bot.send_message(chat_id, text)


async def drop_on_inbox_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tapping Reply on a patient's alert means the next text is for the patient: the newest
    intention wins, so an open draft is closed. The inbox handler still runs afterwards."""
    s = services(context)
    if await s.db(drafts.finish, s.store, update.effective_chat.id):
        log.info("draft_dropped staff_chat=%s reason=inbox_reply", update.effective_chat.id)


async def _drop_buttons(update: Update) -> None:
    try:
        await update.callback_query.edit_message_reply_markup(reply_markup=None)
    except BadRequest:  # the message is gone or already without buttons
        log.info("draft_buttons_not_dropped staff_chat=%s", update.effective_chat.id)
