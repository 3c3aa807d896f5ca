"""Patients' questions through the real bot and the stand-in: answers quoted from the guide,
honest unknowns passed to staff, red flags escalated before anything else."""

from __future__ import annotations

from bot.wording.patients import answers, general
from tests.e2e.conftest import AMIRA, BEA, MALLORY, SAM, SKY


async def test_an_answerable_question_gets_quotes_from_the_guide(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    staff_before = len(world.bot.standin.messages(SAM))
    [answer] = await amira.send("how long will i be red for??")
    assert "From our aftercare guide" in answer.text
    assert "for a day or two" in answer.text
    assert len(world.bot.standin.messages(SAM)) == staff_before  # nobody was alerted
    assert world.store.events.counts(world.glow.id)["question"] == 1
    assert world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id) == []


async def test_an_urgent_message_is_answered_at_once_and_reaches_staff(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    staff_before = len(world.bot.standin.messages(SAM))
    urgent, note = await amira.send("my face is oozing pus and I feel hot", expect=2)
    assert "Please call Glow Clinic on +44 20 7946 0000 straight away" in urgent.text
    assert note.text == answers.STAFF_ALERTED
    # Both staff of the clinic got the alert with the patient's first name, words and a button.
    for chat in (SAM, SKY):
        alert = world.bot.standin.messages(chat)[-1]
        assert "Amira" in alert.text and "oozing pus" in alert.text
        assert alert.button_data()[0].startswith("reply:")
    assert len(world.bot.standin.messages(SAM)) == staff_before + 1
    [escalation] = world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id)
    assert (escalation.kind, escalation.category) == ("urgent", "infection")
    # Sam replies through the bot; Amira gets it.
    await world.sam.tap(f"reply:{escalation.id}")
    await world.sam.send("Please come in at 2pm today, Amira.")
    relayed = amira.messages()[-1]
    assert "Please come in at 2pm today, Amira." in relayed.text
    assert world.store.escalations.get(escalation.id).status == "replied"


async def test_breathing_trouble_names_the_emergency_number(world):
    bea = world.person(BEA, "Bea")
    await world.signed_up(bea)
    urgent, _ = await bea.send("my throat feels tight and i cant breathe properly", expect=2)
    assert "call your local emergency number now" in urgent.text


async def test_a_question_the_guide_does_not_cover_is_passed_to_staff(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    [reply] = await amira.send("Can I wear makeup tomorrow?")
    assert "doesn't cover that" in reply.text
    assert "Glow Clinic on +44 20 7946 0000" in reply.text
    assert answers.QUESTION_PASSED_ON in reply.text
    assert "makeup" in world.bot.standin.messages(SAM)[-1].text
    [escalation] = world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id)
    assert escalation.kind == "unknown"


async def test_without_reachable_staff_the_patient_is_told_to_phone(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    world.bot.standin.blocked_chats.update({SAM, SKY})
    urgent, note = await amira.send("there is pus coming out", expect=2)
    assert "straight away" in urgent.text
    assert note.text == answers.STAFF_NOT_REACHED
    assert world.store.events.counts(world.glow.id)["escalation_undelivered"] == 1


async def test_a_stranger_with_a_red_flag_gets_the_emergency_wording(world):
    mallory = world.person(MALLORY, "Mallory")
    [reply] = await mallory.send("my lips are swelling up")
    assert reply.text == answers.URGENT_NO_CLINIC
    [other] = await mallory.send("what is microneedling")
    assert other.text == general.NOT_UNDERSTOOD


async def test_negation_is_answered_but_a_mixed_message_escalates(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    [reply] = await amira.send("no fever or pus, just a bit pink. is that normal?")
    assert "for a day or two" in reply.text
    assert world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id) == []
    urgent, _ = await amira.send("i dont have a fever but there is pus", expect=2)
    assert "straight away" in urgent.text
    [escalation] = world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id)
    assert escalation.kind == "urgent"


async def test_a_two_part_message_is_answered_in_parts(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    [reply] = await amira.send("how long will the redness last, and can I go to the gym tomorrow?")
    # The covered part is answered from the guide, the answering clause in bold ...
    assert "You asked “how long will the redness last”. From our aftercare guide:" in reply.text
    assert "for a day or two" in reply.text
    assert reply.parse_mode == "HTML"
    assert (
        "<b>Most individuals experience redness and mild swelling post-treatment for a day "
        "or two</b>" in reply.payload["text"]
    )
    # ... and the uncovered part gets an honest "not covered" in the same reply, for staff.
    assert "“can I go to the gym tomorrow”. Our aftercare guide doesn't cover that" in (reply.text)
    assert answers.QUESTION_PASSED_ON in reply.text
    assert "gym" in world.bot.standin.messages(SAM)[-1].text
    [escalation] = world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id)
    assert escalation.kind == "unknown"


async def test_a_red_flag_comes_first_and_the_other_part_is_answered_after(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    urgent, note, rest = await amira.send(
        "how long does redness last? also there's green stuff oozing from my cheek", expect=3
    )
    assert "Please call Glow Clinic on +44 20 7946 0000 straight away" in urgent.text
    assert "day or two" not in urgent.text
    assert note.text == answers.STAFF_ALERTED
    assert "From our aftercare guide" in rest.text and "for a day or two" in rest.text
    [escalation] = world.store.escalations.for_patient(world.store.patients.by_chat(AMIRA).id)
    assert (escalation.kind, escalation.category) == ("urgent", "infection")
