"""What patients send besides text: photos (a check-in for the clinic team), voice notes,
video notes, documents and stickers.

`bot.faq.media` decides what the patient hears and whether staff must; these only read the
update and send.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.faq import media
from bot.telegram.handlers.common import services, tell


async def photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, with or without a caption: Telegram lists its sizes smallest first."""
    s = services(context)
    message = update.effective_message
    outcome = await s.db(
        media.handle_photo,
        s.store,
        s.faq,
        update.effective_chat.id,
        message.caption or "",
        message.photo[-1].file_id,
        s.clock.now(),
        message_id=message.message_id,
    )
    await tell(update, context, outcome)


async def attachment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A voice note, video note, video, audio file, document or sticker."""
    message = update.effective_message
    kind = next(
        (name for name in ("sticker", *media.UNREADABLE) if getattr(message, name, None)),
        "document",
    )
    s = services(context)
    outcome = await s.db(media.handle_attachment, s.store, update.effective_chat.id, kind)
    await tell(update, context, outcome)
