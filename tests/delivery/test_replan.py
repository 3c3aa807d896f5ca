"""Re-planning a clinic's waiting messages after a settings change (bot.delivery.replan): the
planner's own times for pending and muted rows; sent rows, other clinics and retries kept."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.delivery.journey import plan_timeline
from bot.delivery.replan import replan_clinic
from bot.store.timefmt import iso
from content.timeline import load_timeline
from tests.enroll_helpers import NOW, add_clinic, enroll_patient


@pytest.fixture(scope="module")
def timeline():
    return load_timeline()


def planned(store, timeline, clinic, first_name="Amira"):
    made = enroll_patient(store, clinic.id, first_name)
    store.patients.set_status(made.patient.id, "active", consented_at=NOW)
    plan_timeline(store, timeline, made.session.id, NOW, wake=lambda: None)
    return {r.step_id: r for r in store.deliveries.for_patient(made.patient.id)}


def test_a_new_window_moves_waiting_rows_and_leaves_the_rest(store, timeline):
    glow, other = add_clinic(store), add_clinic(store, "Other Clinic")
    rows = planned(store, timeline, glow)
    others = planned(store, timeline, other, "Bea")
    # day1 was sent already; day2 is muted (a stopped patient); week1 waits for a retry.
    store.deliveries.mark_sent(
        rows["day1_redness"].id, now=NOW, message_id=1, text="sent", version="v"
    )
    store.db.execute(
        "UPDATE deliveries SET status = 'muted' WHERE id = ?", [rows["day2_settling"].id]
    )
    retry = rows["week1_collagen"].due_at + timedelta(days=2)
    store.db.execute(
        "UPDATE deliveries SET next_attempt_at = ? WHERE id = ?",
        [iso(retry), rows["week1_collagen"].id],
    )
    store.clinics.update(glow.id, {"window_start": time(15, 0), "window_end": time(20, 0)})
    woken = []
    moved = replan_clinic(store, timeline, glow.id, wake=lambda: woken.append(True))
    after = {r.step_id: r for r in store.deliveries.for_patient(rows["day1_redness"].patient_id)}
    assert after["day1_redness"].due_at == rows["day1_redness"].due_at  # sent: never moved
    assert after["day2_settling"].due_at == datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    assert after["day2_settling"].status == "muted"
    assert after["week1_collagen"].due_at == datetime(2026, 3, 9, 15, 0, tzinfo=UTC)
    assert after["week1_collagen"].next_attempt_at == retry  # the later retry time stays
    assert after["serum_now"].due_at == rows["serum_now"].due_at  # immediate: no window
    assert moved == sum(after[s].due_at != rows[s].due_at for s in rows)
    assert woken == [True]
    theirs = {
        r.step_id: r.due_at for r in store.deliveries.for_patient(others["day1_redness"].patient_id)
    }
    assert theirs == {s: r.due_at for s, r in others.items()}


def test_nothing_to_move_moves_nothing(store, timeline):
    glow = add_clinic(store)
    planned(store, timeline, glow)
    assert replan_clinic(store, timeline, glow.id, wake=lambda: None) == 0
    with pytest.raises(LookupError):
        replan_clinic(store, timeline, 99, wake=lambda: None)
