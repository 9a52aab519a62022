"""A cache of parsed, schema-valid scene files, keyed on their exact bytes.

Parsing YAML is most of the cost of loading a large scenario (PyYAML builds a node for
every value). A file whose bytes, engine version and schema are unchanged parses to the
same data, so the data is kept as JSON under the user's cache folder and read back
instead. Only files that parsed and passed the schema are cached, so a cached file goes
straight to building; its line numbers are found by parsing it again only if an error
or warning needs one. The cache is an optimisation: anything wrong with it (missing,
damaged, unwritable, or an entry that does not pass the schema) means parsing as usual,
never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from game import __version__
from game.engine.schema import is_valid
from game.engine.yamlsource import YamlDocument
from game.paths import cache_dir
from game.storage import atomic_write_bytes

CACHE_FORMAT = 2  # 2: scalars read by YAML 1.2's core schema (18:00 and No stay text)


@cache
def _salt() -> bytes:
    """What else the parsed result depends on: the cache format, the engine, the schema."""
    schema_text = resources.files("game.engine").joinpath("scenario.schema.json").read_bytes()
    return f"{CACHE_FORMAT}/{__version__}/".encode() + hashlib.sha256(schema_text).digest()


def _entry(raw: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / (hashlib.sha256(_salt() + raw).hexdigest() + ".json")


def lookup(shown: str, raw: bytes) -> YamlDocument | None:
    """The document for these bytes from the cache, or None on a miss."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        data = json.loads(entry.read_bytes())
    except (OSError, ValueError):
        return None
    # An entry anyone could have written: it counts only if it passes the schema's fast
    # check (a fraction of the cost of parsing); otherwise the file is parsed and the
    # entry written anew.
    if not isinstance(data, dict) or not is_valid(data):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return YamlDocument(shown, data, None, text)


def store(raw: bytes, data: Any) -> None:
    """Remember the parsed data of a file that passed the schema."""
    entry = _entry(raw)
    if entry is None:
        return
    # a read-only or full disk only costs speed
    with contextlib.suppress(OSError, TypeError, ValueError):
        atomic_write_bytes(entry, json.dumps(data, ensure_ascii=False,
                                             separators=(",", ":")).encode("utf-8"))
