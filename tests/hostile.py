"""The hostile corpus: damaged and crafted results files, saves and settings.

Each entry is a name and the bytes of one file, made from a good file of the same kind
by one change that once stopped the report or the window (issue 13). The tests and
``benchmarks/bench_hostile.py`` both use these, so the benchmark measures exactly what
the tests pin down.

Two results entries are not plain bytes and are made by :func:`place_special_results`:
a 1 GiB sparse file, and a symbolic link to a file outside the folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEEP = 100_000  # nesting that overflows the JSON parser's recursion
SAVE_DEEP = 10_000
LONG_DIGITS = "9" * 5000  # more digits than Python converts to an int by default (4,300)


def _deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _with(data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> bytes:
    copy = json.loads(json.dumps(data))
    change(copy)
    return json.dumps(copy).encode("utf-8")


def _raw(data: dict[str, Any], marker: str, replacement: bytes) -> bytes:
    """The file with one value replaced by bytes json.dumps cannot write (NaN, huge ints)."""
    text = json.dumps(data).encode("utf-8")
    assert marker.encode() in text, marker
    return text.replace(marker.encode(), replacement, 1)


# --- results files ----------------------------------------------------------------------

def results_corpus(good: dict[str, Any]) -> dict[str, bytes]:
    """Crafted results files, each named for what is wrong with it, from one good file."""
    def score(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
        def change(d: dict[str, Any]) -> None:
            d["score"][key] = value
        return change

    def nickname(d: dict[str, Any]) -> None:
        d["nickname"] = "N" * (3 * 1024 * 1024)  # under the size limit, far over 40 characters

    marked = _with(good, score("points", "@@points@@"))
    corpus = {
        "7B-deep-nesting.json": b'{"format": 1, "kind": "deconfliction-line/classroom-session",'
                                b' "id": "aaaaaaaaaaaa", "quiz": ' + _deep(DEEP) + b"}",
        "7B-hits-1e20.json": _with(good, score("hits", 10**20)),
        "7B-hits-1e400.json": _with(good, score("hits", 10**400)),
        "7B-time-verifying-1e9.json": _with(good, score("time_verifying", 10**9)),
        "7B-long-integer.json": marked.replace(b'"@@points@@"', LONG_DIGITS.encode()),
        "7B-nan.json": marked.replace(b'"@@points@@"', b"NaN"),
        "7B-infinity.json": marked.replace(b'"@@points@@"', b"1e999"),
        "7B-huge-nickname.json": _with(good, nickname),
        "7B-negative-count.json": _with(good, score("misses", -3)),
    }
    # each crafted file is its own session: a shared id would hide it behind the good one
    return {name: content.replace(good["id"].encode(), f"{n:012x}".encode(), 1)
            for n, (name, content) in enumerate(corpus.items(), start=1)}


SPARSE_NAME = "7B-sparse.json"
LINK_NAME = "7B-link.json"


def place_special_results(folder: Path, outside: Path) -> list[str]:
    """A 1 GiB sparse file and a symlink to a file outside ``folder``; their names."""
    with open(folder / SPARSE_NAME, "wb") as handle:
        handle.truncate(1024 ** 3)
    outside.write_text('{"secret": "not a results file"}', encoding="utf-8")
    (folder / LINK_NAME).symlink_to(outside)
    return [SPARSE_NAME, LINK_NAME]


# --- saves and settings -----------------------------------------------------------------

def saves_corpus(good: dict[str, Any]) -> dict[str, bytes]:
    """Damaged autosaves, from one good save that has at least one step of history."""
    def set_key(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
        def change(d: dict[str, Any]) -> None:
            d[key] = value
        return change

    def verdict(d: dict[str, Any]) -> None:
        d["snapshot"]["history"][0]["verdict"] = 5

    def negative_time(d: dict[str, Any]) -> None:
        d["snapshot"]["vars"]["time"] = -5

    def long_title(d: dict[str, Any]) -> None:
        d["scene_title"] = "W" * 1_000_000  # one unbroken word

    marked = _with(good, set_key("saved_at", "@@saved_at@@"))
    return {
        "saved-at-1e308": _with(good, set_key("saved_at", 1e308)),
        "saved-at-nan": marked.replace(b'"@@saved_at@@"', b"NaN"),
        "saved-at-negative": _with(good, set_key("saved_at", -1e20)),
        "long-integer": marked.replace(b'"@@saved_at@@"', LONG_DIGITS.encode()),
        "deep-nesting": b'{"kind": "deconfliction-line-save", "format": 1, "transcript": '
                        + _deep(SAVE_DEEP) + b"}",
        "verdict-number": _with(good, verdict),
        "negative-time": _with(good, negative_time),
        "title-1mb": _with(good, long_title),
    }


def settings_corpus() -> dict[str, bytes]:
    head = b'{"kind": "deconfliction-line-settings", "format": 1, '
    return {
        "long-integer": head + b'"text_size": ' + LONG_DIGITS.encode() + b"}",
        "deep-nesting": head + b'"theme": ' + _deep(SAVE_DEEP) + b"}",
        "nan": head + b'"text_size": NaN}',
        "huge-float": head + b'"text_size": 1e308}',
        "format-huge": b'{"kind": "deconfliction-line-settings", "format": ' + LONG_DIGITS.encode()
                       + b"}",
    }
