"""What patients send besides text, through the real bot and the stand-in: a photo reaches
staff as a check-in (its caption read like a message, red flags first), other media are asked
for in words, a sticker gets a short reply. Only Telegram's file_id is kept, and /forget
erases it."""

from __future__ import annotations

import pytest

from bot.wording.patients import answers, media
from bot.wording.staff import alerts
from tests.e2e.conftest import AMIRA, MALLORY, SAM, SKY

PHONE = "Glow Clinic on +44 20 7946 0000"


def escalations(world, chat_id):
    return world.store.escalations.for_patient(world.store.patients.by_chat(chat_id).id)


async def test_a_photo_reaches_staff_as_a_check_in_they_can_answer(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    after = world.bot.standin.next_index
    sent, [reply] = await amira.send_media("photo")
    assert reply.text == media.photo_passed_on("Glow Clinic", PHONE)
    largest = sent["photo"][-1]["file_id"]
    [escalation] = escalations(world, AMIRA)
    assert (escalation.kind, escalation.photo_file_id) == ("photo", largest)
    # Each staff chat gets the photo itself, resent by its file_id, with the Reply button.
    for chat in (SAM, SKY):
        [alert] = world.bot.standin.select(chat_id=chat, after=after)
        assert alert.method == "sendPhoto" and alert.payload["photo_source"] == "file_id"
        assert alert.payload["file_id"] == largest
        assert alert.text.startswith("Photo check-in from Amira")
        assert alert.button_data() == [f"reply:{escalation.id}", f"take:{escalation.id}"]
    assert world.bot.standin.select(chat_id=world.olga.chat_id, after=after) == []

    # A Telegram reply to the photo answers the patient.
    alert = world.bot.standin.messages(SAM)[-1]
    await world.sam.reply_to(alert.message_id, "That looks like normal redness, Amira.")
    assert "normal redness, Amira." in amira.messages()[-1].text
    assert world.store.escalations.get(escalation.id).status == "replied"

    # /forget erases the file_id with the words, and the photo leaves the staff chats.
    mark = world.bot.standin.next_index
    await amira.send("/forget")
    await amira.tap("forget:yes", method="editMessageText")
    assert world.store.escalations.get(escalation.id).photo_file_id is None
    for chat in (SAM, SKY):
        [deleted] = await world.bot.standin.wait_for_records(
            chat_id=chat, after=mark, methods=("deleteMessage",)
        )
        assert deleted.ok and deleted.message_id not in world.bot.standin.chats[chat].messages


async def test_a_red_flag_in_a_caption_escalates_as_urgent_with_the_photo(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    sent, (urgent, note) = await amira.send_media("photo", "there is pus on my cheek", expect=2)
    assert f"Please call {PHONE} straight away" in urgent.text
    assert note.text == answers.STAFF_ALERTED
    [escalation] = escalations(world, AMIRA)
    assert (escalation.kind, escalation.category) == ("urgent", "infection")
    assert escalation.photo_file_id == sent["photo"][-1]["file_id"]
    alert = world.bot.standin.messages(SAM)[-1]
    assert alert.method == "sendPhoto"
    assert alert.text.startswith("URGENT (infection) from Amira")
    assert "with a photo" in alert.text and "“there is pus on my cheek”" in alert.text


async def test_a_caption_the_guide_answers_is_answered_and_the_photo_still_goes(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    _, (answer, passed_on) = await amira.send_media(
        "photo", "how long will I be red for?", expect=2
    )
    assert "for a day or two" in answer.text
    assert passed_on.text == media.photo_passed_on("Glow Clinic", PHONE)
    assert [e.kind for e in escalations(world, AMIRA)] == ["photo"]
    assert "“how long will I be red for?”" in world.bot.standin.messages(SAM)[-1].text


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("voice", id="voice_note"),
        pytest.param("video_note", id="video_note"),
        pytest.param("document", id="document"),
        pytest.param("video", id="video"),
    ],
)
async def test_media_the_bot_cannot_read_are_asked_for_in_words(world, kind):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    staff_before = len(world.bot.standin.messages(SAM))
    _, [reply] = await amira.send_media(kind)
    assert reply.text == media.type_it(PHONE)
    assert "send a photo" in reply.text and "If it's urgent, call" in reply.text
    assert escalations(world, AMIRA) == []
    assert len(world.bot.standin.messages(SAM)) == staff_before


async def test_a_sticker_gets_a_short_reply_and_no_alert(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    _, [reply] = await amira.send_media("sticker")
    assert reply.text == answers.emoji_only("Glow Clinic", "+44 20 7946 0000")
    assert escalations(world, AMIRA) == []


async def test_a_photo_from_a_chat_without_a_clinic_goes_nowhere(world):
    mallory = world.person(MALLORY, "Mallory")
    _, [reply] = await mallory.send_media("photo", "what do you think?")
    assert reply.text == media.PHOTO_NO_CLINIC
    _, [urgent] = await mallory.send_media("photo", "there is pus on my cheek")
    assert urgent.text == answers.URGENT_NO_CLINIC


async def test_a_photo_before_consent_waits_for_the_answer(world):
    amira = world.person(AMIRA, "Amira")
    token = await world.enroll("Amira")
    await amira.send(f"/start {token}")
    _, [reply] = await amira.send_media("photo")
    assert reply.text == media.PHOTO_AGREE_FIRST
    # The link binds to her chat only when she agrees: find her by it.
    assert world.store.escalations.for_patient(world.patient_of(token).id) == []


@pytest.mark.parametrize(
    "kind", [pytest.param("photo", id="photo"), pytest.param("voice", id="voice_note")]
)
async def test_media_from_staff_is_not_relayed_and_they_are_told_to_type(world, kind):
    _, [reply] = await world.sam.send_media(kind)
    assert reply.text == alerts.MEDIA_FROM_STAFF
    assert world.store.db.execute("SELECT count(*) FROM escalations").fetchone()[0] == 0
