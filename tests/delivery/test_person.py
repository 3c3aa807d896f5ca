"""A chat as one person (`bot.delivery.person`) on a real store: STOP and /resume reach every
clinic's row, a block cancels what waits and coming back restores only what is still ahead."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery import person
from tests.delivery_fixtures import MONDAY_9AM, add_clinic, daily_steps, enroll

CHAT = 4001
H = timedelta(hours=1)


def _statuses(store, patient_id):
    return [r.status for r in store.deliveries.for_patient(patient_id)]


def test_stop_and_resume_reach_every_clinic_of_the_chat(store, clinic):
    other = add_clinic(store, timezone="Europe/Paris")
    glow_id, _ = enroll(store, clinic, CHAT, daily_steps(MONDAY_9AM + 24 * H, 3))
    other_id, _ = enroll(store, other, CHAT, daily_steps(MONDAY_9AM + 24 * H, 3))
    stopped = person.stop(store, CHAT, MONDAY_9AM)
    assert (stopped.muted, stopped.already) == (6, False)
    assert [c.id for c in stopped.clinics] == [other.id, clinic.id]
    assert _statuses(store, glow_id) == _statuses(store, other_id) == ["muted"] * 3
    assert person.stop(store, CHAT, MONDAY_9AM).already
    # Resumed 30 hours later: each clinic's first step fell due meanwhile and stays muted.
    resumed = person.resume(store, CHAT, MONDAY_9AM + 30 * H)
    assert (resumed.restored, resumed.was_stopped) == (4, True)
    assert (
        _statuses(store, glow_id) == _statuses(store, other_id) == ["muted", "pending", "pending"]
    )
    assert not person.resume(store, CHAT, MONDAY_9AM + 30 * H).was_stopped


def test_a_block_cancels_what_waits_and_coming_back_restores_only_what_is_ahead(store, clinic):
    patient_id, _ = enroll(store, clinic, CHAT, daily_steps(MONDAY_9AM + 24 * H, 3))
    assert person.blocked(store, CHAT, MONDAY_9AM) == 3
    assert store.patients.get(patient_id).status == "unreachable"
    assert _statuses(store, patient_id) == ["cancelled"] * 3
    back = person.returned(store, CHAT, MONDAY_9AM + 30 * H)
    assert (back.restored, back.expired) == (2, 0)
    assert _statuses(store, patient_id) == ["cancelled", "pending", "pending"]
    assert store.patients.get(patient_id).status == "active"
    assert person.returned(store, CHAT, MONDAY_9AM + 30 * H) is None  # nothing to restore
    assert store.events.counts(clinic.id)["returned"] == 1


def test_a_stopped_patient_who_blocks_stays_stopped(store, clinic):
    patient_id, _ = enroll(store, clinic, CHAT, daily_steps(MONDAY_9AM + 24 * H, 2))
    person.stop(store, CHAT, MONDAY_9AM)
    assert person.blocked(store, CHAT, MONDAY_9AM) == 0
    assert person.returned(store, CHAT, MONDAY_9AM) is None
    assert store.patients.get(patient_id).status == "stopped"
    assert _statuses(store, patient_id) == ["muted", "muted"]


def test_booked_finds_the_session_of_either_clinic_and_no_other(store, clinic):
    other = add_clinic(store, timezone="Europe/Paris")
    _, glow_session = enroll(store, clinic, CHAT, [])
    _, other_session = enroll(store, other, CHAT, [])
    _, strangers = enroll(store, clinic, CHAT + 1, [])
    assert person.book(store, CHAT, glow_session, MONDAY_9AM) == 0
    assert person.book(store, CHAT, other_session, MONDAY_9AM) == 0
    assert store.sessions.get(other_session).booked_at == MONDAY_9AM
    assert person.book(store, CHAT, strangers, MONDAY_9AM) is None
    assert store.sessions.get(strangers).booked_at is None
