"""Enrollment: input checks, single-use links, consent and decline, cancel, forget, stats."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.people import links
from bot.people.enroll_input import (
    EnrollmentInputError,
    clean_first_name,
    parse_csv_row,
    parse_enroll_args,
)
from bot.people.enrollment import accept, cancel, decline, open_link
from bot.people.outcomes import (
    Accepted,
    AlreadyEnrolled,
    ConsentAsked,
    Declined,
    Refused,
    StaffJoined,
)
from bot.people.privacy import forget
from bot.people.qr import qr_png
from bot.people.staff import invite_staff
from bot.people.stats import clinic_stats, format_stats
from bot.store.clinics import Clinic
from bot.wording.patients import joining
from bot.wording.staff import roster, team
from tests.conftest import NOW, add_clinic, all_values, enroll_patient

LONDON = Clinic(id=1, name="Glow", phone="+44 1", timezone="Europe/London")
PARIS = Clinic(id=2, name="Éclat", phone="+33 1", timezone="Europe/Paris")
PATIENT_CHAT, OTHER_CHAT, STAFF_CHAT = 1001, 1002, 2001


# --- Input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Amira", "Amira"),
        ("  Anne-Marie  ", "Anne-Marie"),
        ("O'Brien", "O'Brien"),
        ("Zoë", "Zoë"),
        ("José Luis", "José Luis"),
        ("Łucja", "Łucja"),
        ("美咲", "美咲"),
    ],
)
def test_first_names_that_are_names_pass(raw, expected):
    assert clean_first_name(raw) == expected


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("<b>Amy</b>", "letters"),
        ("*Amy*", "letters"),
        ("[Amy](http://x.y)", "letters"),
        ("Amy 😀", "emoji"),
        ("Amy\u200d", "letters"),
        ("R2D2", "digits"),
        pytest.param("A" * 5000, "too long", id="5000_letters"),
        ("   ", "first name"),
        ("'-'", "first name"),
    ],
)
def test_first_names_with_markup_emoji_or_length_are_refused(raw, fragment):
    with pytest.raises(EnrollmentInputError, match=fragment):
        clean_first_name(raw)


def test_enroll_args_default_to_now_and_session_one():
    request = parse_enroll_args(["Amira"], LONDON, NOW)
    assert (request.first_name, request.session_at) == ("Amira", NOW)
    assert (request.session_number, request.series_length) == (1, None)


def test_enroll_args_read_clinic_local_time_and_series():
    request = parse_enroll_args(["Mary", "Ann", "2026-03-02", "10:30", "2/3"], PARIS, NOW)
    assert request.first_name == "Mary Ann"
    assert request.session_at == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # Paris is UTC+1
    assert (request.session_number, request.series_length) == (2, 3)


@pytest.mark.parametrize(
    "args, fragment",
    [
        ("Amira 2026-02-30 10:00", "no such date"),
        ("Amira 2026-03-02 25:00", "no such date or time"),
        ("Amira 2026-01-20 10:00", "more than 30 days ago"),
        ("Amira 2026-03-10 10:00", "more than a day ahead"),
        ("Amira 2026-03-02", "YYYY-MM-DD HH:MM"),
        ("Amira 02/03/2026 10:00", "YYYY-MM-DD HH:MM"),
        ("Amira 0/3", "1 <= k <= n"),
        ("Amira 4/3", "1 <= k <= n"),
        pytest.param("", "first name", id="nothing"),
    ],
)
def test_bad_enroll_args_are_refused_clearly(args, fragment):
    # Written as staff type them after /enroll; the handler passes the words.
    with pytest.raises(EnrollmentInputError, match=fragment):
        parse_enroll_args(args.split(), LONDON, NOW)


def test_a_local_time_skipped_by_the_clocks_is_refused():
    spring_forward = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    with pytest.raises(EnrollmentInputError, match="does not exist"):
        parse_enroll_args(["Amira", "2026-03-29", "01:30"], LONDON, spring_forward)


def test_csv_rows_use_the_same_checks():
    row = {"first_name": "Amira", "session_at": "2026-03-01 16:00", "series_length": "3"}
    request = parse_csv_row(row, LONDON, NOW)
    assert (request.session_number, request.series_length) == (1, 3)
    with pytest.raises(EnrollmentInputError, match="session_at is empty"):
        parse_csv_row({"first_name": "Amira"}, LONDON, NOW)


# --- Links --------------------------------------------------------------------------------


def test_tokens_are_long_random_and_valid_payloads():
    tokens = {links.new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) == 32 and links.is_payload(t) for t in tokens)
    assert links.deep_link("@GlowBot", "abc_-1") == "https://t.me/GlowBot?start=abc_-1"
    with pytest.raises(ValueError):
        links.deep_link("", "abc")
    with pytest.raises(ValueError):
        links.deep_link("GlowBot", "has space")


def test_qr_code_is_a_png():
    png = qr_png("https://t.me/GlowBot?start=" + links.new_token(), scale=8)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    # A version-4 symbol (33 modules) plus a 4-module quiet zone each side, 8 pixels a module.
    assert width == height == (33 + 8) * 8


# --- Patient link and consent ---------------------------------------------------------------


def test_enroll_writes_patient_session_link_and_counts(store):
    clinic = add_clinic(store)
    enrollment = enroll_patient(store, clinic.id)
    assert enrollment.patient.status == "invited" and enrollment.patient.chat_id is None
    assert enrollment.invite.session_id == enrollment.session.id
    assert enrollment.invite.expires_at == NOW + links.PATIENT_LINK_TTL
    assert clinic_stats(store, clinic.id)["enrolled"] == 1


def test_opening_a_link_asks_consent_and_binds_nothing_until_agreed(services, store):
    clinic = add_clinic(store)
    enrollment = enroll_patient(store, clinic.id)
    outcome = open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW)
    assert isinstance(outcome, ConsentAsked)
    assert outcome.clinic.name == "Glow Clinic" and outcome.patient.first_name == "Amira"
    patient = store.patients.get(enrollment.patient.id)
    assert (patient.chat_id, patient.status) == (None, "invited")
    assert store.invites.get(enrollment.invite.token).used_by is None
    assert store.consent_prompts.open_token(PATIENT_CHAT) == enrollment.invite.token
    # Reopening from the same chat asks again.
    assert isinstance(open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW), ConsentAsked)
    accept(store, enrollment.invite.token, PATIENT_CHAT, NOW, plan=services.plan_timeline)
    assert store.invites.get(enrollment.invite.token).used_by == PATIENT_CHAT
    assert store.patients.get(enrollment.patient.id).chat_id == PATIENT_CHAT
    assert store.consent_prompts.open_token(PATIENT_CHAT) is None


def test_the_first_chat_to_agree_binds_the_link(services, store):
    clinic = add_clinic(store)
    token = enroll_patient(store, clinic.id).invite.token
    open_link(store, token, PATIENT_CHAT, NOW)
    assert isinstance(open_link(store, token, OTHER_CHAT, NOW), ConsentAsked)
    assert isinstance(accept(store, token, OTHER_CHAT, NOW, plan=services.plan_timeline), Accepted)
    # The other prompt closed: that chat's typed "yes" or tap no longer answers anything.
    assert store.consent_prompts.open_token(PATIENT_CHAT) is None
    assert accept(store, token, PATIENT_CHAT, NOW, plan=services.plan_timeline) == Refused(
        joining.LINK_USED
    )


def test_agreeing_after_the_link_expired_is_refused_with_what_to_do(services, store):
    clinic = add_clinic(store)
    enrollment = enroll_patient(store, clinic.id)
    open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW)
    later = NOW + timedelta(days=20)
    outcome = accept(
        store, enrollment.invite.token, PATIENT_CHAT, later, plan=services.plan_timeline
    )
    assert outcome == Refused(joining.expired_at_answer("Glow Clinic", "+44 20 7946 0000"))
    assert store.patients.get(enrollment.patient.id).status == "invited"
    assert store.invites.get(enrollment.invite.token).used_by is None


def test_accept_activates_the_patient(services, store):
    clinic = add_clinic(store)
    enrollment = enroll_patient(store, clinic.id)
    open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW)
    outcome = accept(
        services.store, enrollment.invite.token, PATIENT_CHAT, NOW, plan=services.plan_timeline
    )
    assert isinstance(outcome, Accepted)
    assert outcome.patient.status == "active" and outcome.patient.consented_at == NOW
    assert store.patients.by_chat(PATIENT_CHAT).id == enrollment.patient.id
    assert clinic_stats(store, clinic.id)["consented"] == 1
    again = open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW)
    assert isinstance(again, AlreadyEnrolled)
    assert isinstance(
        accept(
            services.store, enrollment.invite.token, PATIENT_CHAT, NOW, plan=services.plan_timeline
        ),
        AlreadyEnrolled,
    )


def test_a_used_link_is_refused_for_another_chat_and_changes_nothing(services, store):
    clinic = add_clinic(store)
    enrollment = enroll_patient(store, clinic.id)
    open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW)
    accept(store, enrollment.invite.token, PATIENT_CHAT, NOW, plan=services.plan_timeline)
    before = all_values(store)
    outcome = open_link(store, enrollment.invite.token, OTHER_CHAT, NOW)
    assert outcome == Refused(joining.LINK_USED)
    assert isinstance(
        accept(
            services.store, enrollment.invite.token, OTHER_CHAT, NOW, plan=services.plan_timeline
        ),
        Refused,
    )
    assert isinstance(decline(store, enrollment.invite.token, OTHER_CHAT, NOW), Refused)
    assert all_values(store) == before
    assert store.patients.by_chat(OTHER_CHAT) is None


def test_unknown_malformed_and_expired_links_are_refused(store):
    clinic = add_clinic(store)
    enrollment = enroll_patient(store, clinic.id)
    assert open_link(store, links.new_token(), PATIENT_CHAT, NOW) == Refused(joining.LINK_UNKNOWN)
    assert open_link(store, "x" * 65, PATIENT_CHAT, NOW) == Refused(joining.LINK_UNKNOWN)
    assert open_link(store, "' OR 1=1 --", PATIENT_CHAT, NOW) == Refused(joining.LINK_UNKNOWN)
    later = NOW + links.PATIENT_LINK_TTL
    assert open_link(store, enrollment.invite.token, PATIENT_CHAT, later) == Refused(
        joining.LINK_EXPIRED
    )
    assert store.patients.get(enrollment.patient.id).chat_id is None


def test_decline_plans_nothing_and_the_same_chat_may_change_its_mind(services, store):
    clinic = add_clinic(store)
    token = enroll_patient(store, clinic.id).invite.token
    open_link(store, token, PATIENT_CHAT, NOW)
    outcome = decline(store, token, PATIENT_CHAT, NOW)
    assert isinstance(outcome, Declined) and outcome.patient.status == "declined"
    assert store.patients.by_chat(PATIENT_CHAT) is None
    assert isinstance(open_link(store, token, PATIENT_CHAT, NOW), ConsentAsked)
    assert isinstance(
        accept(services.store, token, PATIENT_CHAT, NOW, plan=services.plan_timeline), Accepted
    )
    assert clinic_stats(store, clinic.id)["consented"] == 1


def test_a_returning_patients_next_session_joins_their_existing_row(services, store):
    clinic = add_clinic(store)
    first = enroll_patient(store, clinic.id)
    open_link(store, first.invite.token, PATIENT_CHAT, NOW)
    accept(services.store, first.invite.token, PATIENT_CHAT, NOW, plan=services.plan_timeline)
    second = enroll_patient(store, clinic.id, now=NOW + timedelta(days=28))
    open_link(store, second.invite.token, PATIENT_CHAT, NOW + timedelta(days=28))
    outcome = accept(
        services.store,
        second.invite.token,
        PATIENT_CHAT,
        NOW + timedelta(days=28),
        plan=services.plan_timeline,
    )
    assert outcome.patient.id == first.patient.id
    assert outcome.session.patient_id == first.patient.id
    assert [p.id for p in store.patients.all_by_chat(PATIENT_CHAT)] == [first.patient.id]
    assert store.patients.get(second.patient.id) is None


# --- Staff --------------------------------------------------------------------------------


def test_staff_join_once_per_invite_and_one_clinic_per_chat(store):
    glow, other = add_clinic(store), add_clinic(store, name="Other")
    invite = invite_staff(store, glow.id, NOW)
    joined = open_link(store, invite.token, STAFF_CHAT, NOW)
    # The first to join a clinic with no admin becomes its admin (issue 16).
    assert joined == StaffJoined(glow, admin=True)
    assert store.staff.clinic_of(STAFF_CHAT) == glow.id
    again = open_link(store, invite.token, STAFF_CHAT, NOW)
    assert again == StaffJoined(glow, already=True, admin=True)
    assert open_link(store, invite.token, 3003, NOW) == Refused(joining.LINK_USED)
    elsewhere = invite_staff(store, other.id, NOW)
    assert open_link(store, elsewhere.token, STAFF_CHAT, NOW) == Refused(team.OTHER_CLINIC)
    late = invite_staff(store, other.id, NOW)
    expired = open_link(store, late.token, 3003, NOW + timedelta(days=8))
    assert expired == Refused(joining.LINK_EXPIRED)
    assert store.staff.chats(glow.id) == [STAFF_CHAT] and store.staff.chats(other.id) == []
    with pytest.raises(LookupError):
        invite_staff(store, 999, NOW)


def _add_delivery(store, enrollment, step, status):
    store.db.execute(
        "INSERT INTO deliveries (patient_id, session_id, clinic_id, step_id, due_at, status,"
        " next_attempt_at, rendered_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            enrollment.patient.id,
            enrollment.session.id,
            enrollment.session.clinic_id,
            step,
            "2026-03-03T09:00:00.000000+00:00",
            status,
            "2026-03-03T09:00:00.000000+00:00",
            "Hello Amira, day one" if status == "sent" else None,
        ],
    )


def test_cancel_by_number_or_name_only_within_the_clinic(services, store):
    glow, other = add_clinic(store), add_clinic(store, name="Other")
    amira = enroll_patient(store, glow.id)
    bea = enroll_patient(store, glow.id, "Bea")
    _add_delivery(store, amira, "d1", "pending")
    assert cancel(store, clinic_id=other.id, ref=str(amira.patient.id), now=NOW) == Refused(
        roster.PATIENT_NOT_FOUND
    )
    cancelled = cancel(store, clinic_id=glow.id, ref=f"#{amira.patient.id}", now=NOW)
    assert cancelled.id == amira.patient.id
    assert store.patients.get(amira.patient.id).status == "cancelled"
    statuses = [r["status"] for r in store.db.query("SELECT status FROM deliveries")]
    assert statuses == ["cancelled"]
    assert open_link(store, amira.invite.token, PATIENT_CHAT, NOW) == Refused(joining.LINK_EXPIRED)
    assert cancel(store, clinic_id=glow.id, ref="bea", now=NOW).id == bea.patient.id
    assert isinstance(cancel(store, clinic_id=glow.id, ref="Bea", now=NOW), Refused)
    enroll_patient(store, glow.id, "Cleo")
    enroll_patient(store, glow.id, "Cleo")
    assert cancel(store, clinic_id=glow.id, ref="cleo", now=NOW) == Refused(
        roster.patient_ambiguous("Cleo")
    )


# --- Forget and stats -----------------------------------------------------------------------


def test_forget_erases_personal_data_and_keeps_anonymous_counts(services, store):
    from bot.inbox.escalation import open_escalation

    clinic = add_clinic(store)
    enrollment = enroll_patient(store, clinic.id, "Zelda")
    open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW)
    accept(services.store, enrollment.invite.token, PATIENT_CHAT, NOW, plan=services.plan_timeline)
    _add_delivery(store, enrollment, "d1", "sent")
    _add_delivery(store, enrollment, "d2", "pending")
    open_escalation(
        store,
        clinic_id=clinic.id,
        patient_id=enrollment.patient.id,
        kind="unknown",
        category=None,
        question="Can Zelda wear makeup to a wedding?",
        now=NOW,
    )
    assert forget(store, PATIENT_CHAT, NOW) == 1
    values = all_values(store)
    assert not [v for v in values if isinstance(v, str) and "Zelda" in v]
    assert PATIENT_CHAT not in values
    assert store.patients.by_chat(PATIENT_CHAT) is None
    assert [r["step_id"] for r in store.db.query("SELECT step_id FROM deliveries")] == ["d1"]
    stats = clinic_stats(store, clinic.id)
    assert (stats["enrolled"], stats["consented"], stats["escalated"]) == (1, 1, 1)
    assert forget(store, PATIENT_CHAT, NOW) == 0
    # Reopening the link says why it is closed (issue 12), not that someone else used it.
    assert open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW) == Refused(
        joining.LINK_FORGOTTEN
    )


def test_stats_are_per_clinic_and_list_every_counter(store):
    glow, other = add_clinic(store), add_clinic(store, name="Other")
    enroll_patient(store, glow.id)
    store.events.record("delivered", now=NOW, clinic_id=glow.id)
    store.events.record("delivered", now=NOW, clinic_id=other.id)
    stats = clinic_stats(store, glow.id)
    assert stats == {
        "enrolled": 1,
        "consented": 0,
        "delivered": 1,
        "failed": 0,
        "unreachable": 0,
        "rebooked": 0,
        "question": 0,
        "escalated": 0,
    }
    text = format_stats("Glow", stats)
    assert "Enrolled: 1" in text and "Messages delivered: 1" in text and "Escalations: 0" in text
