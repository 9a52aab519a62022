"""Reading a classroom results folder: every usable session, and a warning for each file skipped.

Nothing here is fatal. A file that is damaged, not a session, from another results
format, or from other content than most of the class played, is skipped with a warning
that names it. The folder is only read: files are never moved, so a report can be
made while students are still playing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from game.classroom.quiz import QuizAnswer, answers_from
from game.classroom.results_file import (
    MAX_FILE_BYTES,
    SCHEMA_FILE,
    SkippedFile,
    parse_session,
    read_session,
)
from game.classroom.session import clean_nickname
from game.engine.scoring import Detection
from game.i18n import tr
from game.schemacheck import short

__all__ = ["MAX_FILE_BYTES", "SCHEMA_FILE", "ResultsFolder", "SessionRecord", "SkippedFile",
           "parse_session", "read_results", "record_from", "visible"]

# Characters that reorder or hide text (bidi controls, zero-width characters): a crafted
# file could use them to disguise a name in the report. Removed from every text read;
# control characters become spaces.
_HIDDEN: dict[int, str | None] = {
    ord(c): None for c in "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
    "\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u180e\u00ad"}
_HIDDEN.update({c: " " for c in [*range(0x20), *range(0x7f, 0xa0)]})


def visible(text: str) -> str:
    """Text as the report shows it: no bidi controls, zero-width or control characters."""
    return text.translate(_HIDDEN)


@dataclass(frozen=True)
class Decision:
    """A claim's first call in one session (the one that counts in class, as in scoring)."""

    claim: str
    call: str
    source: str
    holds_up: bool
    grade: str | None = None  # "best", "defensible" or "error"; None in first-edition files

    @property
    def runs(self) -> bool:
        return self.call in ("fact", "attributed")

    @property
    def misjudged(self) -> bool:
        """An error: by the call's grade, or in a first-edition file (no grades) a miss
        (keeping out what held up) or a false alarm (running what did not)."""
        if self.grade is not None:
            return self.grade == "error"
        return self.runs != self.holds_up


@dataclass(frozen=True)
class SessionRecord:
    """One session as the report reads it."""

    id: str
    class_code: str
    nickname: str | None
    file: str
    scenario_id: str
    content_version: str
    fingerprint: str
    game_version: str
    started: str
    updated: str
    finished: bool
    before: tuple[QuizAnswer, ...]
    after: tuple[QuizAnswer, ...]
    decisions: tuple[Decision, ...]
    claim_text: dict[str, str]
    claim_judgement: dict[str, str]
    source_names: dict[str, str]
    checks: tuple[str, ...]
    ending: str | None
    ending_kind: str | None
    game: Detection | None
    points: int | None
    max_points: int | None
    time_verifying: int
    checks_done: int
    scenario_title: str = ""  # the story's own title, for the report's heading
    flag: str = ""  # why the teacher should look at this session (another file shares its id)

    @property
    def first_edition(self) -> bool:
        """Its calls carry no grades: written before format 2 graded every call. The
        report shows its stored points, marked "first edition score"."""
        return any(d.grade is None for d in self.decisions)

    @property
    def percent(self) -> int | None:
        """The share of the most a careful desk could earn, 0-100 (never below 0)."""
        if self.points is None or not self.max_points:
            return None
        return round(100 * max(self.points, 0) / self.max_points)

    def graded(self, grade: str) -> int:
        """How many first calls earned this grade (0 in a first-edition file)."""
        return sum(1 for d in self.decisions if d.grade == grade)

    @property
    def label(self) -> str:
        """How the report names the student: the nickname, else the start of the anonymous id
        (with a mark when the session is flagged)."""
        name = self.nickname or tr("report.anonymous", "anon-{short}", short=self.id[:6])
        return f"{name} ⚑" if self.flag else name


def record_from(data: dict[str, Any], file: str) -> SessionRecord:
    """The session as the report reads it; every text made :func:`visible`."""
    claims = data["claims"]
    first: dict[str, Decision] = {}
    for row in data["decisions"]:
        claim, call = row["claim"], row["call"]
        if claim and call and claim not in first and claim in claims:
            graded = claims[claim].get("grades") or {}
            first[claim] = Decision(claim, call, claims[claim]["source"],
                                    bool(claims[claim]["holds_up"]), graded.get(call))
    score = data["score"]
    game = None
    if score is not None:
        game = Detection(score["hits"], score["misses"], score["false_alarms"],
                         score["correct_rejections"])
    ending = data["ending"]
    return SessionRecord(
        id=data["id"], class_code=visible(data["class"]),
        nickname=clean_nickname(visible(data["nickname"] or "")), file=visible(file),
        scenario_id=visible(data["scenario"]["id"]),
        scenario_title=visible(data["scenario"]["title"]),
        content_version=visible(data["scenario"]["version"]),
        fingerprint=data["scenario"]["fingerprint"], game_version=visible(data["game_version"]),
        started=visible(data["started"]), updated=visible(data["updated"]),
        finished=data["finished"] is not None,
        before=tuple(answers_from(data["quiz"]["before"])),
        after=tuple(answers_from(data["quiz"]["after"])),
        decisions=tuple(first.values()),
        claim_text={k: visible(v["text"]) for k, v in claims.items()},
        claim_judgement={k: v["judgement"] for k, v in claims.items()},
        source_names={k: visible(v) for k, v in data["sources"].items()},
        checks=tuple(data["checks"]),
        ending=visible(ending["title"]) if ending else None,
        ending_kind=ending["kind"] if ending else None,
        game=game,
        points=score["points"] if score else None,
        max_points=score["max_points"] if score else None,
        time_verifying=score["time_verifying"] if score else 0,
        checks_done=score["checks_done"] if score else len(data["checks"]),
    )


@dataclass
class ResultsFolder:
    """What a folder held: the sessions the report uses, and why others were skipped."""

    sessions: list[SessionRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one per file skipped
    flags: list[str] = field(default_factory=list)  # files used, but to be looked at
    files_seen: int = 0


def read_results(folder: str | Path) -> ResultsFolder:
    """Every usable session in ``folder`` (its ``*.json`` files), oldest first.

    Sessions of content other than the one most of the folder played (another scenario,
    or another version of it) are skipped: their claims cannot be compared.
    """
    found = ResultsFolder()
    parsed: list[SessionRecord] = []
    for path in sorted(Path(folder).glob("*.json")):
        found.files_seen += 1
        try:
            parsed.append(record_from(read_session(path), path.name))
        except OSError as exc:
            found.warnings.append(tr("results.unreadable", "{name}: cannot be read ({why})",
                                     name=path.name, why=exc.strerror or exc))
        except SkippedFile as exc:
            found.warnings.append(str(exc))
        except (KeyError, TypeError, ValueError) as exc:  # valid shape, nonsense inside
            found.warnings.append(tr("results.inconsistent", "{name}: damaged ({why})",
                                     name=path.name, why=short(str(exc))))
    # a file's name is anyone's text too: no bidi trick reaches the terminal or the page
    found.warnings = [visible(warning) for warning in found.warnings]
    if not parsed:
        return found
    content = Counter((r.scenario_id, r.content_version) for r in parsed)
    (main_id, main_version), _ = max(content.items(), key=lambda kv: (kv[1], kv[0]))
    by_id: dict[str, list[SessionRecord]] = {}
    for record in parsed:
        if (record.scenario_id, record.content_version) != (main_id, main_version):
            found.warnings.append(tr(
                "results.other_content",
                "{name}: played on other content ({scenario} version {version}; most of the "
                "class played {main} version {main_version})",
                name=record.file, scenario=record.scenario_id, version=record.content_version,
                main=main_id, main_version=main_version))
            continue
        by_id.setdefault(record.id, []).append(record)
    kept: list[SessionRecord] = []
    for same in by_id.values():
        kept.extend(_one_per_session(same, found))
    found.sessions = sorted(kept, key=lambda r: (r.started, r.id, r.file))
    return found


def _one_per_session(records: list[SessionRecord], found: ResultsFolder) -> list[SessionRecord]:
    """The sessions to report among files sharing one id.

    An exact copy (a backup, a file copied twice) counts once. Files that share an id
    but differ are all reported and flagged: anyone who knows a session's id can write
    a file claiming it (a later ``updated`` time included), so none may silently
    replace another.
    """
    first = records[0]
    distinct = [first]
    for record in records[1:]:
        twin = next((r for r in distinct if replace(r, file="") == replace(record, file="")),
                    None)
        if twin is not None:
            found.warnings.append(tr("results.copy", "{name}: an exact copy of {other}; "
                                     "counted once", name=record.file, other=twin.file))
        else:
            distinct.append(record)
    if len(distinct) == 1:
        return distinct
    names = ", ".join(r.file for r in distinct)
    for record in distinct[1:]:
        found.flags.append(tr("results.same_id",
                              "{name}: same session id as {other} but a different record; "
                              "both are shown, marked ⚑ (one may be a changed copy)",
                              name=record.file, other=first.file))
    return [replace(r, flag=tr("results.flag_same_id", "shares its session id with {names}",
                               names=names)) for r in distinct]
