"""`make demo` keeps working: the scripted journey runs to the end and shows each part."""

from __future__ import annotations

from bot.standin.demo import run_demo


async def test_the_demo_journey_completes_and_shows_every_part():
    lines: list[str] = []
    assert await run_demo(echo=lines.append) == 0, "\n".join(lines[-20:])
    transcript = "\n".join(lines)
    for part in (
        "/enroll Amira",  # enrollment
        "taps [Yes, I agree]",  # consent
        "receptive to serums",  # the timeline, first message
        "for a day or two",  # a quoted answer
        "doesn't cover that",  # an honest unknown
        "URGENT (infection)",  # a red flag reaching staff
        "[photo] This is my cheek today",  # a photo check-in...
        "[photo] Photo check-in from Amira",  # ...reaching staff
        "your next session at Glow Skin Clinic is due",  # the series step
        "» STOP",  # stopping, at once
        "you won't get any more aftercare messages",
        "taps [Undo]",  # and changing her mind
        "Demo finished",
    ):
        assert part in transcript, part
    assert "DEMO FAILED" not in transcript
