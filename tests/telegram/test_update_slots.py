"""Red flags first when updates wait: `PrioritySlots` and `update_priority`. No clock: the
order of handing out places is what is checked, with events standing in for work."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Chat, Message, Update, User

from bot.telegram.throttle import Priority
from bot.telegram.update_slots import PrioritySlots, update_priority


def text_update(text: str, update_id: int = 1) -> Update:
    chat = Chat(7, Chat.PRIVATE)
    user = User(7, "Pat", is_bot=False)
    return Update(update_id, message=Message(1, None, chat, from_user=user, text=text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("My face is oozing pus", Priority.URGENT, id="pus_is_a_red_flag"),
        pytest.param(
            "My throat feels tight and I can't breathe", Priority.URGENT, id="airway_red_flag"
        ),
        pytest.param("How long will I be red for?", Priority.REPLY, id="a_question"),
        pytest.param("/next", Priority.REPLY, id="a_command"),
    ],
)
def test_a_red_flag_in_the_words_makes_an_update_urgent(text, expected):
    assert update_priority(text_update(text)) == expected


def test_updates_without_text_are_ordinary():
    assert update_priority(Update(1)) == Priority.REPLY
    assert update_priority(object()) == Priority.REPLY


async def test_waiting_holders_get_places_by_priority_then_in_order():
    slots = PrioritySlots(1)
    started: list[str] = []
    release = asyncio.Event()
    asked: list[str] = []

    async def hold(name: str, priority: Priority) -> None:
        def priority_asked() -> Priority:
            asked.append(name)
            return priority

        async with slots.place(priority_asked):
            started.append(name)
            if name == "first":
                await release.wait()

    first = asyncio.create_task(hold("first", Priority.REPLY))
    await asyncio.sleep(0)
    waiting = [
        asyncio.create_task(hold(name, priority))
        for name, priority in [
            ("ordinary-1", Priority.REPLY),
            ("red-flag", Priority.URGENT),
            ("ordinary-2", Priority.REPLY),
        ]
    ]
    await asyncio.sleep(0)
    release.set()
    await asyncio.gather(first, *waiting)

    assert started == ["first", "red-flag", "ordinary-1", "ordinary-2"]
    assert "first" not in asked  # a place was free: its words were never read
    assert slots.taken == 0


async def test_a_waiter_cancelled_before_its_turn_gives_up_nothing():
    slots = PrioritySlots(1)
    release = asyncio.Event()

    async def hold() -> None:
        async with slots.place(lambda: Priority.REPLY):
            await release.wait()

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    cancelled = asyncio.create_task(hold())
    later = asyncio.create_task(hold())
    await asyncio.sleep(0)
    cancelled.cancel()
    await asyncio.sleep(0)
    release.set()
    await asyncio.gather(holder, later)

    assert cancelled.cancelled()
    assert slots.taken == 0


def test_no_places_is_refused():
    with pytest.raises(ValueError, match="at least one place"):
        PrioritySlots(0)
