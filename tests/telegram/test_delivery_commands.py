"""/next, /booked and its button, /stop and CANCEL/END/QUIT, /resume and /queue: the real
Application in this process, over HTTP to the Bot API stand-in, with a manual clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.standin.harness import running_bot
from bot.store.timefmt import iso
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, add_clinic, enroll
from tests.e2e.people import Person

PATIENT, STAFF, STRANGER = 101, 900, 555
H = timedelta(hours=1)


def journey(start):
    return [
        Step("day1", start + 24 * H, start + 32 * H),
        Step("day2", start + 48 * H, start + 56 * H),
        Step("book_next", start + 23 * 24 * H, start + 28 * 24 * H, group="rebook"),
        Step("book_again", start + 30 * 24 * H, start + 35 * 24 * H, group="rebook"),
    ]


@pytest.fixture
async def bot(tmp_path):
    async with running_bot(tmp_path / "bot.db", clock=ManualClock(MONDAY_9AM)) as running:
        running.app.bot_data["outbox"].renderer = FakeRenderer()
        yield running


@pytest.fixture
def patient(bot):
    """(patient_id, session_id) of an active patient with a planned journey."""
    store = bot.store
    clinic = add_clinic(store)
    store.db.table("staff").insert(
        {"clinic_id": clinic.id, "chat_id": STAFF, "joined_at": iso(MONDAY_9AM)}
    )
    return enroll(store, clinic, PATIENT, journey(MONDAY_9AM))


async def say(bot, chat_id, text):
    [reply] = await Person(bot.standin, chat_id, "Pat").send(text)
    return reply


async def tap(bot, chat_id, data, method="sendMessage"):
    [reply] = await Person(bot.standin, chat_id, "Pat").tap(data, method=method)
    return reply


def statuses(bot, patient_id):
    return {r.step_id: r.status for r in bot.store.deliveries.for_patient(patient_id)}


def journey_statuses(day1, day2, book_next, book_again):
    """The statuses expected of the journey's steps, by step id."""
    return {"day1": day1, "day2": day2, "book_next": book_next, "book_again": book_again}


async def test_next_lists_upcoming_messages_in_local_time(bot, patient):
    reply = await say(bot, PATIENT, "/next")
    assert "Your next aftercare messages:" in reply.text
    # 09:00 UTC on Tuesday 3 March is 09:00 in London (GMT).
    assert "• Tue 3 Mar 09:00" in reply.text
    assert reply.text.count("•") == 4


async def test_next_for_someone_without_a_clinic(bot, patient):
    reply = await say(bot, STRANGER, "/next")
    assert "open the link your clinic gave you" in reply.text


async def test_booked_command_clears_the_rebook_reminders(bot, patient):
    patient_id, session_id = patient
    reply = await say(bot, PATIENT, "/booked")
    assert "Thank you for booking" in reply.text
    assert statuses(bot, patient_id) == journey_statuses(
        "pending", "pending", "cancelled", "cancelled"
    )
    session = bot.store.sessions.get(session_id)
    assert session.booked_at == MONDAY_9AM


async def test_the_booked_button_on_a_reminder_clears_the_rest(bot, patient):
    patient_id, session_id = patient
    clock = bot.clock
    clock.set(MONDAY_9AM + 23 * 24 * H)
    outbox = bot.app.bot_data["outbox"]
    await outbox.run_once()
    [reminder] = bot.standin.messages(PATIENT)[-1:]
    assert reminder.button_data() == [f"booked:{session_id}"]
    reply = await tap(bot, PATIENT, f"booked:{session_id}")
    assert "Thank you for booking" in reply.text
    assert statuses(bot, patient_id)["book_again"] == "cancelled"
    assert statuses(bot, patient_id)["book_next"] == "sent"


@pytest.mark.parametrize(
    "word",
    [
        pytest.param("cancel", id="cancel"),
        pytest.param("End", id="end"),
        pytest.param("QUIT", id="quit"),
        pytest.param("Cancel please.", id="cancel_politely"),
    ],
)
async def test_cancel_end_quit_alone_ask_once_before_muting(bot, patient, word):
    patient_id, _ = patient
    question = await say(bot, PATIENT, word)
    assert question.button_data() == ["optout:stop", "optout:keep"]
    clinic = bot.store.clinics.get(1)
    assert "appointment" in question.text and f"{clinic.name} on {clinic.phone}" in question.text
    assert set(statuses(bot, patient_id).values()) == {"pending"}


async def test_a_sentence_containing_stop_is_not_a_stop(bot, patient):
    patient_id, _ = patient
    reply = await say(bot, PATIENT, "when can I stop using the serum")
    assert reply.button_data() == []
    assert set(statuses(bot, patient_id).values()) == {"pending"}


async def test_stop_then_resume_restores_only_what_is_ahead(bot, patient):
    patient_id, _ = patient
    stopped = await say(bot, PATIENT, "/stop")
    assert "won't get any more aftercare messages" in stopped.text
    assert stopped.button_data() == ["optout:undo"]
    assert set(statuses(bot, patient_id).values()) == {"muted"}
    assert "paused" in (await say(bot, PATIENT, "/next")).text
    # Two days later day1 has passed while muted; day2 is due in an hour.
    bot.clock.set(MONDAY_9AM + 47 * H)
    reply = await say(bot, PATIENT, "/resume")
    assert "3 messages ahead" in reply.text
    assert statuses(bot, patient_id) == journey_statuses("muted", "pending", "pending", "pending")
    assert "already on" in (await say(bot, PATIENT, "/resume")).text


async def test_saying_no_keeps_the_messages(bot, patient):
    patient_id, _ = patient
    await say(bot, PATIENT, "cancel")
    kept = await tap(bot, PATIENT, "optout:keep")
    assert "carry on" in kept.text
    assert set(statuses(bot, patient_id).values()) == {"pending"}


async def test_the_question_can_stop_them_with_undo(bot, patient):
    patient_id, _ = patient
    await say(bot, PATIENT, "quit")
    stopped = await tap(bot, PATIENT, "optout:stop")
    assert stopped.button_data() == ["optout:undo"]
    assert set(statuses(bot, patient_id).values()) == {"muted"}
    undone = await tap(bot, PATIENT, "optout:undo")
    assert "4 messages ahead" in undone.text
    assert set(statuses(bot, patient_id).values()) == {"pending"}


async def test_queue_is_for_staff_and_shows_upcoming_and_failed(bot, patient):
    patient_id, _ = patient
    assert "for clinic staff" in (await say(bot, PATIENT, "/queue")).text
    bot.standin.add_fault("bad_request", chat_id=PATIENT, description="message is too long")
    bot.clock.set(MONDAY_9AM + 24 * H)
    await bot.app.bot_data["outbox"].run_once()
    reply = await say(bot, STAFF, "/queue")
    upcoming, failed = reply.text.split("Failed:")
    # Patients by the number /patients shows and their name; steps by title (or id).
    assert f"#{patient_id} Pat · day2 · Wed 4 Mar 09:00" in upcoming
    assert "day1" in failed and "bad_request: Message is too long" in failed
    one = await say(bot, STAFF, f"/queue {patient_id}")
    assert one.text.startswith(f"#{patient_id} Pat (active):")
    assert one.text.count("\n") == 4
    assert "No patient with that number" in (await say(bot, STAFF, "/queue 999")).text
    assert "Usage: /queue" in (await say(bot, STAFF, "/queue abc")).text
