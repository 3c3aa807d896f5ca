"""The FAQ tests' shared engine: built once from the shipped content (answers are read-only)."""

from __future__ import annotations

import pytest

from bot.faq.engine import Faq


@pytest.fixture(scope="session")
def engine() -> Faq:
    return Faq.from_content()
