"""A step as a patient receives it, and the rules its words must keep.

Rendering happens at send time (``render_step``), so a clinic's edit reaches every message
not yet sent. A clinic override replaces a step's text for that clinic; its ``> `` lines must
still be verbatim from the documents (they become its sources), and everything else is shown
as the clinic's own words with a "Written by" line the clinic cannot remove.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from content.clauses import clause_problem
from content.problem import Problem
from content.seeds import SEEDS_DIR, load_documents, normalize, quote_in_document
from content.step import Source, Step
from content.template import (
    CALLBACK_FIELDS,
    MAX_CALLBACK_BYTES,
    MAX_TEXT_LENGTH,
    MERGE_FIELDS,
    WORST_CASE_CALLBACK_VALUES,
    WORST_CASE_VALUES,
    TemplateError,
    fields,
    quoted_lines,
    render,
    substitute,
    visible_length,
)

log = logging.getLogger(__name__)
OVERRIDE_FILE = "clinic override"


@dataclass(frozen=True)
class ClinicOverride:
    """A clinic's own wording of one step; the newest version wins."""

    clinic_id: int
    step_id: str
    text: str
    version: int
    author: str  # the staff member as the store identifies them (an id, not a patient)
    created_at: datetime


class ClinicValues(Protocol):
    """What a message needs of a clinic (the bot's `Clinic` has these): its merge fields."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def booking_url(self) -> str: ...


@dataclass(frozen=True)
class RenderContext:
    """Whom a step is rendered for: the clinic, the patient's first name and session, and the
    clinic's own wording of the step if it has one."""

    clinic: ClinicValues
    first_name: str
    session_number: int = 1
    series_length: int | None = None
    next_session_date: date | None = None
    session_id: str = ""  # fills callback data such as "booked:<session_id>"
    override: ClinicOverride | None = None


@dataclass(frozen=True)
class RenderedButton:
    """A button as sent: a link (`url`), or `callback_data` the bot answers."""

    text: str
    url: str = ""
    callback_data: str = ""


@dataclass(frozen=True)
class RenderedMessage:
    """One message ready to send, with what it quotes and which words it is (for the audit)."""

    text: str  # Telegram HTML
    buttons: tuple[RenderedButton, ...]
    sources: tuple[Source, ...]
    content_version: str
    clinic_words: bool  # True when a clinic override supplied the text


def merge_values(context: RenderContext) -> dict[str, str]:
    clinic = context.clinic
    series = context.series_length
    return {
        "first_name": context.first_name,
        "clinic_name": clinic.name,
        "clinic_phone": clinic.phone,
        "booking_link": clinic.booking_url,
        "session_number": str(context.session_number),
        "series_length": "" if series is None else str(series),
        "next_session_date": format_date(context.next_session_date),
    }


def format_date(day: date | None) -> str:
    return f"{day:%A} {day.day} {day:%B}" if day else ""


def render_step(step: Step, context: RenderContext, seeds_dir: Path = SEEDS_DIR) -> RenderedMessage:
    """The message for one patient now; a broken override falls back to the default words."""
    values = merge_values(context)
    override = context.override
    if override and override.step_id == step.id:
        if not validate_override(step, override.text, seeds_dir):
            text = render(override.text, values) + _written_by(context.clinic.name)
            version = f"clinic:{override.clinic_id}:v{override.version}"
            sources = override_sources(override.text, seeds_dir)
            buttons = _buttons(step, values, context)
            return RenderedMessage(text, buttons, sources, version, clinic_words=True)
        log.warning("override_invalid clinic=%s step=%s", override.clinic_id, step.id)
    buttons = _buttons(step, values, context)
    text = render(step.text, values)
    return RenderedMessage(text, buttons, step.sources, step.version, clinic_words=False)


def override_sources(text: str, seeds_dir: Path = SEEDS_DIR) -> tuple[Source, ...]:
    """The sources of a clinic's text: each quoted line and the document it comes from."""
    located = ((line, _document_of(line, seeds_dir)) for line in quoted_lines(text))
    return tuple(Source(doc, line) for line, doc in located if doc)


def validate_override(step: Step, text: str, seeds_dir: Path = SEEDS_DIR) -> list[Problem]:
    """Problems with a staff-written text for ``step``; empty means it may be saved."""
    problems = _text_problems(OVERRIDE_FILE, step.id, text, footer=_written_by("W" * 100))
    for line in quoted_lines(text):
        doc = _document_of(line, seeds_dir)
        if not doc:
            message = (
                f"quoted line “{_short(line)}” is not word for word in the source documents; "
                "copy it exactly, or drop the '> ' to say it in the clinic's own words"
            )
        elif short := clause_problem(line, doc, seeds_dir):
            message = f"quoted line “{_short(line)}” {short}, or drop the '> '"
        else:
            continue
        problems.append(Problem(OVERRIDE_FILE, step.id, message))
    return problems


def step_problems(step: Step, file: str, seeds_dir: Path = SEEDS_DIR) -> list[Problem]:
    """Every rule a default step must keep: quotes verbatim and shown, fields known, sizes."""
    problems = _text_problems(file, step.id, step.text)
    problems += _button_problems(step, file)
    documents = load_documents(seeds_dir)
    shown = {normalize(line) for line in quoted_lines(step.text)}
    for i, source in enumerate(step.sources):
        if source.doc not in documents:
            message = f"unknown document {source.doc!r}; documents: {', '.join(documents)}"
        elif not quote_in_document(source.quote, source.doc, seeds_dir):
            message = f"quote not found word for word in {source.doc}: “{_short(source.quote)}”"
        elif short := clause_problem(source.quote, source.doc, seeds_dir):
            message = f"quote “{_short(source.quote)}” {short}"
        elif normalize(source.quote) not in shown:
            message = f"quote is not shown in the text as a '> ' line: “{_short(source.quote)}”"
        else:
            continue
        problems.append(Problem(file, step.id, f"sources[{i}]: {message}"))
    listed = {normalize(source.quote) for source in step.sources}
    for line in quoted_lines(step.text):
        if normalize(line) not in listed:
            message = f"text: quoted line “{_short(line)}” has no entry in sources"
            problems.append(Problem(file, step.id, message))
    return problems


def _text_problems(file: str, where: str, text: str, footer: str = "") -> list[Problem]:
    if not text.strip():
        return [Problem(file, where, "text: is empty")]
    try:
        length = visible_length(render(text, WORST_CASE_VALUES) + footer)
    except TemplateError as error:
        return [Problem(file, where, f"text: {error}")]
    if length > MAX_TEXT_LENGTH:
        message = (
            f"text: too long, {length} characters with the longest names and links "
            f"(Telegram allows {MAX_TEXT_LENGTH})"
        )
        return [Problem(file, where, message)]
    return []


def _button_problems(step: Step, file: str) -> list[Problem]:
    problems = []
    for i, button in enumerate(step.buttons):
        template, allowed = (
            (button.url, MERGE_FIELDS) if button.url else (button.callback, CALLBACK_FIELDS)
        )
        try:
            fields(button.text)
            value = substitute(template, _worst_case(allowed))
        except TemplateError as error:
            problems.append(Problem(file, step.id, f"buttons[{i}]: {error}"))
            continue
        size = len(value.encode())
        if button.callback and size > MAX_CALLBACK_BYTES:
            message = (
                f"buttons[{i}]: callback data is {size} bytes with the longest session id "
                f"(Telegram allows {MAX_CALLBACK_BYTES})"
            )
            problems.append(Problem(file, step.id, message))
        if button.url and not value.startswith(("https://", "http://")):
            problems.append(Problem(file, step.id, f"buttons[{i}]: url must start with https://"))
    return problems


def _buttons(step: Step, values: dict[str, str], context: RenderContext):
    rendered = []
    for button in step.buttons:
        text = substitute(button.text, values)
        if button.url:
            url = substitute(button.url, values)
            if url:  # a clinic without a booking link gets no link button
                rendered.append(RenderedButton(text, url=url))
        else:
            data = substitute(button.callback, {"session_id": context.session_id})
            rendered.append(RenderedButton(text, callback_data=data))
    return tuple(rendered)


def _worst_case(allowed: tuple[str, ...]) -> dict[str, str]:
    every = {**WORST_CASE_VALUES, **WORST_CASE_CALLBACK_VALUES}
    return {name: every[name] for name in allowed}


def _document_of(quote: str, seeds_dir: Path) -> str | None:
    return next(
        (d for d in load_documents(seeds_dir) if quote_in_document(quote, d, seeds_dir)), None
    )


def written_by(clinic_name: str) -> str:
    """The line under a clinic's own wording of a step, which the clinic cannot remove."""
    return f"Written by the team at {clinic_name}."


def _written_by(clinic_name: str) -> str:
    return f"\n\n<i>{html.escape(written_by(clinic_name), quote=False)}</i>"


def _short(quote: str, limit: int = 60) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"
