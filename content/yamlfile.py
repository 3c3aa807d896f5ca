"""Reading a content YAML file that `aftercare content check` names by its path."""

from __future__ import annotations

from pathlib import Path

import yaml

from content.problem import Problem


def read_yaml(path: Path) -> tuple[object, list[Problem]]:
    """The data of the YAML file at `path`, or None and one problem that tells a file that
    cannot be read from one that is not YAML."""
    file = str(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), []
    except OSError as error:
        return None, [Problem(file, "", f"cannot read: {error.strerror or error}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, "", f"not valid YAML: {error}")]
