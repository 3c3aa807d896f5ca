"""The outbox rules on a real SQLite database and a manual clock: planning, claiming, expiry,
backoff, flood control, blocked patients, clearing, stop and resume."""

from datetime import timedelta

from bot.clock import ManualClock
from bot.delivery import rules as deliveries
from bot.delivery.rules import Decision, RetryPolicy, decide
from bot.store.deliveries import SENDING
from tests.conftest import add_session
from tests.delivery_fixtures import MONDAY_9AM, Step, daily_steps, enroll, plan_session

H = timedelta(hours=1)


def statuses(store, patient_id):
    return {r.step_id: r.status for r in store.deliveries.for_patient(patient_id)}


def events(store):
    return [r[0] for r in store.db.execute("SELECT name FROM events ORDER BY id").fetchall()]


# -- planning --------------------------------------------------------------------------------


def test_planning_twice_adds_nothing_the_second_time(store, clinic):
    steps = daily_steps(MONDAY_9AM, 3)
    patient_id, session_id = enroll(store, clinic, 101, steps)
    again = plan_session(store, clinic, patient_id, session_id, steps, MONDAY_9AM)
    assert again == 0
    assert store.deliveries.counts() == {"pending": 3}


def test_a_stopped_patient_is_planned_muted_and_stale_steps_expired(store, clinic):
    stale = Step("old", MONDAY_9AM - 10 * H, MONDAY_9AM - H)
    patient_id, _ = enroll(
        store, clinic, 101, [stale, *daily_steps(MONDAY_9AM, 2)], status="stopped"
    )
    assert statuses(store, patient_id) == {"old": "expired", "day0": "muted", "day1": "muted"}


def test_a_patient_who_left_gets_nothing_planned(store, clinic):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2), status="forgotten")
    assert statuses(store, patient_id) == {}


# -- claiming, expiry, crash recovery --------------------------------------------------------


def test_claim_takes_due_rows_oldest_first_and_only_once(store, clinic):
    enroll(store, clinic, 101, [Step("b", MONDAY_9AM - H), Step("c", MONDAY_9AM + H)])
    enroll(store, clinic, 102, [Step("a", MONDAY_9AM - 2 * H)])
    claimed = store.deliveries.claim_due(MONDAY_9AM, 10)
    assert [r.step_id for r in claimed] == ["a", "b"]
    assert {store.deliveries.get(r.id).status for r in claimed} == {SENDING}
    assert store.deliveries.claim_due(MONDAY_9AM, 10) == []
    assert store.deliveries.next_due() == MONDAY_9AM + H


def test_claim_respects_the_limit(store, clinic):
    enroll(store, clinic, 101, [Step(f"s{i}", MONDAY_9AM - i * H) for i in range(5)])
    assert [r.step_id for r in store.deliveries.claim_due(MONDAY_9AM, 2)] == ["s4", "s3"]


def test_stale_backlog_expires_in_bulk_instead_of_flooding(store, clinic):
    # Three days down: day0 and day1 are past their 8-hour expiry, day2 is still worth sending.
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 4))
    back = MONDAY_9AM + timedelta(days=2, hours=1)
    assert deliveries.expire_stale(store, back) == 2
    assert [r.step_id for r in store.deliveries.claim_due(back, 10)] == ["day2"]
    assert statuses(store, patient_id)["day3"] == "pending"
    assert events(store) == ["expired", "expired"]


def test_rows_left_sending_by_a_crash_go_back_to_pending_with_an_attempt(store, clinic):
    enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    [row] = store.deliveries.claim_due(MONDAY_9AM, 10)
    store.deliveries.start_send(row.id, None, MONDAY_9AM)  # ...and the process died sending
    later = MONDAY_9AM + timedelta(minutes=5)
    assert deliveries.recover_interrupted(store, later) == 1
    again = store.deliveries.get(row.id)
    assert (again.status, again.attempts, again.error) == ("pending", 1, "interrupted")
    assert store.deliveries.claim_due(later, 10)[0].id == row.id


def test_a_claim_whose_send_never_started_goes_back_untouched(store, clinic):
    enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    [row] = store.deliveries.claim_due(MONDAY_9AM, 10)  # claimed, then the process died
    later = MONDAY_9AM + timedelta(minutes=5)
    assert deliveries.recover_interrupted(store, later, resend_at=later + H) == 1
    again = store.deliveries.get(row.id)
    # It cannot have reached the patient: no attempt counted, and it goes at once.
    assert (again.status, again.attempts, again.error) == ("pending", 0, None)
    assert store.deliveries.claim_due(later, 10)[0].id == row.id


def test_a_send_cut_by_a_crash_goes_again_after_the_rows_already_waiting(store, clinic):
    enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 2))
    [row] = store.deliveries.claim_due(MONDAY_9AM, 10, owner="dead")
    assert store.deliveries.start_send(row.id, "dead", MONDAY_9AM)
    assert not store.deliveries.start_send(row.id, "someone else", MONDAY_9AM)
    later = MONDAY_9AM + timedelta(minutes=5)
    assert deliveries.recover_interrupted(store, later, resend_at=later + H) == 1
    assert store.deliveries.get(row.id).next_attempt_at == later + H


# -- decisions at send time ------------------------------------------------------------------


def claim_one(store, now):
    [row] = store.deliveries.claim_due(now, 1)
    return row


def test_a_message_within_its_expiry_is_sent_late(store, clinic):
    enroll(store, clinic, 101, [Step("late", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    now = MONDAY_9AM + 7 * H
    assert decide(claim_one(store, now), clinic, now) == Decision("send")


def test_a_message_past_its_expiry_is_expired_not_sent(store, clinic):
    enroll(store, clinic, 101, [Step("late", MONDAY_9AM, MONDAY_9AM + 8 * H)])
    row = claim_one(store, MONDAY_9AM)
    assert decide(row, clinic, MONDAY_9AM + 8 * H).action == "expire"


def test_a_stopped_or_gone_patient_is_not_sent_to(store, clinic):
    enroll(store, clinic, 101, [Step("a", MONDAY_9AM)])
    enroll(store, clinic, 102, [Step("b", MONDAY_9AM)])
    first, second = store.deliveries.claim_due(MONDAY_9AM, 2)
    store.db.execute("UPDATE patients SET status = 'stopped' WHERE id = ?", [first.patient_id])
    store.db.execute("UPDATE patients SET status = 'cancelled' WHERE id = ?", [second.patient_id])
    first, second = store.deliveries.get(first.id), store.deliveries.get(second.id)
    assert decide(first, clinic, MONDAY_9AM).action == "mute"
    assert decide(second, clinic, MONDAY_9AM) == Decision("cancel", reason="patient_cancelled")


# -- retries ---------------------------------------------------------------------------------


def test_backoff_doubles_from_thirty_seconds_and_is_capped():
    policy = RetryPolicy()
    assert [policy.backoff(n).total_seconds() for n in range(1, 5)] == [60, 120, 240, 480]
    assert policy.backoff(20) == timedelta(hours=1)


def test_transient_errors_back_off_then_fail_with_the_reason(store, clinic):
    enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 10 * H)])
    clock, policy = ManualClock(MONDAY_9AM), RetryPolicy(max_attempts=3)
    waits = []
    for _ in range(3):
        row = claim_one(store, clock.now())
        decision = deliveries.after_transient_error(
            row, "NetworkError: Bad Gateway", clock.now(), policy
        )
        if decision.action == "fail":
            deliveries.failed(store, row, clock.now(), decision.reason, decision.attempts)
            break
        waits.append(decision.until - clock.now())
        store.deliveries.defer(
            row.id, until=decision.until, reason=decision.reason, attempts=decision.attempts
        )
        assert store.deliveries.claim_due(clock.now(), 1) == []  # not before its backoff
        clock.set(decision.until)
    assert waits == [timedelta(seconds=60), timedelta(seconds=120)]
    failed = store.deliveries.get(row.id)
    assert (failed.status, failed.attempts) == ("failed", 3)
    assert failed.error == "gave_up: NetworkError: Bad Gateway"
    assert events(store) == ["failed"]


def test_flood_control_defers_without_counting_an_attempt(store, clinic):
    enroll(store, clinic, 101, [Step("a", MONDAY_9AM)])
    row = claim_one(store, MONDAY_9AM)
    decision = deliveries.after_flood_control(row, timedelta(seconds=7), MONDAY_9AM)
    assert decision == Decision("defer", MONDAY_9AM + timedelta(seconds=7), "retry_after", 0)


def test_a_blocked_patient_becomes_unreachable_and_their_queue_is_cancelled(store, clinic):
    patient_id, _ = enroll(store, clinic, 101, daily_steps(MONDAY_9AM, 3))
    other_id, _ = enroll(store, clinic, 102, daily_steps(MONDAY_9AM, 2))
    row = claim_one(store, MONDAY_9AM)
    assert deliveries.unreachable(store, row, MONDAY_9AM, "blocked") == 2
    assert statuses(store, patient_id) == {
        "day0": "failed",
        "day1": "cancelled",
        "day2": "cancelled",
    }
    assert store.patients.get(patient_id).status == "unreachable"
    assert set(statuses(store, other_id).values()) == {"pending"}
    assert events(store) == ["failed", "unreachable"]


# -- clearing, stop and resume ---------------------------------------------------------------


def rebook_steps(start):
    return [
        Step("care", start),
        Step("book_next", start + timedelta(days=23), group="rebook"),
        Step("book_again", start + timedelta(days=30), group="rebook"),
    ]


def test_booking_clears_the_sessions_rebook_group_and_records_it(store, clinic):
    patient_id, session_id = enroll(store, clinic, 101, rebook_steps(MONDAY_9AM))
    assert deliveries.book(store, patient_id, None, MONDAY_9AM + H) == 2
    assert statuses(store, patient_id) == {
        "care": "pending",
        "book_next": "cancelled",
        "book_again": "cancelled",
    }
    assert store.sessions.get(session_id).booked_at == MONDAY_9AM + H
    assert events(store) == ["rebooked"]
    # Tapping the button again changes nothing, and keeps the first booking time.
    assert deliveries.book(store, patient_id, session_id, MONDAY_9AM + 2 * H) == 0
    assert store.sessions.get(session_id).booked_at == MONDAY_9AM + H


def test_booking_from_someone_elses_button_is_refused(store, clinic):
    patient_id, _ = enroll(store, clinic, 101, rebook_steps(MONDAY_9AM))
    _, other_session = enroll(store, clinic, 102, rebook_steps(MONDAY_9AM))
    assert deliveries.book(store, patient_id, other_session, MONDAY_9AM) is None
    assert deliveries.book(store, patient_id, 9999, MONDAY_9AM) is None
    assert store.deliveries.counts() == {"pending": 6}


def test_staff_enrolling_the_next_session_clears_pending_rebook_reminders(store, clinic):
    patient_id, first = enroll(store, clinic, 101, rebook_steps(MONDAY_9AM))
    later = MONDAY_9AM + timedelta(days=28)
    second = add_session(store, clinic, patient_id, later)
    plan_session(store, clinic, patient_id, second, rebook_steps(later), later)
    cleared = deliveries.clear_rebook_for_patient(
        store, patient_id, later, except_session_id=second
    )
    assert cleared == 2
    rows = {(r.session_id, r.step_id): r.status for r in store.deliveries.for_patient(patient_id)}
    assert rows == {
        (first, "care"): "pending",
        (first, "book_next"): "cancelled",
        (first, "book_again"): "cancelled",
        (second, "care"): "pending",
        (second, "book_next"): "pending",
        (second, "book_again"): "pending",
    }


def test_stop_mutes_and_resume_restores_only_what_is_still_ahead(store, clinic):
    steps = [*daily_steps(MONDAY_9AM, 3), Step("stale", MONDAY_9AM + 4 * H, MONDAY_9AM + 6 * H)]
    patient_id, _ = enroll(store, clinic, 101, steps)
    assert deliveries.stop(store, patient_id, MONDAY_9AM - H) == 4
    assert store.patients.get(patient_id).status == "stopped"
    assert store.deliveries.claim_due(MONDAY_9AM + timedelta(days=3), 10) == []
    # Back 20 hours later: day0 and "stale" passed while muted; day1 and day2 are ahead.
    back = MONDAY_9AM + 20 * H
    assert deliveries.resume(store, patient_id, back) == (2, 0)
    assert statuses(store, patient_id) == {
        "day0": "muted",
        "stale": "muted",
        "day1": "pending",
        "day2": "pending",
    }
    assert store.patients.get(patient_id).status == "active"
    assert events(store) == ["stopped", "resumed"]


def test_resume_expires_a_muted_row_whose_expiry_passed_although_its_retry_is_ahead(store, clinic):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM, MONDAY_9AM + 2 * H)])
    row = claim_one(store, MONDAY_9AM)
    store.deliveries.defer(row.id, until=MONDAY_9AM + 5 * H, reason="x", attempts=1)
    deliveries.stop(store, patient_id, MONDAY_9AM)
    assert deliveries.resume(store, patient_id, MONDAY_9AM + 3 * H) == (0, 1)
    assert statuses(store, patient_id) == {"a": "expired"}
