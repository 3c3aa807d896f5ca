"""Content a running bot reloads on change, keeping the last good version when an edit is bad."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from content.problem import ContentError

log = logging.getLogger(__name__)
T = TypeVar("T")


class LastGood(Generic[T]):
    """``get()`` re-reads ``path`` when its modification time changes; bad content is logged
    and ignored, so patients keep getting the last content that passed every check.

    The first load must succeed: a bot has nothing good to fall back on at start-up.
    """

    def __init__(self, path: Path, load: Callable[[Path], T]):
        self.path = Path(path)
        self._load = load
        self._stamp = self._modified()
        self._value = load(self.path)

    def get(self) -> T:
        stamp = self._modified()
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                self._value = self._load(self.path)
                log.info("content_reloaded file=%s", self.path.name)
            except ContentError as error:
                log.error(
                    "content_rejected file=%s problems=%d", self.path.name, len(error.problems)
                )
        return self._value

    def _modified(self) -> int | None:
        try:
            return self.path.stat().st_mtime_ns
        except OSError:
            return None
