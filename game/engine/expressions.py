"""The small language of conditions and effects, parsed by hand (no eval, no exec).

Conditions::

    trust.novaya >= 2 and not checked.photo_date
    verdict.novaya_count == "attributed" or visited("day2.wires") > 0

Effects::

    time -= 1
    corrections += 1
    ran_denial = true

Values are booleans, integers and strings. Names are dotted identifiers
(``time``, ``trust.<source>``, ``checked.<check>``, ``verdict.<claim>`` and the
scenario's own variables); functions are ``visited(scene)``, ``random(n)``
(1..n, from the story's seeded stream), ``min(a, b)`` and ``max(a, b)``.
Parsing returns an AST that is type-checked against the names a scenario
declares, then compiled to closures so that play is fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

Value = bool | int | str
ValueType = type[bool] | type[int] | type[str]


class ExpressionError(Exception):
    """A problem in an expression, at ``offset`` characters from its start."""

    def __init__(self, message: str, offset: int = 0, hint: str = "",
                 unknown: tuple[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint
        # ("name", n) or ("scene", id) when the problem is a reference to something unknown
        self.unknown = unknown


class Env(Protocol):
    """What evaluation reads: the story state."""

    def lookup(self, name: str) -> Value: ...

    def visits_of(self, scene: str) -> int: ...

    def random(self, n: int) -> int: ...


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>\d+)
      | (?P<string>"[^"\\]*"|'[^'\\]*')
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
      | (?P<op>==|!=|<=|>=|\+=|-=|[-+*<>()=,])
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false"}
_FUNCTIONS: dict[str, tuple[int, ValueType]] = {
    "visited": (1, int),
    "random": (1, int),
    "min": (2, int),
    "max": (2, int),
}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    stripped_end = len(source.rstrip())
    while position < stripped_end:
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            bad = position + (len(source[position:]) - len(source[position:].lstrip()))
            raise ExpressionError(f"unexpected character {source[bad]!r}", bad)
        kind = match.lastgroup or ""
        text = match.group(kind)
        tokens.append(Token(kind, text, match.start(kind)))
        position = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


# --- AST -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    offset: int


@dataclass(frozen=True)
class Literal(Node):
    value: Value


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Call(Node):
    function: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Unary(Node):
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str
    left: Node
    right: Node


# Parsing, type-checking and evaluating all recurse over the tree, so its depth is bounded
# here, where a located error can still be given: brackets, "not", "-" and function calls
# nest at most MAX_NESTING deep, and an expression has at most MAX_TOKENS parts (a chain
# "1 + 1 + ..." builds a tree as deep as it is long). Real conditions use a handful.
MAX_NESTING = 32
MAX_TOKENS = 400


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        if len(self.tokens) > MAX_TOKENS:
            raise ExpressionError(f"expression is too long (more than {MAX_TOKENS} parts)",
                                  self.tokens[MAX_TOKENS].offset,
                                  "split it: set a variable in an effect and test that")
        self.index = 0
        self.nesting = 0

    def enter(self, offset: int) -> None:
        """One level deeper (a bracket, 'not', '-' or a call); a located error past the limit."""
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ExpressionError(f"expression is nested too deeply (more than {MAX_NESTING} "
                                  "levels of brackets, 'not' or '-')", offset,
                                  "split it: set a variable in an effect and test that")

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, text: str) -> bool:
        if self.token.text == text and self.token.kind in ("op", "name"):
            self.index += 1
            return True
        return False

    def expect_end(self) -> None:
        if self.token.kind != "end":
            raise ExpressionError(f"unexpected {self.token.text!r}", self.token.offset)

    def expression(self) -> Node:
        node = self.conjunction()
        while self.token.text == "or":
            offset = self.advance().offset
            node = Binary(offset, "or", node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.negation()
        while self.token.text == "and":
            offset = self.advance().offset
            node = Binary(offset, "and", node, self.negation())
        return node

    def negation(self) -> Node:
        if self.token.text == "not":
            offset = self.advance().offset
            self.enter(offset)
            node = Unary(offset, "not", self.negation())
            self.nesting -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        node = self.sum()
        if self.token.text in ("==", "!=", "<", "<=", ">", ">="):
            token = self.advance()
            node = Binary(token.offset, token.text, node, self.sum())
            if self.token.text in ("==", "!=", "<", "<=", ">", ">="):
                raise ExpressionError("comparisons cannot be chained", self.token.offset,
                                      "join them with 'and'")
        elif self.token.text == "=":
            raise ExpressionError("'=' assigns; to compare, write '=='", self.token.offset)
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.token.text in ("+", "-") and self.token.kind == "op":
            token = self.advance()
            node = Binary(token.offset, token.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.token.text == "*" and self.token.kind == "op":
            token = self.advance()
            node = Binary(token.offset, "*", node, self.unary())
        return node

    def unary(self) -> Node:
        if self.token.text == "-" and self.token.kind == "op":
            offset = self.advance().offset
            self.enter(offset)
            node = Unary(offset, "-", self.unary())
            self.nesting -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Literal(token.offset, int(token.text))
        if token.kind == "string":
            return Literal(token.offset, token.text[1:-1])
        if token.kind == "name":
            if token.text in ("true", "false"):
                return Literal(token.offset, token.text == "true")
            if token.text in _KEYWORDS:
                raise ExpressionError(f"expected a value, found {token.text!r}", token.offset)
            if self.token.text == "(":
                self.enter(self.advance().offset)
                args: list[Node] = []
                if self.token.text != ")":
                    args.append(self.expression())
                    while self.accept(","):
                        args.append(self.expression())
                if not self.accept(")"):
                    raise ExpressionError("expected ')'", self.token.offset)
                self.nesting -= 1
                # checked here as well as in infer(): compiling needs the arguments it names
                if token.text in _FUNCTIONS and len(args) != _FUNCTIONS[token.text][0]:
                    raise ExpressionError(f"{token.text}() takes {_FUNCTIONS[token.text][0]} "
                                          "argument(s)", token.offset)
                if token.text == "visited" and not (isinstance(args[0], Literal)
                                                    and isinstance(args[0].value, str)):
                    raise ExpressionError("visited() takes a scene id in quotes", args[0].offset)
                return Call(token.offset, token.text, tuple(args))
            return Name(token.offset, token.text)
        if token.text == "(":
            self.enter(token.offset)
            node = self.expression()
            if not self.accept(")"):
                raise ExpressionError("expected ')'", self.token.offset)
            self.nesting -= 1
            return node
        if token.kind == "end":
            raise ExpressionError("expression ends too soon", token.offset)
        raise ExpressionError(f"expected a value, found {token.text!r}", token.offset)


# --- typing ----------------------------------------------------------------------------


def _type_name(kind: ValueType) -> str:
    return {bool: "true/false", int: "a number", str: "text"}[kind]


def infer(node: Node, names: Mapping[str, ValueType], scenes: Mapping[str, object]) -> ValueType:
    """The type of ``node``; raises ExpressionError for unknown names and type mistakes."""
    if isinstance(node, Literal):
        return type(node.value)
    if isinstance(node, Name):
        if node.name not in names:
            raise ExpressionError(f"unknown name {node.name!r}", node.offset,
                                  _suggest(node.name, names), ("name", node.name))
        return names[node.name]
    if isinstance(node, Call):
        if node.function not in _FUNCTIONS:
            raise ExpressionError(f"unknown function {node.function!r}", node.offset,
                                  "functions are " + ", ".join(sorted(_FUNCTIONS)))
        arity, result = _FUNCTIONS[node.function]
        if len(node.args) != arity:
            raise ExpressionError(f"{node.function}() takes {arity} argument(s)", node.offset)
        if node.function == "visited":
            arg = node.args[0]
            if not (isinstance(arg, Literal) and isinstance(arg.value, str)):
                raise ExpressionError("visited() takes a scene id in quotes", arg.offset)
            if arg.value not in scenes:
                raise ExpressionError(f"visited() names unknown scene {arg.value!r}", arg.offset,
                                      _suggest(arg.value, scenes), ("scene", arg.value))
        else:
            for arg in node.args:
                if infer(arg, names, scenes) is not int:
                    raise ExpressionError(f"{node.function}() takes numbers", arg.offset)
        return result
    if isinstance(node, Unary):
        operand = infer(node.operand, names, scenes)
        wanted: ValueType = bool if node.op == "not" else int
        if operand is not wanted:
            raise ExpressionError(f"'{node.op}' needs {_type_name(wanted)}, "
                                  f"not {_type_name(operand)}", node.offset)
        return wanted
    if isinstance(node, Binary):
        left = infer(node.left, names, scenes)
        right = infer(node.right, names, scenes)
        if node.op in ("and", "or"):
            if left is not bool or right is not bool:
                raise ExpressionError(f"'{node.op}' joins true/false values", node.offset)
            return bool
        if node.op in ("==", "!="):
            if left is not right:
                raise ExpressionError(f"cannot compare {_type_name(left)} with "
                                      f"{_type_name(right)}", node.offset)
            return bool
        if left is not int or right is not int:
            raise ExpressionError(f"'{node.op}' needs numbers", node.offset)
        return bool if node.op in ("<", "<=", ">", ">=") else int
    raise ExpressionError("unsupported expression", node.offset)  # pragma: no cover


def _suggest(name: str, known: Mapping[str, object]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def names_in(node: Node) -> set[str]:
    """Every variable name an expression reads."""
    if isinstance(node, Name):
        return {node.name}
    if isinstance(node, Call):
        return set().union(*(names_in(a) for a in node.args)) if node.args else set()
    if isinstance(node, Unary):
        return names_in(node.operand)
    if isinstance(node, Binary):
        return names_in(node.left) | names_in(node.right)
    return set()


# --- compiling -------------------------------------------------------------------------

Evaluator = Callable[[Env], Value]


def _compile(node: Node) -> Evaluator:
    if isinstance(node, Literal):
        value = node.value
        return lambda env: value
    if isinstance(node, Name):
        name = node.name
        return lambda env: env.lookup(name)
    if isinstance(node, Call):
        args = [_compile(a) for a in node.args]
        if node.function == "visited":
            scene = node.args[0].value  # type: ignore[attr-defined]
            return lambda env: env.visits_of(scene)
        if node.function == "random":
            return lambda env: env.random(int(args[0](env)))
        if node.function == "min":
            return lambda env: min(int(args[0](env)), int(args[1](env)))
        return lambda env: max(int(args[0](env)), int(args[1](env)))
    if isinstance(node, Unary):
        operand = _compile(node.operand)
        if node.op == "not":
            return lambda env: not operand(env)
        return lambda env: -int(operand(env))
    if isinstance(node, Binary):
        left, right = _compile(node.left), _compile(node.right)
        op = node.op
        if op == "and":
            return lambda env: bool(left(env)) and bool(right(env))
        if op == "or":
            return lambda env: bool(left(env)) or bool(right(env))
        if op == "==":
            return lambda env: left(env) == right(env)
        if op == "!=":
            return lambda env: left(env) != right(env)
        numeric: dict[str, Callable[[int, int], Value]] = {
            "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b,
            ">": lambda a, b: a > b,
            ">=": lambda a, b: a >= b,
            "+": lambda a, b: a + b,
            "-": lambda a, b: a - b,
            "*": lambda a, b: a * b,
        }
        apply = numeric[op]
        return lambda env: apply(int(left(env)), int(right(env)))
    raise ExpressionError("unsupported expression", node.offset)  # pragma: no cover


@dataclass(frozen=True)
class Expr:
    """A parsed, compiled condition or value."""

    source: str
    tree: Node
    evaluate: Evaluator

    def __call__(self, env: Env) -> Value:
        return self.evaluate(env)


@dataclass(frozen=True)
class Effect:
    """``target op value``: an assignment, increment or decrement."""

    source: str
    target: str
    op: str  # "=", "+=", "-="
    value: Expr

    def apply(self, env: Env, store: dict[str, Value]) -> None:
        value = self.value(env)
        if self.op == "=":
            store[self.target] = value
        elif self.op == "+=":
            store[self.target] = int(store[self.target]) + int(value)
        else:
            store[self.target] = int(store[self.target]) - int(value)


def parse_expression(source: str) -> Expr:
    """Parse (without type-checking) a condition or value expression."""
    if not isinstance(source, str):
        raise ExpressionError("an expression must be text")
    return _parse_expression(source)


@lru_cache(maxsize=8192)
def _parse_expression(source: str) -> Expr:
    # An Expr is immutable and its closures read only the env they are given, so the
    # same text can share one parse: stories repeat their conditions a great deal.
    if not source.strip():
        raise ExpressionError("empty expression")
    parser = _Parser(source)
    tree = parser.expression()
    parser.expect_end()
    return Expr(source, tree, _compile(tree))


_EFFECT = re.compile(r"^\s*(?P<target>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
                     r"\s*(?P<op>\+=|-=|=(?!=))\s*")


def parse_effect(source: str) -> Effect:
    """Parse (without type-checking) an effect such as ``time -= 1``."""
    if not isinstance(source, str):
        raise ExpressionError("an effect must be text")
    return _parse_effect(source)


@lru_cache(maxsize=8192)
def _parse_effect(source: str) -> Effect:
    match = _EFFECT.match(source)
    if match is None:
        raise ExpressionError("an effect looks like 'name = value', 'name += n' or 'name -= n'",
                              0)
    rest = source[match.end():]
    if not rest.strip():
        raise ExpressionError("effect has no value", len(source))
    try:
        value = parse_expression(rest)
    except ExpressionError as exc:
        raise ExpressionError(exc.message, exc.offset + match.end(), exc.hint,
                              exc.unknown) from None
    value = Expr(rest, _shift(value.tree, match.end()), value.evaluate)
    return Effect(source, match.group("target"), match.group("op"), value)


def _shift(node: Node, by: int) -> Node:
    """The same tree with offsets counted from the start of the whole effect."""
    if isinstance(node, Literal):
        return Literal(node.offset + by, node.value)
    if isinstance(node, Name):
        return Name(node.offset + by, node.name)
    if isinstance(node, Call):
        return Call(node.offset + by, node.function, tuple(_shift(a, by) for a in node.args))
    if isinstance(node, Unary):
        return Unary(node.offset + by, node.op, _shift(node.operand, by))
    if isinstance(node, Binary):
        return Binary(node.offset + by, node.op, _shift(node.left, by), _shift(node.right, by))
    return node  # pragma: no cover


def check_effect(effect: Effect, names: Mapping[str, ValueType], writable: Mapping[str, object],
                 scenes: Mapping[str, object]) -> None:
    """Type-check an effect; raises ExpressionError with an offset into the effect text."""
    if effect.target not in names:
        raise ExpressionError(f"unknown name {effect.target!r}", 0, _suggest(effect.target, names),
                              ("name", effect.target))
    if effect.target not in writable:
        raise ExpressionError(f"{effect.target!r} cannot be set by an effect", 0,
                              "checks and verdicts are set by a choice's 'verify' and 'verdict'")
    target_type = names[effect.target]
    value_type = infer(effect.value.tree, names, scenes)
    if effect.op != "=" and target_type is not int:
        raise ExpressionError(f"'{effect.op}' needs a number variable", 0)
    if value_type is not target_type:
        raise ExpressionError(f"{effect.target!r} holds {_type_name(target_type)}, "
                              f"not {_type_name(value_type)}", effect.value.tree.offset)
