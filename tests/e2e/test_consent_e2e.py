"""Consent as people give it, end to end: a link is bound when the patient agrees (staff
opening it see a preview); a typed yes counts; before agreeing a question waits and a red flag
still reaches the clinic; agreeing after the link expired is refused with what to do; a button
Telegram calls too old to acknowledge is still recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.standin.faults import QUERY_TOO_OLD
from bot.wording.patients import answers, general, joining, leaving, schedule
from bot.wording.staff import alerts, enrolling
from tests.e2e.conftest import AMIRA, MALLORY, World

GLOW_PHONE = "+44 20 7946 0000"


async def test_staff_opening_a_patient_link_see_a_preview_and_the_patient_can_still_use_it(
    world: World,
):
    token = await world.enroll("Amira")
    [preview] = await world.sky.send(f"/start {token}")
    patient = world.patient_of(token)
    expires = world.store.invites.get(token).expires_at.astimezone(world.glow.zone)
    assert preview.text == enrolling.link_preview(
        "Amira",
        patient.id,
        f"{expires:%d %b %H:%M}",
        joining.consent_request("Amira", "Glow Clinic", GLOW_PHONE),
    )
    assert preview.button_data() == []
    [elsewhere] = await world.olga.send(f"/start {token}")
    assert elsewhere.text == enrolling.OTHER_CLINIC_LINK
    assert world.store.invites.get(token).used_by is None
    amira = world.person(AMIRA, "Amira")
    [consent] = await amira.send(f"/start {token}")
    assert consent.button_data() == [f"consent:yes:{token}", f"consent:no:{token}"]
    await amira.tap(f"consent:yes:{token}", expect=2)
    assert world.store.invites.get(token).used_by == AMIRA


async def test_a_link_is_bound_to_the_chat_that_agrees_not_the_one_that_opened_it(world: World):
    token = await world.enroll("Amira")
    amira, mallory = world.person(AMIRA, "Amira"), world.person(MALLORY, "Mallory")
    await mallory.send(f"/start {token}")  # opened first, e.g. a forwarded link
    await amira.send(f"/start {token}")
    await amira.tap(f"consent:yes:{token}", expect=2)
    [late] = await mallory.send("yes")  # their prompt closed when Amira agreed
    assert late.text == general.NOT_UNDERSTOOD
    [refused] = await mallory.send(f"/start {token}")
    assert refused.text == joining.LINK_USED
    assert world.store.patients.by_chat(MALLORY) is None
    assert world.store.patients.by_chat(AMIRA).status == "active"


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("yes", id="yes"),
        pytest.param("I agree", id="i_agree"),
        pytest.param("ok sure", id="ok_sure"),
        pytest.param("Yes please!", id="yes_please"),
        pytest.param("OK 👍", id="ok_emoji"),
    ],
)
async def test_a_typed_yes_at_the_consent_prompt_is_consent(world: World, typed):
    token = await world.enroll("Amira")
    amira = world.person(AMIRA, "Amira")
    await amira.send(f"/start {token}")
    welcome, first = await amira.send(typed, expect=2)
    assert welcome.text == joining.consented("Glow Clinic", GLOW_PHONE)
    assert "receptive to serums" in first.text
    patient = world.store.patients.by_chat(AMIRA)
    assert (patient.status, patient.consented_at) == ("active", world.clock.now())


async def test_a_typed_no_declines_and_stop_at_the_prompt_declines_too(world: World):
    amira = world.person(AMIRA, "Amira")
    token = await world.enroll("Amira")
    await amira.send(f"/start {token}")
    [declined] = await amira.send("no thanks")
    assert declined.text == joining.declined("Glow Clinic")
    assert world.patient_of(token).status == "declined"
    await amira.send(f"/start {token}")
    [stopped] = await amira.send("STOP")
    assert stopped.text == joining.declined("Glow Clinic")
    assert world.store.deliveries.for_patient(world.patient_of(token).id) == []


async def test_before_agreeing_a_question_waits_and_reaches_nobody(world: World):
    token = await world.enroll("Amira")
    amira = world.person(AMIRA, "Amira")
    await amira.send(f"/start {token}")
    mark = world.bot.standin.next_index
    [wait] = await amira.send("how long will I be red?")
    assert wait.text == joining.agree_first("Glow Clinic", GLOW_PHONE)
    [wait] = await amira.send("I agree but can I wear makeup tomorrow?")
    assert wait.text == joining.agree_first("Glow Clinic", GLOW_PHONE)
    await world.handled()
    assert world.bot.standin.messages(world.sam.chat_id)[-1].index < mark
    assert world.store.escalations.for_patient(world.patient_of(token).id) == []
    assert world.patient_of(token).status == "invited"


async def test_a_red_flag_before_agreeing_still_reaches_the_clinic_that_enrolled_them(
    world: World,
):
    token = await world.enroll("Amira")
    amira = world.person(AMIRA, "Amira")
    await amira.send(f"/start {token}")
    mark = world.bot.standin.next_index
    urgent, told = await amira.send("my lips are swelling up", expect=2)
    assert urgent.text == answers.urgent(f"Glow Clinic on {GLOW_PHONE}", emergency=True)
    assert told.text == answers.STAFF_ALERTED
    [alert] = await world.bot.standin.wait_for_messages(world.sam.chat_id, 1, after=mark)
    assert alert.text.startswith("URGENT (allergic) from Amira")
    assert alert.text.endswith(alerts.NOT_AGREED_NOTE)
    # The bot may not message someone who has not agreed: staff are told to phone.
    [refused] = await world.sam.tap(alert.button_data()[0])
    assert refused.text == alerts.REPLY_NOT_AGREED
    assert world.patient_of(token).status == "invited"  # nothing else changed


async def test_agreeing_after_the_link_expired_is_refused_with_what_to_do(world: World):
    token = await world.enroll("Amira")
    amira = world.person(AMIRA, "Amira")
    await amira.send(f"/start {token}")
    world.clock.set(world.clock.now() + timedelta(days=20))
    [refused] = await amira.tap(f"consent:yes:{token}")
    assert refused.text == joining.expired_at_answer("Glow Clinic", GLOW_PHONE)
    [typed] = await amira.send("yes")
    assert typed.text == joining.expired_at_answer("Glow Clinic", GLOW_PHONE)
    patient = world.patient_of(token)
    assert (patient.status, patient.chat_id) == ("invited", None)
    assert world.store.deliveries.for_patient(patient.id) == []


async def test_a_press_too_old_to_acknowledge_is_still_recorded(world: World):
    """Telegram refuses answerCallbackQuery for an old press; the choice stands regardless."""
    token = await world.enroll("Amira")
    amira = world.person(AMIRA, "Amira")
    await amira.send(f"/start {token}")
    world.bot.standin.add_fault("query_too_old", times=3)
    welcome, _first = await amira.tap(f"consent:yes:{token}", expect=2)
    assert welcome.text == joining.consented("Glow Clinic", GLOW_PHONE)
    patient = world.store.patients.by_chat(AMIRA)
    assert patient.status == "active"
    await world.settle()

    # The booking reminder's "I've booked", pressed too late to acknowledge.
    world.clock.set(world.clock.now() + timedelta(days=23, hours=1))
    mark = world.bot.standin.next_index
    await world.settle()
    session = world.store.sessions.latest(patient.id)
    [reminder] = await world.bot.standin.wait_for_messages(AMIRA, 1, after=mark)
    assert f"booked:{session.id}" in reminder.button_data()
    [thanks] = await amira.tap(f"booked:{session.id}")
    assert thanks.text == schedule.BOOKED
    assert world.store.sessions.get(session.id).booked_at is not None

    await amira.send("/forget")
    [done] = await amira.tap("forget:yes", method="editMessageText")
    assert done.text == leaving.FORGOTTEN
    assert world.store.patients.get(patient.id).status == "forgotten"
    refused = [c for c in world.bot.standin.calls("answerCallbackQuery") if not c.ok]
    assert len(refused) == 3 and all(QUERY_TOO_OLD in c.error for c in refused)
