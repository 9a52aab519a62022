"""The JSON Schema of scenario files, and its errors as located diagnostics."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from game.engine.diagnostics import Diagnostic, Severity
from game.engine.model import Place
from game.engine.yamlsource import YamlDocument
from game.schemacheck import Predicate, Unsure, compile_schema

if TYPE_CHECKING:  # jsonschema takes ~40 ms to import: it is only needed to explain errors
    import jsonschema

SCHEMA_FILE = "scenario.schema.json"


@cache
def schema() -> dict[str, Any]:
    """The schema that editors use for autocompletion and the loader validates against."""
    text = resources.files("game.engine").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    validator: jsonschema.protocols.Validator = cls(schema())
    return validator


def validate(document: YamlDocument) -> list[Diagnostic]:
    """Every schema violation in a parsed file, each at its line and column."""
    return validate_parts(document).problems


PartKey = tuple[str] | tuple[str, str | int]


@dataclass
class Validation:
    """A file's schema problems, and which parts of it they make unusable.

    A part is a whole top-level section (``("scenes",)``, ``("scenario",)``) or one entry
    of it (``("scenes", 3)``, ``("variables", "calls")``). Everything not in ``failed``
    is valid and can be built, so one mistake does not throw away the rest of the file.
    """

    problems: list[Diagnostic] = field(default_factory=list)
    failed: dict[PartKey, Place] = field(default_factory=dict)  # part -> its first problem
    whole_file: bool = False  # not even a mapping: nothing in it can be used


# sections whose entries are validated (and kept or dropped) one by one
ENTRY_SECTIONS = frozenset(("variables", "lessons", "sources", "reports", "claims", "checks",
                            "scenes", "quiz"))


def validate_parts(document: YamlDocument) -> Validation:
    """Every schema violation in a parsed file, and the parts that hold one.

    A part is as small as an error allows: an entry of a section when the error is inside
    it, the whole section when the section itself has the wrong shape.
    """
    result = Validation()
    if not isinstance(document.data, dict):
        result.problems.append(Diagnostic(document.path, 1, 1, Severity.ERROR, "DL003",
                                          "a scenario file must be a mapping (e.g. 'scenes:' "
                                          "at the top)"))
        result.whole_file = True
        return result
    if is_valid(document.data):
        return result  # the fast path: jsonschema is only asked to explain a failure
    for error in _explained(list(_validator().iter_errors(document.data))):
        diagnostic = _diagnostic(document, error)
        result.problems.append(diagnostic)
        part = _part(list(error.absolute_path), error, document.data)
        result.failed.setdefault(part, Place(diagnostic.path, diagnostic.line, diagnostic.column))
    result.problems.sort(key=lambda d: (d.line, d.column))
    return result


def _explained(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """The errors without those another one explains: a key that is missing (or a choice
    with no way on) next to an unknown key that is a misspelling of it is one mistake."""
    import difflib

    misspelt: dict[tuple[str | int, ...], set[str]] = {}
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) \
                else set()
            meant = {close for extra in set(error.instance) - allowed
                     for close in difflib.get_close_matches(extra, sorted(allowed), n=1)}
            misspelt.setdefault(tuple(error.absolute_path), set()).update(meant)
    kept = []
    for error in errors:
        meant = misspelt.get(tuple(error.absolute_path), set())
        required = error.validator_value if isinstance(error.validator_value, list) else []
        if error.validator == "required" and isinstance(error.instance, dict) and meant and all(
                name in meant for name in required if name not in error.instance):
            continue
        if error.validator == "oneOf" and meant & {"goto", "visit", "back"}:
            continue
        kept.append(error)
    return kept


def _part(where: list[str | int], error: jsonschema.ValidationError, data: dict[str, Any]) -> PartKey:
    if not where:
        # at the top: an unknown section (the part is that key), or a missing one
        if error.validator == "additionalProperties":
            extra = sorted(set(data) - set(schema()["properties"]))
            if extra:
                return (extra[0],)
        return ("",)
    section = str(where[0])
    if len(where) >= 2 and section in ENTRY_SECTIONS:
        return (section, where[1])
    return (section,)


def _diagnostic(document: YamlDocument, error: jsonschema.ValidationError) -> Diagnostic:
    import jsonschema

    where = list(error.absolute_path)
    rule: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    line, column = document.locate(where)
    message = error.message
    hint = ""
    instance = error.instance
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        allowed = set(rule.get("properties", {}))
        extra = sorted(set(instance) - allowed)
        if extra:
            line, column = document.locate_key([*where, extra[0]])
            message = f"unknown key {extra[0]!r}"
            import difflib

            close = difflib.get_close_matches(extra[0], sorted(allowed), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(sorted(allowed))
    elif error.validator == "required":
        message = error.message.replace("is a required property", "is missing")
        message = message[: 200]
    elif error.validator == "oneOf" and isinstance(instance, dict) and "text" in instance:
        targets = [k for k in ("goto", "visit", "back") if k in instance]
        if not targets:
            message = "choice needs one of 'goto', 'visit' or 'back'"
        elif len(targets) > 1:
            message = f"choice has both {targets[0]!r} and {targets[1]!r}; keep one"
        else:
            best = jsonschema.exceptions.best_match(error.context or [])
            message = best.message if best else message
    elif error.validator == "oneOf":
        message = "must be text, or a list of paragraphs (text, or 'if' and 'text')"
    elif error.validator == "pattern":
        message = f"{instance!r} is not a valid id"
        hint = str(rule.get("description", ""))
    elif error.validator == "enum":
        message = f"{instance!r} is not one of " + ", ".join(map(str, rule.get("enum", [])))
    elif error.validator == "type" and isinstance(instance, (bool, int, float)) and "string" in (
            error.validator_value if isinstance(error.validator_value, list)
            else [error.validator_value]):
        # true/false and numbers written where text belongs (text: true, title: 2018)
        hint = "put the text in quotes"
    if len(message) > 300:
        message = message[:300] + "..."
    return Diagnostic(document.path, line, column, Severity.ERROR, "DL003", message, hint)


# --- the fast path -------------------------------------------------------------------------
#
# jsonschema walks a 10,000-scene story in seconds; most files are valid, and for a valid
# file a yes is all we need. game.schemacheck compiles the schema into exact predicates
# (shared with the checks of saves, settings and results); jsonschema only explains.


@cache
def _fast_predicate() -> Predicate | None:
    try:
        return compile_schema(schema())
    except KeyError:  # a keyword the fast path does not know: jsonschema checks every file
        return None


def is_valid(data: Any) -> bool:
    """True only when ``data`` certainly satisfies the schema (then nothing is reported)."""
    predicate = _fast_predicate()
    if predicate is None:
        return False
    try:
        return predicate(data)
    except Unsure:
        return False
