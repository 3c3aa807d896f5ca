"""Urgent escalations nobody answers: raised again every 10 minutes at most three times, then
the patient told to phone; on a manual clock, against a real store."""

from __future__ import annotations

from datetime import timedelta

from bot.inbox import lifecycle, reraise, urgency
from bot.inbox.escalation import reply_target
from bot.people.privacy import forget
from bot.wording.patients import answers
from bot.wording.staff import inbox
from tests.conftest import NOW
from tests.inbox.conftest import PATIENT, SAM, SKY


async def run(team, edge, minutes: float) -> int:
    return await reraise.raise_due(
        team.db,
        send=edge.send,
        tell=edge.tell,
        edit=edge.edit,
        now=NOW + timedelta(minutes=minutes),
    )


async def test_raised_three_times_then_the_patient_is_told(team, edge):
    escalation = team.escalate()
    assert escalation.next_raise_at == NOW + urgency.RAISE_EVERY
    assert await run(team, edge, 9.9) == 0 and edge.sent == []
    for times, minute in enumerate((10, 20, 30), start=1):
        assert await run(team, edge, minute) == 1
        assert [chat for chat, *_ in edge.sent[-2:]] == [SAM, SKY]
        text = edge.sent[-1][1]
        assert text.startswith(inbox.raised_again(times, urgency.MAX_RAISES))
        assert "oozing pus" in text and inbox.raised_after(minute, "") in text
        assert await run(team, edge, minute + 5) == 0  # not again before its turn
    assert edge.told == []
    assert await run(team, edge, 40) == 1
    [(chat, text)] = edge.told
    assert chat == PATIENT
    assert text.startswith(answers.no_answer_yet("Glow Clinic"))
    assert "Please call Glow Clinic on +44 20 7946 0000 straight away." in text
    told = team.store.escalations.get(escalation.id)
    assert (told.raised_count, told.patient_told_at, told.next_raise_at) == (
        3,
        NOW + timedelta(minutes=40),
        None,
    )
    # Every alert, the first ones and the raised ones, says the patient was told.
    assert len(edge.edits) == 2 + 3 * 2
    assert all(text.endswith(inbox.patient_told("14:40")) for _, _, text, _ in edge.edits)
    assert await run(team, edge, 120) == 0
    counts = team.store.events.counts(team.glow.id)
    assert (counts["escalation_raised"], counts["escalation_patient_told"]) == (3, 1)


async def test_a_reply_to_a_raised_alert_finds_the_escalation_and_stops_it(team, edge):
    escalation = team.escalate()
    await run(team, edge, 10)
    raised_message = 900 + len(edge.sent)  # Sky's copy, as the fake sender numbers them
    assert team.store.escalations.forwarded_as(chat_id=SKY, message_id=raised_message) == (
        escalation.id
    )
    target = reply_target(team.store, staff_chat=SKY, escalation_id=escalation.id)
    lifecycle.mark_replied(team.store, target, staff_chat=SKY, now=NOW + timedelta(minutes=12))
    assert await run(team, edge, 60) == 0 and edge.told == []


async def test_the_member_who_took_it_and_did_not_answer_lets_go(team, edge):
    escalation = team.escalate()
    await lifecycle.take(
        team.db, staff_chat=SAM, escalation_id=escalation.id, edit=edge.edit, now=NOW
    )
    await run(team, edge, 10)
    raised = team.store.escalations.get(escalation.id)
    assert (raised.taken_by, raised.raised_count) == (None, 1)
    number = team.store.staff.at_clinic(team.glow.id, SAM).id
    assert inbox.raised_after(10, f"staff #{number}") in edge.sent[-1][1]
    assert edge.edits[-1][3] == "open"  # the first alerts no longer say Sam has it


async def test_questions_are_never_raised_again(team, edge):
    escalation = team.escalate(kind="unknown", question="Can I dye my hair?")
    assert escalation.next_raise_at is None
    assert await run(team, edge, 60) == 0


async def test_a_forgotten_patient_is_neither_raised_nor_told(team, edge):
    team.escalate()
    forget(team.store, PATIENT, NOW)
    assert await run(team, edge, 60) == 0
    assert (edge.sent, edge.told) == ([], [])


async def test_a_patient_the_clinic_cancelled_is_neither_raised_nor_told(team, edge):
    escalation = team.escalate()
    team.store.patients.cancel(team.patient_id, NOW)
    assert await run(team, edge, 10) == 1  # looked at once, then dropped
    assert (edge.sent, edge.told) == ([], [])
    assert team.store.escalations.get(escalation.id).next_raise_at is None


async def test_a_raise_another_instance_did_first_is_not_done_again(team, edge):
    escalation = team.escalate()
    # Instance b read it as due at minute 10; instance a raises it before b records anything.
    [seen] = team.store.escalations.due_raises(NOW + timedelta(minutes=10))
    assert await run(team, edge, 10) == 1
    later = NOW + timedelta(minutes=20)
    store = team.store.escalations
    assert not store.raised(escalation.id, next_at=later, due=seen.next_raise_at)
    assert not store.patient_told(escalation.id, later, due=seen.next_raise_at)
    raised = store.get(escalation.id)
    assert (raised.raised_count, raised.patient_told_at) == (1, None)  # a's raise alone
    assert raised.next_raise_at == NOW + timedelta(minutes=10) + urgency.RAISE_EVERY
