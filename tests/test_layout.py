"""The layout rules that keep the house readable, checked from the code's own imports.

- Only the Telegram edge imports `telegram`: `bot/telegram/`, the stand-in and the
  composition root.
- Dependencies point one way: `content` imports nothing from `bot`; `store` imports no domain
  area; the domain areas (`people`, `delivery`, `faq`, `inbox`) import neither the edge nor the
  composition root; the areas import each other without a loop.
- `bot.wording` (the fixed replies) imports nothing from `bot`, so every area may use it.
- No import loop between modules anywhere, counting the imports under `if TYPE_CHECKING:` too
  (a loop of type hints is still two modules that cannot be read apart).
- No module over 300 lines.
- Every handler is added in one table, `bot/telegram/routing.py`; handler modules import no
  other handler module but the shared `bot/telegram/handlers/common.py`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TELEGRAM_ALLOWED = ("bot/app.py", "bot/telegram/", "bot/standin/")
DOMAIN_AREAS = ("people", "delivery", "faq", "inbox")
# What no domain area may import: the edges, the command line and the composition root.
ABOVE_DOMAIN = ("bot.telegram", "bot.standin", "bot.cli", "bot.app", "bot.services")
MAX_LINES = 300


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of `bot` and `content`."""
    found = {}
    for path in sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "content").rglob("*.py")]):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, *, type_hints: bool = False) -> set[str]:
    """Every module `path` imports, as dotted names (`from a import b` gives `a.b` when `a.b` is
    a module of ours, else `a`); those under `if TYPE_CHECKING:` only with `type_hints`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    if not type_hints:
        skipped = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and _is_type_checking(node)
            for inner in ast.walk(node)
        }
    imported: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                imported.add(candidate if candidate in MODULES else node.module)
    return imported


IMPORTS = {name: _imports(path) for name, path in MODULES.items()}
ALL_IMPORTS = {name: _imports(path, type_hints=True) for name, path in MODULES.items()}


def _ids(value):
    return value if isinstance(value, str) else None


def _rel(name: str) -> str:
    return MODULES[name].relative_to(ROOT).as_posix()


def test_the_rules_see_every_area():
    areas = {name.split(".")[1] for name in MODULES if name.startswith("bot.") and "." in name[4:]}
    assert {*DOMAIN_AREAS, "store", "telegram", "standin", "cli"} <= areas
    assert "content.message" in MODULES


@pytest.mark.parametrize(
    "name",
    [n for n in MODULES if not _rel(n).startswith(TELEGRAM_ALLOWED)],
    ids=_ids,
)
def test_only_the_edge_imports_telegram(name):
    assert not {m for m in IMPORTS[name] if m.split(".")[0] == "telegram"}


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("content")], ids=_ids)
def test_content_imports_nothing_from_bot(name):
    assert not {m for m in IMPORTS[name] if m.split(".")[0] == "bot"}


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("bot.store")], ids=_ids)
def test_store_imports_no_domain_area(name):
    ours = {m for m in IMPORTS[name] if m.split(".")[0] == "bot"}
    assert all(m.startswith(("bot.store", "bot.clock")) for m in ours), ours


@pytest.mark.parametrize(
    "name",
    [n for n in MODULES if n.split(".")[1:2] and n.split(".")[1] in DOMAIN_AREAS],
    ids=_ids,
)
def test_domain_areas_import_neither_edge_nor_root(name):
    assert not {m for m in IMPORTS[name] if m.startswith(ABOVE_DOMAIN)}


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("bot.wording")], ids=_ids)
def test_wording_imports_nothing_from_bot(name):
    assert not {m for m in IMPORTS[name] if m.split(".")[0] == "bot"}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle in `graph` (as a list of nodes), or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def _package_of(name: str) -> str:
    """A module's own package: itself for a package, else its parent."""
    if MODULES[name].name == "__init__.py":
        return name
    return name.rsplit(".", 1)[0]


def test_no_import_loop_between_modules():
    # A module importing its own package's __init__ (or a package importing its modules) is
    # how Python packages work, not a loop.
    graph = {
        name: {
            m for m in ALL_IMPORTS[name] if m in MODULES and m != _package_of(name) and m != name
        }
        for name in MODULES
    }
    for name, path in MODULES.items():
        if path.name == "__init__.py":
            graph[name] = {m for m in graph[name] if not m.startswith(name + ".")}
    assert _cycle(graph) == []


def test_no_import_loop_between_areas():
    def area(name: str) -> str:
        parts = name.split(".")
        # An area is a folder of bot/ (bot.faq), a top-level module of bot/ (bot.clock), or
        # content.
        return ".".join(parts[:2]) if parts[0] == "bot" and len(parts) > 1 else parts[0]

    graph: dict[str, set[str]] = {}
    for name, imported in ALL_IMPORTS.items():
        graph.setdefault(area(name), set()).update(
            area(m) for m in imported if m in MODULES and area(m) != area(name)
        )
    assert _cycle(graph) == []


@pytest.mark.parametrize("name", list(MODULES), ids=_ids)
def test_no_module_over_300_lines(name):
    assert len(MODULES[name].read_text(encoding="utf-8").splitlines()) <= MAX_LINES


HANDLERS = "bot.telegram.handlers"
ROUTING = "bot.telegram.routing"


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith(HANDLERS + ".")], ids=_ids)
def test_handlers_import_no_other_handler_module_but_common(name):
    others = {m for m in ALL_IMPORTS[name] if m.startswith(HANDLERS)} - {name}
    assert others <= {f"{HANDLERS}.common"}


def test_only_the_routing_table_adds_handlers():
    adding = {
        name
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in ("add_handler", "add_handlers")
    }
    assert adding == {ROUTING}
