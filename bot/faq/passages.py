"""A clinic switching passages of the guide off (and back on), and what that touches.

A switched-off passage is never quoted to that clinic's patients: the engine skips it and every
curated entry that quotes it (`Faq.for_clinic` reads the switches). A timeline step whose
wording still quotes it is reported by `aftercare content check --clinic ID` until the clinic
rewords it. Changes are versioned rows with author and time (`bot.store.passage_switches`).

Passages are named for people as ``002#12``: the document's number and the passage's position,
with the start of its text and the document's title (`content/documents.yaml`) beside it in
listings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store import Store
from bot.wording.staff import passages as words
from content.documents import title
from content.problem import Problem
from content.seeds import Passage, load_passages, normalize
from content.template import quoted_lines
from content.timeline import load_timeline

LABEL_WORDS = 8


@dataclass(frozen=True)
class SwitchOutcome:
    """What a switch did: `ok` False for a bad clinic or passage (nothing changed), with
    `problem` naming which ("clinic" or "passage") so each front end can say what to send."""

    ok: bool
    changed: bool
    message: str
    passage_id: str = ""
    problem: str = ""  # "" | "clinic" | "passage"


@dataclass(frozen=True)
class Listed:
    """One passage as a listing shows it, with the clinic's state of it."""

    short_id: str
    passage_id: str
    label: str
    state: str  # "on" | "off"
    author: str = ""
    changed_at: datetime | None = None


def short_id(passage: Passage) -> str:
    """``002#12``: the document's leading number and the passage's position in it."""
    return f"{passage.doc.split('_')[0]}#{passage.position}"


def document_title(doc: str) -> str:
    """A document's name for people: its title in the index (`content/documents.yaml`)."""
    return title(doc)


def start_of(text: str) -> str:
    """The first words of a passage, for listings."""
    found = text.split()
    return " ".join(found[:LABEL_WORDS]) + ("…" if len(found) > LABEL_WORDS else "")


def label(passage: Passage) -> str:
    """``002#12 “The procedure, which a certified…” (How Does Microneedling Work…)``."""
    return f"{short_id(passage)} “{start_of(passage.text)}” ({document_title(passage.doc)})"


def resolve(ref: str, passages: tuple[Passage, ...] | None = None) -> Passage | None:
    """The passage named by its id (``002_4b1a…#12``) or short id (``002#12``), or None."""
    ref = ref.strip()
    for passage in passages or load_passages():
        if ref in (passage.id, short_id(passage)):
            return passage
    return None


def _switch(store: Store, clinic_id: int, ref: str, state: str, author: str, now: datetime):
    if store.clinics.get(clinic_id) is None:
        return SwitchOutcome(False, False, words.unknown_clinic(clinic_id), problem="clinic")
    passage = resolve(ref)
    if passage is None:
        return SwitchOutcome(False, False, words.unknown_passage(ref), problem="passage")
    current = store.passage_switches.current(clinic_id, passage.id)
    if (current.state if current else "on") == state:
        return SwitchOutcome(True, False, words.already(label(passage), state), passage.id)
    store.passage_switches.record(clinic_id, passage.id, state, author, now)
    return SwitchOutcome(True, True, words.switched(label(passage), state), passage.id)


def switch_off(
    store: Store, clinic_id: int, passage_id: str, author: str, now: datetime
) -> SwitchOutcome:
    """Stop quoting a passage (id or short id) to the clinic's patients. `author` names who
    did it ("staff:<chat id>" from Telegram, as `bot.store.content.author_of` writes it, or
    "cli"); a second call changes nothing."""
    return _switch(store, clinic_id, passage_id, "off", author, now)


def switch_on(
    store: Store, clinic_id: int, passage_id: str, author: str, now: datetime
) -> SwitchOutcome:
    """Quote the passage again for the clinic (see `switch_off`)."""
    return _switch(store, clinic_id, passage_id, "on", author, now)


def listing(store: Store, clinic_id: int, *, only_off: bool = False) -> list[Listed]:
    """Every passage of the guide with the clinic's state, in document order."""
    latest = store.passage_switches.latest_for_clinic(clinic_id)
    passages = load_passages()
    rows = []
    for passage in passages:
        change = latest.get(passage.id)
        state = change.state if change else "on"
        if only_off and state != "off":
            continue
        rows.append(
            Listed(
                short_id(passage),
                passage.id,
                label(passage),
                state,
                change.author if change else "",
                change.created_at if change else None,
            )
        )
    return rows


def steps_quoting_off(store: Store, clinic_id: int) -> list[tuple[str, int | None, Passage]]:
    """(step id, version of the clinic's own wording or None for the default, passage) for
    each timeline step whose wording for this clinic quotes a passage it switched off."""
    off = store.passage_switches.off_for_clinic(clinic_id)
    if not off:
        return []
    passages = [p for p in load_passages() if p.id in off]
    overrides = store.content.active_for_clinic(clinic_id)
    found = []
    for step in load_timeline().steps:
        own = overrides.get(step.id)
        quotes = quoted_lines(own.text) if own else [s.quote for s in step.sources]
        for passage in passages:
            if any(normalize(q) in normalize(passage.text) for q in quotes):
                found.append((step.id, own.version if own else None, passage))
    return found


def step_problems(store: Store, clinic_id: int) -> list[Problem]:
    """Timeline steps whose wording for this clinic (its own, else the default) quotes a
    passage the clinic switched off, as `aftercare content check --clinic` reports them."""
    problems = []
    for step_id, version, passage in steps_quoting_off(store, clinic_id):
        where = f"step {step_id}" + (f" (clinic wording v{version})" if version else "")
        problems.append(
            Problem("timeline.yaml", where, words.step_quotes_off(step_id, label(passage)))
        )
    return problems
