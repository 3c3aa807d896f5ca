"""An escalation's life on a real store: taken by one member, answered, closed, and every
staff alert edited to show it; /inbox and /close's input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.inbox import lifecycle
from bot.inbox.escalation import ReplyTarget, reply_target
from bot.people.outcomes import Refused
from bot.people.privacy import forget
from bot.wording.staff import alerts, inbox
from tests.conftest import NOW
from tests.inbox.conftest import OLGA, PATIENT, SAM, SKY

LATER = NOW + timedelta(minutes=2)


async def test_taking_assigns_it_and_edits_every_alert(team, edge):
    escalation = team.escalate()
    said = await lifecycle.take(
        team.db, staff_chat=SAM, escalation_id=escalation.id, edit=edge.edit, now=LATER
    )
    assert said == inbox.took_it()
    taken = team.store.escalations.get(escalation.id)
    assert (taken.taken_by, taken.taken_at, taken.status) == (SAM, LATER, "open")
    number = team.store.staff.at_clinic(team.glow.id, SAM).id
    line = inbox.taken(f"staff #{number}", "14:02")  # London is on GMT on 2 March
    assert [(chat, msg, stage) for chat, msg, _, stage in edge.edits] == [
        (SAM, 10 + escalation.id, "taken"),
        (SKY, 20 + escalation.id, "taken"),
    ]
    assert all(text.endswith(f"\n\n{line}") and "oozing pus" in text for *_, text, _ in edge.edits)
    assert team.store.events.counts(team.glow.id)["escalation_taken"] == 1


async def test_a_second_member_is_told_who_has_it_until_the_first_answer(team, edge):
    escalation = team.escalate()
    await lifecycle.take(
        team.db, staff_chat=SAM, escalation_id=escalation.id, edit=edge.edit, now=NOW
    )
    edits = len(edge.edits)
    number = team.store.staff.at_clinic(team.glow.id, SAM).id
    refusal = inbox.taken_by_other(f"staff #{number}", "14:00")
    said = await lifecycle.take(
        team.db, staff_chat=SKY, escalation_id=escalation.id, edit=edge.edit, now=LATER
    )
    assert said == refusal and len(edge.edits) == edits  # nothing changed, nothing edited
    assert reply_target(team.store, staff_chat=SKY, escalation_id=escalation.id) == Refused(refusal)
    assert (
        await lifecycle.take(
            team.db, staff_chat=SAM, escalation_id=escalation.id, edit=edge.edit, now=LATER
        )
        == inbox.YOU_HAVE_IT
    )
    # Sam answers; from then on anyone on the team may follow up.
    target = reply_target(team.store, staff_chat=SAM, escalation_id=escalation.id)
    await lifecycle.answered(
        team.db, target, staff_chat=SAM, answer="Come in at 3pm.", edit=edge.edit, now=LATER
    )
    assert edge.edits[-1][3] == "answered"
    assert edge.edits[-1][2].endswith(inbox.answered(f"staff #{number}", "14:02"))
    assert isinstance(
        reply_target(team.store, staff_chat=SKY, escalation_id=escalation.id), ReplyTarget
    )
    answered = team.store.escalations.get(escalation.id)
    assert (answered.first_replied_at, answered.answer, answered.next_raise_at) == (
        LATER,
        "Come in at 3pm.",
        None,
    )


async def test_reply_tapped_takes_an_escalation_nobody_has(team, edge):
    escalation = team.escalate(kind="unknown", question="Can I dye my hair?")
    target = await lifecycle.reply_tapped(
        team.db, staff_chat=SKY, escalation_id=escalation.id, edit=edge.edit, now=NOW
    )
    assert isinstance(target, ReplyTarget) and target.newly_taken
    assert team.store.escalations.get(escalation.id).taken_by == SKY
    assert {stage for *_, stage in edge.edits} == {"taken"} and len(edge.edits) == 2
    again = await lifecycle.reply_tapped(
        team.db, staff_chat=SKY, escalation_id=escalation.id, edit=edge.edit, now=LATER
    )
    assert isinstance(again, ReplyTarget) and not again.newly_taken and len(edge.edits) == 2


async def test_another_clinics_member_can_neither_take_nor_close_it(team, edge):
    escalation = team.escalate()
    assert (
        await lifecycle.take(
            team.db, staff_chat=OLGA, escalation_id=escalation.id, edit=edge.edit, now=NOW
        )
        == alerts.REPLY_NOT_YOURS
    )
    assert await lifecycle.close(
        team.db, staff_chat=OLGA, escalation_id=escalation.id, note="", edit=edge.edit, now=NOW
    ) == inbox.close_not_found(str(escalation.id))
    unchanged = team.store.escalations.get(escalation.id)
    assert (unchanged.taken_by, unchanged.status, edge.edits) == (None, "open", [])


async def test_closing_with_a_note_shows_on_every_alert_once(team, edge):
    escalation = team.escalate()
    said = await lifecycle.close(
        team.db, staff_chat=SKY, escalation_id=escalation.id, note="phoned her, all fine",
        edit=edge.edit, now=LATER,
    )  # fmt: skip
    assert said == inbox.close_done(escalation.id)
    closed = team.store.escalations.get(escalation.id)
    assert (closed.status, closed.closed_by, closed.close_note, closed.next_raise_at) == (
        "closed",
        SKY,
        "phoned her, all fine",
        None,
    )
    number = team.store.staff.at_clinic(team.glow.id, SKY).id
    line = inbox.closed(f"staff #{number}", "14:02", "phoned her, all fine")
    assert [(stage, text.endswith(line)) for *_, text, stage in edge.edits] == [
        ("closed", True),
        ("closed", True),
    ]
    again = await lifecycle.close(
        team.db, staff_chat=SAM, escalation_id=escalation.id, note="", edit=edge.edit, now=LATER
    )
    assert again == inbox.ALREADY_CLOSED and len(edge.edits) == 2
    assert (
        await lifecycle.take(
            team.db, staff_chat=SAM, escalation_id=escalation.id, edit=edge.edit, now=LATER
        )
        == inbox.ALREADY_CLOSED
    )


async def test_a_forgotten_patients_alerts_are_never_edited(team, edge):
    escalation = team.escalate()
    forget(team.store, PATIENT, NOW)
    assert await lifecycle.show_state(team.db, escalation.id, edit=edge.edit) == 0
    await lifecycle.close(
        team.db, staff_chat=SAM, escalation_id=escalation.id, note="", edit=edge.edit, now=NOW
    )
    assert edge.edits == []  # the alerts were queued for redaction instead


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param([], Refused(inbox.CLOSE_USAGE), id="nothing"),
        pytest.param(["12"], (12, ""), id="number"),
        pytest.param(["#12", "phoned", "her"], (12, "phoned her"), id="hash_and_note"),
        pytest.param(["twelve"], Refused(inbox.CLOSE_USAGE), id="not_a_number"),
        pytest.param(["1" * 19], Refused(inbox.CLOSE_USAGE), id="too_many_digits"),
        pytest.param(["12", "x" * 501], Refused(inbox.CLOSE_NOTE_TOO_LONG), id="long_note"),
    ],
)
def test_close_arguments(args, expected):
    assert lifecycle.parse_close(args) == expected


def test_the_inbox_lists_unanswered_urgent_first_then_oldest(team):
    question = team.escalate(kind="unknown", question="Can I dye my hair?", now=NOW)
    urgent = team.escalate(now=NOW + timedelta(minutes=5))
    answered = team.escalate(now=NOW - timedelta(hours=1))
    target = reply_target(team.store, staff_chat=SAM, escalation_id=answered.id)
    lifecycle.mark_replied(team.store, target, staff_chat=SAM, now=NOW)
    closed = team.escalate(kind="unknown", question="Sauna?")
    team.store.escalations.close(closed.id, by=SAM, note=None, now=NOW)
    lines = lifecycle.listing(team.store, team.glow.id).splitlines()
    assert lines[0] == inbox.inbox_heading("Glow Clinic", 3)
    assert [line.split(" ")[0] for line in lines[1:4]] == [
        f"#{urgent.id}",
        f"#{question.id}",
        f"#{answered.id}",
    ]
    assert lines[1].endswith(inbox.OPEN) and "Amira (#" in lines[1]
    assert "answered by staff #" in lines[3]
    assert lines[-1] == inbox.INBOX_FOOTER


def test_an_empty_inbox_says_so(team):
    assert lifecycle.listing(team.store, team.glow.id) == inbox.INBOX_EMPTY


async def test_a_member_who_left_the_team_lets_go_of_what_they_had(team, edge):
    escalation = team.escalate()
    await lifecycle.take(
        team.db, staff_chat=SAM, escalation_id=escalation.id, edit=edge.edit, now=NOW
    )
    sky = team.store.staff.at_clinic(team.glow.id, SKY)
    team.store.db.execute("UPDATE staff SET role = 'admin' WHERE id = ?", [sky.id])
    sam = team.store.staff.at_clinic(team.glow.id, SAM)
    assert team.store.staff.remove(sam.id, by="cli", now=NOW) == "removed"
    edits = len(edge.edits)
    said = await lifecycle.take(
        team.db, staff_chat=SKY, escalation_id=escalation.id, edit=edge.edit, now=LATER
    )
    assert said == inbox.took_it()
    assert team.store.escalations.get(escalation.id).taken_by == SKY
    assert [chat for chat, *_ in edge.edits[edits:]] == [SKY]  # Sam's alert is left alone
