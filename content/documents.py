"""The index of source documents (`documents.yaml`): each document's title for people, and
the article's address where the document names one.

Staff and `aftercare preview` see a quote's source as "How Microneedling Affects Your Skin",
never as the file name `003_6a4980428cc968b7`. The documents in `seeds/` stay unchanged; the
checker holds the index to them (every document named, titles taken from the document when it
says so, addresses found in the document).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from content.problem import ContentError, Problem
from content.seeds import SEEDS_DIR, load_documents, normalize

DOCUMENTS_FILE = "documents.yaml"
_DEFAULT = Path(__file__).resolve().parent / DOCUMENTS_FILE
MAX_TITLE = 200
TITLED = ("document", "described")


@dataclass(frozen=True)
class Document:
    doc: str  # the file name in seeds/ without .txt
    title: str
    address: str = ""  # https address the document itself names, or ""
    titled: str = "described"  # "document": the title is the document's own title line

    def cited(self) -> str:
        """How a source is shown to staff: the title, and the address when there is one."""
        return f"{self.title} ({self.address})" if self.address else self.title


def validate_documents(path: Path = _DEFAULT, seeds_dir: Path = SEEDS_DIR) -> list[Problem]:
    """Every problem with the index: documents missing or unknown, empty or long titles, a
    title said to be the document's own that is not a line of it, an address it never names."""
    return _read(Path(path), seeds_dir)[1]


@cache
def load_index(path: Path = _DEFAULT, seeds_dir: Path = SEEDS_DIR) -> dict[str, Document]:
    """The checked index, by document; ContentError when it has problems."""
    index, problems = _read(Path(path), seeds_dir)
    if problems:
        raise ContentError(problems)
    return index


def cited(doc: str) -> str:
    """A document as staff see it (`Document.cited`); its file name if the index lacks it."""
    found = load_index().get(doc)
    return found.cited() if found else doc


def title(doc: str) -> str:
    """A document's title; its file name if the index lacks it."""
    found = load_index().get(doc)
    return found.title if found else doc


def _read(path: Path, seeds_dir: Path) -> tuple[dict[str, Document], list[Problem]]:
    file = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        return {}, [Problem(file, "", f"cannot read: {error.strerror or error}")]
    except yaml.YAMLError as error:
        return {}, [Problem(file, "", f"not valid YAML: {error}")]
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}, [Problem(file, "", "expected a mapping 'documents:' of document -> fields")]
    texts = load_documents(seeds_dir)
    problems = [
        Problem(file, doc, "document missing from the index: give it a title")
        for doc in texts
        if doc not in entries
    ]
    index = {}
    for doc, fields in entries.items():
        document, found = _document(str(doc), fields, texts)
        problems += [Problem(file, str(doc), message) for message in found]
        if document is not None and not found:
            index[document.doc] = document
    return index, problems


def _document(doc: str, fields: object, texts: dict[str, str]) -> tuple[Document | None, list]:
    if doc not in texts:
        return None, [f"no document {doc!r} in seeds/; documents: {', '.join(texts)}"]
    if not isinstance(fields, dict):
        return None, ["expected title (and optionally address, titled)"]
    name = str(fields.get("title") or "").strip()
    address = str(fields.get("address") or "").strip()
    titled = str(fields.get("titled") or "described")
    problems = []
    if not name or len(name) > MAX_TITLE:
        problems.append(f"title: give one of 1 to {MAX_TITLE} characters")
    if titled not in TITLED:
        problems.append(f"titled: must be one of {', '.join(TITLED)}")
    lines = {normalize(line) for line in texts[doc].splitlines()}
    if titled == "document" and normalize(name) not in lines:
        problems.append("title: said to be the document's own but no line of it reads so")
    if address and (not address.startswith("https://") or address not in texts[doc]):
        problems.append(f"address: {address[:60]!r} is not an https address the document names")
    return Document(doc, name, address, titled), problems
