"""The classroom results file's format in one place: its constants, schema, reading and writing.

Both sides use it: :mod:`game.classroom.session` writes a session's file as play goes,
:mod:`game.classroom.results` reads a folder of them for the report. The content itself
is described in ``results.schema.json`` beside this file.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from game.i18n import tr
from game.storage import atomic_write_json

RESULTS_FORMAT = 1
RESULTS_KIND = "deconfliction-line/classroom-session"
SCHEMA_PATH = Path(__file__).with_name("results.schema.json")
MAX_FILE_BYTES = 4 * 1024 * 1024  # a session is a few kilobytes; anything huge is not one


class SkippedFile(Exception):
    """A results file that cannot be used; the message says why, in plain words."""


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def parse_session(path: Path, raw: bytes) -> dict[str, Any]:
    """A results file's content, checked against the schema; SkippedFile says why not."""
    if len(raw) > MAX_FILE_BYTES:
        raise SkippedFile(tr("results.too_big", "{name}: too large to be a results file",
                             name=path.name))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SkippedFile(tr("results.damaged", "{name}: damaged (not complete JSON)",
                             name=path.name)) from None
    if not isinstance(data, dict) or data.get("kind") != RESULTS_KIND:
        raise SkippedFile(tr("results.not_session",
                             "{name}: not a Deconfliction Line results file", name=path.name))
    if data.get("format") != RESULTS_FORMAT:
        raise SkippedFile(tr("results.other_format",
                             "{name}: written by another version of the game (results format "
                             "{found!r}; this version reads {wanted})",
                             name=path.name, found=data.get("format"), wanted=RESULTS_FORMAT))
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise SkippedFile(tr("results.invalid", "{name}: damaged ({where}: {message})",
                             name=path.name, where=where, message=error.message))
    return data


def read_session(path: Path) -> dict[str, Any]:
    """One results file from disk; OSError if it cannot be read, SkippedFile if not usable."""
    return parse_session(path, path.read_bytes())


def write_session(path: Path, data: dict[str, Any]) -> None:
    """Write one session's file atomically (OSError when the folder cannot be written)."""
    atomic_write_json(path, data)
