"""Enrollment, consent, staff commands and the escalation inbox, end to end: the real bot
(`bot.app.build_application`) talks HTTP to the Bot API stand-in; time is a ManualClock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.clock import ManualClock
from bot.inbox.escalation import open_escalation
from bot.standin.harness import running_bot
from bot.wording.patients import answers, general, joining, leaving, schedule
from bot.wording.staff import alerts, enrolling, roster, team
from tests.conftest import NOW, all_values
from tests.e2e.conftest import AMIRA, BEA, BOT, MALLORY, OLGA, SAM, SKY, TOKEN, World  # noqa: F401
from tests.e2e.people import Person
from tests.e2e.staffed import forward_to_staff


async def test_a_clinic_added_on_the_cli_gets_staff_through_its_invite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERCARE_DB", str(tmp_path / "cli.db"))
    added = CliRunner().invoke(
        load_commands(),
        ["clinic", "add", "--name", "Glow Clinic", "--timezone", "Europe/London",
         "--phone", "+44 20 7946 0000", "--bot-username", BOT],
        obj={"clock": ManualClock(NOW)},
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    token = TOKEN.search(added.output)[1]
    async with running_bot(tmp_path / "cli.db", clock=ManualClock(NOW)) as bot:
        sam, eve = Person(bot.standin, SAM, "Sam"), Person(bot.standin, 2999, "Eve")
        [joined] = await sam.send(f"/start {token}")
        assert "now staff at Glow Clinic" in joined.text and "/enroll" in joined.text
        await bot.standin.wait_for_records(count=2, methods=("setMyCommands",))
        scope = '{"chat_id": 2001, "type": "chat"}'
        assert [c["command"] for c in bot.standin.commands[(scope, "")]][:2] == [
            "enroll",
            "patients",
        ]
        [again] = await sam.send(f"/start {token}")
        assert again.text == team.already_staff("Glow Clinic")
        [refused] = await eve.send(f"/start {token}")
        assert refused.text == joining.LINK_USED
        assert bot.store.staff.chats(1) == [SAM]
        [help_text] = await sam.send("/help")
        assert help_text.text == team.HELP


async def test_staff_commands_refuse_anyone_who_is_not_staff(world):
    stranger = world.person(MALLORY, "Mallory")
    for command in ("/enroll Amira", "/patients", "/stats", "/cancel 1"):
        [reply] = await stranger.send(command)
        assert reply.text == team.STAFF_ONLY
    assert world.store.patients.count(world.glow.id) == 0
    # A patient who types /cancel is pointed to /stop instead.
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    [hint] = await amira.send("/cancel")
    assert hint.text == schedule.CANCEL_NOT_STAFF


async def test_enrollment_consent_decline_and_a_reused_link(world):
    amira, mallory = world.person(AMIRA, "Amira"), world.person(MALLORY, "Mallory")
    token = await world.enroll("Amira 2026-03-02 10:30 1/3")
    [consent] = await amira.send(f"/start {token}")
    for needed in ("Glow Clinic", "automated assistant, not a clinician", "aftercare reminders",
                   "book your next session", "/stop", "STOP", "+44 20 7946 0000"):  # fmt: skip
        assert needed in consent.text
    assert consent.button_data() == [f"consent:yes:{token}", f"consent:no:{token}"]
    patient = world.patient_of(token)
    assert patient.status == "invited"
    assert world.store.deliveries.for_patient(patient.id) == []  # nothing planned before agreeing

    welcome, first = await amira.tap(f"consent:yes:{token}", expect=2)
    assert welcome.text == joining.consented("Glow Clinic", "+44 20 7946 0000")
    assert "receptive to serums" in first.text  # the timeline starts at once
    planned = world.store.deliveries.for_patient(patient.id)
    assert {row.step_id for row in planned} >= {"serum_now", "day1_redness", "book_next"}
    [edit] = world.bot.standin.calls("editMessageText")
    assert edit.reply_markup is None and joining.CHOICE_RECORDED_YES in edit.text
    patient = world.store.patients.by_chat(AMIRA)
    assert (patient.status, patient.consented_at) == ("active", NOW)
    [reopened] = await amira.send(f"/start {token}")
    assert reopened.text == joining.already_signed_up("Glow Clinic", "active")

    # Someone else with the same link is refused and nothing is written for them.
    [refused] = await mallory.send(f"/start {token}")
    assert refused.text == joining.LINK_USED
    assert world.store.patients.by_chat(MALLORY) is None

    bea = world.person(BEA, "Bea")
    bea_token = await world.enroll("Bea")
    await bea.send(f"/start {bea_token}")
    [declined] = await bea.tap(f"consent:no:{bea_token}")
    assert declined.text == joining.declined("Glow Clinic")
    statuses = {p.patient.first_name: p.patient.status for p in world.store.patients.roster(1)}
    assert statuses == {"Amira": "active", "Bea": "declined"}
    [stats] = await world.sam.send("/stats")
    assert "Enrolled: 2" in stats.text and "Consented: 1" in stats.text


async def test_patient_help_and_forget_leave_no_personal_data(world):
    amira = world.person(AMIRA, "Amira")
    [stranger_help] = await amira.send("/help")
    assert stranger_help.text == general.HELP
    await world.signed_up(amira)
    [patient_help] = await amira.send("/help")
    assert patient_help.text == general.PATIENT_HELP
    question = "Zelda-secret: can I use my retinol tonight?"
    world.private.append(question)
    escalation = open_escalation(
        world.store, clinic_id=world.glow.id, patient_id=world.store.patients.by_chat(AMIRA).id,
        kind="unknown", category=None, question=question, now=world.clock.now(),
    )  # fmt: skip
    await forward_to_staff(world.bot, escalation)

    [confirm] = await amira.send("/forget")
    assert confirm.button_data() == ["forget:yes", "forget:no"]
    [kept] = await amira.tap("forget:no", method="editMessageText")
    assert kept.text == leaving.FORGET_KEPT
    assert world.store.patients.by_chat(AMIRA).first_name == "Amira"

    await amira.send("/forget")
    [done] = await amira.tap("forget:yes", method="editMessageText")
    assert done.text == leaving.FORGOTTEN
    values = all_values(world.store)
    assert not [v for v in values if isinstance(v, str) and ("Amira" in v or "Zelda" in v)]
    assert AMIRA not in values
    assert world.store.events.counts(world.glow.id)["consented"] == 1  # anonymous counts stay
    [after] = await amira.send("/help")
    assert after.text == general.HELP


async def test_staff_list_cancel_and_count_only_their_own_clinic(world):
    amira, bea = world.person(AMIRA, "Amira"), world.person(BEA, "Bea")
    await world.signed_up(amira, "Amira 2026-03-02 10:30 2/3")
    await world.enroll("Bea")
    [listing] = await world.sam.send("/patients")
    amira_id = world.store.patients.by_chat(AMIRA).id
    assert f"#{amira_id} Amira – session 2/3 on 02 Mar 10:30 – active" in listing.text
    assert "Bea" in listing.text and bea.messages() == []
    [elsewhere] = await world.olga.send("/patients")
    assert elsewhere.text == roster.NO_PATIENTS
    [not_theirs] = await world.olga.send(f"/cancel {amira_id}")
    assert not_theirs.text == roster.PATIENT_NOT_FOUND

    after = world.bot.standin.next_index
    [cancelled] = await world.sam.send("/cancel amira")
    assert cancelled.text == roster.patient_cancelled("Amira", amira_id)
    [notice] = await world.bot.standin.wait_for_messages(AMIRA, 1, after=after)
    assert notice.text == leaving.CANCELLED_BY_CLINIC
    assert world.store.patients.get(amira_id).status == "cancelled"
    [usage] = await world.sam.send("/cancel")
    assert usage.text == roster.CANCEL_USAGE
    [stats] = await world.sam.send("/stats")
    assert "Enrolled: 2" in stats.text and "Consented: 1" in stats.text
    [other_stats] = await world.olga.send("/stats")
    assert "Enrolled: 0" in other_stats.text


async def test_an_urgent_message_reaches_staff_and_their_replies_reach_the_patient(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    words = "My skin is hot and there is yellow crust"
    world.private.append(words)
    patient = world.store.patients.by_chat(AMIRA)
    escalation = open_escalation(
        world.store, clinic_id=patient.clinic_id, patient_id=patient.id, kind="urgent",
        category="infection", question=words, now=world.clock.now(),
    )  # fmt: skip
    reached = await forward_to_staff(world.bot, escalation)
    assert reached == 2
    [alert] = world.sam.messages()[-1:]
    assert "URGENT (infection)" in alert.text and "Amira" in alert.text and words in alert.text
    assert alert.button_data() == [f"reply:{escalation.id}", f"take:{escalation.id}"]
    assert "URGENT" in world.sky.messages()[-1].text
    assert not [m for m in world.olga.messages() if "URGENT" in (m.text or "")]

    # Sam taps Reply, then types: the patient gets it as the clinic team's words.
    [prompt] = await world.sam.tap(f"reply:{escalation.id}")
    assert prompt.text == alerts.reply_prompt("Amira")
    answer = "Please call us now on +44 20 7946 0000 so a nurse can look at it."
    world.private.append(answer)
    after = world.bot.standin.next_index
    [sent] = await world.sam.send(answer)
    assert sent.text == alerts.reply_sent("Amira")
    [relayed] = await world.bot.standin.wait_for_messages(AMIRA, 1, after=after)
    assert relayed.text == answers.relayed_to_patient("Glow Clinic", answer)
    recorded = world.store.escalations.get(escalation.id)
    assert (recorded.status, recorded.replied_by, recorded.replied_at) == ("replied", SAM, NOW)

    # Sky uses Telegram's reply on the alert instead.
    world.clock.advance(minutes=3)
    sky_alert = world.sky.messages()[-1]
    after = world.bot.standin.next_index
    [sent] = await world.sky.reply_to(sky_alert.message_id, "We've also booked you in at 4pm.")
    assert sent.text == alerts.reply_sent("Amira")
    await world.bot.standin.wait_for_messages(AMIRA, 1, after=after)
    recorded = world.store.escalations.get(escalation.id)
    assert (recorded.replied_by, recorded.replied_at) == (SKY, NOW + timedelta(minutes=3))

    # Once replied, Sam's next text is not relayed; nor after tapping "Don't reply".
    patient_count = len(amira.messages())
    [fallback] = await world.sam.send("thanks all")
    assert fallback.text == general.NOT_UNDERSTOOD
    await world.sam.tap(f"reply:{escalation.id}")
    [cancelled] = await world.sam.tap("reply:cancel")
    assert cancelled.text == alerts.REPLY_CANCELLED
    [fallback] = await world.sam.send("never mind")
    assert fallback.text == general.NOT_UNDERSTOOD
    assert len(amira.messages()) == patient_count


async def test_an_escalation_with_no_staff_is_recorded_as_undelivered(world):
    amira = world.person(AMIRA, "Amira")
    store = world.store
    # Every staff member has left the clinic.
    store.db.execute("DELETE FROM staff WHERE clinic_id = ?", [world.glow.id])
    patient = store.patients.add(clinic_id=world.glow.id, first_name="Amira", now=NOW)
    store.patients.link_chat(patient.id, AMIRA)
    store.patients.set_status(patient.id, "active", consented_at=NOW)
    escalation = open_escalation(
        store, clinic_id=world.glow.id, patient_id=patient.id, kind="unknown", category=None,
        question="hello", now=NOW,
    )  # fmt: skip
    assert await forward_to_staff(world.bot, escalation) == 0
    assert store.events.counts(world.glow.id)["escalation_undelivered"] == 1
    assert amira.messages() == []


async def test_a_csv_import_with_a_bad_row_gives_links_that_work(world, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERCARE_DB", str(world.bot.services.settings.db_path))
    source = tmp_path / "today.csv"
    source.write_text(
        "first_name,session_at\nAmira,2026-03-02 10:30\n<script>,2026-03-02 10:40\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        load_commands(),
        ["enroll", "--clinic", str(world.glow.id), "--csv", str(source), "--bot-username", BOT],
        obj={"clock": world.clock},
    )
    assert result.exit_code == 1 and "line 3:" in result.output
    token = TOKEN.search((tmp_path / "today-links" / "links.csv").read_text())[1]
    amira = world.person(AMIRA, "Amira")
    [consent] = await amira.send(f"/start {token}")
    assert consent.text.startswith("Hello Amira! Glow Clinic")
    await amira.tap(f"consent:yes:{token}")
    assert world.store.patients.by_chat(AMIRA).status == "active"


@pytest.mark.parametrize(
    "args, reply",
    [
        ("Amira 2026-02-30 10:00", "There is no such date or time: 2026-02-30 10:00."),
        ("Amira 2026-01-15 10:00", "more than 30 days ago"),
        ("<b>Amira</b>", "only contain letters"),
        ("*Amira*", "only contain letters"),
        ("Amira 💉", "no emoji"),
        pytest.param("A" * 3000, "too long", id="3000_letters"),
        ("Amira 5/3", "1 <= k <= n"),
        pytest.param("", enrolling.USAGE, id="nothing"),
    ],
)
async def test_bad_enroll_input_gets_a_clear_reply_and_writes_nothing(world, args, reply):
    [answer] = await world.sam.send(f"/enroll {args}".strip())
    assert answer.method == "sendMessage" and reply in answer.text
    assert world.store.patients.count(world.glow.id) == 0
    assert (
        world.store.db.execute("SELECT count(*) FROM invites WHERE kind='patient'").fetchone()[0]
        == 0
    )


async def test_unknown_commands_and_unknown_or_expired_links(world):
    amira = world.person(AMIRA, "Amira")
    [unknown] = await amira.send("/dance")
    assert unknown.text == general.UNKNOWN_COMMAND
    for payload in ("nosuchlink", "A" * 32, "bad$chars", "two words"):
        [refused] = await amira.send(f"/start {payload}")
        assert refused.text == joining.LINK_UNKNOWN
    token = await world.enroll("Amira")
    world.clock.advance(days=8)
    [expired] = await amira.send(f"/start {token}")
    assert expired.text == joining.LINK_EXPIRED
    assert world.store.patients.by_chat(AMIRA) is None
    [stale] = await amira.send("/forget")
    assert stale.text == leaving.FORGET_NOTHING


async def test_staff_enroll_the_next_session_and_booking_reminders_are_cleared(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira, "Amira 2026-03-02 10:30 1/3")
    patient = world.store.patients.by_chat(AMIRA)
    [first] = world.store.sessions.for_patient(patient.id)
    rebook = [r for r in world.store.deliveries.for_patient(patient.id) if r.group == "rebook"]
    assert rebook and all(r.status == "pending" for r in rebook)

    # Four weeks later Amira is back for session 2; Sam enrolls it by her patient number.
    world.clock.advance(days=27)
    mark = world.bot.standin.next_index
    [done] = await world.sam.send(f"/enroll #{patient.id}")
    assert done.text.startswith(f"Next session enrolled for Amira (#{patient.id}), session 2/3")
    # The new session's first message goes out at once, to the same chat, with no new consent.
    [serum] = await world.bot.standin.wait_for_messages(AMIRA, 1, after=mark)
    assert "receptive to serums" in serum.text
    sessions = world.store.sessions.for_patient(patient.id)
    assert [(s.session_number, s.series_length) for s in sessions] == [(1, 3), (2, 3)]
    rows = world.store.deliveries.for_patient(patient.id)
    old_rebook = [r for r in rows if r.session_id == first.id and r.group == "rebook"]
    assert {r.status for r in old_rebook} == {"cancelled"}
    new_rows = {r.step_id for r in rows if r.session_id == sessions[1].id}
    assert {"serum_now", "day1_redness", "book_next"} <= new_rows
    assert patient.status == world.store.patients.get(patient.id).status == "active"


@pytest.mark.parametrize(
    "args, reply",
    [
        ("#999", roster.PATIENT_NOT_FOUND),
        ("#{id} 2026-03-01 09:00", enrolling.NEXT_SESSION_NOT_LATER),
        ("#{id} soon", "Write it as /enroll #<patient number>"),
        ("#{id} 4/3", "1 <= k <= n"),
    ],
)
async def test_bad_next_session_input_changes_nothing(world, args, reply):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    patient = world.store.patients.by_chat(AMIRA)
    before = len(world.store.deliveries.for_patient(patient.id))
    [answer] = await world.sam.send(f"/enroll {args.format(id=patient.id)}")
    assert reply in answer.text
    assert len(world.store.sessions.for_patient(patient.id)) == 1
    assert len(world.store.deliveries.for_patient(patient.id)) == before


async def test_next_session_is_refused_for_another_clinic_or_without_consent(world):
    amira, bea = world.person(AMIRA, "Amira"), world.person(BEA, "Bea")
    await world.signed_up(amira)
    amira_id = world.store.patients.by_chat(AMIRA).id
    [other_clinic] = await world.olga.send(f"/enroll #{amira_id}")
    assert other_clinic.text == roster.PATIENT_NOT_FOUND
    token = await world.enroll("Bea")
    await bea.send(f"/start {token}")
    bea_id = world.patient_of(token).id
    [invited] = await world.sam.send(f"/enroll #{bea_id}")
    assert invited.text == enrolling.next_session_needs_link(bea_id, "invited")
    assert len(world.store.sessions.for_patient(bea_id)) == 1
