"""Enrolling a patient, and what happens when their single-use link is opened and answered.

The clinic enrolls (patient + session + link, all or nothing); the patient opens the link and
is asked for consent; "yes" binds the link to their chat and plans the timeline. Opening binds
nothing, so staff checking a link (they see a preview) or a second chat opening it spend
nothing; once agreed, the link is refused to any other chat and changes nothing.

Planning belongs to delivery: the functions that plan take a `plan` callable from the caller
(the Telegram edge passes `Services.plan_timeline`, the shipped timeline into the outbox), so
this module needs neither the delivery area nor the shared services.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.people import links, staff, stats
from bot.people.enroll_input import EnrollRequest, NextSessionRequest
from bot.people.numbers import has_digit, parse_number
from bot.people.outcomes import (
    Accepted,
    AlreadyEnrolled,
    ConsentAsked,
    Declined,
    LinkPreview,
    Refused,
    StaffJoined,
)
from bot.store import Store
from bot.store.invites import Invite
from bot.store.patients import RETURNING, Patient
from bot.store.sessions import Session
from bot.wording.patients import joining
from bot.wording.staff import enrolling, roster

log = logging.getLogger(__name__)

OPEN = ("invited", "declined")  # may still answer the consent question

# Plans a consented session's aftercare messages: (session id, now) -> how many rows are new.
# Planning the same session again adds nothing.
Planner = Callable[[int, datetime], int]


@dataclass(frozen=True)
class Enrollment:
    patient: Patient
    session: Session
    invite: Invite


@dataclass(frozen=True)
class NextSession:
    patient: Patient
    session: Session
    planned: int


def enroll(store: Store, *, clinic_id: int, request: EnrollRequest, now: datetime) -> Enrollment:
    """Create the patient, their session and a single-use link, in one transaction."""
    with store.db.atomic():
        patient = store.patients.add(clinic_id=clinic_id, first_name=request.first_name, now=now)
        session = store.sessions.add(
            patient_id=patient.id,
            clinic_id=clinic_id,
            session_at=request.session_at,
            session_number=request.session_number,
            series_length=request.series_length,
            ref=request.ref,
            now=now,
        )
        invite = store.invites.add(
            token=links.new_token(),
            kind="patient",
            clinic_id=clinic_id,
            session_id=session.id,
            now=now,
            expires_at=now + links.PATIENT_LINK_TTL,
        )
        store.events.record(stats.ENROLLED, now=now, clinic_id=clinic_id, patient_id=patient.id)
    log.info("patient_enrolled clinic=%s patient=%s", clinic_id, patient.pseudonym)
    return Enrollment(patient, session, invite)


def enroll_next_session(
    store: Store, *, clinic_id: int, request: NextSessionRequest, now: datetime, plan: Planner
) -> NextSession | Refused:
    """Staff enroll the next session of a patient who already agreed to this clinic's messages.

    No new link or consent: the session joins their patient row, its timeline is planned at
    once, and their "book your next session" reminders from earlier sessions are cleared.
    Whole or not at all: `plan` runs inside the same transaction.
    """
    patient = store.patients.get(request.patient_id)
    if patient is None or patient.clinic_id != clinic_id or patient.status == "forgotten":
        return Refused(roster.PATIENT_NOT_FOUND)
    if patient.status not in ("active", "stopped"):
        return Refused(enrolling.next_session_needs_link(patient.id, patient.status))
    earlier = store.sessions.for_patient(patient.id)
    last = earlier[-1] if earlier else None
    if last is not None and request.session_at <= last.session_at:
        return Refused(enrolling.NEXT_SESSION_NOT_LATER)
    if request.session_number is not None:
        number, length = request.session_number, request.series_length
    else:
        number = (last.session_number + 1) if last else 1
        length = last.series_length if last else None
        if length is not None and number > length:
            return Refused(enrolling.next_session_beyond_series(number, length))
    with store.db.atomic():
        session = store.sessions.add(
            patient_id=patient.id,
            clinic_id=clinic_id,
            session_at=request.session_at,
            session_number=number,
            series_length=length,
            now=now,
        )
        store.events.record(stats.ENROLLED, now=now, clinic_id=clinic_id, patient_id=patient.id)
        planned = plan(session.id, now)
    log.info("next_session_enrolled patient=%s session=%s", patient.pseudonym, session.id)
    return NextSession(patient, session, planned)


def open_link(
    store: Store, payload: str, chat_id: int, now: datetime, *, name: str = ""
) -> StaffJoined | ConsentAsked | LinkPreview | AlreadyEnrolled | Refused:
    """`/start <payload>`: join the staff, or ask this chat's consent for a patient link.
    `name` (the Telegram first name) is kept only for a member of staff, for /staff.

    Opening a patient link binds nothing: it opens a consent prompt for this chat, and the
    link is bound to the chat that agrees (`accept`). Staff see a preview and nothing changes.
    """
    invite = store.invites.get(payload) if links.is_payload(payload) else None
    if invite is None:
        log.info("link_unknown")
        return Refused(joining.LINK_UNKNOWN)
    if invite.kind == "staff":
        return staff.join(store, invite, chat_id, now, name=name)
    clinic = store.clinics.get(invite.clinic_id)
    session = store.sessions.get(invite.session_id)
    patient = store.patients.get(session.patient_id)
    if patient.status == "forgotten":
        # /forget unbound the link from its chat, so whoever opens it now, the patient included,
        # is told why it no longer works rather than that someone else used it.
        log.info("patient_link_forgotten")
        return Refused(joining.LINK_FORGOTTEN)
    staff_clinic = store.staff.clinic_of(chat_id)
    if staff_clinic is not None:
        log.info("patient_link_previewed patient=%s", patient.pseudonym)
        return LinkPreview(clinic, patient, session, invite, own_clinic=staff_clinic == clinic.id)
    if invite.used_at is not None:
        if invite.used_by != chat_id:
            log.info("patient_link_refused patient=%s", patient.pseudonym)
            return Refused(joining.LINK_USED)
        if patient.status in RETURNING:
            return AlreadyEnrolled(clinic, patient)
        return Refused(joining.LINK_CANCELLED)
    if invite.expired(now):
        return Refused(joining.LINK_EXPIRED)
    if patient.status not in OPEN:
        return Refused(joining.LINK_CANCELLED)
    with store.db.atomic():
        store.consent_prompts.open(chat_id, invite.token, now)
        store.events.record(stats.LINK_OPENED, now=now, clinic_id=clinic.id, patient_id=patient.id)
    log.info("patient_link_opened patient=%s", patient.pseudonym)
    return ConsentAsked(clinic, patient, session, invite)


def _answerable(store: Store, token: str, chat_id: int, now: datetime):
    """The (clinic, patient, session) a consent answer may answer, or a refusal saying why."""
    invite = store.invites.get(token) if links.is_payload(token) else None
    if invite is None or invite.kind != "patient":
        return Refused(joining.LINK_STALE_BUTTON)
    session = store.sessions.get(invite.session_id)
    patient = store.patients.get(session.patient_id)
    clinic = store.clinics.get(invite.clinic_id)
    if invite.used_at is not None:
        if invite.used_by == chat_id and patient.status in RETURNING:
            return AlreadyEnrolled(clinic, patient)
        return Refused(
            joining.LINK_USED if invite.used_by != chat_id else joining.LINK_STALE_BUTTON
        )
    if patient.status not in OPEN:
        return Refused(joining.LINK_STALE_BUTTON)
    if invite.expired(now):
        # The prompt may have been open for days: the link's expiry still holds at the answer.
        return Refused(joining.expired_at_answer(clinic.name, clinic.phone))
    return clinic, patient, session


def accept(
    store: Store, token: str, chat_id: int, now: datetime, *, plan: Planner
) -> Accepted | AlreadyEnrolled | Refused:
    """The patient agreed: bind the link to this chat, mark them active, then `plan` the
    session's timeline.

    A returning patient (already active at this clinic from an earlier session) keeps their
    one patient row, so /stop and /forget always reach every session of theirs.
    """
    found = _answerable(store, token, chat_id, now)
    if isinstance(found, AlreadyEnrolled | Refused):
        return found
    clinic, patient, session = found
    with store.db.atomic():
        if not store.invites.claim(token, chat_id=chat_id, now=now):
            return Refused(joining.LINK_USED)
        store.consent_prompts.close_link(token, now)
        earlier = store.patients.returning(chat_id=chat_id, clinic_id=clinic.id, exclude=patient.id)
        if earlier is not None:
            store.patients.fold_into(patient.id, earlier.id)
            patient = earlier
        else:
            store.patients.link_chat(patient.id, chat_id)
        store.patients.set_status(patient.id, "active", consented_at=now)
        store.events.record(stats.CONSENTED, now=now, clinic_id=clinic.id, patient_id=patient.id)
    log.info("patient_consented patient=%s session=%s", patient.pseudonym, session.id)
    planned = plan(session.id, now)
    return Accepted(clinic, store.patients.get(patient.id), store.sessions.get(session.id), planned)


def decline(
    store: Store, token: str, chat_id: int, now: datetime
) -> Declined | AlreadyEnrolled | Refused:
    """The patient said no: nothing is planned or bound; they may still reopen the link."""
    found = _answerable(store, token, chat_id, now)
    if isinstance(found, AlreadyEnrolled | Refused):
        return found
    clinic, patient, _session = found
    with store.db.atomic():
        store.consent_prompts.close(chat_id, token, now)
        store.patients.set_status(patient.id, "declined")
        store.events.record(stats.DECLINED, now=now, clinic_id=clinic.id, patient_id=patient.id)
    log.info("patient_declined patient=%s", patient.pseudonym)
    return Declined(clinic, store.patients.get(patient.id))


def cancel(store: Store, *, clinic_id: int, ref: str, now: datetime) -> Patient | Refused:
    """Staff cancel a patient of their clinic by number (#12) or unique first name.

    Anything with a digit in it is a number (names have none), written with 0-9 and in range.
    """
    if has_digit(ref):
        number = parse_number(ref, "patient number", example="/cancel 12")
        if isinstance(number, Refused):
            return number
        patient = store.patients.get(number)
        if patient is None or patient.clinic_id != clinic_id or patient.status == "forgotten":
            return Refused(roster.PATIENT_NOT_FOUND)
    else:
        ref = ref.strip().removeprefix("#")
        matches = [
            line.patient
            for line in store.patients.roster(clinic_id, limit=10_000)
            if (line.patient.first_name or "").casefold() == ref.casefold()
            and line.patient.status not in ("cancelled", "declined")
        ]
        if not matches:
            return Refused(roster.PATIENT_NOT_FOUND)
        if len(matches) > 1:
            return Refused(roster.patient_ambiguous(matches[0].first_name))
        patient = matches[0]
    if patient.status in ("cancelled", "declined"):
        return Refused(roster.patient_already_closed(patient.id, patient.status))
    with store.db.atomic():
        store.patients.cancel(patient.id, now)
        store.events.record(stats.CANCELLED, now=now, clinic_id=clinic_id, patient_id=patient.id)
    log.info("patient_cancelled clinic=%s patient=%s", clinic_id, patient.pseudonym)
    return patient
