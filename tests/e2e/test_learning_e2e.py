"""Learning from the gaps, on the real bot through the stand-in: an admin turns a staff answer
to a question the guide did not cover into a clinic FAQ entry (the question in neutral words,
the answer approved), and the entry answers the next patient who asks in other words."""

from __future__ import annotations

from bot.faq.clinic_faq import MAX_QUESTION
from bot.wording.patients import answers
from bot.wording.staff import alerts, learning, own_answers
from tests.e2e.conftest import AMIRA, BEA, SAM, SKY

ASKED = "Can I wear makeup tomorrow?"
ANSWERED = "Not for 24 hours, Amira, and use clean brushes."
NEUTRAL_QUESTION = "When can I wear makeup again after a session?"
NEUTRAL_ANSWER = "Not for 24 hours after a session, and use clean brushes."


async def test_a_staff_answer_becomes_an_entry_answering_other_words(world, amira):
    [reply] = await amira.send(ASKED)
    assert answers.QUESTION_PASSED_ON in reply.text
    [escalation] = world.escalations_of(AMIRA)
    number = escalation.id
    await world.sam.tap(f"reply:{number}")
    # Sam, the clinic's admin, answers: the confirmation offers the entry in one tap.
    [sent] = await world.sam.send(ANSWERED)
    assert sent.text == alerts.reply_sent("Amira")
    assert sent.button_data() == [f"learn:{number}"]
    [refused] = await world.sky.tap(f"learn:{number}")
    assert refused.text == learning.NOT_AN_ADMIN

    [prompt] = await world.sam.tap(f"learn:{number}")
    assert prompt.text == learning.ask_question(ANSWERED, MAX_QUESTION)
    assert prompt.button_data() == ["draft:cancel"]
    [own_words] = await world.sam.send("can i wear MAKEUP tomorrow")
    assert own_words.text == learning.PATIENTS_WORDS
    [named] = await world.sam.send("Amira wants to know when makeup is fine")
    assert named.text == learning.NAMES_THE_PATIENT
    [answer_named] = await world.sam.send(NEUTRAL_QUESTION)
    assert answer_named.text == learning.ANSWER_NAMES_THE_PATIENT  # Sam's answer named her
    [preview] = await world.sam.send(NEUTRAL_ANSWER)
    assert NEUTRAL_QUESTION in preview.text and NEUTRAL_ANSWER in preview.text
    [save] = [data for data in preview.button_data() if data.startswith("draft:save:")]
    [saved] = await world.sam.tap(save)

    [entry] = world.store.faq_entries.list(world.glow.id)
    assert saved.text == own_answers.saved(entry.id)
    assert (entry.question, entry.answer, entry.author_chat_id) == (
        NEUTRAL_QUESTION,
        NEUTRAL_ANSWER,
        SAM,
    )
    assert world.store.escalations.get(number).faq_entry_id == entry.id
    assert world.store.events.counts(world.glow.id)["faq_entry_learned"] == 1
    [again] = await world.sam.tap(f"learn:{number}")
    assert again.text == learning.already_learned(entry.id)

    # Bea asks the same thing in other words: the clinic's entry answers, nobody is alerted.
    bea = world.person(BEA, "Bea")
    await world.signed_up(bea)
    alerts_before = len(world.bot.standin.messages(SAM))
    [answer] = await bea.send("when can I put foundation on again?")
    assert answers.clinic_advice_heading("Glow Clinic") in answer.text
    assert NEUTRAL_ANSWER in answer.text
    assert world.escalations_of(BEA) == []
    assert len(world.bot.standin.messages(SAM)) == alerts_before


async def test_another_members_answer_is_offered_to_the_admin(world, amira):
    await amira.send("Is a sauna ok this week?")
    [escalation] = world.escalations_of(AMIRA)
    await world.sky.tap(f"reply:{escalation.id}")
    mark = world.bot.standin.next_index
    [sent] = await world.sky.send("Please wait a week for the sauna.")
    assert sent.button_data() == []  # Sky is staff, not an admin
    [offer] = await world.bot.standin.wait_for_messages(SAM, 1, after=mark)
    assert offer.text == learning.proposal(
        "Sky", escalation.id, "Please wait a week for the sauna."
    )
    assert offer.button_data() == [f"learn:{escalation.id}"]
    # A second answer offers nothing more.
    mark = world.bot.standin.next_index
    [alert] = [m for m in world.bot.standin.messages(SKY) if m.button_data()[:1] == [
        f"reply:{escalation.id}"]]  # fmt: skip
    [second] = await world.sky.reply_to(alert.message_id, "And drink water.")
    assert second.text == alerts.reply_sent("Amira") and second.button_data() == []
    assert world.bot.standin.select(chat_id=SAM, after=mark) == []
