"""``deconfliction-line schema [--write DIR]``: where the scenario schema is, for editors.

A scenario outside this repository points its ``# yaml-language-server: $schema=...``
line at the installed schema (the path this prints), or at a copy written beside it.
The schema is found through the package (``importlib.resources``), so the answer is
right in a source checkout and in an installed wheel alike.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import TextIO

from game.engine.schema import SCHEMA_FILE
from game.i18n import tr
from game.storage import atomic_write_bytes


def schema_path() -> Path:
    """The installed schema file, for editors to point at (a real file when the package is
    installed unzipped, as pip and pipx install it; from a zip, ``--write`` makes one)."""
    return Path(str(resources.files("game.engine").joinpath(SCHEMA_FILE)))


def schema_line(path: Path) -> str:
    """The first line of a scenario file that tells the YAML language server its schema."""
    return f"# yaml-language-server: $schema={path.resolve().as_uri()}"


def run(write: str | None = None, out: TextIO | None = None) -> int:
    """Print the schema's path, or write a copy into ``write`` and print the copy's path."""
    out = out or sys.stdout
    source = schema_path()
    if write is None:
        print(source, file=out)
        return 0
    target = Path(write) / SCHEMA_FILE
    try:
        Path(write).mkdir(parents=True, exist_ok=True)
        # read through the package: from a zipped install ``source`` is no file on disk
        atomic_write_bytes(target, resources.files("game.engine").joinpath(SCHEMA_FILE).read_bytes())
    except OSError as exc:
        print(tr("schema.cannot_write", "schema: cannot write {path}: {error}", path=target,
                 error=exc.strerror or exc), file=sys.stderr)
        return 1
    print(target, file=out)
    return 0
