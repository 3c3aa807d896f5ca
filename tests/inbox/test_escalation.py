"""The escalation inbox domain: opening, who may reply, and the recorded outcome."""

from datetime import timedelta

import pytest

from bot.faq.questions import Escalate
from bot.inbox.escalation import (
    ReplyTarget,
    alert_text,
    begin_reply,
    cancel_reply,
    escalate,
    mark_replied,
    open_escalation,
    pending_reply,
    record_forward,
    reply_target,
)
from bot.people.enrollment import accept, open_link
from bot.people.outcomes import Refused
from bot.people.privacy import forget
from bot.people.staff import invite_staff
from bot.people.stats import clinic_stats
from bot.wording.staff import alerts
from tests.conftest import NOW, add_clinic, enroll_patient
from tests.inline_db import InlineDb

PATIENT_CHAT, STAFF_CHAT, OTHER_STAFF = 1001, 2001, 2002


@pytest.fixture
def world(services, store):
    glow, other = add_clinic(store), add_clinic(store, name="Other")
    open_link(store, invite_staff(store, glow.id, NOW).token, STAFF_CHAT, NOW)
    open_link(store, invite_staff(store, other.id, NOW).token, OTHER_STAFF, NOW)
    enrollment = enroll_patient(store, glow.id)
    open_link(store, enrollment.invite.token, PATIENT_CHAT, NOW)
    accept(services.store, enrollment.invite.token, PATIENT_CHAT, NOW, plan=services.plan_timeline)
    patient = store.patients.by_chat(PATIENT_CHAT)
    escalation = open_escalation(
        store,
        clinic_id=glow.id,
        patient_id=patient.id,
        kind="urgent",
        category="infection",
        question="There is pus and it is hot",
        now=NOW,
    )
    return store, glow, patient, escalation


def test_opening_records_the_words_and_counts(world):
    store, glow, patient, escalation = world
    assert (escalation.status, escalation.kind, escalation.category) == (
        "open",
        "urgent",
        "infection",
    )
    assert store.escalations.get(escalation.id).question == "There is pus and it is hot"
    assert clinic_stats(store, glow.id)["escalated"] == 1
    text = alert_text(store, escalation)
    assert "URGENT (infection)" in text and "Amira" in text and "There is pus" in text
    with pytest.raises(ValueError):
        open_escalation(
            store,
            clinic_id=glow.id,
            patient_id=patient.id,
            kind="chat",
            category=None,
            question="hi",
            now=NOW,
        )


def test_only_the_clinics_own_staff_may_reply(world):
    store, _glow, _patient, escalation = world
    assert begin_reply(store, staff_chat=OTHER_STAFF, escalation_id=escalation.id) == Refused(
        alerts.REPLY_NOT_YOURS
    )
    assert begin_reply(store, staff_chat=PATIENT_CHAT, escalation_id=escalation.id) == Refused(
        alerts.REPLY_NOT_YOURS
    )
    assert store.staff.replying_to(OTHER_STAFF) is None
    target = begin_reply(store, staff_chat=STAFF_CHAT, escalation_id=escalation.id)
    assert isinstance(target, ReplyTarget) and target.patient.chat_id == PATIENT_CHAT
    assert pending_reply(store, staff_chat=STAFF_CHAT, reply_to_message_id=None) == escalation.id
    cancel_reply(store, staff_chat=STAFF_CHAT)
    assert pending_reply(store, staff_chat=STAFF_CHAT, reply_to_message_id=None) is None


def test_a_telegram_reply_to_the_alert_finds_the_escalation(world):
    store, _glow, _patient, escalation = world
    record_forward(store, escalation, chat_id=STAFF_CHAT, message_id=77)
    assert pending_reply(store, staff_chat=STAFF_CHAT, reply_to_message_id=77) == escalation.id
    assert pending_reply(store, staff_chat=STAFF_CHAT, reply_to_message_id=78) is None
    assert pending_reply(store, staff_chat=OTHER_STAFF, reply_to_message_id=77) is None


def test_the_outcome_records_who_replied_and_when(world):
    store, glow, _patient, escalation = world
    target = begin_reply(store, staff_chat=STAFF_CHAT, escalation_id=escalation.id)
    later = NOW + timedelta(minutes=5)
    mark_replied(store, target, staff_chat=STAFF_CHAT, now=later)
    recorded = store.escalations.get(escalation.id)
    assert (recorded.status, recorded.replied_by, recorded.replied_at) == (
        "replied",
        STAFF_CHAT,
        later,
    )
    assert store.staff.replying_to(STAFF_CHAT) is None
    assert store.events.counts(glow.id)["escalation_replied"] == 1


def test_no_reply_reaches_a_forgotten_patient(world):
    store, _glow, _patient, escalation = world
    record_forward(store, escalation, chat_id=STAFF_CHAT, message_id=77)
    begin_reply(store, staff_chat=STAFF_CHAT, escalation_id=escalation.id)
    forget(store, PATIENT_CHAT, NOW)
    assert store.escalations.get(escalation.id).question is None
    assert pending_reply(store, staff_chat=STAFF_CHAT, reply_to_message_id=77) is None
    assert reply_target(store, staff_chat=STAFF_CHAT, escalation_id=escalation.id) == Refused(
        alerts.REPLY_GONE
    )


class FakeSender:
    """Stands in for the Telegram edge: records each alert, refuses the chats in `refuse`."""

    def __init__(self, refuse: tuple[int, ...] = ()) -> None:
        self.refuse = refuse
        self.sent: list[tuple[int, int]] = []  # (staff chat, escalation id)

    async def __call__(
        self, chat_id: int, text: str, escalation_id: int, photo: str | None = None
    ) -> int | None:
        if chat_id in self.refuse:
            return None
        self.sent.append((chat_id, escalation_id))
        return 500 + len(self.sent)


async def test_escalate_opens_it_and_alerts_only_the_clinics_staff(world):
    store, glow, patient, _first = world
    send = FakeSender()
    request = Escalate(glow.id, patient.id, "unknown", None, "Can I dye my hair?")
    assert await escalate(InlineDb(store), request, send=send, now=NOW) == 1
    opened = store.escalations.for_patient(patient.id)[-1]
    assert (opened.kind, opened.question) == ("unknown", "Can I dye my hair?")
    assert send.sent == [(STAFF_CHAT, opened.id)]
    # A Telegram reply to the alert that arrived finds the escalation.
    assert pending_reply(store, staff_chat=STAFF_CHAT, reply_to_message_id=501) == opened.id
    assert clinic_stats(store, glow.id)["escalated"] == 2
    assert store.events.counts(glow.id).get("escalation_undelivered", 0) == 0


async def test_an_alert_no_staff_chat_got_is_counted_and_not_remembered(world):
    store, glow, patient, _first = world
    request = Escalate(glow.id, patient.id, "urgent", "infection", "It is hot and oozing")
    refused = FakeSender(refuse=(STAFF_CHAT,))
    assert await escalate(InlineDb(store), request, send=refused, now=NOW) == 0
    assert store.events.counts(glow.id)["escalation_undelivered"] == 1
    assert pending_reply(store, staff_chat=STAFF_CHAT, reply_to_message_id=501) is None
