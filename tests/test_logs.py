"""The privacy filter on every logger, and the log formats."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.logs import JsonFormatter, PrivacyFilter, configure_logging, protect

TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
LINK = "QVErdegiUEQD8F26jYuc2pT-Xm4xl5Vl"


@pytest.mark.parametrize(
    ("line", "gone", "kept"),
    [
        pytest.param(
            f'HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getUpdates "HTTP/1.1 200 OK"',
            [TOKEN, "AAHdq"],
            ["HTTP Request: POST https://api.telegram.org/bot", "/getUpdates", "200 OK"],
            id="httpx_request_line",
        ),
        pytest.param(
            "Calling Bot API endpoint `sendMessage` with parameters `{'chat_id': 1001, 'text':"
            ' "Hi Amira, it\'s day one"}`',
            ["Amira", "day one", "1001"],
            ["Calling Bot API endpoint `sendMessage`", "'chat_id': #", "'text': '<redacted>'"],
            id="ptb_call_parameters",
        ),
        pytest.param(
            "Processing update Update(callback_query=CallbackQuery(data='consent:yes:"
            f"{LINK}', from_user=User(first_name='Amira', id=1001, last_name='O\\'Neil')))",
            [LINK, "Amira", "Neil", "1001"],
            ["Processing update Update(callback_query=CallbackQuery(data='<redacted>'"],
            id="ptb_update_repr",
        ),
        pytest.param(
            f'{{"caption": "Link for Amira: https://t.me/GlowBot?start={LINK}", "id": 77}}',
            ["Amira", LINK],
            ["\"caption\": '<redacted>'"],
            id="json",
        ),
        pytest.param(
            f"opened https://t.me/GlowBot?start={LINK} and sent /start {LINK}",
            [LINK],
            ["start=<link-token>", "/start <link-token>"],
            id="bare_link_tokens",
        ),
        pytest.param(
            "patient_link_opened patient=3fa9c01b2e",
            [],
            ["patient_link_opened patient=3fa9c01b2e"],
            id="our_own_line_unchanged",
        ),
    ],
)
def test_scrub_removes_private_values_and_keeps_the_line(line, gone, kept):
    scrubbed = PrivacyFilter().scrub(line)
    assert not [value for value in gone if value in scrubbed], scrubbed
    assert all(part in scrubbed for part in kept), scrubbed


def test_a_registered_secret_goes_even_where_no_pattern_sees_it():
    privacy = PrivacyFilter()
    privacy.add_secret("short:tok")
    assert privacy.scrub("token short:tok here") == "token <bot-token> here"


def test_every_logger_is_scrubbed_exceptions_included(caplog):
    protect(TOKEN)
    caplog.set_level(logging.DEBUG)
    try:
        raise ValueError(f"The token `{TOKEN}` was rejected by the server.")
    except ValueError:
        logging.getLogger("telegram.ext.ExtBot").debug(
            "Call with %s", {"text": "Amira's words"}, exc_info=True
        )
    logging.getLogger("httpx").info("HTTP Request: POST http://x/bot%s/getMe", TOKEN)
    [call, request] = caplog.records
    assert call.getMessage() == "Call with {'text': '<redacted>'}"
    assert TOKEN not in caplog.text and "Amira" not in caplog.text
    assert "ValueError: The token `<bot-token>` was rejected" in caplog.text
    assert request.getMessage() == "HTTP Request: POST http://x/bot<bot-token>/getMe"


def test_json_lines_carry_the_scrubbed_message():
    protect(TOKEN)
    record = logging.getLogger("bot.test").makeRecord(
        "bot.test", logging.WARNING, __file__, 1, "getMe at /bot%s failed", (TOKEN,), None
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING" and entry["logger"] == "bot.test"
    assert entry["message"] == "getMe at /bot<bot-token> failed"
    assert entry["time"].endswith("+00:00")


def test_configure_logging_writes_json_lines_to_stderr(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("INFO", "json", TOKEN)
        logging.getLogger("bot.test").info("bot_ready token=%s", TOKEN)
        logging.getLogger("httpx").info("a request line, left out at INFO")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name in ("httpx", "httpcore", "apscheduler"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    [line] = stream.getvalue().splitlines()
    assert json.loads(line)["message"] == "bot_ready token=<bot-token>"
