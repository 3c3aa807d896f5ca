"""The bot's fixed wording that is not medical: greetings, help and error replies.

Medical wording never lives here: it comes from `content/` with verbatim source quotes.
"""

WELCOME = (
    "Hello! I'm the automated aftercare assistant used by aesthetic clinics. "
    "I'm not a clinician.\n\n"
    "To receive your aftercare messages, open the link your clinic gave you after your "
    "session (or scan its QR code). Send /help to see what I can do."
)

HELP = (
    "I send aftercare reminders after your treatment and answer questions from your "
    "clinic's aftercare guide. I'm an automated assistant, not a clinician.\n\n"
    "/start – join with the link from your clinic\n"
    "/help – this message\n\n"
    "If something worries you, contact your clinic directly. "
    "For trouble breathing or swelling of the lips, eyes or throat, call your local "
    "emergency number now."
)

UNKNOWN_COMMAND = "Sorry, I don't know that command. Send /help to see what I can do."

NOT_UNDERSTOOD = (
    "I can only help with aftercare for your treatment at a clinic that uses this bot. "
    "Send /help to see what I can do."
)

ERROR = (
    "Sorry, something went wrong on my side and I couldn't handle that. "
    "Please try again in a moment, or contact your clinic directly."
)

COMMANDS = [
    ("start", "Join with the link from your clinic"),
    ("next", "Your upcoming messages"),
    ("booked", "I've booked my next session"),
    ("stop", "Pause all messages"),
    ("resume", "Get messages again"),
    ("forget", "Delete my details"),
    ("help", "What this bot does"),
]

BUTTON_EXPIRED = "This button is no longer active. Send /help to see what I can do."

# --- Patients: questions (the FAQ's own answers come from content/, quotes with sources) -----

URGENT_NO_CLINIC = (
    "What you describe needs to be checked by a clinician now, not answered by a bot. "
    "Please contact the clinic that treated you straight away. If you have any trouble "
    "breathing, or your lips, tongue or throat are swelling, call your local emergency number now."
)
STAFF_ALERTED = "I've alerted the clinic team."
QUESTION_PASSED_ON = "I've passed your question to the clinic team; they can reply here."
STAFF_NOT_REACHED = (
    "I couldn't reach the clinic team through this chat just now, so please phone them."
)
TEXT_ONLY = (
    "I can only read text messages. If you want to show the clinic a photo of your skin, "
    "or something worries you, contact your clinic directly."
)


# --- Patients: joining, consent and leaving --------------------------------------------------


def consent_request(first_name: str, clinic_name: str, clinic_phone: str) -> str:
    return (
        f"Hello {first_name}! {clinic_name} would like to send you aftercare messages after "
        "your treatment.\n\n"
        "Before you say yes:\n"
        "• I'm an automated assistant, not a clinician. I can't examine you or give personal "
        "medical advice.\n"
        "• Over the coming weeks I'll send you aftercare reminders, quoted from your clinic's "
        "aftercare guide, and a reminder to book your next session.\n"
        "• You can ask me questions: I answer from the guide, or pass your question to the "
        "clinic team.\n"
        "• To stop at any time, send /stop or just the word STOP. /forget deletes your details.\n"
        f"• If something worries you, call {clinic_name} on {clinic_phone}. In an emergency, "
        "call your local emergency number.\n\n"
        "Do you agree to receive these messages?"
    )


CONSENT_YES = "Yes, I agree"
CONSENT_NO = "No, thanks"


def consented(clinic_name: str, clinic_phone: str) -> str:
    return (
        f"Thank you, you're signed up with {clinic_name}. Your aftercare messages will arrive "
        "here.\n\n/next shows what's coming, /stop pauses everything, /help lists the rest. "
        f"If something worries you, call the clinic on {clinic_phone}."
    )


def declined(clinic_name: str) -> str:
    return (
        f"No problem: you won't get any messages from {clinic_name} through me. If you change "
        "your mind, open the same link again while it is still valid."
    )


def already_signed_up(clinic_name: str, status: str) -> str:
    if status == "stopped":
        return (
            f"You're signed up with {clinic_name}, but your messages are paused. "
            "Send /resume to get them again."
        )
    return f"You're already signed up with {clinic_name}. /next shows what's coming."


CHOICE_RECORDED_YES = "✔ You agreed to receive aftercare messages."
CHOICE_RECORDED_NO = "✖ You declined aftercare messages."

LINK_UNKNOWN = (
    "Sorry, I don't recognise that link. Please check it with your clinic, or ask them for "
    "a new one."
)
LINK_EXPIRED = "Sorry, that link has expired. Please ask your clinic for a new one."
LINK_USED = (
    "Sorry, that link has already been used by someone else. Each link works for one person "
    "only: please ask your clinic for your own link."
)
LINK_CANCELLED = "That enrollment was cancelled by the clinic. Please contact them if unexpected."
LINK_STALE_BUTTON = "That choice is no longer open. Send /help to see what I can do."

CANCELLED_BY_CLINIC = (
    "Your clinic has ended your aftercare messages from this bot, so you won't get any more. "
    "If this is unexpected, please contact the clinic."
)

FORGET_CONFIRM = (
    "This deletes your name, your link to this chat, your questions and every message not "
    "yet sent. Your clinic keeps only anonymous counts. It can't be undone.\n\n"
    "Delete your details now?"
)
FORGET_YES = "Yes, delete my details"
FORGET_NO = "No, keep them"
FORGOTTEN = (
    "Done: your details are deleted and you won't get any more messages. "
    "If your clinic sends you a new link, you can join again."
)
FORGET_KEPT = "Okay, nothing was deleted."
FORGET_NOTHING = "I don't hold any details for this chat."

PATIENT_HELP = (
    "I'm your clinic's automated aftercare assistant, not a clinician.\n\n"
    "/next – the messages coming up\n"
    "/booked – tell me you've booked your next session\n"
    "/stop – pause all messages (or just send STOP)\n"
    "/resume – get messages again\n"
    "/forget – delete your details\n"
    "/help – this message\n\n"
    "You can also ask me a question about your aftercare. If something worries you, "
    "contact your clinic directly; in an emergency, call your local emergency number."
)

# --- Staff -----------------------------------------------------------------------------------


def staff_joined(clinic_name: str) -> str:
    return (
        f"Welcome: this chat is now staff at {clinic_name}. Patients' urgent messages and "
        "questions the guide can't answer will arrive here.\n\n" + STAFF_HELP
    )


def staff_already(clinic_name: str) -> str:
    return f"This chat is already staff at {clinic_name}. Send /help for the staff commands."


STAFF_OTHER_CLINIC = (
    "This chat is already staff at another clinic. Use a different Telegram account for a "
    "second clinic."
)

STAFF_HELP = (
    "Staff commands:\n"
    "/enroll <first name> [YYYY-MM-DD HH:MM] [k/n] – a one-time link and QR code for a "
    "patient (session time defaults to now, k/n is session k of a series of n)\n"
    "/enroll #<number> [YYYY-MM-DD HH:MM] [k/n] – the next session of a patient who already "
    "agreed: no new link, their booking reminders stop\n"
    "/patients – your clinic's patients\n"
    "/cancel <number or first name> – stop a patient's messages\n"
    "/queue [number] – messages waiting to go out and those that failed\n"
    "/stats – figures for your clinic\n"
    "/content – the aftercare messages and your clinic's wording\n"
    "/edit <step> – write your clinic's own wording of a message\n"
    "/revert <step> – go back to the default wording\n"
    "/faq – your clinic's own answers (/faq add, /faq delete <number>)\n"
    "/help – this message\n\n"
    "When a patient's message arrives here, tap Reply (or reply to it) to answer them."
)

STAFF_ONLY = "Sorry, that command is for clinic staff."
CANCEL_NOT_STAFF = "To stop your messages, send /stop."
ENROLL_USAGE = (
    "Usage: /enroll <first name> [YYYY-MM-DD HH:MM] [k/n]\n"
    "For example: /enroll Amira 2026-03-02 14:30 1/3 (clinic time; defaults to now).\n"
    "A patient's next session: /enroll #<number from /patients> [YYYY-MM-DD HH:MM] [k/n]."
)
NEXT_SESSION_NOT_LATER = "That time is not after the patient's last session. Please check the date."


def next_session_needs_link(number: int, status: str) -> str:
    return (
        f"Patient #{number} is {status}, so they have not agreed to messages for a next "
        "session. Enroll them with a new link instead: /enroll <first name>."
    )


def next_session_beyond_series(number: int, length: int) -> str:
    return (
        f"That would be session {number} of a series of {length}. "
        "Add k/n to say which session it is, for example 1/3 for a new series."
    )


def next_session_enrolled(first_name: str, number: int, session_text: str, planned: int) -> str:
    return (
        f"Next session enrolled for {first_name} (#{number}), {session_text}. "
        f"{planned} aftercare messages are planned and any reminders to book it are cleared; "
        "no new link is needed."
    )


CANCEL_USAGE = "Usage: /cancel <patient number or first name> (see /patients)."


def enrolled(first_name: str, session_text: str, series_text: str, link: str, expires: str):
    return (
        f"Link for {first_name} ({session_text}{series_text}). Works once, until {expires}:\n"
        f"{link}\n\nShow the QR code or send the link; the patient taps it and agrees."
    )


NO_PATIENTS = "No patients yet. Enroll one with /enroll <first name>."
PATIENT_NOT_FOUND = "No patient like that at your clinic. /patients lists them with numbers."


def patient_ambiguous(name: str) -> str:
    return f"Several patients are called {name}: use their number from /patients."


def patient_cancelled(first_name: str, number: int) -> str:
    return f"Cancelled #{number} {first_name}: no more messages will be sent."


def patient_already_closed(number: int, status: str) -> str:
    return f"Patient #{number} is already {status}."


# --- Escalation inbox ------------------------------------------------------------------------


def staff_alert(kind: str, first_name: str, patient_number: int, category: str | None, words: str):
    heading = "URGENT" if kind == "urgent" else "Question the guide can't answer"
    about = f" ({category.replace('_', ' ')})" if category else ""
    return (
        f"{heading}{about} from {first_name} (patient #{patient_number}):\n\n"
        f"“{words}”\n\n"
        "Tap Reply to answer through the bot, or reply to this message."
    )


REPLY_BUTTON = "Reply"
REPLY_CANCEL_BUTTON = "Don't reply"


def reply_prompt(first_name: str) -> str:
    return f"Type your reply to {first_name}. It will be sent as a message from the clinic team."


def relayed_to_patient(clinic_name: str, text: str) -> str:
    return f"Message from the {clinic_name} team (a person, not the assistant):\n\n{text}"


def reply_sent(first_name: str) -> str:
    return f"Sent to {first_name}."


REPLY_CANCELLED = "Okay, nothing was sent."
REPLY_GONE = "That patient has left or asked to be forgotten, so nothing was sent."
REPLY_NOT_YOURS = "That message belongs to another clinic's inbox."
REPLY_FAILED = "I couldn't deliver that reply (the patient may have blocked the bot)."
REPLY_TOO_LONG = "That reply is too long for one message. Please shorten it or split it in two."

STAFF_COMMANDS = [
    ("enroll", "Link and QR code for a patient"),
    ("patients", "Your clinic's patients"),
    ("cancel", "Stop a patient's messages"),
    ("queue", "Messages waiting and failed"),
    ("stats", "Figures for your clinic"),
    ("content", "Aftercare messages and your wording"),
    ("edit", "Write your own wording of a message"),
    ("revert", "Back to the default wording"),
    ("faq", "Your clinic's own answers"),
    ("help", "Staff commands"),
]

# --- Staff: the clinic's own wording of timeline steps ----------------------------------------

EDIT_USAGE = "Usage: /edit <step>, for example /edit day1_redness. /content lists the steps."
REVERT_USAGE = "Usage: /revert <step>, for example /revert day1_redness."
CANCEL_BUTTON = "Cancel"
SAVE_BUTTON = "Save"
DRAFT_CANCELLED = "Okay, nothing was changed."
DRAFT_STALE = "That preview is no longer open, so nothing was saved. Start again with the command."


def unknown_step(name: str, step_ids: list[str]) -> str:
    return f"There is no step called “{name[:40]}”. Steps: {', '.join(step_ids)}."


def content_heading(clinic_name: str) -> str:
    return f"Aftercare messages for {clinic_name} (time after the session · wording):"


CONTENT_FOOTER = (
    "/edit <step> writes your clinic's own wording of a message; /revert <step> goes back to "
    "the default. Edits reach every message not yet sent."
)
DEFAULT_WORDING = "default wording"


def own_wording(version: int, author: str, when: str) -> str:
    return f"your clinic's wording v{version}, by {author}, {when}"


def edit_instructions(step_id: str, clinic_name: str, fields: str) -> str:
    return (
        f"Send the new wording of {step_id} as your next message.\n\n"
        '• Lines starting with "> " are quotes: copy them word for word from the aftercare '
        "documents.\n"
        f"• Everything else is shown to patients as {clinic_name}'s own words, with "
        f"“Written by the team at {clinic_name}.” underneath.\n"
        f"• You can use {fields}.\n"
        "• The message's buttons stay as they are.\n\n"
        "Its current wording follows, to copy and change. Tap Cancel to stop."
    )


def draft_problems(problems: list[str]) -> str:
    listed = "\n".join(f"• {problem}" for problem in problems)
    return (
        f"Not saved: that text has {len(problems)} problem(s).\n\n{listed}\n\n"
        "Send a corrected text, or tap Cancel."
    )


def edit_preview_heading(step_id: str, clinic_name: str, first_name: str, buttons: str) -> str:
    kept = f" Its buttons stay: {buttons}." if buttons else ""
    return (
        f"Preview of {step_id} as a patient at {clinic_name} would get it (with the sample name "
        f"{first_name}).{kept} Tap Save to use it, or send a corrected text."
    )


def edit_saved(step_id: str, clinic_name: str, version: int) -> str:
    return (
        f"Saved: {clinic_name} now uses its own wording of {step_id} (version {version}). "
        f"Every {step_id} message not yet sent will use it. /revert {step_id} goes back to the "
        "default."
    )


def reverted(step_id: str, clinic_name: str) -> str:
    return (
        f"{step_id} is back to the default wording for {clinic_name}; messages not yet sent "
        "will use it. Your earlier versions are kept in the history."
    )


def already_default(step_id: str) -> str:
    return f"{step_id} already uses the default wording; nothing changed."


# --- Staff: the clinic's own FAQ entries ----------------------------------------------------

FAQ_USAGE = "Usage: /faq (your entries), /faq add, or /faq delete <number>."
FAQ_DELETE_USAGE = "Usage: /faq delete <number>, with the number /faq shows."
FAQ_ASK_QUESTION = (
    "Send the question as a patient might ask it (up to {limit} characters), or tap Cancel."
)


def faq_none(clinic_name: str) -> str:
    return (
        f"{clinic_name} has no answers of its own yet. /faq add writes one: patients who ask "
        f"about it get your answer, marked as {clinic_name}'s own advice."
    )


def faq_heading(clinic_name: str, count: int) -> str:
    return f"{clinic_name}'s own answers ({count}):"


FAQ_FOOTER = "/faq add writes another; /faq delete <number> removes one."


def faq_ask_answer(clinic_name: str, limit: int) -> str:
    return (
        f"Now send the answer in your clinic's own words (up to {limit} characters). Patients "
        f"will see it marked as advice from {clinic_name}, not from the aftercare guide."
    )


def faq_preview_heading(question: str) -> str:
    return f"Preview: a patient asking “{question}” would get:"


def faq_clinic_words(clinic_name: str) -> str:
    return f"From {clinic_name} (the clinic's own advice, not from the guide):"


FAQ_PREVIEW_FOOTER = "Tap Save to add it, or send a corrected answer."


def faq_saved(number: int) -> str:
    return f"Saved as entry #{number}. /faq lists your entries."


def faq_deleted(number: int, question: str) -> str:
    return f"Deleted entry #{number} (“{question}”)."


def faq_not_found(ref: str) -> str:
    return f"Your clinic has no entry #{ref[:20]}. /faq lists them with their numbers."


def faq_full(limit: int) -> str:
    return f"Your clinic already has {limit} entries. Delete one with /faq delete first."


def faq_empty(what: str) -> str:
    return f"The {what} is empty. Please send it as text."


def faq_too_long(what: str, length: int, limit: int) -> str:
    return f"The {what} is {length} characters; please keep it to {limit}."
