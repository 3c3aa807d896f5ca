"""What a patient hears after sending something other than text: a photo, a voice note, a
video note, a document or a sticker. The bot reads no image or sound; a photo goes to the
clinic team, and everything else is asked for in words. `contact` is how a referral names the
clinic (`answers.clinic_contact`)."""


def photo_passed_on(clinic_name: str, contact: str) -> str:
    """A photo reached the clinic team."""
    return (
        f"Thank you, I've sent your photo to the {clinic_name} team; they can reply here. "
        f"I can't look at photos myself, so if something worries you, call {contact}."
    )


def photo_not_reached(contact: str) -> str:
    """No staff chat could be reached with the photo."""
    return f"I couldn't get your photo to the clinic team just now, so please call {contact}."


def type_it(contact: str) -> str:
    """A voice note, video note, video, audio file or document from a patient."""
    return (
        "I can't listen to voice notes or open videos and documents. Please type your "
        f"question, or send a photo. If it's urgent, call {contact} now."
    )


# A photo from a chat with no clinic link: nobody to pass it to.
PHOTO_NO_CLINIC = (
    "I can only pass photos to a clinic that uses this bot, and this chat isn't linked to one. "
    "If something worries you, contact the clinic that treated you directly."
)

# A photo before the patient agreed to messages (link opened, consent question unanswered).
PHOTO_AGREE_FIRST = (
    "Please answer the question above first (tap “Yes, I agree” to receive aftercare "
    "messages); then you can send your photo to the clinic team here."
)
