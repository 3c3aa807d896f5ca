"""`make demo`: a scripted journey through the real bot and the offline Bot API stand-in.

A clinic is registered, a staff member joins, enrolls a patient after her session, the
patient agrees, asks questions (one the guide answers, one it does not, one urgent), sends a
photo, and the staff member replies through the bot. The conversation is printed as a
transcript stamped with simulated time. Each step waits for the bot's replies as they arrive
over HTTP.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from pathlib import Path

from bot.people import golive
from bot.people.registration import register_clinic
from bot.people.staff import invite_staff
from bot.standin.driver import ChatDriver, button_labels
from bot.standin.harness import RunningBot, running_bot
from bot.standin.transcript import Transcript
from bot.wording.patients import answers, joining, schedule

PATIENT_CHAT = 1001
STAFF_CHAT = 2001
_LINK = re.compile(r"\?start=([A-Za-z0-9_-]+)")


class DemoFailed(RuntimeError):
    """The bot did not answer as the script expects."""


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise DemoFailed(what)


FAST_FORWARD = 4 * 86400.0  # simulated seconds per real second between timeline messages
PER_CHAT_PACE = 1.0  # real seconds, the outbox's per-chat interval


async def run_demo(*, speed: float = FAST_FORWARD, echo=print) -> int:
    """Run the scripted journey; returns a process exit code (0 when every step worked).

    Conversation runs at real speed; between timeline messages the clock runs `speed` times
    faster, one message at a time, so each arrives at its own simulated send time.
    """
    with tempfile.TemporaryDirectory(prefix="aftercare-demo-") as folder:
        # Speed 2 only so the harness builds a ScaledClock; the journey sets speeds itself.
        async with running_bot(Path(folder) / "demo.db", clock_speed=2) as bot:
            bot.clock.set_speed(1)
            try:
                await _journey(bot, echo, speed)
            except (DemoFailed, TimeoutError) as error:
                echo(f"DEMO FAILED: {error}")
                return 1
    return 0


async def _journey(bot: RunningBot, echo, fast: float) -> None:
    clinic = register_clinic(
        bot.store,
        name="Glow Skin Clinic",
        timezone="Europe/London",
        phone="+44 20 7946 0000",
        booking_url="https://glow.example/book",
        now=bot.clock.now(),
        timeline=bot.services.timeline(),
    )
    names = {PATIENT_CHAT: "Amira (patient)", STAFF_CHAT: "Sam (clinic staff)"}
    transcript = Transcript(bot.clock, names, timezone=clinic.zone, echo=echo)
    staff = ChatDriver(bot, STAFF_CHAT, "Sam", transcript)
    patient = ChatDriver(bot, PATIENT_CHAT, "Amira", transcript, stamp=_sent_at(bot))

    transcript.note(f"{clinic.name} is registered; Sam joins as its admin with the invite link")
    invite = invite_staff(bot.store, clinic.id, bot.clock.now(), role="admin")
    [joined] = await staff.say(f"/start {invite.token}")
    _check("staff" in joined.text, "staff could not join")
    # The go-live review (/review) is read before the first patient; the demo approves it.
    transcript.note("Sam has read the go-live review of the messages and passages and approves it")
    golive.approve(bot.store, clinic, author=f"staff:{STAFF_CHAT}", now=bot.clock.now())

    transcript.note("After Amira's microneedling session, Sam enrolls her at the front desk")
    [qr] = await staff.say("/enroll Amira")
    link = _LINK.search(qr.text or "")
    _check(qr.method == "sendPhoto" and link is not None, "no QR code with a link")

    transcript.note("Amira scans the QR code and agrees")
    [consent] = await patient.say(f"/start {link[1]}")
    _check(joining.CONSENT_YES in button_labels(consent), "no consent buttons")
    _, first = await patient.tap(joining.CONSENT_YES, replies=2)
    _check(bot.store.patients.by_chat(PATIENT_CHAT).status == "active", "consent not recorded")
    _check("receptive to serums" in first.text, "the first aftercare message did not arrive")

    transcript.note("Amira asks questions in her own words")
    [answer] = await patient.say("how long will I be red for?")
    _check("day or two" in answer.text, "the guide's answer about redness is missing")
    [unknown] = await patient.say("Can I wear makeup tomorrow?")
    _check(answers.NOT_COVERED in unknown.text, "an uncovered question was answered")
    [alert] = await staff.expect()
    escalation_id = alert.button_data()[0].split(":")[1]
    await staff.tap(f"reply:{escalation_id}")
    await staff.say("Please wait 24 hours before makeup, Amira.", replies=1)
    await patient.expect()

    transcript.note("Something worrying: red flags go to the clinic before anything else")
    await patient.say("my cheek is hot and there's yellow pus", replies=2)
    await staff.expect()

    await _photo_check_in(bot, patient, staff, transcript)

    transcript.note("The following days and weeks: the timeline, at the clinic's send times")
    for step_words in ("day or two", "few days", "collagen"):
        [message] = await _fast_forward(bot, patient, fast)
        _check(step_words in message.text, f"expected a message about {step_words!r}")

    transcript.note("Amira has had enough messages: STOP works at once, with an Undo")
    await _stop_and_undo(bot, patient, transcript)

    [message] = await _fast_forward(bot, patient, fast)
    _check("next session" in message.text, "expected the message about the next session")
    await patient.tap("I’ve booked")
    [upcoming] = await patient.say("/next")
    _check("book" not in upcoming.text.lower(), "booking reminders were not cleared")

    transcript.note("Demo finished: every step got the reply it expected")


async def _stop_and_undo(bot: RunningBot, patient: ChatDriver, transcript: Transcript) -> None:
    """STOP mutes every waiting message at once (no "are you sure?"); Undo brings back what
    is still ahead."""
    waiting = bot.store.deliveries.waiting_for_patient
    patient_id = bot.store.patients.by_chat(PATIENT_CHAT).id
    _check(bool(waiting(patient_id)), "no messages were waiting before STOP")
    [stopped] = await patient.say("STOP")
    _check(bot.store.patients.get(patient_id).status == "stopped", "STOP did not stop")
    _check(not waiting(patient_id), "messages are still waiting to go out after STOP")
    _check(schedule.UNDO_BUTTON in button_labels(stopped), "the STOP reply has no Undo button")
    [paused] = await patient.say("/next")
    _check(paused.text == schedule.PAUSED, "/next does not say the messages are paused")
    transcript.note("She changes her mind and taps Undo")
    await patient.tap(schedule.UNDO_BUTTON)
    _check(bool(waiting(patient_id)), "Undo did not bring the messages back")


async def _photo_check_in(
    bot: RunningBot, patient: ChatDriver, staff: ChatDriver, transcript: Transcript
) -> None:
    """A photo reaches staff as a check-in: the photo itself, with the Reply button."""
    transcript.note("Amira sends a photo of her skin; the clinic team sees it and answers")
    [thanks] = await patient.send_media("photo", "This is my cheek today")
    _check("sent your photo" in thanks.text, "the photo was not passed on")
    [alert] = await staff.expect()
    _check(alert.method == "sendPhoto", "staff did not get the photo")
    _check(alert.text.startswith("Photo check-in from Amira"), "the photo is not a check-in")
    await staff.tap(alert.button_data()[0])
    await staff.say("That looks like normal healing, Amira. See you in four weeks!")
    [answer] = await patient.expect()
    _check("normal healing" in answer.text, "the staff reply did not reach Amira")


async def _fast_forward(bot: RunningBot, chat: ChatDriver, speed: float):
    """Run the clock fast until the next message reaches `chat`, then back to real speed."""
    # Telegram's one-message-a-second-per-chat pace is real time. Let it pass first: at four
    # days a second, a message kept waiting for it would go out days late.
    await asyncio.sleep(PER_CHAT_PACE)
    bot.clock.set_speed(speed)
    bot.services.outbox_changed()
    try:
        return await chat.expect(1, timeout=60)
    finally:
        bot.clock.set_speed(1)
        bot.services.outbox_changed()


def _sent_at(bot: RunningBot):
    """A timeline message is stamped with the time its outbox row records as sent."""

    def stamp(record):
        patient = bot.store.patients.by_chat(record.chat_id)
        rows = bot.store.deliveries.for_patient(patient.id) if patient else []
        return next((r.sent_at for r in rows if r.message_id == record.message_id), None)

    return stamp
