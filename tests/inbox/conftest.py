"""The inbox's world for the lifecycle, raising-again and figures tests: Glow Clinic with two
members of staff and a patient who agreed, on a real store; and the Telegram edge's three
callbacks as small fakes that remember what they were asked to do."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.inbox.escalation import open_escalation, record_forward
from bot.people.enrollment import accept, open_link
from bot.people.staff import invite_staff
from bot.store import Store
from bot.store.escalations import Escalation
from tests.conftest import NOW, add_clinic, enroll_patient
from tests.inline_db import InlineDb

PATIENT, SAM, SKY, OLGA = 1001, 2001, 2002, 2003  # Sam and Sky at Glow, Olga at Other


@dataclass
class Team:
    store: Store
    glow: object
    patient_id: int

    @property
    def db(self) -> InlineDb:
        """The store as the inbox's async functions reach it (a `Db`)."""
        return InlineDb(self.store)

    def escalate(
        self, kind: str = "urgent", question: str = "It is oozing pus", **at
    ) -> Escalation:
        """An escalation of the patient, alerted to Sam and Sky as messages 10 and 20 (+ id)."""
        opened = open_escalation(
            self.store, clinic_id=self.glow.id, patient_id=self.patient_id, kind=kind,
            category="infection" if kind == "urgent" else None, question=question,
            now=at.get("now", NOW),
        )  # fmt: skip
        for chat, base in ((SAM, 10), (SKY, 20)):
            record_forward(self.store, opened, chat_id=chat, message_id=base + opened.id)
        return opened


@pytest.fixture
def team(services, store) -> Team:
    glow, other = add_clinic(store), add_clinic(store, name="Other Clinic")
    for clinic, chat in ((glow, SAM), (glow, SKY), (other, OLGA)):
        open_link(store, invite_staff(store, clinic.id, NOW).token, chat, NOW)
    enrollment = enroll_patient(store, glow.id)
    open_link(store, enrollment.invite.token, PATIENT, NOW)
    accept(store, enrollment.invite.token, PATIENT, NOW, plan=services.plan_timeline)
    return Team(store, glow, store.patients.by_chat(PATIENT).id)


@dataclass
class Edge:
    """The alert sender, the alert editor and the patient teller, recording every call."""

    sent: list[tuple[int, str, int]] = field(default_factory=list)  # (chat, text, escalation)
    edits: list[tuple[int, int, str, str]] = field(default_factory=list)  # chat, msg, text, stage
    told: list[tuple[int, str]] = field(default_factory=list)  # (patient chat, text)

    async def send(
        self, chat_id: int, text: str, escalation_id: int, photo: str | None = None
    ) -> int:
        self.sent.append((chat_id, text, escalation_id))
        return 900 + len(self.sent)

    async def edit(
        self, chat_id: int, message_id: int, text: str, escalation_id: int, stage: str
    ) -> bool:
        self.edits.append((chat_id, message_id, text, stage))
        return True

    async def tell(self, chat_id: int, text: str) -> bool:
        self.told.append((chat_id, text))
        return True


@pytest.fixture
def edge() -> Edge:
    return Edge()
