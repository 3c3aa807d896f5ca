"""The routing table: every handler of the bot, in the order python-telegram-bot tries them.

Groups run in ascending order; within a group only the first handler whose filter matches
runs. A handler in an earlier group stops the later ones only by raising
`ApplicationHandlerStop`, which `drafts.capture` and `inbox.relay_reply` do once they have
taken a message.
"""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.telegram.handlers import (
    clinic_faq,
    clinic_settings,
    content,
    deeplink,
    delivery,
    drafts,
    general,
    golive,
    inbox,
    media,
    passages,
    patient,
    questions,
    staff,
    team,
)

# A staff chat's open draft (/edit, /faq add) takes its next text before anything else.
DRAFT_GROUP = -2
# A staff member's answer to an escalation goes to the patient before any free-text handler.
RELAY_GROUP = -1
# Commands, buttons, patients' questions and the fallbacks: `add_handler`'s own default.
DEFAULT_GROUP = 0

FREE_TEXT = filters.TEXT & ~filters.COMMAND
NEW_PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
ATTACHMENTS = (
    filters.VOICE
    | filters.VIDEO_NOTE
    | filters.VIDEO
    | filters.AUDIO
    | filters.Document.ALL
    | filters.Sticker.ALL
)


def add_handlers(app: Application) -> None:
    """Register every handler and the error handler on `app`. Order matters!"""
    # With no draft open the text passes on to the relay and the default group.
    app.add_handler(MessageHandler(FREE_TEXT, drafts.capture), group=DRAFT_GROUP)
    # Tapping Reply on an alert closes an open draft (the newest intention wins); the
    # default group's `inbox.reply_button` then starts the reply.
    app.add_handler(
        CallbackQueryHandler(drafts.drop_on_inbox_reply, pattern=r"^reply:[0-9]{1,18}$"),
        group=DRAFT_GROUP,
    )

    # With no reply pending the text passes on to the default group.
    app.add_handler(MessageHandler(FREE_TEXT, inbox.relay_reply), group=RELAY_GROUP)

    # Deep-link /start (with a payload) must come before the plain /start.
    app.add_handler(CommandHandler("start", deeplink.start_with_payload, has_args=True))
    app.add_handler(CommandHandler("start", general.start))
    app.add_handler(CommandHandler("help", general.help_command))

    # Patients and the outbox. The stop words come before any free-text handler: a
    # whole-message STOP must not reach the FAQ.
    app.add_handler(CommandHandler("next", delivery.next_messages))
    app.add_handler(CommandHandler("booked", delivery.booked))
    app.add_handler(CallbackQueryHandler(delivery.booked, pattern=r"^booked:[0-9]{1,18}$"))
    app.add_handler(CommandHandler("stop", delivery.stop_asked))
    app.add_handler(MessageHandler(filters.TEXT & delivery.STOP_WORDS, delivery.stop_asked))
    app.add_handler(CallbackQueryHandler(delivery.stop_answered, pattern=r"^stop:(yes|no)$"))
    app.add_handler(CommandHandler("resume", delivery.resume))
    app.add_handler(CommandHandler("queue", delivery.queue))
    app.add_handler(
        CallbackQueryHandler(
            patient.consent_answer, pattern=r"^consent:(yes|no):[A-Za-z0-9_-]{1,64}$"
        )
    )
    app.add_handler(CommandHandler("forget", patient.forget_command))
    app.add_handler(CallbackQueryHandler(patient.forget_answer, pattern=r"^forget:(yes|no)$"))

    # Staff: patients, wording, the clinic's own answers, the guide's passages, drafts and the
    # inbox.
    app.add_handler(CommandHandler("enroll", staff.enroll_command))
    app.add_handler(CommandHandler("patients", staff.patients_command))
    app.add_handler(CommandHandler("cancel", staff.cancel_command))
    app.add_handler(CommandHandler("stats", staff.stats_command))
    app.add_handler(CommandHandler("content", content.content_command))
    app.add_handler(CommandHandler("edit", content.edit_command))
    app.add_handler(CommandHandler("revert", content.revert_command))
    app.add_handler(CommandHandler("faq", clinic_faq.faq_command))
    app.add_handler(CommandHandler("passages", passages.passages_command))
    app.add_handler(CommandHandler("passage", passages.passage_command))
    app.add_handler(
        CallbackQueryHandler(drafts.draft_button, pattern=r"^draft:(cancel|save:[0-9a-f]{8})$")
    )
    app.add_handler(
        CallbackQueryHandler(inbox.reply_button, pattern=r"^reply:([0-9]{1,18}|cancel)$")
    )

    # --- Running a clinic (issue 16): the team, settings, the go-live review -----------------
    # Any member lists the team and settings and may /leave; admins invite, remove, change
    # settings and approve the review (each handler checks the role).
    app.add_handler(CommandHandler("staff", team.staff_command))
    app.add_handler(CommandHandler("leave", team.leave_command))
    app.add_handler(CallbackQueryHandler(team.leave_answer, pattern=r"^leave:(yes|no)$"))
    app.add_handler(CommandHandler("settings", clinic_settings.settings_command))
    app.add_handler(CommandHandler("review", golive.review_command))
    app.add_handler(CallbackQueryHandler(golive.approve_button, pattern=r"^golive:approve$"))
    # --- end of issue 16's block -------------------------------------------------------------

    # Free text nobody above took is a question for the FAQ (red flags first).
    app.add_handler(MessageHandler(FREE_TEXT, questions.question))

    # What patients send besides text, new messages only (an edited caption is not a second
    # photo): a photo reaches the clinic team, the rest is asked for in words.
    app.add_handler(MessageHandler(NEW_PRIVATE & filters.PHOTO, media.photo))
    app.add_handler(MessageHandler(NEW_PRIVATE & ATTACHMENTS, media.attachment))

    # Catch-alls last: unknown commands (after every command above), messages that are not
    # text, and buttons nobody handles any more (after every button pattern above).
    app.add_handler(MessageHandler(filters.COMMAND, general.unknown_command))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT, general.not_text))
    app.add_handler(CallbackQueryHandler(general.stale_button))
    app.add_error_handler(general.on_error)
