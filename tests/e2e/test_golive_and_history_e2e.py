"""The go-live review and the history of a clinic's wording, through the real bot and the
stand-in: /enroll waits for the review's approval; /content history shows every version and
/revert brings an older one back for every message not yet sent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.delivery.rendering import render_delivery
from bot.faq import passages
from bot.people.registration import register_clinic
from bot.people.staff import invite_staff
from bot.standin.harness import running_bot
from bot.store import Store
from bot.wording.staff import history, review, step_wording
from tests.e2e.conftest import SAM
from tests.e2e.people import Person
from tests.e2e.staffed import staffed
from tests.enroll_helpers import NOW, enroll_patient

REDNESS = (
    "> Most individuals experience redness and mild swelling post-treatment for a day or two, "
    "with any potential discomfort easily managed with over-the-counter pain relievers."
)
FIRST = "Hi {first_name}, redness is normal on day one.\n" + REDNESS
SECOND = "Hi {first_name}, a little redness today is expected.\n" + REDNESS


async def test_the_go_live_review_blocks_enroll_until_approved(tmp_path):
    # A new clinic, as `aftercare clinic add` makes it: not live, with an admin invite.
    store = Store.open(tmp_path / "live.db")
    glow = register_clinic(
        store, name="Glow Clinic", timezone="Europe/London", phone="+44 20 7946 0000", now=NOW
    )
    token = invite_staff(store, glow.id, NOW, role="admin").token
    store.close()
    async with running_bot(tmp_path / "live.db", clock=ManualClock(NOW)) as bot:
        sam = Person(bot.standin, SAM, "Sam")
        await sam.send(f"/start {token}")
        passages.switch_off(bot.store, 1, "004#3", f"staff:{SAM}", NOW)
        [blocked] = await sam.send("/enroll Amira")
        assert blocked.text == review.not_live("Glow Clinic")
        assert bot.store.patients.count(1) == 0

        # The review: the timeline as patients get it, then the passages, then Approve.
        shown = await sam.send("/review", expect=5)
        everything = "\n".join(message.text for message in shown)
        assert shown[0].text.startswith("Go-live review for Glow Clinic.")
        for step in bot.services.timeline().steps:
            assert f"{step.id} · " in everything
        assert "Hi Alex, a day on from your session" in everything
        assert "Source: How Does Microneedling Work" in everything
        assert "002_4b1ae83a6685b41f" not in everything
        # The passages as /passages lists them: by document title, with the clinic's switches.
        assert "• 004#3 · OFF · “Moreover, microneedling" in everything
        assert "Document 004: Microneedling for healthier skin, its effects and its risks" in (
            everything
        )
        assert all(message.parse_mode == "HTML" for message in shown)
        assert all(len(message.text) <= 4096 for message in shown)
        assert shown[-1].text == review.closing("Glow Clinic")
        assert shown[-1].button_data() == ["golive:approve"]
        [still] = await sam.send("/enroll Amira")
        assert still.text == review.not_live("Glow Clinic")

        [approved] = await sam.tap("golive:approve")
        assert approved.text == review.approved("Glow Clinic")
        assert bot.store.clinics.get(1).approved_at == NOW
        [photo] = await sam.send("/enroll Amira")
        assert photo.method == "sendPhoto" and bot.store.patients.count(1) == 1
        [twice] = await sam.tap("golive:approve")
        assert twice.text == review.already_approved("Glow Clinic")
        again = await sam.send("/review", expect=5)
        assert again[-1].text.startswith("Glow Clinic approved its go-live review on 02 Mar 2026")
        assert again[-1].button_data() == []


@pytest.fixture
async def world(tmp_path):
    async with staffed(tmp_path / "history.db") as world:
        yield world


async def save(sam, text: str) -> None:
    await sam.say("/edit day1_redness", replies=2)
    await sam.say(text, replies=2)
    await sam.tap("Save")


async def test_history_shows_every_version_and_a_revert_brings_an_older_one_back(world):
    timeline = world.bot.services.timeline()
    amira = enroll_patient(world.store, world.glow.id, "Amira")

    def rendered() -> str:
        return render_delivery(
            world.store,
            timeline,
            clinic_id=world.glow.id,
            patient_id=amira.patient.id,
            session_id=amira.session.id,
            step_id="day1_redness",
        ).text

    await save(world.sam, FIRST)
    world.clock.advance(timedelta(days=1))
    await save(world.sam, SECOND)
    assert rendered().startswith("Hi Amira, a little redness today is expected.")

    [shown] = await world.sky.say("/content history day1_redness")
    lines = shown.text.splitlines()
    assert lines[0] == history.heading("day1_redness", "Glow Clinic")
    assert lines[1] == "v2 · by staff chat 2001 · 03 Mar 2026 14:00 · in use"
    assert "  - Hi {first_name}, redness is normal on day one." in lines
    assert "  + Hi {first_name}, a little redness today is expected." in lines
    assert "v1 · by staff chat 2001 · 02 Mar 2026 14:00" in lines
    assert history.FROM_DEFAULT in lines

    world.clock.advance(timedelta(hours=2))
    [restored] = await world.sam.say("/revert day1_redness 1")
    assert restored.text == history.restored("day1_redness", 1, 3)
    active = world.store.content.active(world.glow.id, "day1_redness")
    assert (active.version, active.text) == (3, FIRST)
    assert rendered().startswith("Hi Amira, redness is normal on day one.")
    [mine] = await world.sam.say("/content history day1_redness")
    assert "v3 · by you · 03 Mar 2026 16:00 · back to v1 · in use" in mine.text

    # Bad input gets a clear reply and changes nothing.
    for typed, says in (
        ("/revert day1_redness 9", history.no_such_version("9", "day1_redness", 3)),
        ("/revert day1_redness v", history.no_such_version("v", "day1_redness", 3)),
        ("/revert day1_redness 1", history.already_version("day1_redness", 1)),
        ("/revert day_one 1", "There is no step called “day_one”."),
        ("/revert day1_redness 1 2", step_wording.REVERT_USAGE),
        ("/content history", history.HISTORY_USAGE),
        ("/content history day_one", "There is no step called “day_one”."),
    ):
        [refused] = await world.sam.say(typed)
        assert refused.text.startswith(says), typed
        assert len(world.store.content.versions(world.glow.id, "day1_redness")) == 3

    # Back to the default: the history says so, and keeps every version.
    await world.sam.say("/revert day1_redness")
    [after] = await world.sam.say("/content history day1_redness")
    assert history.DEFAULT_IN_USE in after.text
    assert "  then back to the default wording on 03 Mar 2026 16:00" in after.text
    assert rendered().startswith("Hi Amira, a day on from your session")
