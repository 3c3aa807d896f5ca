"""Staff editing a step's wording from Telegram, end to end: the real bot talks HTTP to the
Bot API stand-in, time is a ManualClock, and the database is a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery.rendering import render_delivery
from bot.inbox.escalation import open_escalation
from bot.wording.patients import general
from bot.wording.staff import alerts, step_wording, team
from tests.conftest import NOW, enroll_patient
from tests.e2e.people import Person
from tests.e2e.staffed import (  # noqa: F401 (staffed_world: the world fixture)
    BOOKING,
    SAM,
    forward_to_staff,
    staffed_world,
    table_rows,
)

REDNESS = (
    "> Most individuals experience redness and mild swelling post-treatment for a day or two, "
    "with any potential discomfort easily managed with over-the-counter pain relievers."
)
OWN = (
    "Hi {first_name}, redness is normal on day one. Questions? Call {clinic_phone} or book "
    "a check at {booking_link}.\n" + REDNESS
)


def overrides(world) -> list[tuple]:
    columns = "clinic_id, step_id, version, template, author_chat_id, created_at, reverted_at"
    return table_rows(world.store, "content_overrides", columns)


async def test_edit_preview_save_and_revert_a_step(world):
    sam, sky, olga = world.sam, world.sky, world.olga
    timeline = world.bot.services.timeline()
    amira = enroll_patient(world.store, world.glow.id, "Amira")
    bea = enroll_patient(world.store, world.other.id, "Bea")

    def rendered(made) -> str:
        ids = {"clinic_id": made.patient.clinic_id, "patient_id": made.patient.id}
        return render_delivery(
            world.store, timeline, **ids, session_id=made.session.id, step_id="day1_redness"
        ).text

    default_amira, default_bea = rendered(amira), rendered(bea)

    [listing] = await sam.say("/content")
    assert listing.text.startswith("Aftercare messages for Glow Clinic")
    for step in timeline.steps:
        assert f"• {step.id} · " in listing.text
    assert "• day1_redness · +1d · default wording" in listing.text
    assert "• book_next · +23d (series interval - 5d) · default wording" in listing.text

    [unknown] = await sam.say("/edit day_one")
    assert unknown.text.startswith("There is no step called “day_one”. Steps: serum_now,")
    [usage] = await sam.say("/edit")
    assert usage.text == step_wording.EDIT_USAGE

    # /edit asks for the text and shows the current wording to start from.
    instructions, current = await sam.say("/edit day1_redness", replies=2)
    assert instructions.text.startswith("Send the new wording of day1_redness")
    assert "{first_name}" in instructions.text and "Glow Clinic's own words" in instructions.text
    assert instructions.button_data() == ["draft:cancel"]
    assert current.text == timeline.step("day1_redness").text

    # An invalid text: the reply names the problem and nothing is stored.
    [refused] = await sam.say("Hi {first_name}!\n> Microneedling heals every scar overnight.")
    assert refused.text.startswith("Not saved: that text has 1 problem(s).")
    assert "“Microneedling heals every scar overnight.” is not word for word" in refused.text
    assert overrides(world) == []
    [refused] = await sam.say("Hi {name}, see you soon.")
    assert "unknown merge field {name}" in refused.text
    assert overrides(world) == [] and rendered(amira) == default_amira

    # A valid text: a preview with Glow's real details and a sample first name; still unsaved.
    heading, preview = await sam.say(OWN, replies=2)
    assert "Preview of day1_redness" in heading.text and "Alex" in heading.text
    assert preview.parse_mode == "HTML"
    assert preview.text.startswith(
        f"Hi Alex, redness is normal on day one. Questions? Call +44 20 7946 0000 or book a "
        f"check at {BOOKING}."
    )
    assert "Most individuals experience redness" in preview.text
    assert preview.text.endswith("Written by the team at Glow Clinic.")
    assert preview.button_data()[0].startswith("draft:save:")
    assert overrides(world) == []

    [saved] = await sam.tap("Save")
    assert saved.text.startswith("Saved: Glow Clinic now uses its own wording of day1_redness")
    assert "(version 1)" in saved.text
    assert overrides(world) == [
        (world.glow.id, "day1_redness", 1, OWN, SAM, "2026-03-02T14:00:00.000000+00:00", None)
    ]
    # Every Glow message of that step not yet sent now renders the new words; Other's do not.
    assert rendered(amira).startswith("Hi Amira, redness is normal on day one.")
    assert rendered(amira).endswith("<i>Written by the team at Glow Clinic.</i>")
    assert rendered(bea) == default_bea

    [listing] = await sam.say("/content")
    assert "• day1_redness · +1d · your clinic's wording v1, by you, 02 Mar 2026 14:00" in (
        listing.text
    )
    [seen_by_sky] = await sky.say("/content")
    assert "day1_redness · +1d · your clinic's wording v1, by staff chat 2001" in seen_by_sky.text
    [theirs] = await olga.say("/content")
    assert "• day1_redness · +1d · default wording" in theirs.text
    assert "your clinic's wording" not in theirs.text

    # A later revert brings the default back for every message not yet sent.
    world.clock.advance(timedelta(days=1))
    [reverted] = await sam.say("/revert day1_redness")
    assert reverted.text == step_wording.reverted("day1_redness", "Glow Clinic")
    assert overrides(world)[0][-1] == "2026-03-03T14:00:00.000000+00:00"
    assert world.store.content.active(world.glow.id, "day1_redness") is None
    assert rendered(amira) == default_amira
    [again] = await sam.say("/revert day1_redness")
    assert again.text == step_wording.already_default("day1_redness")
    [listing] = await sam.say("/content")
    assert "• day1_redness · +1d · default wording" in listing.text
    assert world.store.events.counts(world.glow.id)["content_edited"] == 1
    assert world.store.events.counts(world.glow.id)["content_reverted"] == 1


async def test_cancel_a_stale_save_and_a_corrected_draft(world):
    sam = world.sam
    await sam.say("/edit day2_settling", replies=2)
    [cancelled] = await sam.tap("Cancel")
    assert cancelled.text == team.DRAFT_CANCELLED
    # With no draft open, text goes where it always did.
    [fallback] = await sam.say("Thanks, that is all.")
    assert fallback.text == general.NOT_UNDERSTOOD

    await sam.say("/edit day2_settling", replies=2)
    _, first = await sam.say("Hi {first_name}, first try.", replies=2)
    old_save = first.button_data()[0]
    # A corrected text replaces the draft; the first preview's Save no longer saves anything.
    _, second = await sam.say("Hi {first_name}, second try.", replies=2)
    assert second.text.startswith("Hi Alex, second try.")
    world.bot.standin.inject_callback(SAM, old_save, message_id=first.message_id)
    [stale] = await sam.expect()
    assert stale.text == team.DRAFT_STALE
    assert overrides(world) == []
    [saved] = await sam.tap("Save")
    assert "(version 1)" in saved.text
    assert world.store.content.active(world.glow.id, "day2_settling").text == (
        "Hi {first_name}, second try."
    )
    # Saved drafts are closed: tapping Save again stores nothing new.
    world.bot.standin.inject_callback(SAM, second.button_data()[0], message_id=second.message_id)
    [stale] = await sam.expect()
    assert stale.text == team.DRAFT_STALE
    assert len(overrides(world)) == 1

    # An open draft lapses after half an hour of silence.
    await sam.say("/edit day2_settling", replies=2)
    world.clock.advance(timedelta(minutes=31))
    [fallback] = await sam.say("Hi {first_name}, much later.")
    assert fallback.text == general.NOT_UNDERSTOOD
    assert len(overrides(world)) == 1


async def test_staff_edit_only_their_own_clinic_and_others_are_refused(world):
    stranger, olga = world.stranger, world.olga
    for command in ("/content", "/edit day1_redness", "/revert day1_redness"):
        [reply] = await stranger.say(command)
        assert reply.text == team.STAFF_ONLY
    [reply] = await stranger.say("Hi {first_name}, new words.")
    assert reply.text == general.NOT_UNDERSTOOD  # no draft was opened

    # Olga's edit is Other Clinic's alone.
    await olga.say("/edit serum_now", replies=2)
    _, preview = await olga.say("Bonjour {first_name}, from {clinic_name}.", replies=2)
    assert preview.text.startswith("Bonjour Alex, from Other Clinic.")
    await olga.tap("Save")
    assert set(world.store.content.active_for_clinic(world.other.id)) == {"serum_now"}
    assert world.store.content.active_for_clinic(world.glow.id) == {}
    [reverted] = await world.sam.say("/revert serum_now")
    assert reverted.text == step_wording.already_default("serum_now")
    assert world.store.content.active(world.other.id, "serum_now").version == 1


async def ask_staff(world, patient_id: int, question: str):
    """A Glow patient's question the guide cannot answer, escalated and sent to Glow's staff."""
    escalation = open_escalation(
        world.store, clinic_id=world.glow.id, patient_id=patient_id, kind="unknown",
        category=None, question=question, now=NOW,
    )  # fmt: skip
    await forward_to_staff(world.bot, escalation)
    return escalation


async def test_an_open_draft_and_the_inbox_the_newest_intention_wins(world):
    sam = world.sam
    amira = enroll_patient(world.store, world.glow.id, "Amira")
    world.store.patients.link_chat(amira.patient.id, 1001)
    world.store.patients.set_status(amira.patient.id, "active", consented_at=NOW)
    escalation = await ask_staff(world, amira.patient.id, "Can I swim?")
    [alert] = await sam.expect()

    # A draft is open, then Sam taps Reply on the alert: the text goes to the patient.
    await sam.say("/edit day1_redness", replies=2)
    await sam.tap(f"reply:{escalation.id}")
    after = world.bot.standin.next_index
    [sent] = await sam.say("Not for two days, please.")
    assert sent.text == alerts.reply_sent("Amira")
    [relayed] = await world.bot.standin.wait_for_messages(1001, 1, after=after)
    assert relayed.text.endswith("Not for two days, please.")
    assert overrides(world) == []

    # Reply tapped first, then /edit: the text is the draft, and the patient gets nothing.
    escalation = await ask_staff(world, amira.patient.id, "And the gym?")
    [second_alert] = await sam.expect()
    await sam.tap(f"reply:{escalation.id}")
    await sam.say("/edit day1_redness", replies=2)
    assert world.store.staff.replying_to(SAM) is None
    heading, _ = await sam.say("Hi {first_name}, rest today.", replies=2)
    assert heading.text.startswith("Preview of day1_redness")
    assert world.store.escalations.get(escalation.id).status == "open"
    assert len(world.bot.standin.messages(1001)) == 1

    # With the draft still open, Telegram's reply on the alert is for the patient.
    person = Person(world.bot.standin, SAM, "Sam")
    [sent] = await person.reply_to(second_alert.message_id, "Wait a week for the gym.")
    assert sent.text == alerts.reply_sent("Amira")
    assert world.bot.standin.messages(1001)[-1].text.endswith("Wait a week for the gym.")
    assert "Can I swim?" in alert.text and overrides(world) == []
