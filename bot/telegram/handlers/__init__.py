"""Telegram handlers: thin adapters from updates to domain calls and back.

`register_all` adds them in order; within one group python-telegram-bot runs the first
handler whose filter matches, so specific handlers come before general ones.
"""

from __future__ import annotations

from telegram.ext import Application, ContextTypes

from bot.services import Services


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def register_all(app: Application) -> None:
    # Imported here: these modules use `services` above.
    from bot.telegram.handlers import (
        clinic_faq,
        common,
        content,
        deeplink,
        delivery,
        drafts,
        inbox,
        patient,
        questions,
        staff,
    )

    # Deep-link /start handlers (with a payload) must come before the plain /start.
    deeplink.register(app)
    common.register_start(app)
    # Before any free-text handler: a whole-message STOP must not reach the FAQ.
    delivery.register(app)
    patient.register(app)
    staff.register(app)
    content.register(app)
    clinic_faq.register(app)
    # A staff chat's open draft (/edit, /faq add) takes its next text in a group ahead of the
    # inbox relay and the free text; with no draft open the text passes on.
    drafts.register(app)
    # The staff reply relay sits in an earlier group, ahead of any free-text handler.
    inbox.register(app)
    # Free text nobody else took is a question for the FAQ (red flags first).
    questions.register(app)
    # Catch-alls last: unknown commands, and messages that are not text.
    common.register_fallbacks(app)
