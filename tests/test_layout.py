"""The layout rules that keep the code base readable: domain code never imports telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Where python-telegram-bot belongs: the composition root, the Telegram adapters, the sender
# and its flood control, the offline stand-in, and the command line that starts them.
TELEGRAM_ALLOWED = ("bot/app.py", "bot/dispatcher.py", "bot/ratelimit.py", "bot/handlers/",
                    "bot/sandbox/", "bot/cli/")  # fmt: skip


def _domain_modules() -> list[Path]:
    modules = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "content").rglob("*.py")])
    return [
        path
        for path in modules
        if not path.relative_to(ROOT).as_posix().startswith(TELEGRAM_ALLOWED)
    ]


def _imported_packages(path: Path) -> set[str]:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    return imported


def test_the_rule_covers_the_domain():
    names = {path.relative_to(ROOT).as_posix() for path in _domain_modules()}
    for expected in ("bot/faq.py", "bot/deliveries.py", "bot/enrollment.py", "content/plan.py",
                     "bot/store/deliveries.py", "bot/questions.py"):  # fmt: skip
        assert expected in names


@pytest.mark.parametrize("path", _domain_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_domain_modules_never_import_telegram(path):
    assert "telegram" not in _imported_packages(path)
