"""Edited messages, end to end: an edit is checked once per message for a red flag (escalated
if new) and for an opt-out; it never gets a second answer or a second escalation."""

from __future__ import annotations

from bot.wording.patients import answers, schedule
from tests.e2e.conftest import AMIRA, World


def _alerts(world: World, after: int) -> list:
    return [r for r in world.bot.standin.messages(world.sam.chat_id) if r.index >= after]


async def test_an_edit_that_adds_a_red_flag_is_escalated_once(world: World):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await amira.send("how long will I be red?")
    question = amira.last_sent
    mark = world.bot.standin.next_index
    urgent, told = await amira.edit(question, "how long will I be red? there is pus now", expect=2)
    assert urgent.text == answers.urgent("Glow Clinic on +44 20 7946 0000", emergency=False)
    assert told.text == answers.STAFF_ALERTED
    [alert] = await world.bot.standin.wait_for_messages(world.sam.chat_id, 1, after=mark)
    assert alert.text.startswith("URGENT (infection) from Amira")
    # Edited again, still with the red flag: nothing new is said or escalated.
    await amira.edit(question, "how long will I be red? there is yellow pus now", expect=0)
    await world.handled()
    assert [r.index for r in amira.messages() if r.index >= mark] == [urgent.index, told.index]
    assert len(_alerts(world, mark)) == 1
    patient = world.store.patients.by_chat(AMIRA)
    assert len(world.store.escalations.for_patient(patient.id)) == 1


async def test_an_urgent_message_edited_is_not_escalated_again(world: World):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await amira.send("my cheek is swollen and hot with pus", expect=2)
    mark = world.bot.standin.next_index
    await amira.edit(
        amira.last_sent, "my cheek is swollen and hot with pus, and bleeding", expect=0
    )
    await world.handled()
    assert [r for r in amira.messages() if r.index >= mark] == []
    assert _alerts(world, mark) == []
    patient = world.store.patients.by_chat(AMIRA)
    assert len(world.store.escalations.for_patient(patient.id)) == 1


async def test_an_edited_question_gets_no_second_answer(world: World):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await amira.send("Can I wear makeup tomorrow?")  # unanswered: the team hears of it
    mark = world.bot.standin.next_index
    await amira.edit(amira.last_sent, "Can I wear mascara tomorrow?", expect=0)
    await world.handled()
    assert [r for r in amira.messages() if r.index >= mark] == []
    assert _alerts(world, mark) == []


async def test_an_edit_to_stop_opts_out(world: World):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await amira.send("thanks!")
    [stopped] = await amira.edit(amira.last_sent, "Stop.")
    assert stopped.text == schedule.stopped(["Glow Clinic"])
    assert stopped.button_data() == ["optout:undo"]
    assert world.store.patients.by_chat(AMIRA).status == "stopped"


async def test_a_staff_reply_edited_is_not_relayed_twice(world: World):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    mark = world.bot.standin.next_index
    await amira.send("Can I wear makeup tomorrow?")
    [alert] = await world.bot.standin.wait_for_messages(world.sam.chat_id, 1, after=mark)
    before_reply = world.bot.standin.next_index
    await world.sam.reply_to(alert.message_id, "Please wait a day.")  # Telegram's reply
    [relayed] = await world.bot.standin.wait_for_messages(AMIRA, 1, after=before_reply)
    assert "Please wait a day." in relayed.text
    await world.sam.edit(world.sam.last_sent, "Please wait two days.", expect=0)
    await world.handled()
    assert [r for r in amira.messages() if r.index > relayed.index] == []
