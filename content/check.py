"""`aftercare content check`: every rule the shipped content must keep, for any content dir.

The timeline rules live in ``content.timeline`` and ``content.message``: each quote is word for
word in its document, each quote is also shown in the step's text (sources are never
decorative), merge fields are known, texts fit Telegram's 4096 characters and callback data its
64 bytes with the longest values, offsets are in order. The FAQ rules come from
``content.faq.validate_faq`` when that module is installed; the red-flag thresholds from
``content.redflags``.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from pathlib import Path

from content.documents import DOCUMENTS_FILE, validate_documents
from content.marketing import load_marketing, validate_marketing
from content.problem import Problem
from content.redflags import REDFLAGS_FILE, validate_redflags
from content.seeds import SEEDS_DIR
from content.timeline import CONTENT_DIR, TIMELINE_FILE, validate_timeline

FAQ_FILE = "faq.yaml"
MARKETING_FILE = "marketing.yaml"
FaqCheck = Callable[[Path, Path], list[Problem]]


def check_content(directory: Path = CONTENT_DIR, seeds_dir: Path = SEEDS_DIR) -> list[Problem]:
    """All problems in ``directory``'s timeline.yaml, faq.yaml, marketing.yaml, redflags.yaml
    and documents.yaml (the documents' titles); empty means it may ship."""
    directory = Path(directory)
    problems = validate_timeline(directory / TIMELINE_FILE, seeds_dir)
    faq = faq_checker()
    if faq is not None:
        faq_problems = faq(directory / FAQ_FILE, seeds_dir)
        problems += faq_problems
        marketing_problems = validate_marketing(directory / MARKETING_FILE, seeds_dir)
        problems += marketing_problems
        if not faq_problems and not marketing_problems and (directory / FAQ_FILE).exists():
            problems += _curated_quotes(directory, seeds_dir)
    problems += validate_redflags(directory / REDFLAGS_FILE)
    if (directory / DOCUMENTS_FILE).exists():  # a content dir may rely on the shipped index
        problems += validate_documents(directory / DOCUMENTS_FILE, seeds_dir)
    return problems


def _curated_quotes(directory: Path, seeds_dir: Path) -> list[Problem]:
    from content.faq import load_faq
    from content.quotes import curated_quote_problems

    entries = load_faq(directory / FAQ_FILE, seeds_dir)
    marketing = load_marketing.__wrapped__(directory / MARKETING_FILE, seeds_dir)
    return curated_quote_problems(entries, marketing, FAQ_FILE, seeds_dir)


def faq_checker() -> FaqCheck | None:
    """The FAQ's own validator, or None while no FAQ module is installed."""
    try:
        faq = importlib.import_module("content.faq")
    except ModuleNotFoundError as error:
        if error.name == "content.faq":
            return None
        raise
    validate = faq.validate_faq
    if "seeds_dir" in inspect.signature(validate).parameters:
        return lambda path, seeds_dir: validate(path, seeds_dir=seeds_dir)
    return lambda path, _seeds_dir: validate(path)
