"""STOP at once, end to end: the opt-out table through the real bot over HTTP.

Each case is a patient who just agreed (their first message sent, the rest waiting) and then
writes one message. An opt-out stops everything at once, says so and offers Undo; a question
that merely contains "stop" is a question; CANCEL, END or QUIT alone get one question with two
buttons. One bot serves the whole table (a new patient and chat per case).
"""

from __future__ import annotations

import itertools

import pytest
import pytest_asyncio

from bot.clock import ManualClock
from bot.standin.harness import running_bot
from bot.wording.patients import schedule
from tests.e2e.conftest import SAM, World
from tests.e2e.people import Person
from tests.e2e.staffed import two_clinics
from tests.enroll_helpers import NOW

pytestmark = pytest.mark.asyncio(loop_scope="module")
CHATS = itertools.count(3001)

STOPS = [
    pytest.param("STOP", id="bare_upper"),
    pytest.param("stop", id="bare_lower"),
    pytest.param("Stop.", id="full_stop"),
    pytest.param("stop please", id="polite_after"),
    pytest.param("please stop", id="polite_before"),
    pytest.param("STOP 🛑", id="emoji"),
    pytest.param("Stop!!!", id="exclamations"),
    pytest.param("Unsubscribe.", id="unsubscribe"),
    pytest.param("pls unsubscribe me", id="unsubscribe_me"),
    pytest.param("/stop", id="command"),
    pytest.param("opt out", id="opt_out"),
    pytest.param("stop sending these", id="stop_sending_these"),
    pytest.param("Stop sending me messages!", id="stop_sending_me_messages"),
    pytest.param("can you stop sending me these messages?", id="asked_about_the_messages"),
    pytest.param("no more messages please", id="no_more_messages"),
    pytest.param("I don't want these reminders anymore", id="dont_want_reminders"),
]
NOT_STOPS = [
    pytest.param("should I stop my retinol?", id="question_about_retinol"),
    pytest.param("when can I stop using the serum", id="question_about_serum"),
    pytest.param("I stopped wearing makeup, is that ok?", id="stopped_in_a_sentence"),
]
UNCLEAR = [
    pytest.param("cancel", id="cancel"),
    pytest.param("END", id="end"),
    pytest.param("Quit.", id="quit"),
    pytest.param("cancel please", id="cancel_politely"),
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory):
    db = tmp_path_factory.mktemp("optout") / "optout.db"
    glow, _other, invites = two_clinics(db)
    async with running_bot(db, clock=ManualClock(NOW)) as bot:
        sam = Person(bot.standin, SAM, "Sam")
        await sam.send(f"/start {invites[0]}")
        yield World(bot, bot.clock, glow, sam)


async def _patient(world: World) -> tuple[Person, int]:
    patient = Person(world.bot.standin, next(CHATS), "Amira")
    await world.signed_up(patient)
    row = world.store.patients.by_chat(patient.chat_id)
    assert world.store.deliveries.waiting_for_patient(row.id)  # messages are waiting
    return patient, row.id


@pytest.mark.parametrize("words", STOPS)
async def test_an_opt_out_stops_everything_at_once_with_undo(world, words):
    patient, patient_id = await _patient(world)
    [reply] = await patient.send(words)
    assert reply.text == schedule.stopped(["Glow Clinic"])
    assert reply.button_data() == ["optout:undo"]
    assert world.store.patients.get(patient_id).status == "stopped"
    assert world.store.deliveries.waiting_for_patient(patient_id) == []


@pytest.mark.parametrize("words", NOT_STOPS)
async def test_a_question_that_contains_stop_is_a_question(world, words):
    patient, patient_id = await _patient(world)
    [reply] = await patient.send(words)
    assert reply.button_data() == []
    assert world.store.patients.get(patient_id).status == "active"
    assert world.store.deliveries.waiting_for_patient(patient_id)


@pytest.mark.parametrize("words", UNCLEAR)
async def test_cancel_end_or_quit_alone_get_one_question_with_two_buttons(world, words):
    patient, patient_id = await _patient(world)
    [question] = await patient.send(words)
    assert question.text == schedule.stop_unclear("Glow Clinic on +44 20 7946 0000")
    assert question.button_data() == ["optout:stop", "optout:keep"]
    assert world.store.patients.get(patient_id).status == "active"


async def test_undo_and_resume_bring_back_what_is_ahead(world):
    patient, patient_id = await _patient(world)
    await patient.send("STOP")
    [back] = await patient.tap("optout:undo")
    waiting = world.store.deliveries.waiting_for_patient(patient_id)
    assert back.text == schedule.resumed(len(waiting)) and waiting
    assert world.store.patients.get(patient_id).status == "active"
    [again] = await patient.send("stop please")
    assert again.text == schedule.stopped(["Glow Clinic"])
    [resumed] = await patient.send("/resume")
    assert resumed.text == schedule.resumed(len(waiting))


async def test_the_unclear_question_answered_either_way(world):
    patient, patient_id = await _patient(world)
    await patient.send("quit")
    [kept] = await patient.tap("optout:keep")
    assert kept.text == schedule.not_stopped("Glow Clinic on +44 20 7946 0000")
    assert world.store.patients.get(patient_id).status == "active"
    await patient.send("END")
    [stopped] = await patient.tap("optout:stop")
    assert stopped.text == schedule.stopped(["Glow Clinic"])
    assert world.store.patients.get(patient_id).status == "stopped"


async def test_stop_twice_says_it_is_already_stopped(world):
    patient, _ = await _patient(world)
    await patient.send("STOP")
    [again] = await patient.send("Unsubscribe")
    assert again.text == schedule.ALREADY_STOPPED
    assert again.button_data() == ["optout:undo"]


async def test_stop_from_someone_with_no_messages_changes_nothing(world):
    stranger = Person(world.bot.standin, next(CHATS), "Mallory")
    [reply] = await stranger.send("STOP")
    assert reply.text == schedule.NOT_A_PATIENT
    assert world.store.patients.by_chat(stranger.chat_id) is None


async def test_yes_stop_them_on_a_confirmation_from_before_still_stops(world):
    """STOP used to ask "are you sure?"; a patient tapping its old "Yes" is still heard."""
    patient, patient_id = await _patient(world)
    [help_text] = await patient.send("/help")
    # The old confirmation's buttons, as they were sent before this release.
    world.bot.standin.chats[patient.chat_id].messages[help_text.message_id]["reply_markup"] = {
        "inline_keyboard": [[{"text": "Yes, stop them", "callback_data": "stop:yes"}]]
    }
    [stopped] = await patient.tap("stop:yes")
    assert stopped.text == schedule.stopped(["Glow Clinic"])
    assert world.store.patients.get(patient_id).status == "stopped"
