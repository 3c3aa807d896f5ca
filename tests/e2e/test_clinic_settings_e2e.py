"""A clinic's settings through the real bot and the stand-in: an admin's /settings re-plans the
messages not yet sent, a new phone reaches the next message, bad input changes nothing, and
urgent replies out of opening hours give the out-of-hours or urgent-care line."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.wording.patients import answers
from bot.wording.staff import settings as words
from tests.e2e.conftest import AMIRA, SAM, SKY

PHONE = "+44 20 7946 0000"
LONDON = ZoneInfo("Europe/London")


def due(world, step: str) -> datetime:
    patient = world.store.patients.by_chat(AMIRA)
    [row] = [r for r in world.store.deliveries.for_patient(patient.id) if r.step_id == step]
    return row.due_at


def waiting(world) -> dict[str, datetime]:
    patient = world.store.patients.by_chat(AMIRA)
    rows = world.store.deliveries.for_patient(patient.id)
    return {r.step_id: r.next_attempt_at for r in rows if r.status == "pending"}


async def send_due(world) -> None:
    await world.bot.app.bot_data["outbox"].run_once()


async def test_a_settings_change_replans_unsent_messages(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)  # Monday 02 Mar 2026 14:00 in London (GMT)
    assert due(world, "day1_redness") == datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
    before = waiting(world)

    [changed] = await world.sam.send("/settings window 15:00-20:00")
    after = waiting(world)
    moved = [step for step in before if after[step] != before[step]]
    assert changed.text == words.changed(
        ["send window: 09:00-20:00 → 15:00-20:00"], len(moved), replans=True
    )
    assert moved and "day1_redness" in moved
    assert due(world, "day1_redness") == datetime(2026, 3, 3, 15, 0, tzinfo=UTC)

    # The outbox follows the new times: nothing at 14:30, day 1 at 15:00.
    world.clock.advance(timedelta(days=1, minutes=30))
    received = len(amira.messages())
    await send_due(world)
    assert len(amira.messages()) == received
    world.clock.advance(timedelta(minutes=30))
    await send_due(world)
    assert "a day on from your session" in amira.messages()[-1].text

    # A new interval moves the booking prompt; a new zone moves the windowed steps.
    book = due(world, "book_next").astimezone(LONDON)
    await world.sam.send("/settings interval 35")
    later = due(world, "book_next").astimezone(LONDON)  # after the clocks go forward: BST
    assert (later.date() - book.date(), later.time(), book.time()) == (
        timedelta(days=7),
        time(15, 0),
        time(15, 0),
    )
    await world.sam.send("/settings timezone Europe/Paris")
    assert due(world, "day2_settling") == datetime(2026, 3, 4, 14, 0, tzinfo=UTC)  # 15:00 CET
    assert due(world, "day1_redness") == datetime(2026, 3, 3, 15, 0, tzinfo=UTC)  # sent: stays

    # Every change is audited: who, when, old -> new.
    changes = world.store.clinic_changes.newest(world.glow.id)
    assert [(c.field, c.old, c.new, c.author) for c in changes] == [
        ("timezone", "Europe/London", "Europe/Paris", f"staff:{SAM}"),
        ("interval", "28", "35", f"staff:{SAM}"),
        ("window", "09:00-20:00", "15:00-20:00", f"staff:{SAM}"),
        ("go_live_review", "not approved", "approved", "fixture"),
    ]
    [shown] = await world.sky.send("/settings")
    assert "• timezone: Europe/Paris" in shown.text
    assert "window: 09:00-20:00 → 15:00-20:00 · by staff chat 2001" in shown.text


async def test_a_new_phone_reaches_the_next_message(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    [changed] = await world.sam.send("/settings phone +44 20 7946 0999")
    assert changed.text == words.changed([f"phone: {PHONE} → +44 20 7946 0999"], 0, False)
    world.clock.advance(timedelta(days=2))
    await send_due(world)
    day2 = amira.messages()[-1]
    assert "checking in two days after your session" in day2.text
    assert "+44 20 7946 0999" in day2.text and PHONE not in day2.text


@pytest.mark.parametrize(
    "typed, says",
    [
        pytest.param("window 25:00-26:00", "send window: '25:00-26:00' is not a window", id="hour"),
        pytest.param("window 20:00-09:00", "send window: the send window 20:00-09:00 is empty",
                     id="window_backwards"),
        pytest.param("window soon", "send window: 'soon' is not a window", id="window_words"),
        pytest.param("interval 0", "series interval (days): the series interval must be", id="0"),
        pytest.param("interval four", "series interval (days): 'four' is not a number", id="four"),
        pytest.param("interval 2", "series interval (days): a series interval of 2 days is too "
                     "short for the timeline", id="interval_shorter_than_the_care_steps"),
        pytest.param("phone 12", "phone: '12' is not a phone number", id="short_phone"),
        pytest.param("timezone Mars/Base", "time zone: unknown time zone 'Mars/Base'", id="zone"),
        pytest.param("booking http://glow.example", "booking link: the booking URL must be",
                     id="http_booking"),
        pytest.param("hours Mon 18:00-09:00", "opening hours: 18:00-09:00 ends before",
                     id="hours_backwards"),
        pytest.param("hours weekdays 9-5", "opening hours: no day in 'weekdays 9-5'", id="hours"),
        pytest.param("outofhours call us", "out-of-hours number: 'call us' is not a phone",
                     id="out_of_hours"),
        pytest.param("emergency 9", "emergency number: '9' is not a phone number", id="emergency"),
        pytest.param("name   ", "Give the new value after the field", id="empty_name"),
        pytest.param("colour blue", "There is no setting “colour”. Settings: name, phone",
                     id="unknown_field"),
    ],
)  # fmt: skip
async def test_bad_settings_get_a_clear_reply_and_change_nothing(world, typed, says):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    clinic, before = world.store.clinics.get(world.glow.id), waiting(world)
    audit = world.store.clinic_changes.newest(world.glow.id)
    [refused] = await world.sam.send(f"/settings {typed}")
    assert says in refused.text
    assert world.store.clinics.get(world.glow.id) == clinic
    assert world.store.clinic_changes.newest(world.glow.id) == audit
    assert waiting(world) == before


async def test_out_of_hours_urgent_replies_with_and_without_an_out_of_hours_number(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await world.sam.send("/settings hours Mon-Fri 09:00-18:00, Sat 10:00-13:00")
    # Monday 14:00: open, so the clinic itself is the number to call.
    urgent, _ = await amira.send("my face is oozing pus and I feel hot", expect=2)
    assert f"Please call Glow Clinic on {PHONE} straight away" in urgent.text

    world.clock.advance(timedelta(hours=8))  # Monday 22:00: closed, no out-of-hours number
    urgent, note = await amira.send("my face is oozing pus and I feel hot", expect=2)
    assert urgent.text == answers.urgent_closed(
        "Glow Clinic", out_of_hours="", emergency_number="", emergency=False
    )
    assert "Glow Clinic is closed right now" in urgent.text
    assert "local urgent-care line" in urgent.text and PHONE not in urgent.text
    assert note.text == answers.STAFF_ALERTED  # the team still hears at once
    assert "oozing pus" in world.bot.standin.messages(SKY)[-1].text

    await world.sam.send("/settings outofhours +44 7700 900123")
    await world.sam.send("/settings emergency 999")
    urgent, _ = await amira.send("my face is oozing pus and I feel hot", expect=2)
    assert "Please call Glow Clinic's out-of-hours number, +44 7700 900123, now." in urgent.text
    assert "urgent-care" not in urgent.text

    # Airway signs: the emergency line first, naming the local number.
    airway, _ = await amira.send("my throat feels tight and i cant breathe properly", expect=2)
    first, *rest = airway.text.split("\n")
    assert first == answers.emergency_line("999")
    assert "999 (your local emergency number)" in first
    assert any("out-of-hours number, +44 7700 900123" in line for line in rest)
