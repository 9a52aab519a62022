"""Reading YAML safely into plain data while remembering where each value stood.

PyYAML's safe composer builds a node tree with line and column marks; we turn that
tree into plain dicts, lists and scalars ourselves so that we can bound its size and
depth (an alias bomb or a deeply nested file fails fast with a located error) and
still find the place of any value later, from its path, for error messages.
Nothing here constructs Python objects from tags: only the standard scalar tags are
accepted. Plain scalars are read as YAML 1.2's core schema reads them (as editors do):
only ``true``/``false`` are booleans, and ``18:00`` or ``No`` stay text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml

from game.engine.diagnostics import Diagnostic, Severity

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


# YAML 1.2's core schema, which the YAML language server in an editor also reads: only
# these plain scalars are anything but text. YAML 1.1 (PyYAML's default) also reads
# yes/no/on/off as booleans, 18:00 as the number 1080 and 012 as octal 10, so a file
# the editor shows clean would fail in `check`; here the two always agree.
_CORE_TAGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tag:yaml.org,2002:null", re.compile(r"(?:~|null|Null|NULL|)\Z")),
    ("tag:yaml.org,2002:bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    ("tag:yaml.org,2002:int", re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    ("tag:yaml.org,2002:float", re.compile(
        r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")),
)
# Only a plain scalar starting with one of these can be anything but text.
_CORE_FIRST = frozenset("~nNtTfF-+.0123456789")
_STR_TAG = "tag:yaml.org,2002:str"


def core_tag(value: str) -> str:
    """The tag YAML 1.2's core schema gives a plain (unquoted) scalar."""
    if value and value[0] not in _CORE_FIRST:
        return _STR_TAG
    for tag, pattern in _CORE_TAGS:
        if pattern.match(value):
            return tag
    return _STR_TAG


_SCALAR_NODE = yaml.ScalarNode


class _Composer(_Loader):
    """The safe C loader, resolving plain scalars by YAML 1.2's core schema, with a memo.

    Composing calls ``resolve`` for every scalar, and most scalars are keys and short
    values that repeat ("id", "text", "goto", "true"): remembering the answer halves the
    time to compose a long file. The answer depends only on the value.
    """

    _memo: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is _SCALAR_NODE:
            if not implicit[0] or (value and value[0] not in _CORE_FIRST):
                return _STR_TAG  # quoted or a block scalar, or plain text: no lookup needed
            tag = self._memo.get(value)
            if tag is None:
                tag = core_tag(value)
                if len(self._memo) < 100_000:
                    self._memo[value] = tag
            return tag
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"


MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_DEPTH = 64

_SCALAR_TAGS = frozenset(tag for tag, _ in _CORE_TAGS)
_SCALAR = yaml.ScalarNode
_TRUE = frozenset(("true", "True", "TRUE"))


def _core_value(tag: str, text: str) -> Any:
    """A scalar's value under its tag, as the core schema reads it; ValueError if it does
    not fit (``!!int yes``)."""
    if tag == "tag:yaml.org,2002:int":
        if not _CORE_TAGS[2][1].match(text):
            raise ValueError(f"{text!r} is not a whole number")
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)
    if tag == "tag:yaml.org,2002:float":
        if _CORE_TAGS[2][1].match(text):  # "!!float 12" is 12.0
            return float(_core_value("tag:yaml.org,2002:int", text))
        if not _CORE_TAGS[3][1].match(text):
            raise ValueError(f"{text!r} is not a number")
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        return float("nan") if lowered == ".nan" else float(text)
    if tag == "tag:yaml.org,2002:bool":
        if not _CORE_TAGS[1][1].match(text):
            raise ValueError(f"{text!r} is not true or false")
        return text in _TRUE
    if tag == "tag:yaml.org,2002:null":
        if not _CORE_TAGS[0][1].match(text):
            raise ValueError(f"{text!r} is not null")
        return None
    raise ValueError(f"unsupported tag {tag!r}")  # pragma: no cover - callers check the tag


PathKey = str | int
Path = Sequence[PathKey]


@dataclass
class YamlDocument:
    """A parsed file: its data, and its node tree for locating values by path.

    A document rebuilt from the parse cache has its data but no tree (``text`` instead):
    the tree is composed again only if a place in it is asked for.
    """

    path: str
    data: Any
    _root: yaml.Node | None
    text: str | None = None

    @property
    def has_tree(self) -> bool:
        return self._root is not None or self.text is None

    @property
    def root(self) -> yaml.Node | None:
        if self._root is None and self.text is not None:
            self._root = yaml.compose(self.text, Loader=_Composer)
            self.text = None
        return self._root

    def forget_tree(self, text: str) -> None:
        """Let the node tree go, keeping the text to compose it again if a place is asked
        for: a loaded story keeps its documents for its places, and a tree is many times
        the size of its text."""
        self._root = None
        self.text = text

    def locate(self, where: Path, start: yaml.Node | None = None) -> tuple[int, int]:
        """Line and column (from 1) of the value at ``where``, or of its nearest parent.

        ``start`` (a node found with :meth:`node_at`) makes ``where`` relative to it,
        which saves walking from the root for every part of a long file.
        """
        node = start or self.root
        best = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        for key in where:
            child = _child(node, key)
            if child is None:
                break
            node = child
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
        return best

    def node_at(self, where: Path) -> yaml.Node | None:
        """The node of the value at ``where``, or None if there is none."""
        node = self.root
        for key in where:
            node = _child(node, key)
        return node

    @staticmethod
    def child(node: yaml.Node | None, key: PathKey) -> yaml.Node | None:
        """The node one step below ``node`` (a mapping key or a list index), if any."""
        return _child(node, key)

    def locate_key(self, where: Path) -> tuple[int, int]:
        """Place of the *key* of a mapping entry (for unknown-key errors), else of the value."""
        if not where:
            return self.locate(where)
        parent = self.root
        for key in where[:-1]:
            parent = _child(parent, key)
            if parent is None:
                return self.locate(where)
        if isinstance(parent, yaml.MappingNode):
            for key_node, _ in parent.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == where[-1]:
                    return key_node.start_mark.line + 1, key_node.start_mark.column + 1
        return self.locate(where)


def _child(node: yaml.Node | None, key: PathKey) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None


class YamlProblem(Exception):
    """A located problem found while reading a file."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def _problem(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> YamlProblem:
    return YamlProblem(Diagnostic(path, line, column, Severity.ERROR, code, message, hint))


def parse_yaml(path: str, raw: bytes) -> YamlDocument:
    """Parse one file's bytes; raise :class:`YamlProblem` with a place on any failure."""
    if len(raw) > MAX_FILE_BYTES:
        raise _problem(path, 1, 1, "DL001", f"file is too large ({len(raw)} bytes)",
                       f"the limit is {MAX_FILE_BYTES} bytes; split it into several files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _problem(path, line, column, "DL001", "file is not UTF-8 text",
                       "save it as UTF-8") from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise _problem(path, line, 1, "DL001", "file contains a NUL byte (binary data?)")
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _problem(path, line, column, "DL001",
                       f"YAML syntax: {exc.problem or exc.context or 'cannot parse'}") from None
    except yaml.YAMLError as exc:
        raise _problem(path, 1, 1, "DL001", f"YAML syntax: {exc}") from None
    if root is None:
        return YamlDocument(path, None, None)
    counter = [0]
    data = _to_data(path, root, 0, counter, {})
    return YamlDocument(path, data, root)


def _to_data(path: str, node: yaml.Node, depth: int, counter: list[int],
             expanded: dict[int, tuple[Any, int]]) -> Any:
    mark = node.start_mark
    seen = expanded.get(id(node))
    if seen is not None:
        # An alias of a list or mapping built already: count its size again, as if it were
        # copied, but share the data. A "billion laughs" file then fails in microseconds.
        counter[0] += seen[1]
        if counter[0] > MAX_NODES:
            raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                           "document expands to too many values (alias bomb?)",
                           f"the limit is {MAX_NODES} values")
        return seen[0]
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                       "document expands to too many values (alias bomb?)",
                       f"the limit is {MAX_NODES} values")
    if depth > MAX_DEPTH:
        raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                       f"document is nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag
        if tag == _STR_TAG:
            return node.value
        if tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay as the author wrote them, e.g. 2018-02-15
        if tag not in _SCALAR_TAGS:
            raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                           f"unsupported YAML tag {tag!r}", "only plain values are allowed")
        try:
            return _core_value(tag, node.value)
        except (ValueError, OverflowError) as exc:
            raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                           f"bad value: {exc}") from None
    start = counter[0]
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                           f"unsupported YAML tag {node.tag!r}")
        plain = depth + 1 <= MAX_DEPTH
        items = []
        for item in node.value:
            if plain and item.__class__ is _SCALAR and item.tag == _STR_TAG:
                counter[0] += 1  # the commonest value, taken here without a call
                items.append(item.value)
            else:
                items.append(_to_data(path, item, depth + 1, counter, expanded))
        if counter[0] > MAX_NODES:
            raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                           "document expands to too many values (alias bomb?)",
                           f"the limit is {MAX_NODES} values")
        expanded[id(node)] = (items, counter[0] - start + 1)
        return items
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                           f"unsupported YAML tag {node.tag!r}")
        result: dict[str, Any] = {}
        plain = depth + 1 <= MAX_DEPTH
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem(path, key_mark.line + 1, key_mark.column + 1, "DL001",
                               "mapping keys must be plain text")
            key = key_node.value
            if key in result:
                raise _problem(path, key_mark.line + 1, key_mark.column + 1, "DL002",
                               f"key {key!r} appears twice in the same mapping")
            if plain and value_node.__class__ is _SCALAR and value_node.tag == _STR_TAG:
                counter[0] += 1  # the commonest value, taken here without a call
                result[key] = value_node.value
            else:
                result[key] = _to_data(path, value_node, depth + 1, counter, expanded)
        if counter[0] > MAX_NODES:
            raise _problem(path, mark.line + 1, mark.column + 1, "DL001",
                           "document expands to too many values (alias bomb?)",
                           f"the limit is {MAX_NODES} values")
        expanded[id(node)] = (result, counter[0] - start + 1)
        return result
    raise _problem(path, mark.line + 1, mark.column + 1, "DL001", "unsupported YAML node")
