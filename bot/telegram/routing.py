"""The routing table: every handler of the bot, in the order python-telegram-bot tries them.

Groups run in ascending order; within a group only the first handler whose filter matches
runs. A handler in an earlier group stops the later ones only by raising
`ApplicationHandlerStop`, which `groups.outside_private_chats`, `drafts.capture` and
`inbox.relay_reply` do once they have taken an update.

Only new messages are read as messages (`NEW`): an edited one (text or a photo's caption) goes
to `questions.edited` or, when it reads as STOP, to the opt-out; it is never answered, relayed
or sent to the clinic team as a photo a second time.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.delivery import optout as optout_words
from bot.people import consent as consent_words
from bot.services import Services
from bot.telegram.handlers import (
    clinic_faq,
    clinic_settings,
    content,
    deeplink,
    delivery,
    drafts,
    general,
    golive,
    groups,
    inbox,
    media,
    optout,
    passages,
    patient,
    questions,
    staff,
    team,
)

# Groups, supergroups and channels: told once (groups) or ignored (channels), then stopped.
PRIVATE_ONLY_GROUP = -4
# A patient marked unreachable who writes again is restored before their message is handled.
RETURN_GROUP = -3
# A staff chat's open draft (/edit, /faq add) takes its next text before anything else.
DRAFT_GROUP = -2
# A staff member's answer to an escalation goes to the patient before any free-text handler.
RELAY_GROUP = -1
# Commands, buttons, patients' questions and the fallbacks: `add_handler`'s own default.
DEFAULT_GROUP = 0

NEW = filters.UpdateType.MESSAGE
FREE_TEXT = NEW & filters.TEXT & ~filters.COMMAND
EDITED_TEXT = filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION)
# The opt-out and consent words are plain patterns (`bot.delivery.optout`, `bot.people.consent`).
SAYS_STOP = filters.Regex(optout_words.STOP)
SAYS_UNCLEAR = filters.Regex(optout_words.UNCLEAR)
TYPED_ANSWER = filters.Regex(consent_words.TYPED_ANSWER)
ATTACHMENTS = (
    filters.VOICE
    | filters.VIDEO_NOTE
    | filters.VIDEO
    | filters.AUDIO
    | filters.Document.ALL
    | filters.Sticker.ALL
)


class OutsidePrivateChats(BaseHandler):
    """Every update from a chat that is not a private chat (a group, supergroup or channel),
    whatever its kind: messages, edits, channel posts, buttons, the bot being added."""

    def check_update(self, update: object) -> bool:
        chat = update.effective_chat if isinstance(update, Update) else None
        return chat is not None and chat.type != ChatType.PRIVATE


class ChatIs(filters.MessageFilter):
    """A message whose chat is in a state the store knows of (one indexed lookup a message);
    `ask(chat_id)` says whether it is."""

    def __init__(self, ask: Callable[[int], bool], name: str) -> None:
        super().__init__(name=name)
        self.ask = ask

    def filter(self, message: Message) -> bool:
        return self.ask(message.chat.id)


def add_handlers(app: Application) -> None:
    """Register every handler and the error handler on `app`. Order matters!"""
    # Filters answer at once, on the event loop: they read through the bot's second
    # connection (`Services.peek`), never the store's thread.
    services = _services(app)
    store = services.peek or services.store
    awaiting_consent = ChatIs(
        lambda chat_id: store.consent_prompts.open_token(chat_id) is not None, "awaiting_consent"
    )
    unreachable = ChatIs(store.patients.has_unreachable, "unreachable_patient")

    # Private chats only: nothing below ever sees a group or a channel.
    app.add_handler(OutsidePrivateChats(groups.outside_private_chats), group=PRIVATE_ONLY_GROUP)
    # Writing again after a block restores the patient; their message then goes on as usual.
    app.add_handler(MessageHandler(NEW & unreachable, patient.welcome_back), group=RETURN_GROUP)

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
    app.add_handler(CommandHandler("start", deeplink.start_with_payload, NEW, has_args=True))
    app.add_handler(CommandHandler("start", general.start, NEW))
    app.add_handler(CommandHandler("help", general.help_command, NEW))
    # Blocking and unblocking the bot (Telegram's my_chat_member).
    app.add_handler(ChatMemberHandler(patient.membership, ChatMemberHandler.MY_CHAT_MEMBER))

    # Opting out comes before any free-text handler: STOP must never reach the FAQ. An edit
    # that reads as STOP is an opt-out too; any other edit is only checked for a red flag.
    app.add_handler(CommandHandler("stop", optout.stop, NEW))
    app.add_handler(MessageHandler(FREE_TEXT & SAYS_STOP, optout.stop))
    app.add_handler(MessageHandler(EDITED_TEXT & SAYS_STOP, optout.stop))
    app.add_handler(MessageHandler(FREE_TEXT & SAYS_UNCLEAR, optout.unclear))
    # `stop:yes|no`: the confirmation STOP used to ask; a tap on an old one is still heard.
    app.add_handler(
        CallbackQueryHandler(optout.button, pattern=r"^(optout:(undo|stop|keep)|stop:(yes|no))$")
    )
    app.add_handler(CommandHandler("resume", optout.resume, NEW))
    app.add_handler(MessageHandler(EDITED_TEXT, questions.edited))

    # Patients and the outbox.
    app.add_handler(CommandHandler("next", delivery.next_messages, NEW))
    app.add_handler(CommandHandler("booked", delivery.booked, NEW))
    app.add_handler(CallbackQueryHandler(delivery.booked, pattern=r"^booked:[0-9]{1,18}$"))
    app.add_handler(CommandHandler("queue", delivery.queue, NEW))
    app.add_handler(
        CallbackQueryHandler(
            patient.consent_answer, pattern=r"^consent:(yes|no):[A-Za-z0-9_-]{1,64}$"
        )
    )
    # At an open consent question a typed "yes" or "no" answers it (the store is asked only
    # when the text reads as an answer).
    app.add_handler(
        MessageHandler(FREE_TEXT & TYPED_ANSWER & awaiting_consent, patient.consent_typed)
    )
    app.add_handler(CommandHandler("forget", patient.forget_command, NEW))
    app.add_handler(CallbackQueryHandler(patient.forget_answer, pattern=r"^forget:(yes|no)$"))

    # Staff: patients, wording, the clinic's own answers, the guide's passages, drafts and the
    # inbox.
    app.add_handler(CommandHandler("enroll", staff.enroll_command, NEW))
    app.add_handler(CommandHandler("patients", staff.patients_command, NEW))
    app.add_handler(CommandHandler("cancel", staff.cancel_command, NEW))
    app.add_handler(CommandHandler("stats", staff.stats_command, NEW))
    app.add_handler(CommandHandler("inbox", inbox.inbox_command, NEW))
    app.add_handler(CommandHandler("close", inbox.close_command, NEW))
    app.add_handler(CommandHandler("content", content.content_command, NEW))
    app.add_handler(CommandHandler("edit", content.edit_command, NEW))
    app.add_handler(CommandHandler("revert", content.revert_command, NEW))
    app.add_handler(CommandHandler("faq", clinic_faq.faq_command, NEW))
    app.add_handler(CommandHandler("passages", passages.passages_command, NEW))
    app.add_handler(CommandHandler("passage", passages.passage_command, NEW))
    app.add_handler(
        CallbackQueryHandler(drafts.draft_button, pattern=r"^draft:(cancel|save:[0-9a-f]{8})$")
    )
    app.add_handler(
        CallbackQueryHandler(inbox.reply_button, pattern=r"^reply:([0-9]{1,18}|cancel)$")
    )
    app.add_handler(CallbackQueryHandler(inbox.alert_button, pattern=r"^(take|close):[0-9]{1,18}$"))
    app.add_handler(CallbackQueryHandler(clinic_faq.learn_button, pattern=r"^learn:[0-9]{1,18}$"))

    # --- Running a clinic (issue 16): the team, settings, the go-live review -----------------
    # Any member lists the team and settings and may /leave; admins invite, remove, change
    # settings and approve the review (each handler checks the role).
    app.add_handler(CommandHandler("staff", team.staff_command, NEW))
    app.add_handler(CommandHandler("leave", team.leave_command, NEW))
    app.add_handler(CallbackQueryHandler(team.leave_answer, pattern=r"^leave:(yes|no)$"))
    app.add_handler(CommandHandler("settings", clinic_settings.settings_command, NEW))
    app.add_handler(CommandHandler("review", golive.review_command, NEW))
    app.add_handler(CallbackQueryHandler(golive.approve_button, pattern=r"^golive:approve$"))
    # --- end of issue 16's block -------------------------------------------------------------

    # Free text nobody above took is a question for the FAQ (red flags first).
    app.add_handler(MessageHandler(FREE_TEXT, questions.question))

    # What patients send besides text, new messages only (an edited caption is not a second
    # photo): a photo reaches the clinic team, the rest is asked for in words.
    app.add_handler(MessageHandler(NEW & filters.PHOTO, media.photo))
    app.add_handler(MessageHandler(NEW & ATTACHMENTS, media.attachment))

    # Catch-alls last: unknown commands (after every command above), messages that are not
    # text, and buttons nobody handles any more (after every button pattern above).
    app.add_handler(MessageHandler(NEW & filters.COMMAND, general.unknown_command))
    app.add_handler(MessageHandler(NEW & ~filters.TEXT, general.not_text))
    app.add_handler(CallbackQueryHandler(general.stale_button))
    app.add_error_handler(general.on_error)


def _services(app: Application) -> Services:
    return app.bot_data["services"]
