"""Privacy on the real bot over HTTP: nothing private in the logs even at DEBUG, and /forget
reaches the disk and the staff chats."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bot.logs import PRIVACY
from bot.wording.staff import alerts
from tests.conftest import all_values
from tests.e2e.conftest import AMIRA, SAM, SKY

WORDS = "Can I wear my Zanzibar-blue makeup tomorrow?"


async def _question_reaches_staff(world, amira) -> list:
    """Amira asks what the guide does not cover; both Glow staff get the alert."""
    mark = world.bot.standin.next_index
    [reply] = await amira.send(WORDS)
    assert "doesn't cover that" in reply.text
    alerts_sent = [
        (await world.bot.standin.wait_for_messages(chat, 1, after=mark))[0] for chat in (SAM, SKY)
    ]
    assert all("Amira" in alert.text and "Zanzibar" in alert.text for alert in alerts_sent)
    return alerts_sent


async def test_a_whole_journey_at_debug_logs_no_token_name_link_or_words(world, caplog):
    caplog.set_level(logging.DEBUG)
    token = world.bot.services.settings.token
    amira = world.person(AMIRA, "Amira")
    link = await world.signed_up(amira)
    [escalation_alert, _] = await _question_reaches_staff(world, amira)
    escalation_id = int(escalation_alert.button_data()[0].removeprefix("reply:"))
    await world.sam.tap(f"reply:{escalation_id}")
    await world.sam.send("Not for a week, Amira.")
    await world.sam.send("/patients")

    assert token in PRIVACY.secrets  # the composition root registered it
    records = caplog.get_records("call")
    logged = "\n".join(
        caplog.handler.format(record) for record in records
    )  # messages and exception texts, as a handler writes them
    private = {"token": token, "name": "Amira", "link": link, "words": "Zanzibar"}
    assert not {what for what, value in private.items() if value in logged}, logged
    assert not re.search(rf"\b{AMIRA}\b", logged)  # the patient's chat id
    # DEBUG stays useful: every request line is there, the token replaced.
    requests = [r.getMessage() for r in records if r.name == "httpx"]
    assert any("/bot<bot-token>/sendMessage" in line for line in requests), requests
    assert all("HTTP Request: POST" in line for line in requests)
    assert any(r.name.startswith("telegram.ext") and r.levelno == logging.DEBUG for r in records)
    # Our own lines name the patient by pseudonym.
    pseudonym = world.store.patients.by_chat(AMIRA).pseudonym
    assert f"patient_link_opened patient={pseudonym}" in logged


async def test_forget_scrubs_the_database_file_its_wal_and_the_staff_alerts(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    sent_alerts = await _question_reaches_staff(world, amira)
    db_path = Path(world.bot.services.settings.db_path)
    # As on a SQLite built without secure delete: our /forget must turn it on itself.
    world.store.db.execute("PRAGMA secure_delete = OFF")
    pseudonym = world.store.patients.by_chat(AMIRA).pseudonym

    mark = world.bot.standin.next_index
    await amira.send("/forget")
    await amira.tap("forget:yes", method="editMessageText")
    edits = [
        (await world.bot.standin.wait_for_records(
            chat_id=chat, after=mark, methods=("editMessageText",)
        ))[0]
        for chat in (SAM, SKY)
    ]  # fmt: skip

    for edit, alert in zip(edits, sent_alerts, strict=True):
        assert edit.ok and edit.message_id == alert.message_id
        shown = world.bot.standin.chats[edit.chat_id].messages[alert.message_id]
        assert shown["text"] == alerts.ALERT_ERASED and "reply_markup" not in shown
    await amira.send("/help")  # updates are handled in order: the /forget handler is done
    assert world.store.escalations.queued_redactions() == []
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        data = path.read_bytes() if path.exists() else b""
        for secret in (b"Amira", b"Zanzibar", pseudonym.encode()):
            assert secret not in data, f"{path.name} still holds {secret!r}"


async def test_forget_over_http_leaves_nothing_readable_on_either_database(world, database, caplog):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await _question_reaches_staff(world, amira)
    pseudonym = world.store.patients.by_chat(AMIRA).pseudonym

    await amira.send("/forget")
    await amira.tap("forget:yes", method="editMessageText")
    await amira.send("/help")  # updates are handled in order: the /forget handler is done

    left = [str(value) for value in all_values(world.store)]
    for secret in ("Amira", "Zanzibar", pseudonym):
        assert not [value for value in left if secret in value], secret
    assert str(AMIRA) not in left  # the chat id, as a value of its own
    assert "erase_vacuum_skipped" not in caplog.text  # on PostgreSQL the VACUUM ran
