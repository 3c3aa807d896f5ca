"""`aftercare sandbox` as a person uses it: typed lines in, the bot's messages out."""

from __future__ import annotations

import asyncio
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
