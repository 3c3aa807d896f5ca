"""Numbers a manager can use, on the real bot through the stand-in and a manual clock:
`/stats 7d` from a seeded week, `aftercare export` rows matching the database (a formula-like
name neutralised), and the guide's gaps from a week of questions."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from click.testing import CliRunner

from bot.cli import load_commands
from bot.inbox.escalation import mark_replied, open_escalation, reply_target
from bot.people import stats
from bot.people.staff import invite_staff
from bot.wording.staff import figures
from tests.conftest import NOW, add_patient
from tests.e2e.conftest import BEA, SAM
from tests.e2e.people import Person

cli = load_commands()


def days_ago(days: float) -> object:
    return NOW - timedelta(days=days)


def seed_week(world) -> None:
    """A week at Glow, and older events that a 7-day period leaves out."""
    store, glow = world.store, world.glow
    counted = {
        stats.ENROLLED: [1, 2, 9], stats.CONSENTED: [1], stats.DELIVERED: [0, 1, 2, 3, 4, 6, 8, 9],
        stats.FAILED: [2, 12], stats.UNREACHABLE: [3], stats.STOPPED: [5],
        stats.REBOOKED: [1, 4, 20], stats.QUESTION: [0, 1, 1, 2, 3, 4, 5, 6, 10],
        stats.ANSWERED: [1, 1, 2, 4, 6, 10],
    }  # fmt: skip
    for name, ages in counted.items():
        for age in ages:
            store.events.record(name, now=days_ago(age), clinic_id=glow.id)
    patient = add_patient(store, glow, 5555)
    escalations = [  # (days ago, kind, words, minutes to the first answer or None)
        (1, "urgent", "there is pus", 4),
        (2, "unknown", "Can I wear makeup tomorrow?", 12),
        (3, "unknown", "when can I put makeup back on", 30),
        (0.5, "urgent", "it is oozing", None),
        (9, "unknown", "makeup after a week?", 120),
    ]
    for age, kind, words, minutes in escalations:
        opened = open_escalation(
            store, clinic_id=glow.id, patient_id=patient, kind=kind,
            category="infection" if kind == "urgent" else None, question=words, now=days_ago(age),
        )  # fmt: skip
        if minutes is not None:
            target = reply_target(store, staff_chat=SAM, escalation_id=opened.id)
            mark_replied(
                store, target, staff_chat=SAM, now=opened.created_at + timedelta(minutes=minutes)
            )


async def test_stats_7d_gives_the_figures_of_the_seeded_week(world):
    seed_week(world)
    [week] = await world.sam.send("/stats 7d")
    assert week.text.splitlines() == [
        "Glow Clinic: the last 7 days",
        "Enrolled: 2",
        "Consented: 1",
        "Messages delivered: 6",
        "Messages failed: 1",
        "Patients unreachable (blocked the bot): 1",
        "Patients who stopped messages: 1",
        "Sessions booked: 2",
        "Questions: 8",
        "Answered by the bot: 5",
        "Escalated to staff: 4",
        "Time to first staff answer: median 12 min, 90th percentile 30 min (3 answered, 1 not)",
        "Asked most and not in the guide (questions): makeup 2",
        "/stats 7d · /stats 30d · /stats all",
    ]
    [ever] = await world.sam.send("/stats all")
    assert "Glow Clinic: all time" in ever.text and "Messages delivered: 8" in ever.text
    assert "median 21 min, 90th percentile 2 h (4 answered, 1 not)" in ever.text
    assert "makeup 3" in ever.text
    [usage] = await world.sam.send("/stats lastweek")
    assert usage.text == figures.USAGE
    [other] = await world.olga.send("/stats 7d")
    assert "Other Clinic: the last 7 days" in other.text and "Escalated to staff: 0" in other.text


def run_cli(world, monkeypatch, *args: str):
    monkeypatch.setenv("AFTERCARE_DB", world.bot.services.settings.db_path)
    result = CliRunner().invoke(cli, list(args), obj={"clock": world.clock})
    assert result.exit_code == 0, result.output
    return result


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_export_rows_match_the_database_with_a_formula_like_name_neutralised(
    world, monkeypatch
):
    bea = world.person(BEA, "-Bea")
    await world.signed_up(bea)
    [reply] = await bea.send("Can I wear makeup tomorrow?")
    assert "doesn't cover that" in reply.text
    [escalation] = world.escalations_of(BEA)
    # A new member whose Telegram first name a spreadsheet would run as a formula answers it.
    trickster = Person(world.bot.standin, 2009, "=2+3")
    await trickster.send(f"/start {invite_staff(world.store, world.glow.id, NOW).token}")
    member = world.store.staff.member(2009)
    world.clock.advance(minutes=7)
    await trickster.tap(f"reply:{escalation.id}")
    await trickster.send("Not for 24 hours, please.")
    patient = world.store.patients.by_chat(BEA)
    since = ("--clinic", str(world.glow.id), "--since", "2026-03-02")

    rows = read_csv(run_cli(world, monkeypatch, "export", *since, "--what", "escalations",
                            "--with-names").stdout)  # fmt: skip
    stored = world.store.escalations.get(escalation.id)
    assert rows == [{
        "id": str(stored.id), "patient": str(patient.id), "first_name": "'-Bea",
        "kind": "unknown", "category": "", "status": "replied",
        "created_at": "2026-03-02 14:00:00", "taken_by": str(member.id),
        "taken_by_name": "'=2+3", "taken_at": "2026-03-02 14:07:00",
        "first_replied_at": "2026-03-02 14:07:00", "answered_by": str(member.id),
        "answered_by_name": "'=2+3", "raised_count": "0", "patient_told_at": "",
        "closed_at": "", "closed_by": "", "closed_by_name": "", "faq_entry": "",
    }]  # fmt: skip
    assert (stored.taken_by, stored.replied_by, member.name) == (2009, 2009, "=2+3")
    unnamed = read_csv(
        run_cli(world, monkeypatch, "export", *since, "--what", "escalations").stdout
    )
    assert "first_name" not in unnamed[0] and "taken_by_name" not in unnamed[0]
    assert unnamed[0]["taken_by"] == str(member.id)

    deliveries = read_csv(run_cli(world, monkeypatch, "export", *since, "--with-names").stdout)
    in_db = world.store.db.execute(
        "SELECT id, step_id, status FROM deliveries WHERE patient_id = ? ORDER BY due_at, id",
        [patient.id],
    ).fetchall()
    assert [(int(r["id"]), r["step"], r["status"]) for r in deliveries] == in_db
    assert {r["first_name"] for r in deliveries} == {"'-Bea"}
    events = read_csv(run_cli(world, monkeypatch, "export", *since, "--what", "events").stdout)
    in_db = world.store.db.execute(
        "SELECT id, name FROM events WHERE clinic_id = ? ORDER BY id", [world.glow.id]
    ).fetchall()
    assert [(int(r["id"]), r["event"]) for r in events] == in_db
    everything = "".join(str(row) for row in [*rows, *deliveries, *events])
    assert "makeup" not in everything and "24 hours" not in everything  # no words of anyone


async def test_the_uncovered_report_counts_a_weeks_unanswered_questions(world, amira, monkeypatch):
    await amira.send("makeup on day 2 ok?")  # before the week
    world.clock.advance(days=8)
    for question in ("Can I wear makeup tomorrow?", "is a sauna ok this week",
                     "when can I put makeup back on", "can I use the sauna tonight",
                     "can I go swimming in the sea"):  # fmt: skip
        await amira.send(question)
        world.clock.advance(days=1)
    start = (world.clock.now() - timedelta(days=6)).date().isoformat()
    result = run_cli(world, monkeypatch, "report", "uncovered", "--clinic", str(world.glow.id),
                     "--since", start)  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0] == f"Glow Clinic: questions the guide did not cover since {start}: 5"
    assert lines[2:] == ["    2  makeup", "    2  sauna"]
    assert "swimming" not in result.stdout and "tonight" not in result.stdout
    [week] = await world.sam.send("/stats 7d")
    assert figures.uncovered_line([("makeup", 2), ("sauna", 2)]) in week.text.splitlines()
