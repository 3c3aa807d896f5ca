"""A patient's photo, voice note, video note, document or sticker: what they hear, in order
(Telegram HTML, as every `Outcome`), and whether the clinic team must hear about it (as
`questions.handle_message` does for text).

The bot reads no image or sound. A photo reaches the clinic team as a check-in with the Reply
button, and only Telegram's `file_id` of it is kept, with the escalation (`/forget` erases it).
Its caption is read like a typed message, red flags first: a red flag in a caption escalates
as urgent, with the photo, and a question in it that the guide answers is answered. Voice notes,
video notes and documents are asked for in words; a sticker gets a short reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.faq.engine import Faq
from bot.faq.questions import Escalate, Outcome, escape, handle_message
from bot.store import Store
from bot.wording.patients import answers, general, media
from bot.wording.staff import alerts

log = logging.getLogger(__name__)

# What Telegram calls the attachments that get "please type it, or send a photo".
UNREADABLE = ("voice", "video_note", "video", "audio", "document")


def handle_photo(
    store: Store,
    faq: Callable[[], Faq],
    chat_id: int,
    caption: str,
    file_id: str,
    now: datetime,
    *,
    message_id: int | None = None,
) -> Outcome:
    """A photo, with or without a caption, from a chat; `file_id` is Telegram's, of the
    largest size. Escalates once: urgent when the caption has a red flag (even before consent,
    as a typed red flag does), else a check-in once the patient has agreed to messages.
    `message_id` lets an edit of the caption know the red flag was escalated already."""
    if store.staff.clinic_of(chat_id) is not None:
        return Outcome("staff", first=(escape(alerts.MEDIA_FROM_STAFF),))
    read = (
        handle_message(store, faq, chat_id, caption, now, message_id=message_id)
        if caption.strip()
        else None
    )
    rows = store.patients.consented_by_chat(chat_id)  # one per clinic, newest first
    patient = rows[0] if rows else None
    clinic = store.clinics.get(patient.clinic_id) if patient else None
    if read is not None and read.escalations and read.kind == "urgent":
        log.info("photo_red_flag patient=%s", patient.pseudonym if patient else None)
        with_photo = tuple(replace(e, photo=file_id) for e in read.escalations)
        return replace(read, escalations=with_photo)
    if patient is None and store.consent_prompts.open_token(chat_id) is not None:
        # Link opened, consent not given: the photo goes nowhere until they agree.
        log.info("photo_before_consent")
        return Outcome("consent", first=(escape(media.PHOTO_AGREE_FIRST),))
    if patient is None or clinic is None:
        first = read.first if read is not None and read.kind == "urgent" else ()
        return Outcome("stranger", first=first or (escape(media.PHOTO_NO_CLINIC),))
    log.info("photo_check_in patient=%s caption=%s", patient.pseudonym, bool(caption.strip()))
    contact = answers.clinic_contact(clinic.name, clinic.phone)
    # A question in the caption that the guide answers is answered first; anything else in it
    # goes to the team with the photo, in one alert.
    first = read.first if read is not None and read.kind == "answer" else ()
    return Outcome(
        "photo",
        first=first,
        escalations=(
            Escalate(clinic.id, patient.id, "photo", None, caption.strip(), photo=file_id),
        ),
        if_reached=escape(media.photo_passed_on(clinic.name, contact)),
        if_not_reached=escape(media.photo_not_reached(contact)),
    )


def handle_attachment(store: Store, chat_id: int, kind: str) -> Outcome:
    """A sticker, or one of `UNREADABLE`: nothing is escalated; patients get their clinic's
    phone for anything urgent. (From a staff chat: replies to patients are typed.)"""
    if store.staff.clinic_of(chat_id) is not None:
        return Outcome("staff", first=(escape(alerts.MEDIA_FROM_STAFF),))
    rows = store.patients.consented_by_chat(chat_id)
    patient = rows[0] if rows else None
    clinic = store.clinics.get(patient.clinic_id) if patient else None
    log.info("attachment kind=%s patient=%s", kind, patient.pseudonym if patient else None)
    if clinic is None:
        return Outcome("stranger", first=(escape(general.TEXT_ONLY),))
    if kind == "sticker":
        return Outcome("smalltalk", first=(escape(answers.emoji_only(clinic.name, clinic.phone)),))
    contact = answers.clinic_contact(clinic.name, clinic.phone)
    return Outcome("media", first=(escape(media.type_it(contact)),))
