"""`aftercare sandbox` as a person uses it: typed lines in, the bot's messages out."""

from __future__ import annotations

import asyncio
import re
import sys


async def _read_until(stream: asyncio.StreamReader, marker: str, timeout: float = 20) -> str:
    seen = ""
    while marker not in seen:
        line = await asyncio.wait_for(stream.readline(), timeout)
        if not line:
            raise AssertionError(f"sandbox ended before {marker!r}:\n{seen}")
        seen += line.decode()
    return seen


async def test_staff_enrolls_and_the_patient_joins_in_the_terminal(tmp_path):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox", "--db", str(tmp_path / "sandbox.db"),
        cwd=tmp_path, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        banner = await _read_until(process.stdout, "/quit")
        assert "Sandbox Skin Clinic" in banner
        process.stdin.write(b"/as staff\n/enroll Pat\n")
        shown = await _read_until(process.stdout, "Show the QR code")
        token = shown.split("?start=")[1].split()[0]
        process.stdin.write(f"/as patient\n/start {token}\n".encode())
        await _read_until(process.stdout, "Do you agree")
        process.stdin.write(b"/tap 1\n")
        await _read_until(process.stdout, "you're signed up")
        process.stdin.write(b"/tap 9\n/quit\n")
        rest = (await asyncio.wait_for(process.stdout.read(), 20)).decode()
        assert "Choose a button from 1 to 2." in rest
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_a_photo_an_edit_a_multiline_edit_and_an_alert_reply_in_the_terminal(tmp_path):
    """What a person tries in the sandbox: who they are shows in the prompt, a photo reaches
    staff, their own edit and the bot's are shown, /edit takes several lines, a Telegram reply
    to the alert reaches the patient."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox", "--db", str(tmp_path / "sandbox.db"),
        cwd=tmp_path, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    say = process.stdin.write
    try:
        await _read_until(process.stdout, "/quit")
        say(b"/as staff\n/enroll Pat\n")
        shown = await _read_until(process.stdout, "Show the QR code")
        assert "staff> " in shown  # the prompt says who you are
        token = shown.split("?start=")[1].split()[0]
        say(f"/as patient\n/start {token}\n".encode())
        assert "patient> " in await _read_until(process.stdout, "Do you agree")
        say(b"/tap 1\n")
        joined = await _read_until(process.stdout, "receptive to serums")
        assert "(edits its message)" in joined and "You agreed" in joined  # the bot's edit

        say(b"/photo my cheek this morning\n")
        sent = await _read_until(process.stdout, "sent your photo")
        alert = re.search(r"bot → staff #(\d+): \[photo\] Photo check-in from Pat", sent)
        assert alert, sent
        assert "“my cheek this morning”" in sent and "[1:Reply]" in sent

        say(b"how long will I be red for?\n")
        await _read_until(process.stdout, "From our aftercare guide")
        say(b"/editlast how long will the swelling last?\n")
        assert re.search(
            r"\(you edited your message #\d+\)", await _read_until(process.stdout, "edited")
        )

        say(f"/as staff\n/reply {alert[1]} That looks like normal redness, Pat.\n".encode())
        replied = await _read_until(process.stdout, "Sent to Pat.")
        assert "That looks like normal redness, Pat." in replied
        assert "bot → patient" in replied and "Message from the Sandbox Skin Clinic team" in replied

        say(b"/edit day1_redness\n")
        await _read_until(process.stdout, "Tap Cancel to stop.")
        say(
            "/multiline\nHi {first_name}, a day on from your session.\n"
            "> “Most individuals experience redness and mild swelling post-treatment for a day "
            "or two, with any potential discomfort easily managed with over-the-counter pain "
            "relievers.”\nCall us if you are unsure.\n.\n".encode()
        )
        preview = await _read_until(process.stdout, "[1:Save]")
        assert "(you sent 3 lines)" in preview
        assert "Call us if you are unsure." in preview and "Written by the team at" in preview
        say(b"/tap 1\n")
        await _read_until(process.stdout, "Saved: Sandbox Skin Clinic now uses its own wording")
        say(b"/quit\n")
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
