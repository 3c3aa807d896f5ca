"""Staff commands that do what staff mean, through the real bot and the stand-in: numbers
written with 0-9 in a stated range, one patient numbering with names and step titles in
/queue, and quotes of at least a full clause in /edit. And a patient who used /forget and
reopens their link is told why it no longer works."""

from __future__ import annotations

import pytest

from bot.wording.patients import joining
from tests.e2e.conftest import AMIRA, BEA

RANGE = "from 1 to 999999999"
DIGITS = "with the digits 0-9"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param("/queue 12345678901234567890123", RANGE, id="queue_overflow"),
        pytest.param("/queue ١", DIGITS, id="queue_arabic_indic_digit"),
        pytest.param("/queue 0", RANGE, id="queue_zero"),
        pytest.param("/cancel 12345678901234567890123", RANGE, id="cancel_overflow"),
        pytest.param("/cancel ١", DIGITS, id="cancel_arabic_indic_digit"),
        pytest.param("/cancel #१", DIGITS, id="cancel_devanagari_digit"),
        pytest.param("/cancel 1x", RANGE, id="cancel_digits_and_letters"),
        pytest.param("/enroll #12345678901234567890123", RANGE, id="enroll_overflow"),
        pytest.param("/enroll #١", DIGITS, id="enroll_arabic_indic_digit"),
        pytest.param("/enroll Amira ٢٠٢٦-٠١-٠٢ 14:30", DIGITS, id="enroll_date_in_other_digits"),
        pytest.param("/faq delete ١", DIGITS, id="faq_delete_arabic_indic_digit"),
    ],
)
async def test_a_number_staff_cannot_mean_gets_a_clear_reply_and_changes_nothing(
    world, command, expected
):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    patient = world.store.patients.by_chat(AMIRA)
    assert patient.id == 1  # so "١" would have been read as Amira
    before = world.store.db.execute("SELECT count(*) FROM patients").fetchone()
    [reply] = await world.sam.send(command)
    assert expected in reply.text
    assert "went wrong" not in reply.text
    assert world.store.patients.get(patient.id).status == "active"
    assert world.store.db.execute("SELECT count(*) FROM patients").fetchone() == before


async def test_queue_names_patients_and_steps_with_the_numbers_of_patients(world):
    amira, bea = world.person(AMIRA, "Amira"), world.person(BEA, "Bea")
    await world.signed_up(amira)
    await world.signed_up(bea)
    amira_id = world.store.patients.by_chat(AMIRA).id
    [listing] = await world.sam.send("/patients")
    assert f"#{amira_id} Amira" in listing.text and "/queue <number>" in listing.text

    [queue] = await world.sam.send("/queue")
    assert f"#{amira_id} Amira · Day 1: redness · " in queue.text
    assert "Bea · Day 2: settling · " in queue.text
    assert "day1_redness" not in queue.text and " patient 1 " not in queue.text
    assert "(numbers as in /patients)" in queue.text

    [one] = await world.sam.send(f"/queue {amira_id}")
    assert one.text.startswith(f"#{amira_id} Amira (active):")
    assert "• Right after: serum · " in one.text and " · sent" in one.text
    assert "Bea" not in one.text


async def test_a_patient_who_used_forget_and_reopens_their_link_is_told_why(world):
    amira = world.person(AMIRA, "Amira")
    token = await world.signed_up(amira)
    await amira.send("/forget")
    await amira.tap("forget:yes", method="editMessageText")
    [reply] = await amira.send(f"/start {token}")
    assert reply.text == joining.LINK_FORGOTTEN
    assert "details were deleted" in reply.text and "new link" in reply.text
    assert "someone else" not in reply.text


@pytest.mark.parametrize(
    ("quote", "problem"),
    [
        pytest.param("> safe", "too short to quote (1 word)", id="one_word"),
        pytest.param("> “minimal downtime”", "too short to quote (2 words)", id="two_words"),
        pytest.param(
            "> Immediately after the procedure, the skin is more receptive",
            "stops in the middle of a clause",
            id="cut_mid_clause",
        ),
    ],
)
async def test_edit_refuses_a_quote_shorter_than_a_clause(world, quote, problem):
    await world.sam.send("/edit day1_redness", expect=2)
    [refused] = await world.sam.send(f"Hi {{first_name}}, it's all fine.\n{quote}")
    assert refused.text.startswith("Not saved: that text has 1 problem(s).")
    assert problem in refused.text
    count = world.store.db.execute("SELECT count(*) FROM content_overrides").fetchone()[0]
    assert count == 0
