"""The JSON Schema of scenario files, and its errors as located diagnostics."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from game.engine.diagnostics import Diagnostic, Severity
from game.engine.model import Place
from game.engine.yamlsource import YamlDocument

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
    for error in _validator().iter_errors(document.data):
        diagnostic = _diagnostic(document, error)
        result.problems.append(diagnostic)
        part = _part(list(error.absolute_path), error, document.data)
        result.failed.setdefault(part, Place(diagnostic.path, diagnostic.line, diagnostic.column))
    result.problems.sort(key=lambda d: (d.line, d.column))
    return result


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
# jsonschema walks a 10,000-scene story in seconds; most files are valid, and for a
# valid file a yes is all we need. So the same schema file is also compiled into plain
# predicates for the keywords it uses, each exact (True if and only if jsonschema finds
# no error). A keyword the compiler does not know, or a value it cannot judge exactly,
# sends the file to jsonschema, which stays the one authority on errors and messages.

Predicate = Callable[[Any], bool]


class _Unsure(Exception):
    """The fast path cannot judge this value exactly; ask jsonschema."""


_IGNORED = {"$schema", "$id", "title", "description", "examples"}
_TYPES: dict[str, Predicate] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _unique(items: list[Any]) -> bool:
    keys = []
    for item in items:
        if isinstance(item, (list, dict)):
            raise _Unsure  # deep equality with jsonschema's bool/int rules: leave it to jsonschema
        keys.append((type(item) is bool, item))  # True and 1 are different items
    return len(set(keys)) == len(keys)


def compile_schema(node: Any) -> Predicate:
    """An exact predicate for ``node``; raises KeyError for a keyword it does not know."""
    if node is True:
        return lambda value: True
    if node is False:
        return lambda value: False
    if not isinstance(node, dict):
        raise KeyError("schema")
    if _is_closed_object(node):
        return _closed_object(node)
    checks: list[Predicate] = []
    properties = node.get("properties", {})
    compiled = {name: compile_schema(sub) for name, sub in properties.items()}
    for keyword, argument in node.items():
        if keyword in _IGNORED or keyword == "properties":
            continue
        checks.append(_keyword(keyword, argument, node, compiled))
    if compiled:
        def check_properties(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            return all(check(value[name]) for name, check in compiled.items() if name in value)
        checks.insert(0, check_properties)
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _is_closed_object(node: dict[str, Any]) -> bool:
    """The common shape: an object with known properties and nothing else allowed."""
    return (node.get("type") == "object" and node.get("additionalProperties") is False
            and set(node) - _IGNORED <= {"type", "properties", "required",
                                         "additionalProperties", "oneOf"})


def _closed_object(node: dict[str, Any]) -> Predicate:
    # One function for the whole object: most of a scenario file is objects of this shape
    compiled = {name: compile_schema(sub) for name, sub in node.get("properties", {}).items()}
    required = tuple(node.get("required", ()))
    one_of = _keyword("oneOf", node["oneOf"], node, compiled) if "oneOf" in node else None

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        for name in required:
            if name not in value:
                return False
        for name, item in value.items():
            sub = compiled.get(name)
            if sub is None or not sub(item):
                return False
        return one_of is None or one_of(value)

    return check


def _keyword(keyword: str, argument: Any, node: dict[str, Any],
             compiled: dict[str, Predicate]) -> Predicate:
    if keyword == "type":
        kinds = [_TYPES[t] for t in ([argument] if isinstance(argument, str) else argument)]
        return lambda value: any(kind(value) for kind in kinds)
    if keyword == "required":
        names = tuple(argument)
        return lambda value: not isinstance(value, dict) or all(n in value for n in names)
    if keyword == "additionalProperties":
        if "patternProperties" in node:
            raise KeyError(keyword)
        known = frozenset(compiled)
        if argument is False:
            return lambda value: not isinstance(value, dict) or known.issuperset(value)
        extra = compile_schema(argument)
        return lambda value: not isinstance(value, dict) or all(
            extra(v) for k, v in value.items() if k not in known)
    if keyword == "propertyNames":
        names_check = compile_schema(argument)
        return lambda value: not isinstance(value, dict) or all(names_check(k) for k in value)
    if keyword == "items":
        item = compile_schema(argument)
        return lambda value: not isinstance(value, list) or all(item(v) for v in value)
    if keyword == "minItems":
        return lambda value: not isinstance(value, list) or len(value) >= argument
    if keyword == "uniqueItems":
        if not argument:
            return lambda value: True
        return lambda value: not isinstance(value, list) or _unique(value)
    if keyword == "minLength":
        return lambda value: not isinstance(value, str) or len(value) >= argument
    if keyword == "pattern":
        regex = re.compile(argument)
        return lambda value: not isinstance(value, str) or regex.search(value) is not None
    if keyword == "minimum":
        return lambda value: not _number(value) or value >= argument
    if keyword == "maximum":
        return lambda value: not _number(value) or value <= argument
    if keyword in ("enum", "const"):
        allowed = argument if keyword == "enum" else [argument]
        if not all(isinstance(a, str) or a is True or a is False for a in allowed):
            raise KeyError(keyword)
        texts = frozenset(a for a in allowed if isinstance(a, str))
        flags = [a for a in allowed if isinstance(a, bool)]
        return lambda value: (isinstance(value, str) and value in texts) or any(
            value is flag for flag in flags)
    if keyword == "oneOf":
        options = [compile_schema(sub) for sub in argument]
        return lambda value: sum(1 for option in options if option(value)) == 1
    raise KeyError(keyword)


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
    except _Unsure:
        return False
