"""Every fixed reply comes from one place: sentences that patients or staff read in more than
one situation are written once, in `bot.wording` (or, for the marker under a clinic's own
wording of a step, in `content`, which renders it)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "content").rglob("*.py")])


@pytest.mark.parametrize(
    ("phrase", "home"),
    [
        pytest.param(
            "lips, tongue or throat are swelling",
            "bot/wording/patients/answers.py",
            id="emergency_line_of_urgent_replies",
        ),
        pytest.param(
            "own advice, not from the guide",
            "bot/wording/patients/answers.py",
            id="clinic_advice_marker",
        ),
        pytest.param("Written by the team at", "content/message.py", id="written_by_marker"),
        pytest.param(
            "Sorry, that command is for clinic staff", "bot/wording/staff/team.py", id="staff_only"
        ),
    ],
)
def test_a_shared_sentence_is_written_once(phrase, home):
    found = [p.relative_to(ROOT).as_posix() for p in SOURCES if phrase in p.read_text("utf-8")]
    assert found == [home]


def test_the_urgent_replies_share_the_emergency_line():
    from bot.wording.patients import answers

    # Airway or allergic signs: the emergency number first, then the clinic to call now.
    with_emergency = answers.urgent("Glow Clinic on +44 20 7946 0000", emergency=True)
    first, then = with_emergency.split("\n")
    assert first == answers.EMERGENCY
    assert then.startswith("Then call Glow Clinic on +44 20 7946 0000 now")
    assert answers.URGENT_NO_CLINIC.endswith(" " + answers.EMERGENCY)
    assert answers.URGENT_NO_CLINIC_EMERGENCY.startswith(answers.EMERGENCY + " ")
    assert answers.EMERGENCY not in answers.urgent("Glow Clinic", emergency=False)
    asked = answers.when_to_call("Glow Clinic on +44 20 7946 0000", emergency=True)
    assert asked.startswith(answers.EMERGENCY + "\n")
    assert answers.EMERGENCY not in answers.when_to_call("Glow Clinic", emergency=False)


def test_a_clinic_answer_carries_the_marker_staff_preview():
    from bot.wording.patients import answers

    heading = answers.clinic_advice_heading("Glow Clinic")
    assert answers.clinic_advice("Glow Clinic", "Rest today.") == f"{heading}\nRest today."
