"""Marketing sentences of the source documents (`content/marketing.yaml`): never an answer.

The seeds are marketing articles; some sentences praise ("another feather in microneedling's
cap"), tease or sign off rather than inform. They are tagged here, by document and quote, so
the FAQ skips them and a curated entry cannot quote them. A tag must be word for word inside
one passage of its document, so a tag that no longer matches anything is reported, not ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from content.problem import ContentError, Problem
from content.seeds import SEEDS_DIR, load_documents, load_passages, normalize

MARKETING_PATH = Path(__file__).resolve().parent / "marketing.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Marketing:
    """Tagged quotes by document, folded (`content.seeds.normalize`) for matching."""

    quotes: dict[str, tuple[str, ...]]

    def tags(self, doc: str, text: str) -> bool:
        """True when ``text`` (a sentence or quote of ``doc``) contains a tagged quote, or lies
        inside one."""
        folded = normalize(text)
        return any(q in folded or folded in q for q in self.quotes.get(doc, ()))


def _problems(data: object, path: Path, seeds_dir: Path) -> list[Problem]:
    if not isinstance(data, dict) or not isinstance(data.get("marketing"), list):
        return [Problem(path.name, "", "expected `marketing:` with a list of {doc, quote}")]
    problems = [
        Problem(path.name, "", f"unknown key `{k}`")
        for k in sorted(set(data) - {"version", "marketing"})
    ]
    documents = load_documents(seeds_dir)
    passages = load_passages(seeds_dir)
    for n, item in enumerate(data["marketing"], start=1):
        where = f"marketing {n}"
        if not isinstance(item, dict) or set(item) != {"doc", "quote"}:
            problems.append(Problem(path.name, where, "each tag has exactly doc and quote"))
            continue
        doc, quote = item["doc"], item["quote"]
        if not isinstance(doc, str) or doc not in documents:
            problems.append(Problem(path.name, where, f"unknown document {doc!r}"))
        elif not isinstance(quote, str) or not quote.strip():
            problems.append(Problem(path.name, where, "`quote` is empty"))
        elif not any(p.doc == doc and normalize(quote) in normalize(p.text) for p in passages):
            problems.append(
                Problem(path.name, where, f"matches no passage of {doc}: {quote[:60]!r}")
            )
    return problems


def _read(path: Path) -> tuple[object, list[Problem]]:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER), []
    except (OSError, yaml.YAMLError) as exc:
        return None, [Problem(path.name, "", f"cannot read: {exc}")]


def validate_marketing(path: Path = MARKETING_PATH, seeds_dir: Path = SEEDS_DIR) -> list[Problem]:
    """Every problem in the marketing file; a missing file is no problem (nothing tagged)."""
    if not path.exists():
        return []
    data, problems = _read(path)
    return problems or _problems(data, path, seeds_dir)


@cache
def load_marketing(path: Path = MARKETING_PATH, seeds_dir: Path = SEEDS_DIR) -> Marketing:
    """The tags of a valid file (none when there is no file); raises ContentError otherwise."""
    if not path.exists():
        return Marketing({})
    data, problems = _read(path)
    problems = problems or _problems(data, path, seeds_dir)
    if problems:
        raise ContentError(problems)
    assert isinstance(data, dict)
    quotes: dict[str, list[str]] = {}
    for item in data["marketing"]:
        quotes.setdefault(item["doc"], []).append(normalize(item["quote"]))
    return Marketing({doc: tuple(q) for doc, q in quotes.items()})
