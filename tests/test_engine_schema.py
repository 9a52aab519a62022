"""The schema's fast path agrees exactly with jsonschema, which explains every failure."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import schema
from game.engine.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = parse_yaml("example.yaml", (ROOT / "docs" / "example" / "example.yaml").read_bytes()).data

values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 2000), st.floats(allow_nan=False),
              st.sampled_from(["", "fact", "hold", "desk", "Day 2", "a.b", "X", "23:00"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["id", "text", "goto", "if", "x"]),
                                            inner, max_size=3)),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _jsonschema_valid(data: Any) -> bool:
    validator = jsonschema.validators.validator_for(schema.schema())(schema.schema())
    return not any(True for _ in validator.iter_errors(data))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_fast_path_agrees_with_jsonschema_on_mutated_content(data):
    document = copy.deepcopy(EXAMPLE)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        where = data.draw(st.sampled_from(paths))
        parent = document
        for key in where[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[where[-1]] = data.draw(values)
        elif action == "delete":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "id", "back", "visit", "once"]))] = \
                data.draw(values)
        else:
            parent.append(data.draw(values))
    assert schema.is_valid(document) == _jsonschema_valid(document)


def test_the_example_is_valid_on_both_paths():
    assert schema.is_valid(EXAMPLE) and _jsonschema_valid(EXAMPLE)


def test_an_unknown_keyword_turns_the_fast_path_off():
    import pytest

    with pytest.raises(KeyError):
        schema.compile_schema({"type": "string", "format": "date"})
