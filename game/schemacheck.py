"""JSON Schema checks with an exact fast path: a yes costs microseconds, a no is explained.

jsonschema walks a document slowly; most documents are valid, and for a valid one a
yes is all we need. So a schema is also compiled into plain predicates for the keywords
it uses, each exact (True if and only if jsonschema finds no error). A keyword the
compiler does not know, or a value it cannot judge exactly, sends the document to
jsonschema, which stays the one authority on errors and their messages.

Used for scene files (``game.engine.schema``), and for the files the game reads back
from disk: saves, settings and classroom results. No engine import here, and jsonschema
is imported only to explain a failure, so checking settings costs nothing at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema takes ~40 ms to import: it is only needed to explain errors
    import jsonschema

Predicate = Callable[[Any], bool]
QUOTED = 60  # characters of a value a message may quote


class Unsure(Exception):
    """The fast path cannot judge this value exactly; ask jsonschema."""


_IGNORED = {"$schema", "$id", "$defs", "$comment", "title", "description", "examples"}
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
            raise Unsure  # deep equality with jsonschema's bool/int rules: leave it to jsonschema
        keys.append((type(item) is bool, item))  # True and 1 are different items
    return len(set(keys)) == len(keys)


def inline_refs(node: Any, root: Any = None) -> Any:
    """The schema with every local ``$ref`` ("#/$defs/name") replaced by what it names.

    Only for schemas without recursion (ours); a ``$ref`` the compiler cannot follow is
    left in place, and then the compiler refuses the schema (KeyError).
    """
    root = node if root is None else root
    if isinstance(node, list):
        return [inline_refs(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and len(node) == 1:
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        return inline_refs(target, root)
    return {key: inline_refs(value, root) for key, value in node.items()}


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
    fused = _fused(node)
    if fused is not None:
        return fused
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


# --- fused shapes: one closure for the commonest nodes (the results report reads
# thousands of files, each with hundreds of values) ------------------------------------

_LEAF = {"type", "minimum", "maximum", "minLength", "maxLength", "pattern"}
_OBJECT = {"type", "properties", "required", "additionalProperties", "maxProperties"}
_ARRAY = {"type", "items", "minItems", "maxItems"}


def _fused(node: dict[str, Any]) -> Predicate | None:
    """One exact closure for a leaf, an object or an array of the plain shapes; None
    for anything else (then the keyword-by-keyword compiler takes it)."""
    keys = set(node) - _IGNORED
    kind = node.get("type")
    if kind == "object" and keys <= _OBJECT and "patternProperties" not in node:
        return _fused_object(node)
    if kind == "array" and keys <= _ARRAY:
        return _fused_array(node)
    if keys <= _LEAF and isinstance(kind, (str, list)):
        kinds = [kind] if isinstance(kind, str) else list(kind)
        if all(k in ("string", "integer", "number", "boolean", "null") for k in kinds):
            checks = [_fused_leaf(k, node) for k in kinds]
            if len(checks) == 1:
                return checks[0]
            if len(checks) == 2:  # ["string", "null"] and the like: no generator per value
                first, second = checks
                return lambda value: first(value) or second(value)
            return lambda value: any(check(value) for check in checks)
    return None


def _fused_leaf(kind: str, node: dict[str, Any]) -> Predicate:
    low, high = node.get("minimum"), node.get("maximum")
    shortest, longest = node.get("minLength", 0), node.get("maxLength")
    regex = re.compile(node["pattern"]) if "pattern" in node else None
    if kind == "string":
        def string(value: Any) -> bool:
            if type(value) is not str or len(value) < shortest:
                return False
            if longest is not None and len(value) > longest:
                return False
            return regex is None or regex.search(value) is not None
        return string
    if kind == "null":
        return lambda value: value is None
    if kind == "boolean":
        return lambda value: value is True or value is False

    def in_range(value: Any) -> bool:
        return (low is None or value >= low) and (high is None or value <= high)
    if kind == "integer":
        return lambda value: (type(value) is int or (type(value) is float and value.is_integer())
                              ) and in_range(value)
    return lambda value: (type(value) is int or type(value) is float) and in_range(value)


def _fused_object(node: dict[str, Any]) -> Predicate:
    compiled = {name: compile_schema(sub) for name, sub in node.get("properties", {}).items()}
    required = tuple(node.get("required", ()))
    most = node.get("maxProperties")
    extra_rule = node.get("additionalProperties", True)
    extra = None if extra_rule is True else compile_schema(extra_rule)

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return False
        if most is not None and len(value) > most:
            return False
        for name in required:
            if name not in value:
                return False
        for name, item in value.items():
            sub = compiled.get(name)
            if sub is not None:
                if not sub(item):
                    return False
            elif extra is not None and not extra(item):
                return False
        return True

    return check


def _fused_array(node: dict[str, Any]) -> Predicate:
    item = compile_schema(node["items"]) if "items" in node else None
    fewest, most = node.get("minItems", 0), node.get("maxItems")

    def check(value: Any) -> bool:
        if type(value) is not list or len(value) < fewest:
            return False
        if most is not None and len(value) > most:
            return False
        if item is not None:
            for entry in value:  # a loop, not a generator: half the time on long lists
                if not item(entry):
                    return False
        return True

    return check


def _keyword(keyword: str, argument: Any, node: dict[str, Any],
             compiled: dict[str, Predicate]) -> Predicate:
    if keyword == "type":
        kinds = [_TYPES[t] for t in ([argument] if isinstance(argument, str) else argument)]
        if len(kinds) == 1:
            return kinds[0]
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
    if keyword == "maxProperties":
        return lambda value: not isinstance(value, dict) or len(value) <= argument
    if keyword == "items":
        item = compile_schema(argument)

        def check_items(value: Any) -> bool:
            if isinstance(value, list):
                for entry in value:
                    if not item(entry):
                        return False
            return True

        return check_items
    if keyword == "minItems":
        return lambda value: not isinstance(value, list) or len(value) >= argument
    if keyword == "maxItems":
        return lambda value: not isinstance(value, list) or len(value) <= argument
    if keyword == "uniqueItems":
        if not argument:
            return lambda value: True
        return lambda value: not isinstance(value, list) or _unique(value)
    if keyword == "minLength":
        # jsonschema counts code points, as len() does
        return lambda value: not isinstance(value, str) or len(value) >= argument
    if keyword == "maxLength":
        return lambda value: not isinstance(value, str) or len(value) <= argument
    if keyword == "pattern":
        regex = re.compile(argument)
        return lambda value: not isinstance(value, str) or regex.search(value) is not None
    if keyword == "minimum":
        return lambda value: not _number(value) or value >= argument
    if keyword == "maximum":
        return lambda value: not _number(value) or value <= argument
    if keyword in ("enum", "const"):
        allowed = argument if keyword == "enum" else [argument]
        if not all(a is None or isinstance(a, str) or a is True or a is False
                   or type(a) is int for a in allowed):
            raise KeyError(keyword)
        texts = frozenset(a for a in allowed if isinstance(a, str))
        none_ok = any(a is None for a in allowed)
        true_ok = any(a is True for a in allowed)
        false_ok = any(a is False for a in allowed)
        numbers = frozenset(a for a in allowed if type(a) is int)

        def member(value: Any) -> bool:
            if type(value) is str:
                return value in texts
            if value is None:
                return none_ok
            if value is True or value is False:
                return true_ok if value else false_ok
            # 1 and 1.0 are the same number to jsonschema; True is not 1
            return _number(value) and value in numbers
        return member
    if keyword == "oneOf":
        options = [compile_schema(sub) for sub in argument]

        def exactly_one(value: Any) -> bool:
            found = 0
            for option in options:
                if option(value):
                    found += 1
                    if found > 1:
                        return False
            return found == 1

        return exactly_one
    raise KeyError(keyword)


def short(value: Any) -> str:
    """A value as a message may quote it: its repr, cut to a short prefix."""
    if isinstance(value, str):
        text = repr(value[:QUOTED + 1])
    elif isinstance(value, (dict, list)):
        text = "an object" if isinstance(value, dict) else "a list"
    else:
        try:
            text = repr(value)
        except ValueError:  # an int too long to print
            text = "a very long number"
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


class SchemaCheck:
    """One schema, compiled once: :meth:`problem` says what is wrong, or None."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        try:
            self._fast: Predicate | None = compile_schema(inline_refs(schema))
        except KeyError:  # a keyword the fast path does not know: jsonschema checks all
            self._fast = None
        self._explainer: jsonschema.protocols.Validator | None = None

    def is_valid(self, data: Any) -> bool:
        """True only when ``data`` certainly satisfies the schema."""
        if self._fast is None:
            return False
        try:
            return self._fast(data)
        except Unsure:
            return False

    def problem(self, data: Any) -> str | None:
        """None for valid data, else where and what, in one short line."""
        if self.is_valid(data):
            return None
        error = self._best_error(data)
        if error is None:
            return None
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        return f"{where}: {_message(error)}"

    def _best_error(self, data: Any) -> jsonschema.ValidationError | None:
        import jsonschema

        if self._explainer is None:
            cls = jsonschema.validators.validator_for(self.schema)
            self._explainer = cls(self.schema)
        error: jsonschema.ValidationError | None = jsonschema.exceptions.best_match(
            self._explainer.iter_errors(data))
        return error


def _message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message without the whole offending value in it."""
    value = short(error.instance)
    rule = error.validator
    limit = error.validator_value
    if rule in ("maxLength", "minLength"):
        return f"{value} is too {'long' if rule == 'maxLength' else 'short'} (limit {limit})"
    if rule in ("maximum", "minimum"):
        return f"{value} is {'over' if rule == 'maximum' else 'under'} the limit {limit}"
    if rule in ("maxItems", "maxProperties"):
        return f"{value} has more than {limit} entries"
    if rule == "type":
        return f"{value} is not of type {limit!r}"
    if rule in ("enum", "const"):
        return f"{value} is not allowed here"
    if rule == "pattern":
        return f"{value} is not in the expected form"
    message = str(error.message)
    return message if len(message) <= 2 * QUOTED else message[:2 * QUOTED] + "…"
