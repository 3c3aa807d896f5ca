"""What opening a link or answering a button came to, for handlers to turn into replies."""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.clinics import Clinic
from bot.store.invites import Invite
from bot.store.patients import Patient
from bot.store.sessions import Session


@dataclass(frozen=True)
class Refused:
    """Nothing changed; `message` says why, in words for the person who asked."""

    message: str


@dataclass(frozen=True)
class StaffJoined:
    clinic: Clinic
    already: bool = False
    admin: bool = False  # joined (or already is) one of the clinic's admins


@dataclass(frozen=True)
class ConsentAsked:
    clinic: Clinic
    patient: Patient
    session: Session
    invite: Invite


@dataclass(frozen=True)
class LinkPreview:
    """Staff opened a patient link: what the patient will see; nothing changed.
    `own_clinic` is False for a link of another clinic (then name nothing of the patient)."""

    clinic: Clinic
    patient: Patient
    session: Session
    invite: Invite
    own_clinic: bool


@dataclass(frozen=True)
class AlreadyEnrolled:
    clinic: Clinic
    patient: Patient


@dataclass(frozen=True)
class Accepted:
    clinic: Clinic
    patient: Patient
    session: Session
    planned: int


@dataclass(frozen=True)
class Declined:
    clinic: Clinic
    patient: Patient
