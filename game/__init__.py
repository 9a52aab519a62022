"""Deconfliction Line: a news-desk game about weighing sources."""

from __future__ import annotations

import functools
import re
from pathlib import Path

DISTRIBUTION = "deconfliction-line"  # the name on the package index and of the console script


@functools.cache
def version() -> str:
    """The installed version, from the package metadata (pyproject.toml holds the one copy).

    A source tree that was never installed has no metadata; its pyproject.toml is read instead.
    """
    from importlib import metadata  # only when asked: importing the engine stays cheap

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            text = pyproject.read_text(encoding="utf-8")
        except OSError:
            return "0+unknown"
        found = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
        return found.group(1) if found else "0+unknown"


def __getattr__(name: str) -> str:
    # ``from game import __version__`` keeps working, computed on first use
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'game' has no attribute {name!r}")
