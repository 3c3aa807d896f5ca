"""Escalations with a life, on the real bot through the stand-in and a manual clock: taken by
one member (the other's alert shows it), answered, closed; an urgent one nobody answers raised
again three times, then the patient told what to do; out of hours, handed to the clinic's
out-of-hours contact, or without one raised on the clinic's own clock."""

from __future__ import annotations

from datetime import timedelta

from bot.inbox import urgency
from bot.wording.patients import answers
from bot.wording.staff import alerts, inbox
from tests.e2e.conftest import AMIRA, SAM, SKY

PUS = "my face is oozing pus and I feel hot"


def shown(world, chat: int, message_id: int) -> dict:
    """The message as the staff member sees it now, after every edit."""
    return world.bot.standin.chats[chat].messages[message_id]


def buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [button["callback_data"] for row in rows for button in row]


async def edited(world, chat: int, after: int):
    edits = await world.bot.standin.wait_for_records(
        chat_id=chat, after=after, methods=("editMessageText",)
    )
    return edits[0]


async def test_an_urgent_escalation_is_taken_answered_and_closed(world, amira):
    standin = world.bot.standin
    await amira.send(PUS, expect=2)
    [escalation] = world.escalations_of(AMIRA)
    number = escalation.id
    sam_alert, sky_alert = standin.messages(SAM)[-1], standin.messages(SKY)[-1]
    assert sam_alert.button_data() == [f"reply:{number}", f"take:{number}"]
    [listed] = await world.sam.send("/inbox")
    assert f"#{number} URGENT (infection) · Amira (#" in listed.text
    assert listed.text.splitlines()[1].endswith(inbox.OPEN)

    # Sam takes it: every alert says so, Sky's too, with Reply and Close instead.
    world.clock.advance(minutes=2)
    mark = standin.next_index
    [ack] = await world.sam.tap(f"take:{number}", method="answerCallbackQuery")
    assert ack.text == inbox.took_it()
    await edited(world, SKY, mark)
    taken = inbox.taken("Sam", "14:02")
    for chat, alert in ((SAM, sam_alert), (SKY, sky_alert)):
        now_shown = shown(world, chat, alert.message_id)
        assert now_shown["text"].endswith(taken) and PUS in now_shown["text"]
        assert buttons(now_shown) == [f"reply:{number}", f"close:{number}"]

    # Sky can neither answer nor take it: it is Sam's.
    refusal = inbox.taken_by_other("Sam", "14:02")
    [refused] = await world.sky.tap(f"reply:{number}")
    assert refused.text == refusal
    [refused_take] = await world.sky.tap(f"take:{number}", method="answerCallbackQuery")
    assert refused_take.text == refusal
    assert world.store.escalations.get(number).taken_by == SAM

    # Sam answers three minutes later: Amira gets it, every alert says who answered.
    world.clock.advance(minutes=3)
    await world.sam.tap(f"reply:{number}")
    mark = standin.next_index
    [sent] = await world.sam.send("Please come in at 3pm today so we can look at it.")
    assert sent.text == alerts.reply_sent("Amira")
    assert "Please come in at 3pm today" in amira.messages()[-1].text
    await edited(world, SKY, mark)
    assert shown(world, SKY, sky_alert.message_id)["text"].endswith(inbox.answered("Sam", "14:05"))

    # Sam closes it with a note: the alerts lose their buttons, /inbox is empty.
    world.clock.advance(minutes=25)
    mark = standin.next_index
    [closed] = await world.sam.send(f"/close {number} phoned her, seen at 15:00")
    assert closed.text == inbox.close_done(number)
    await edited(world, SKY, mark)
    final = shown(world, SKY, sky_alert.message_id)
    assert final["text"].endswith(inbox.closed("Sam", "14:30", "phoned her, seen at 15:00"))
    assert "reply_markup" not in final
    [listed] = await world.sky.send("/inbox")
    assert listed.text == inbox.INBOX_EMPTY
    stored = world.store.escalations.get(number)
    assert (stored.status, stored.taken_by, stored.replied_by, stored.closed_by) == (
        "closed",
        SAM,
        SAM,
        SAM,
    )
    assert (stored.first_replied_at - stored.created_at).total_seconds() == 5 * 60
    assert stored.next_raise_at is None


async def test_bad_close_input_gets_a_clear_reply_and_changes_nothing(world, amira):
    await amira.send(PUS, expect=2)
    [escalation] = world.escalations_of(AMIRA)
    [usage] = await world.sam.send("/close")
    assert usage.text == inbox.CLOSE_USAGE
    [missing] = await world.sam.send("/close 999")
    assert missing.text == inbox.close_not_found("999")
    [other] = await world.olga.send(f"/close {escalation.id}")
    assert other.text == inbox.close_not_found(str(escalation.id))
    assert world.store.escalations.get(escalation.id).status == "open"


async def test_an_unanswered_urgent_escalation_is_raised_again_then_the_patient_told(world, amira):
    standin = world.bot.standin
    jobs = world.bot.app.bot_data["escalation_jobs"]
    await amira.send(PUS, expect=2)
    [escalation] = world.escalations_of(AMIRA)
    first_alert = standin.messages(SAM)[-1]
    heard = len(amira.messages())
    for times in range(1, urgency.MAX_RAISES + 1):
        world.clock.advance(urgency.RAISE_EVERY)
        mark = standin.next_index
        await jobs.run_once()
        for chat in (SAM, SKY):
            [raised] = await standin.wait_for_messages(chat, 1, after=mark)
            assert raised.text.startswith(inbox.raised_again(times, urgency.MAX_RAISES))
            assert PUS in raised.text and inbox.raised_after(10 * times, "") in raised.text
            assert raised.button_data() == [f"reply:{escalation.id}", f"take:{escalation.id}"]
        assert len(amira.messages()) == heard  # the patient is not told yet
    assert world.store.escalations.get(escalation.id).raised_count == urgency.MAX_RAISES

    world.clock.advance(urgency.RAISE_EVERY)
    mark = standin.next_index
    await jobs.run_once()
    [told] = await standin.wait_for_messages(AMIRA, 1, after=mark)
    assert told.text.startswith(answers.no_answer_yet("Glow Clinic"))
    assert "Please call Glow Clinic on +44 20 7946 0000 straight away." in told.text
    await edited(world, SAM, mark)
    assert shown(world, SAM, first_alert.message_id)["text"].endswith(inbox.patient_told("14:40"))
    # Nothing more is raised, and a Telegram reply to a raised alert still reaches the patient.
    world.clock.advance(minutes=30)
    mark = standin.next_index
    await jobs.run_once()
    raised_alert = standin.messages(SKY)[-1]
    [sent] = await world.sky.reply_to(raised_alert.message_id, "Sorry, calling you now.")
    assert sent.text == alerts.reply_sent("Amira")
    # Sam got no new alert, only his four alerts of it (the first, three raised) edited.
    calls = standin.select(chat_id=SAM, after=mark, methods=None)
    assert [r.method for r in calls] == ["editMessageText"] * 4
    assert all(r.text.endswith(inbox.answered("Sky", "15:10")) for r in calls)
    counts = world.store.events.counts(world.glow.id)
    assert (counts["escalation_raised"], counts["escalation_patient_told"]) == (3, 1)


async def test_out_of_hours_an_urgent_escalation_goes_to_the_out_of_hours_contact(world, amira):
    standin = world.bot.standin
    jobs = world.bot.app.bot_data["escalation_jobs"]
    await world.sam.send("/settings hours Mon-Fri 09:00-18:00")
    await world.sam.send("/settings outofhours +44 7700 900123")
    world.clock.advance(hours=8)  # Monday 22:00: closed
    urgent, _ = await amira.send(PUS, expect=2)
    assert "out-of-hours number, +44 7700 900123, now" in urgent.text
    [escalation] = world.escalations_of(AMIRA)
    assert escalation.next_raise_at is None
    alert = standin.messages(SKY)[-1]
    assert alert.text.endswith(inbox.out_of_hours("+44 7700 900123")) and PUS in alert.text
    world.clock.advance(hours=2)
    mark = standin.next_index
    await jobs.run_once()
    [listing] = await world.sky.send("/inbox")
    assert f"#{escalation.id} URGENT" in listing.text
    # Nothing was raised again at night, and the patient was not messaged again.
    assert standin.select(chat_id=SKY, after=mark) == [listing]
    assert standin.select(chat_id=AMIRA, after=mark) == []


async def test_out_of_hours_without_a_contact_it_is_raised_and_the_patient_told_the_urgent_line(
    world, amira
):
    standin = world.bot.standin
    jobs = world.bot.app.bot_data["escalation_jobs"]
    await world.sam.send("/settings hours Mon-Fri 09:00-18:00")
    [changed] = await world.sam.send("/settings raise 15")
    assert "15" in changed.text and world.store.clinics.get(world.glow.id).raise_after_minutes == 15
    every = timedelta(minutes=15)
    world.clock.advance(hours=8)  # Monday 22:00: closed, no out-of-hours number
    await amira.send(PUS, expect=2)
    [escalation] = world.escalations_of(AMIRA)
    assert escalation.next_raise_at == world.clock.now() + every
    for _ in range(urgency.MAX_RAISES):
        world.clock.advance(every)
        mark = standin.next_index
        await jobs.run_once()
        await standin.wait_for_messages(SKY, 1, after=mark)
    world.clock.advance(every)
    mark = standin.next_index
    await jobs.run_once()
    [told] = await standin.wait_for_messages(AMIRA, 1, after=mark)
    assert told.text == "\n".join(
        [
            answers.no_answer_yet("Glow Clinic"),
            answers.urgent_closed(
                "Glow Clinic", out_of_hours="", emergency_number="", emergency=False
            ),
        ]
    )
