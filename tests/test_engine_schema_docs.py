"""The schema explains itself: every key has a description and an example from no real story."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.engine import schema

ROOT = Path(__file__).resolve().parent.parent
# words of the shipped story: an example must not lean on it
SHIPPED = ("syria", "russia", "peskov", "mattis", "novaya", "deconfliction", "coalition", "kremlin",
           "cossack", "wagner", "harrigian", "centcom", "day2.wires", "photo_date")


def keys(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of the schema, with its dotted path."""
    if not isinstance(node, dict):
        return
    for name, sub in node.get("properties", {}).items():
        yield f"{path}.{name}", sub
        yield from keys(sub, f"{path}.{name}")
    for keyword in ("items", "additionalProperties"):
        yield from keys(node.get(keyword), path + "[]")
    for sub in node.get("oneOf", []):
        yield from keys(sub, path)


def test_every_key_has_a_description_and_an_example() -> None:
    found = list(keys(schema.schema()))
    assert len(found) > 90
    bare = [path for path, sub in found if not sub.get("description")]
    assert bare == []
    without_example = [path for path, sub in found if not sub.get("examples")]
    assert without_example == []


def test_no_example_or_description_comes_from_the_shipped_story() -> None:
    text = json.dumps([[sub["description"], sub["examples"]] for _, sub in keys(schema.schema())],
                      ensure_ascii=False).casefold()
    assert [word for word in SHIPPED if word in text] == []


def test_every_example_is_valid_where_it_stands() -> None:
    import jsonschema

    for path, sub in keys(schema.schema()):
        for example in sub["examples"]:
            assert not list(jsonschema.Draft202012Validator(sub).iter_errors(example)), path


def test_an_endings_kind_says_what_it_does() -> None:
    ending = schema.schema()["properties"]["scenes"]["items"]["properties"]["ending"]
    assert "results file" in ending["properties"]["kind"]["description"]


def test_every_source_kind_has_a_label_and_an_icon_in_the_window() -> None:
    from game.ui import icons

    kinds = schema.schema()["properties"]["sources"]["items"]["properties"]["kind"]["enum"]
    assert {"company", "union", "hospital", "school"} <= set(kinds)
    assert set(kinds) == set(icons.KIND_LABELS) == set(icons._DRAW)
