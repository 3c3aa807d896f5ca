"""Opening a clinic's link and answering the consent question.

The link refusals also answer a staff invite opened twice or too late.
"""


def consent_request(first_name: str, clinic_name: str, clinic_phone: str) -> str:
    """What the patient reads before agreeing; the buttons are CONSENT_YES and CONSENT_NO."""
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

# Added under the consent question once it is answered (its buttons are removed).
CHOICE_RECORDED_YES = "✔ You agreed to receive aftercare messages."
CHOICE_RECORDED_NO = "✖ You declined aftercare messages."


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
    """`status`: the patient's status, "active" or "stopped"."""
    if status == "stopped":
        return (
            f"You're signed up with {clinic_name}, but your messages are paused. "
            "Send /resume to get them again."
        )
    return f"You're already signed up with {clinic_name}. /next shows what's coming."


LINK_UNKNOWN = (
    "Sorry, I don't recognise that link. Please check it with your clinic, or ask them for "
    "a new one."
)
LINK_EXPIRED = "Sorry, that link has expired. Please ask your clinic for a new one."
LINK_USED = (
    "Sorry, that link has already been used by someone else. Each link works for one person "
    "only: please ask your clinic for your own link."
)
# A link whose patient used /forget: the chat was unbound, so it can't tell who opens it.
LINK_FORGOTTEN = (
    "Your details were deleted (with /forget), so this link no longer works. If you want "
    "aftercare messages again, please ask your clinic for a new link."
)
LINK_CANCELLED = "That enrollment was cancelled by the clinic. Please contact them if unexpected."


def expired_at_answer(clinic_name: str, clinic_phone: str) -> str:
    """ "I agree" (tapped or typed) after the link expired: nothing is recorded."""
    return (
        "Sorry, this link has expired, so I couldn't sign you up with it and nothing was "
        f"recorded. Please ask {clinic_name} for a new link (call {clinic_phone}), then open "
        "it here."
    )


def agree_first(clinic_name: str, clinic_phone: str) -> str:
    """A question typed before agreeing: nothing is answered or passed on yet."""
    return (
        f"Before I can answer questions or pass them on to {clinic_name}, please agree to "
        "the aftercare messages: tap “Yes, I agree” above, or type yes. If something worries "
        f"you, call {clinic_name} on {clinic_phone}."
    )


LINK_STALE_BUTTON = "That choice is no longer open. Send /help to see what I can do."
