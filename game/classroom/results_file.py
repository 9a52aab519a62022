"""The classroom results file's format in one place: its constants, schema, reading and writing.

Both sides use it: :mod:`game.classroom.session` writes a session's file as play goes,
:mod:`game.classroom.results` reads a folder of them for the report. The content itself
is described in ``results.schema.json`` beside this file.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from game.i18n import tr
from game.schemacheck import SchemaCheck, short
from game.storage import BadJson, Refused, atomic_write_json, parse_json, read_bounded

RESULTS_FORMAT = 1
RESULTS_KIND = "deconfliction-line/classroom-session"
# read through the package, not a path beside this file: a zipped package has no such file
SCHEMA_FILE = resources.files("game.classroom").joinpath("results.schema.json")
MAX_FILE_BYTES = 4 * 1024 * 1024  # a session is a few kilobytes; anything huge is not one


class SkippedFile(Exception):
    """A results file that cannot be used; the message says why, in plain words."""


@cache
def _schema() -> SchemaCheck:
    return SchemaCheck(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def parse_session(path: Path, raw: bytes) -> dict[str, Any]:
    """A results file's content, checked against the schema; SkippedFile says why not.

    Anyone can put a file in a shared folder, so every number and text has a range in
    the schema, the JSON is strict (no NaN, no 5,000-digit integers, no nesting that
    overflows the parser), and a message quotes at most a short prefix of a value.
    The schema check is an exact fast path; jsonschema is only asked to explain a failure.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise SkippedFile(tr("results.too_big", "{name}: too large to be a results file",
                             name=path.name))
    try:
        data = parse_json(raw, max_depth=None)  # the schema check follows at once
    except BadJson as exc:
        raise SkippedFile(tr("results.damaged", "{name}: damaged ({why})",
                             name=path.name, why=str(exc))) from None
    if not isinstance(data, dict) or data.get("kind") != RESULTS_KIND:
        raise SkippedFile(tr("results.not_session",
                             "{name}: not a Deconfliction Line results file", name=path.name))
    if data.get("format") != RESULTS_FORMAT:
        raise SkippedFile(tr("results.other_format",
                             "{name}: written by another version of the game (results format "
                             "{found}; this version reads {wanted})",
                             name=path.name, found=short(data.get("format")),
                             wanted=RESULTS_FORMAT))
    problem = _schema().problem(data)
    if problem is not None:
        raise SkippedFile(tr("results.invalid", "{name}: damaged ({problem})",
                             name=path.name, problem=problem))
    return data


def read_session(path: Path) -> dict[str, Any]:
    """One results file from disk: only a regular file (never a link out of the folder),
    its size checked before reading. OSError if it cannot be read, SkippedFile if not usable."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES, follow_links=False)
    except Refused as exc:
        raise SkippedFile(f"{path.name}: {exc}") from None
    return parse_session(path, raw)


def write_session(path: Path, data: dict[str, Any]) -> None:
    """Write one session's file atomically (OSError when the folder cannot be written)."""
    atomic_write_json(path, data)
