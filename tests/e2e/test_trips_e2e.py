"""Each handler call enters each domain area at most once: the areas never call back into one
they were called from. Traced on the real bot over HTTP for the three trips that cross areas:
a patient's consent, a patient's question, a staff member's /edit up to the saved wording.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from bot.store.worker import StoreThread
from tests.e2e.conftest import AMIRA, World
from tests.e2e.staffed import staffed

DOMAIN = ("people", "delivery", "faq", "inbox")
HANDLERS = "bot.telegram.handlers."
_SUSPENDS = inspect.CO_COROUTINE | inspect.CO_GENERATOR | inspect.CO_ASYNC_GENERATOR


def _area(frame) -> str | None:
    """`people`, `delivery`, `faq`, `inbox` or `telegram` for a frame of ours; None otherwise
    (the store, content, wording and services are passed through, not counted)."""
    name = frame.f_globals.get("__name__") or ""
    parts = name.split(".")
    if parts[0] == "bot" and len(parts) > 2 and parts[1] in DOMAIN:
        return parts[1]
    # Of the edge, only the handlers count: the rest (the update processor) is plumbing.
    return "telegram" if name.startswith(HANDLERS) else None


@dataclass
class Tracer:
    """Per handler call, the domain areas entered in order. An entry is a call into an area
    from outside it; a coroutine resuming after an await is not a new entry."""

    trips: list[tuple[str, list[str]]] = field(default_factory=list)
    _open: dict[object, list[str]] = field(default_factory=dict)
    _started: set = field(default_factory=set)  # coroutine frames already running
    # Domain code runs on the store's thread (bot/store/worker.py): there, the task whose
    # call is running and the area that awaited it, set by `on_store_thread` around each call.
    store_task: object = None
    store_caller: str | None = None

    def __call__(self, frame, event, arg) -> None:
        if event != "call" or (area := _area(frame)) is None or frame in self._started:
            return
        if frame.f_code.co_flags & _SUSPENDS:
            self._started.add(frame)
        caller, back = None, frame.f_back
        while back is not None and (caller := _area(back)) is None:
            back = back.f_back
        on_loop = threading.current_thread() is threading.main_thread()
        task = asyncio.current_task() if on_loop else self.store_task
        if not on_loop:
            caller = caller or self.store_caller
            # A handler's helper run on the store's thread is part of that handler's trip.
            if area in DOMAIN and caller != area and task in self._open:
                self._open[task].append(area)
        elif caller is None and frame.f_globals["__name__"].startswith(HANDLERS):
            self.trips.append((frame.f_code.co_name, []))
            self._open[task] = self.trips[-1][1]
        elif area in DOMAIN and caller != area and task in self._open:
            self._open[task].append(area)

    def of(self, handler: str) -> list[list[str]]:
        return [areas for name, areas in self.trips if name == handler]


@contextmanager
def traced() -> Iterator[Tracer]:
    tracer = Tracer()
    calls = {name: getattr(StoreThread, name) for name in ("__call__", "read")}

    def on_store_thread(original):
        async def call(db, fn, /, *args, **kwargs):
            task, awaiting = asyncio.current_task(), _area(sys._getframe(1))

            def run(*inner, **named):
                tracer.store_task, tracer.store_caller = task, awaiting
                sys.setprofile(tracer)
                try:
                    return fn(*inner, **named)
                finally:
                    sys.setprofile(None)

            return await original(db, run, *args, **kwargs)

        return call

    for name, original in calls.items():
        setattr(StoreThread, name, on_store_thread(original))
    sys.setprofile(tracer)
    try:
        yield tracer
    finally:
        sys.setprofile(None)
        for name, original in calls.items():
            setattr(StoreThread, name, original)
        tracer._started.clear()
    for name, areas in tracer.trips:
        assert len(areas) == len(set(areas)), f"{name} entered an area twice: {areas}"


async def test_consent_enters_people_then_delivery(world: World):
    amira = world.person(AMIRA, "Amira")
    token = await world.enroll(amira.first_name)
    await amira.send(f"/start {token}")
    with traced() as tracer:
        await amira.tap(f"consent:yes:{token}", expect=2)
    assert tracer.of("consent_answer") == [["people", "delivery"]]


@pytest.mark.parametrize(
    ("words", "replies"),
    [
        pytest.param("my face is oozing pus and I feel hot", 2, id="urgent"),
        pytest.param("Can I wear makeup tomorrow?", 1, id="unknown"),
        pytest.param("how long will i be red for??", 1, id="answer"),
    ],
)
async def test_a_question_enters_the_faq_then_the_inbox(world: World, words, replies):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    with traced() as tracer:
        await amira.send(words, expect=replies)
    expected = ["faq"] if words.startswith("how long") else ["faq", "inbox"]
    assert tracer.of("question") == [expected]
    # The staff-draft and reply-relay checks let a patient's text pass without a domain call.
    assert tracer.of("capture") == [[]] and tracer.of("relay_reply") == [[]]


async def test_an_edit_enters_the_inbox_then_delivery_at_each_step(tmp_path):
    async with staffed(tmp_path / "trips.db") as world:
        with traced() as tracer:
            await world.sam.say("/edit day1_redness", replies=2)
            _heading, preview = await world.sam.say("Hi {first_name}, it settles.", replies=2)
            await world.sam.tap(preview.button_data()[0])
        assert tracer.of("edit_command") == [["inbox", "delivery"]]
        assert tracer.of("capture") == [["inbox", "delivery"]]
        assert tracer.of("draft_button") == [["inbox", "delivery"]]
