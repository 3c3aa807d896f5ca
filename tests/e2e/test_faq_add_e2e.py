"""Staff adding, listing and deleting their clinic's own FAQ entries from Telegram, end to end
through the Bot API stand-in (ManualClock, real SQLite)."""

from __future__ import annotations

from datetime import timedelta

from bot.standin.driver import ChatDriver
from bot.wording.patients import answers, general
from bot.wording.staff import own_answers, team
from tests.conftest import NOW, enroll_patient
from tests.e2e.staffed import SAM, staffed_world, table_rows  # noqa: F401 (the world fixture)

QUESTION = "Can I wear <b>makeup</b> & foundation?"
ANSWER = "We ask you to wait 24 hours, then use clean brushes. <i>Ask us</i> if unsure."


def rows(world) -> list[tuple]:
    columns = "id, clinic_id, question, answer, author_chat_id, created_at, deleted_at"
    return table_rows(world.store, "faq_entries", columns)


async def test_add_list_and_delete_an_entry(world):
    sam, olga = world.sam, world.olga
    [empty] = await sam.say("/faq")
    assert empty.text == own_answers.none_yet("Glow Clinic")

    [ask] = await sam.say("/faq add")
    assert ask.text.startswith("Send the question") and ask.button_data() == ["draft:cancel"]
    [too_long] = await sam.say("q" * 301)
    assert too_long.text == own_answers.too_long("question", 301, 300)
    [ask_answer] = await sam.say(QUESTION)
    assert ask_answer.text.startswith("Now send the answer in your clinic's own words")
    [too_long] = await sam.say("a" * 1501)
    assert too_long.text == own_answers.too_long("answer", 1501, 1500)
    assert rows(world) == []

    # The preview shows markup as typed (escaped) and marks the answer as the clinic's.
    [preview] = await sam.say(ANSWER)
    assert preview.parse_mode == "HTML"
    assert f"a patient asking “{QUESTION}” would get:" in preview.text
    assert f"From Glow Clinic (the clinic's own advice, not from the guide):\n{ANSWER}" in (
        preview.text
    )
    assert "&lt;b&gt;makeup&lt;/b&gt; &amp; foundation" in preview.payload["text"]
    assert "&lt;i&gt;Ask us&lt;/i&gt;" in preview.payload["text"]
    assert rows(world) == []

    [saved] = await sam.tap("Save")
    [(entry_id, *_)] = rows(world)
    assert saved.text == own_answers.saved(entry_id)
    assert rows(world) == [
        (entry_id, world.glow.id, QUESTION, ANSWER, SAM, "2026-03-02T14:00:00.000000+00:00", None)
    ]

    [listing] = await sam.say("/faq")
    assert listing.text.startswith("Glow Clinic's own answers (1):")
    assert f"#{entry_id} {QUESTION}\n{ANSWER}\nadded 02 Mar 2026 by you" in listing.text

    # Another clinic's staff see nothing of it and cannot delete it.
    [theirs] = await olga.say("/faq")
    assert theirs.text == own_answers.none_yet("Other Clinic")
    [not_found] = await olga.say(f"/faq delete {entry_id}")
    assert not_found.text == own_answers.not_found(str(entry_id))
    assert rows(world)[0][-1] is None

    world.clock.advance(timedelta(hours=2))
    [deleted] = await sam.say(f"/faq delete #{entry_id}")
    assert deleted.text == own_answers.deleted(entry_id, QUESTION)
    assert rows(world)[0][-1] == "2026-03-02T16:00:00.000000+00:00"
    assert world.store.faq_entries.for_clinic(world.glow.id) == []
    [empty] = await sam.say("/faq")
    assert empty.text == own_answers.none_yet("Glow Clinic")
    counts = world.store.events.counts(world.glow.id)
    assert (counts["faq_entry_added"], counts["faq_entry_deleted"]) == (1, 1)


async def test_cancel_a_corrected_answer_and_usage(world):
    sam = world.sam
    await sam.say("/faq add")
    await sam.say("Can I exercise?")
    await sam.say("Not for 48 hours.")
    # Another text at the preview replaces the answer; only the newest preview saves.
    [second] = await sam.say("Not for 72 hours, then gently.")
    assert "Not for 72 hours, then gently." in second.text
    [saved] = await sam.tap("Save")
    assert saved.text.startswith("Saved as entry #")
    assert [(q, a) for _, _, q, a, *_ in rows(world)] == [
        ("Can I exercise?", "Not for 72 hours, then gently.")
    ]

    await sam.say("/faq add")
    await sam.say("Can I go in the sun?")
    [cancelled] = await sam.tap("Cancel")
    assert cancelled.text == team.DRAFT_CANCELLED
    [fallback] = await sam.say("Wear a hat.")
    assert fallback.text == general.NOT_UNDERSTOOD
    assert len(rows(world)) == 1

    for command, reply in (
        ("/faq list", own_answers.USAGE),
        ("/faq delete", own_answers.DELETE_USAGE),
        ("/faq delete one", own_answers.not_found("one")),
    ):
        [answer] = await sam.say(command)
        assert answer.text == reply


async def test_faq_commands_are_for_staff_only(world):
    stranger = world.stranger
    for command in ("/faq", "/faq add", "/faq delete 1"):
        [reply] = await stranger.say(command)
        assert reply.text == team.STAFF_ONLY
    [reply] = await stranger.say("Can I swim?")
    assert reply.text == general.NOT_UNDERSTOOD  # no draft was opened for them
    assert rows(world) == []


async def test_patients_of_the_clinic_get_its_entry_marked_as_its_own(world):
    def patient(clinic, chat_id: int, name: str) -> ChatDriver:
        made = enroll_patient(world.store, clinic.id, name)
        world.store.patients.link_chat(made.patient.id, chat_id)
        world.store.patients.set_status(made.patient.id, "active", consented_at=NOW)
        return ChatDriver(world.bot, chat_id, name)

    amira, bea = patient(world.glow, 1001, "Amira"), patient(world.other, 1002, "Bea")
    answer = "At Glow we ask you to wait 24 hours, then use clean brushes."
    await world.sam.say("/faq add")
    await world.sam.say("When can I wear makeup again?")
    await world.sam.say(answer)
    await world.sam.tap("Save")

    [reply] = await amira.say("When can I wear makeup?")
    assert reply.text == f"{answers.clinic_advice_heading('Glow Clinic')}\n{answer}"
    [reply] = await bea.say("When can I wear makeup?")
    assert answer not in reply.text and "Glow" not in reply.text

    [entry] = world.store.faq_entries.list(world.glow.id)
    await world.sam.say(f"/faq delete {entry.id}")
    [reply] = await amira.say("When can I wear makeup?")
    assert answer not in reply.text
