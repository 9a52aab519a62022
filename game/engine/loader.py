"""The one way content is read: a folder (or file) of YAML into a checked Scenario.

Every problem becomes a :class:`Diagnostic` with its file, line and column; loading
goes on past the first problem so that an author sees all of them at once.
"""

from __future__ import annotations

import difflib
import functools
import gc
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine import parse_cache, schema
from game.engine.diagnostics import ContentError, Diagnostic, Severity, sort_key
from game.engine.expressions import (
    Effect,
    Expr,
    ExpressionError,
    ValueType,
    check_effect,
    infer,
    parse_effect,
    parse_expression,
)
from game.engine.model import (
    Call,
    Check,
    Choice,
    Claim,
    Ending,
    Grade,
    Grading,
    Lesson,
    Place,
    QuizItem,
    Report,
    Route,
    Scenario,
    Scene,
    Source,
    TextBlock,
    Verdict,
)
from game.engine.quotes import Article
from game.engine.yamlsource import YamlDocument, YamlProblem, parse_yaml
from game.storage import Refused, read_bounded

YAML_SUFFIXES = (".yaml", ".yml")
MAX_ARTICLE_BYTES = 8 * 1024 * 1024  # a long article is a few hundred kilobytes
FORMAT = 2  # the newest content format this version reads (docs/authoring.md)
SUBSTITUTION = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def substitution_parts(inner: str) -> tuple[str, tuple[str, ...]]:
    """``calls|call|calls`` -> (``calls``, (``call``, ``calls``)): a name, and the singular
    and plural word to show after a number (``{calls|call|calls}`` reads "1 call", "2 calls")."""
    name, *forms = (part.strip() for part in inner.split("|"))
    return name, tuple(forms)


@dataclass
class LoadResult:
    """The scenario (None when errors stop it being built) and every diagnostic found."""

    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def scenario_files(root: Path) -> list[Path]:
    """The YAML files of a scenario: the file itself, or every one below a folder, sorted."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def display_path(path: Path) -> str:
    """A path as an author would type it: relative to the working folder where possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def load(root: str | os.PathLike[str]) -> LoadResult:
    """Read and check a scenario; never raises for bad content."""
    # Loading makes hundreds of thousands of objects that all stay alive, which sets the
    # cycle collector scanning them again and again (a 10,000-scene story took five times
    # as long). Nothing made here forms garbage cycles, so collection waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root))
    finally:
        if collecting:
            # The story lives as long as play does: moved out of the collector's sight, it is
            # not scanned again and again during play, which made each choice in a
            # 10,000-scene story several times slower than in a short one. Objects are still
            # freed as usual when the story is dropped; only reference cycles made before
            # this point wait (nothing here makes any).
            gc.freeze()
            gc.enable()


def _load(root_path: Path) -> LoadResult:
    root = root_path
    if not root_path.exists():
        return LoadResult(None, [Diagnostic(str(root), 0, 0, Severity.ERROR, "DL015",
                                            "no such file or folder")])
    files = scenario_files(root_path)
    if not files:
        return LoadResult(None, [Diagnostic(str(root), 0, 0, Severity.ERROR, "DL015",
                                            "no .yaml files found")])
    builder = _Builder()
    digest = hashlib.sha256()
    for file in files:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            builder.diagnostics.append(Diagnostic(display_path(file), 0, 0, Severity.ERROR,
                                                  "DL015", f"cannot read the file ({exc.strerror})"))
            continue
        digest.update(file.relative_to(root_path).as_posix().encode() if root_path.is_dir() else b"")
        digest.update(raw)
        builder.read(display_path(file), file, raw)
    scenario = builder.build(digest.hexdigest()[:16], tuple(display_path(f) for f in files))
    builder.diagnostics.sort(key=sort_key)
    return LoadResult(scenario, builder.diagnostics)


def load_scenario(root: str | os.PathLike[str]) -> Scenario:
    """Read a scenario for play; raises :class:`ContentError` if it has errors."""
    result = load(root)
    if result.errors or result.scenario is None:
        raise ContentError(result.diagnostics)
    return result.scenario


def normalize_quote(text: str) -> str:
    """Text for verbatim comparison: quote marks unified, white space folded."""
    table = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                           "‘": "'", "’": "'", "‚": "'", "`": "'"})
    return " ".join(text.translate(table).split())


_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:[\s\"'\[{]*([A-Za-z0-9_.-]+)", re.MULTILINE)
_NAME_SECTIONS = (("verdict.", "claims"), ("trust.", "sources"), ("checked.", "checks"),
                  ("source.", "sources"))


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Item:
    """A raw mapping from a file, with what is needed to locate its parts.

    Places are found only when something asks for their line (an error, a warning, an
    UNTESTED line): walking the node tree for every part of a long story cost more than
    building the story, and a clean load asks for almost none of them.
    """

    __slots__ = ("_node", "data", "doc", "file", "where")

    def __init__(self, data: dict[str, Any], doc: YamlDocument, where: tuple[str | int, ...],
                 file: Path, parent: _Item | None = None) -> None:
        self.data = data
        self.doc = doc
        self.where = where
        self.file = file
        self._node: Any = parent  # the parent item until this item's node is looked up

    def _locate(self, more: tuple[str | int, ...]) -> tuple[int, int]:
        node = self._node
        if isinstance(node, _Item) or node is None:
            # this item's node, from its parent's (already found) or from the root
            if isinstance(node, _Item):
                base = node._own_node()
                rest = self.where[len(node.where):]
            else:
                base, rest = self.doc.root, self.where
            for key in rest:
                base = self.doc.child(base, key)
            self._node = node = base if base is not None else False
        if node is False:
            return self.doc.locate([*self.where, *more])
        return self.doc.locate(more, node)

    def _own_node(self) -> Any:
        self._locate(())
        return self._node if self._node is not False else None

    def place(self, *more: str | int) -> Place:
        return Place(self.doc.path, find=lambda: self._locate(more))

    def part(self, data: dict[str, Any], *more: str | int) -> _Item:
        """The mapping at ``more`` inside this one, as an item of its own."""
        return _Item(data, self.doc, (*self.where, *more), self.file, self)


class _Builder:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.scenario_items: list[_Item] = []
        self.variables: list[_Item] = []
        self.format = 1
        self.sections: dict[str, list[_Item]] = {
            k: [] for k in ("lessons", "sources", "reports", "claims", "checks", "scenes", "quiz")}
        # What a failed part would have defined, so that references to it are not reported
        # again as errors of their own: section ("*" when unknown) -> id -> the root error.
        self.phantoms: dict[str, dict[str, Place]] = {}
        self.lost_files: list[Place] = []  # files that could not be read at all
        self.good_conditions: set[str] = set()  # condition texts already type-checked
        self.head_failed: Place | None = None

    # --- reading ------------------------------------------------------------------------

    def error(self, place: Place, code: str, message: str, hint: str = "",
              severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(Diagnostic(place.path, place.line, place.column, severity, code,
                                           message, hint))

    def read(self, shown: str, file: Path, raw: bytes) -> None:
        failed: dict[schema.PartKey, Place] = {}
        doc = parse_cache.lookup(shown, raw)
        if doc is None:
            try:
                doc = parse_yaml(shown, raw)
            except YamlProblem as problem:
                self.diagnostics.append(problem.diagnostic)
                self.lose_file(problem.diagnostic, raw)
                return
            if doc.data is None:
                self.diagnostics.append(Diagnostic(shown, 1, 1, Severity.WARNING, "DL015",
                                                   "file is empty"))
                return
            validation = schema.validate_parts(doc)
            self.diagnostics.extend(validation.problems)
            if validation.whole_file:
                self.lose_file(validation.problems[0], raw)
                return
            if not validation.problems:
                parse_cache.store(raw, doc.data)
            doc.forget_tree(raw.decode("utf-8"))  # places are found again only if asked for
            # Only the parts with a problem are left out: the rest of the file is built and
            # checked as usual, and what the failed parts define is remembered as phantoms.
            failed = validation.failed
            for part, place in failed.items():
                self.remember_failed(doc.data, part, place)
        data: dict[str, Any] = doc.data
        if "scenario" in data and ("scenario",) not in failed:
            self.scenario_items.append(_Item(data["scenario"], doc, ("scenario",), file))
        if "variables" in data and ("variables",) not in failed:
            good = {k: v for k, v in data["variables"].items() if ("variables", k) not in failed}
            self.variables.append(_Item(good, doc, ("variables",), file))
        for section, items in self.sections.items():
            if section not in data or (section,) in failed:
                continue
            for index, item in enumerate(data[section]):
                if (section, index) not in failed:
                    items.append(_Item(item, doc, (section, index), file))

    # --- parts that failed, and what follows from them ------------------------------------

    def remember_failed(self, data: dict[str, Any], part: schema.PartKey, place: Place) -> None:
        """Note the ids a failed part defines, so references to them are not errors too."""
        section = part[0]
        value = data.get(section)
        if section == "scenario":
            self.head_failed = self.head_failed or place
            return
        if section not in self.sections and section != "variables":
            # an unknown section, e.g. 'senes:': its entries count for the section meant
            close = difflib.get_close_matches(section, [*self.sections, "variables"], n=1)
            section = close[0] if close else "*"
        if len(part) == 2:  # one entry: a list item by index, or a variable by name
            entry = part[1]
            value = [value[entry]] if isinstance(value, list) and isinstance(entry, int) \
                else {entry: None}
        if section == "variables":
            for name in value if isinstance(value, dict) else ():
                self.phantom("variables", str(name), place)
            return
        for entry in value if isinstance(value, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("id"), (str, int)):
                self.phantom(section, str(entry["id"]), place)

    def phantom(self, section: str, ident: str, place: Place) -> None:
        known = self.phantoms.setdefault(section, {})
        known.setdefault(ident, place)
        # an id that failed its pattern ('Claim-1') is most likely meant as the valid one
        known.setdefault(re.sub(r"[^a-z0-9_.]", "_", ident.lower()), place)

    def lose_file(self, problem: Diagnostic, raw: bytes) -> None:
        """A file that cannot be read at all: its ids are guessed from its lines."""
        place = Place(problem.path, problem.line, problem.column)
        self.lost_files.append(place)
        text = raw.decode("utf-8", errors="replace")
        for match in _ID_LINE.finditer(text):
            self.phantom("*", match.group(1), place)

    def follows_from(self, section: str, ident: str) -> Place | None:
        """The root error an unknown reference follows from, if it names a failed part's id.

        A near miss counts (an id broken by a typo, 'Xwed.mail', is most likely the one
        meant by references to 'wed.mail'); the reference is checked again once the root
        error is fixed.
        """
        for key in (section, "*"):
            known = self.phantoms.get(key, {})
            place = known.get(ident)
            if place is None and known:
                close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.8)
                place = known[close[0]] if close else None
            if place is not None:
                return place
        return None

    def name_follows_from(self, name: str) -> Place | None:
        """Like :meth:`follows_from`, for a name in an expression or a substitution."""
        for prefix, section in _NAME_SECTIONS:
            if name.startswith(prefix):
                return self.follows_from(section, name[len(prefix):])
        return self.follows_from("variables", name)

    def unresolved(self, place: Place, code: str, message: str, hint: str,
                   root: Place | None) -> None:
        """An unknown reference: nothing when it names a failed part, else an error that
        says which lost file it may follow from."""
        if root is not None:
            return
        if self.lost_files:
            hint = f"perhaps because of the error at {self.lost_files[0]}"
        self.error(place, code, message, hint)

    # --- building -----------------------------------------------------------------------

    def unique(self, section: str) -> dict[str, _Item]:
        seen: dict[str, _Item] = {}
        for item in self.sections[section]:
            key = item.data["id"]
            if key in seen:
                self.error(item.place("id"), "DL004", f"duplicate id {key!r} in {section}",
                           f"first defined at {seen[key].place('id')}")
            else:
                seen[key] = item
        return seen

    def build(self, fingerprint: str, files: tuple[str, ...]) -> Scenario | None:
        head = self.scenario_items[0] if self.scenario_items else None
        if head is None and self.head_failed is None and not self.lost_files:
            if not any(d.is_error for d in self.diagnostics):
                path = files[0] if files else "?"
                self.error(Place(path, 0, 0), "DL015", "no file has a 'scenario:' block",
                           "one file must name the title, article, start scene and time budget")
            return None
        # With the head in a part that failed, the rest is still checked (quotes and the
        # start scene cannot be), and any format-2 key is allowed rather than blamed.
        article_text = None
        self.format = FORMAT
        if head is not None:
            for extra in self.scenario_items[1:]:
                self.error(extra.place(), "DL004", "a second 'scenario:' block",
                           f"the first is at {head.place()}")
            article_text = self.read_article(head)
            self.format = self.content_format(head)

        lessons = {k: Lesson(k, i.data["title"], i.data["technique"], i.place())
                   for k, i in self.unique("lessons").items()}
        sources = {k: Source(k, i.data["name"], i.data["kind"], i.data["who"], i.data["access"],
                             i.data["interest"], i.place(), i.data.get("party", ""))
                   for k, i in self.unique("sources").items()}
        reports = {k: Report(k, i.data["outlet"], str(i.data["date"]), i.data["text"], i.place())
                   for k, i in self.unique("reports").items()}
        check_items = self.unique("checks")
        claim_items = self.unique("claims")
        scene_items = self.unique("scenes")

        variables: dict[str, bool | int] = {}
        variable_places: dict[str, Place] = {}
        for item in self.variables:
            for name, value in item.data.items():
                place = Place(item.doc.path, find=functools.partial(item.doc.locate_key,
                                                                     [*item.where, name]))
                if name in variables:
                    self.error(place, "DL004", f"variable {name!r} is declared twice",
                               f"first declared at {variable_places[name]}")
                variables[name] = value
                variable_places.setdefault(name, place)

        names: dict[str, ValueType] = {"time": int}
        for name, value in variables.items():
            names[name] = bool if isinstance(value, bool) else int
        writable: dict[str, object] = dict.fromkeys(names, True)
        for source_id in sources:
            names[f"trust.{source_id}"] = int
            writable[f"trust.{source_id}"] = True
        for check_id in check_items:
            names[f"checked.{check_id}"] = bool
        for claim_id in claim_items:
            names[f"verdict.{claim_id}"] = str
        self.names = names
        self.writable = writable
        self.scene_ids: Mapping[str, object] = scene_items
        self.sources = sources

        checks = {}
        for key, item in check_items.items():
            self.refs(item, "lessons", lessons, "lesson")
            checks[key] = Check(key, item.data["title"], item.data["finding"],
                                tuple(item.data.get("lessons", [])), item.place(),
                                bool(item.data.get("page", False)))
        claims = {}
        normalized_article = normalize_quote(article_text) if article_text is not None else None
        self.article = Article(normalized_article or "")
        for key, item in claim_items.items():
            claims[key] = self.claim(item, sources, reports, lessons, normalized_article)

        scenes = {}
        previous: dict[Path, tuple[str, str]] = {}
        for key, item in scene_items.items():
            inherited = previous.get(item.file, ("", ""))
            scene = self.scene(item, inherited, claims)
            previous[item.file] = (scene.day, scene.deadline)
            scenes[key] = scene

        if head is None:
            return None
        start = head.data["start"]
        if start not in scenes:
            self.unknown_scene(head.place("start"), start)

        quiz = []
        for key, item in self.unique("quiz").items():
            d = item.data
            quiz.append(QuizItem(key, d["phase"], d["headline"], d["source"], str(d["date"]),
                                 d["reliable"], d["explanation"], item.place()))

        if any(d.is_error for d in self.diagnostics) or self.phantoms or self.lost_files:
            return None
        return Scenario(
            id=head.data["id"], title=head.data["title"], premise=head.data["premise"],
            version=str(head.data.get("version", "1")),
            article_path=str(head.file.parent / head.data["article"]),
            article_text=article_text or "", start=start, time=head.data["time"],
            variables=variables, lessons=lessons, sources=sources, reports=reports,
            claims=claims, checks=checks, scenes=scenes, quiz=tuple(quiz),
            fingerprint=fingerprint, files=files, variable_places=variable_places,
            format=self.format, disputed_note=head.data.get("disputed_note", ""),
        )

    def content_format(self, head: _Item) -> int:
        """The scenario's format version: absent is 1; newer than this game reads is an error."""
        version: int = head.data.get("format", 1)
        if version > FORMAT:
            self.error(head.place("format"), "DL031",
                       f"format {version} is newer than this version of the game reads "
                       f"(up to {FORMAT})", "update the game, or write the scenario in format "
                       f"{FORMAT} (docs/authoring.md)")
        return version

    def needs_format_2(self, item: _Item, key: str) -> None:
        if self.format < 2:
            self.error(item.place(key), "DL031", f"{key!r} needs format 2",
                       "add 'format: 2' to the 'scenario:' block")

    def read_article(self, head: _Item) -> str | None:
        path = head.file.parent / str(head.data["article"])
        try:
            # only a regular file of sane size: never /dev/zero, a pipe or a huge file
            return read_bounded(path, MAX_ARTICLE_BYTES).decode("utf-8")
        except Refused as exc:
            self.error(head.place("article"), "DL015",
                       f"cannot read the article {str(path)!r}: {exc}")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.error(head.place("article"), "DL015", f"cannot read the article {str(path)!r}",
                       exc.__class__.__name__)
            return None

    def refs(self, item: _Item, key: str, known: Mapping[str, object], what: str) -> None:
        for index, ref in enumerate(item.data.get(key, [])):
            if ref not in known:
                self.unknown(item.place(key, index), what, ref, known)

    def unknown(self, place: Place, what: str, ref: str, known: Iterable[str]) -> None:
        close = difflib.get_close_matches(ref, list(known), n=1)
        self.unresolved(place, "DL006", f"unknown {what} {ref!r}",
                        f"did you mean {close[0]!r}?" if close else "",
                        self.follows_from(what + "s", ref))

    def unknown_scene(self, place: Place, ref: str) -> None:
        close = difflib.get_close_matches(ref, list(self.scene_ids), n=1)
        self.unresolved(place, "DL005", f"goes to unknown scene {ref!r}",
                        f"did you mean {close[0]!r}?" if close else "",
                        self.follows_from("scenes", ref))

    def claim(self, item: _Item, sources: Mapping[str, Source], reports: Mapping[str, Report],
              lessons: Mapping[str, Lesson], article: str | None) -> Claim:
        d = item.data
        if d["source"] not in sources:
            self.unknown(item.place("source"), "source", d["source"], sources)
        self.refs(item, "later", reports, "report")
        self.refs(item, "lessons", lessons, "lesson")
        quote = d.get("quote")
        if quote is not None and article is not None and normalize_quote(quote) not in article:
            message = "quote is not verbatim in the article"
            miss = self.article.near_miss(normalize_quote(quote))
            if miss is not None:
                theirs = f"{miss.article_word!r}" if miss.article_word else "the end of the article"
                message += (f": the closest passage is {_clip(miss.passage)!r}, which differs at "
                            f"word {miss.word}: {miss.quote_word!r} where the article has {theirs}")
            self.error(item.place("quote"), "DL014", message,
                       "quote the article exactly, or put later reporting under 'reports' "
                       "with its outlet and date")
        best = tuple(Call(c) for c in d.get("best", []))
        acceptable = tuple(Call(c) for c in d.get("acceptable", []) if Call(c) not in best)
        grades: dict[Call, Grading] = {}
        if "grades" in d:
            self.needs_format_2(item, "grades")
            grades = {Call(call): Grading(Grade(g["grade"]), g["why"], g["response"])
                      for call, g in d["grades"].items()}
            graded_best = tuple(c for c in Call if grades[c].grade is Grade.BEST)
            graded_fair = tuple(c for c in Call if grades[c].grade is Grade.DEFENSIBLE)
            for key, listed, graded in (("best", best, graded_best),
                                        ("acceptable", acceptable, graded_fair)):
                if key in d and set(listed) != set(graded):
                    self.error(item.place(key), "DL030",
                               f"{key!r} disagrees with the calls 'grades' marks "
                               f"{'best' if key == 'best' else 'defensible'}",
                               "leave 'best' and 'acceptable' out: 'grades' replaces them",
                               Severity.WARNING)
            best, acceptable = graded_best, graded_fair
        elif not best:
            self.error(item.place(), "DL003", "claim needs 'best' (format 1) or 'grades' "
                       "(format 2)", "grade every call under 'grades' (docs/authoring.md)")
        return Claim(d["id"], d["source"], d["text"], quote, d["judgement"], d["holds_up"], best,
                     acceptable, tuple(d.get("later", [])), tuple(d.get("lessons", [])),
                     d["note"], item.place(), grades)

    def condition(self, item: _Item, *where: str | int) -> Expr | None:
        node: Any = item.data
        for key in where:
            node = node[key]
        try:
            expr = parse_expression(node)
            if node not in self.good_conditions:  # stories repeat their conditions
                if infer(expr.tree, self.names, self.scene_ids) is not bool:
                    raise ExpressionError("a condition must be true or false", 0)
                self.good_conditions.add(node)
            return expr
        except ExpressionError as exc:
            self.expression_error(item.place(*where), node, exc)
            return None

    def effects(self, item: _Item, *where: str | int) -> tuple[Effect, ...]:
        node: Any = item.data
        for key in where:
            node = node[key]
        result = []
        for index, text in enumerate(node):
            try:
                effect = parse_effect(text)
                check_effect(effect, self.names, self.writable, self.scene_ids)
                result.append(effect)
            except ExpressionError as exc:
                self.expression_error(item.place(*where, index), text, exc)
        return tuple(result)

    def expression_error(self, place: Place, text: str, exc: ExpressionError) -> None:
        code = "DL011" if exc.message.startswith("unknown name") else "DL007"
        shown = Place(place.path, place.line, place.column + exc.offset)
        quoted = text if len(text) <= 60 else text[:57] + "..."
        if exc.unknown is None:
            self.error(shown, code, f"in {quoted!r}: {exc.message}", exc.hint)
            return
        kind, name = exc.unknown
        root = self.follows_from("scenes", name) if kind == "scene" else self.name_follows_from(name)
        self.unresolved(shown, code, f"in {quoted!r}: {exc.message}", exc.hint, root)

    def text(self, item: _Item, where: tuple[str | int, ...], text: str) -> None:
        """Check {substitutions} in player-facing text."""
        if "{" not in text:
            return
        for match in SUBSTITUTION.finditer(text):
            if match.group(1) is None:
                continue
            name, forms = substitution_parts(match.group(1))
            if forms and (len(forms) != 2 or self.names.get(name) is not int or not all(forms)):
                self.error(item.place(*where), "DL018",
                           f"plural substitution {{{match.group(1)}}} needs a number variable, "
                           "a singular and a plural", "e.g. {calls|call|calls} shows '1 call', "
                           "'2 calls'")
                continue
            if name.startswith("source.") and name[len("source."):] in self.sources:
                continue
            if name not in self.names:
                close = difflib.get_close_matches(name, list(self.names), n=1)
                self.unresolved(item.place(*where), "DL018", f"unknown substitution {{{name}}}",
                                f"did you mean {{{close[0]}}}?" if close else
                                "write {{ and }} for literal braces", self.name_follows_from(name))

    def scene(self, item: _Item, inherited: tuple[str, str], claims: Mapping[str, Claim]) -> Scene:
        d = item.data
        scene_id = d["id"]
        self.refs(item, "sources", self.sources, "source")
        self.refs(item, "claims", claims, "claim")
        blocks = []
        raw_text = d["text"]
        for index, block in enumerate([raw_text] if isinstance(raw_text, str) else raw_text):
            where: tuple[str | int, ...] = ("text",) if isinstance(raw_text, str) else ("text", index)
            if isinstance(block, str):
                body, condition = block, None
            else:
                body = block["text"]
                condition = self.condition(item, *where, "if") if "if" in block else None
            self.text(item, where, body)
            blocks.append(TextBlock(f"{scene_id}#{index + 1}", body, condition,
                                    item.place(*where)))

        choices = []
        seen_choice_ids: dict[str, Place] = {}
        for index, raw in enumerate(d.get("choices", [])):
            choice = self.choice(item, index, raw, claims)
            if choice.id in seen_choice_ids:
                self.error(choice.place, "DL004", f"duplicate choice id {choice.id!r} in this scene",
                           f"first at {seen_choice_ids[choice.id]}")
            seen_choice_ids[choice.id] = choice.place
            choices.append(choice)

        routes = []
        for index, raw in enumerate(d.get("route", [])):
            place = item.place("route", index)
            if raw["goto"] not in self.scene_ids:
                self.unknown_scene(item.place("route", index, "goto"), raw["goto"])
            condition = self.condition(item, "route", index, "if") if "if" in raw else None
            routes.append(Route(condition, raw["goto"], place))

        ending = None
        if "ending" in d:
            ending = Ending(d["ending"]["title"], d["ending"].get("kind", ""))
            if choices or routes:
                self.error(item.place("ending"), "DL009",
                           "an ending scene cannot have choices or a route")
        return Scene(
            id=scene_id, title=d.get("title", ""), day=d.get("day", inherited[0]),
            deadline=d.get("deadline", inherited[1]), text=tuple(blocks),
            sources=tuple(d.get("sources", [])), claims=tuple(d.get("claims", [])),
            effects=self.effects(item, "effects") if "effects" in d else (),
            choices=tuple(choices), routes=tuple(routes), ending=ending, place=item.place(),
        )

    def choice(self, scene: _Item, index: int, raw: dict[str, Any],
               claims: Mapping[str, Claim]) -> Choice:
        where = ("choices", index)
        sub = scene.part(raw, *where)
        place = sub.place()
        self.text(sub, ("text",), raw["text"])
        for key in ("goto", "visit"):
            if key in raw and raw[key] not in self.scene_ids:
                self.unknown_scene(sub.place(key), raw[key])
        verdict = None
        if "verdict" in raw:
            claim_id = raw["verdict"]["claim"]
            if claim_id not in claims:
                self.unknown(sub.place("verdict", "claim"), "claim", claim_id, claims)
            verdict = Verdict(claim_id, Call(raw["verdict"]["call"]))
        if "response" in raw:
            self.needs_format_2(sub, "response")
        if "verify" in raw and f"checked.{raw['verify']}" not in self.names:
            checks = [n.split(".", 1)[1] for n in self.names if n.startswith("checked.")]
            self.unknown(sub.place("verify"), "check", raw["verify"], checks)
        return Choice(
            id=raw.get("id", f"c{index + 1}"), text=raw["text"],
            condition=self.condition(sub, "if") if "if" in raw else None,
            unavailable=raw.get("unavailable"), cost=raw.get("cost", 0),
            once=raw.get("once", False),
            effects=self.effects(sub, "effects") if "effects" in raw else (),
            verdict=verdict, verify=raw.get("verify"), goto=raw.get("goto"),
            visit=raw.get("visit"), back=raw.get("back", False), place=place,
            response=raw.get("response"),
        )

