"""The escalation inbox in a staff chat: a patient's alert with its Reply button, and what
happens to the staff member's answer. What the patient receives is
`bot.wording.patients.answers.relayed_to_patient`."""

HEADINGS = {
    "urgent": "URGENT",
    "unknown": "Question the guide can't answer",
    "photo": "Photo check-in",
}


def alert(
    kind: str,
    first_name: str,
    patient_number: int,
    category: str | None,
    words: str,
    *,
    photo: bool = False,
    shortened_from: int | None = None,
) -> str:
    """`kind`: "urgent" (a red flag, `category` such as "allergic"), "unknown" (a question
    the guide can't answer) or "photo" (a photo the patient sent); `words`: the patient's own
    message or caption, the point of the alert; `photo`: the alert is a photo's caption;
    `shortened_from`: the whole message's length when `words` is an excerpt of it."""
    about = f" ({category.replace('_', ' ')})" if category else ""
    sent = " with a photo" if photo and kind != "photo" else ""
    said = f"“{words}”" if words else "(no words with the photo)"
    note = (
        f"\n(shortened; the whole message is {shortened_from} characters)" if shortened_from else ""
    )
    return (
        f"{HEADINGS[kind]}{about} from {first_name} (patient #{patient_number}){sent}:\n\n"
        f"{said}{note}\n\n"
        "Tap Reply to answer through the bot, or reply to this message."
    )


# How an alert names a patient whose first name was erased.
UNNAMED_PATIENT = "a patient"
# What an alert becomes when its patient asks the bot to forget them.
ALERT_ERASED = (
    "This alert was erased: the patient asked the bot to forget them, so their name and words "
    "are no longer kept here."
)

REPLY_BUTTON = "Reply"
REPLY_CANCEL_BUTTON = "Don't reply"


def reply_prompt(first_name: str) -> str:
    return f"Type your reply to {first_name}. It will be sent as a message from the clinic team."


def reply_sent(first_name: str) -> str:
    return f"Sent to {first_name}."


# Under an alert from someone who opened their link but has not agreed to messages yet.
NOT_AGREED_NOTE = (
    "They have not agreed to messages from this bot yet, so it can't pass on a reply: "
    "please phone them."
)
REPLY_NOT_AGREED = (
    "That patient has not agreed to messages from this bot yet, so nothing was sent. "
    "Please phone them."
)
REPLY_CANCELLED = "Okay, nothing was sent."
REPLY_GONE = "That patient has left or asked to be forgotten, so nothing was sent."
REPLY_NOT_YOURS = "That message belongs to another clinic's inbox."
REPLY_FAILED = "I couldn't deliver that reply (the patient may have blocked the bot)."
REPLY_TOO_LONG = "That reply is too long for one message. Please shorten it or split it in two."

# A photo, voice note or sticker from a staff chat: the bot relays typed replies only.
MEDIA_FROM_STAFF = (
    "I can only pass typed replies on to patients. Tap Reply on their message (or reply to it) "
    "and type your answer."
)
