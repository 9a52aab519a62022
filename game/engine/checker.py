"""Whole-scenario checks that need every file loaded: reachability, dead ends, unused things.

Load-time checks (syntax, schema, references, expressions, quotes) live in the loader;
these run on a built Scenario. Codes are documented in docs/diagnostics.md.
"""

from __future__ import annotations

from collections import deque
from dataclasses import fields
from typing import Any

from game.engine.diagnostics import Diagnostic, Severity, sort_key
from game.engine.expressions import Expr, names_in
from game.engine.loader import SUBSTITUTION, LoadResult, load, substitution_parts
from game.engine.model import Call, Place, Scenario, Scene


def successors(scene: Scene) -> list[str]:
    """Scenes one step on from ``scene`` (side-trip returns go back to a reached scene)."""
    targets = [c.goto or c.visit for c in scene.choices if c.goto or c.visit]
    targets += [r.goto for r in scene.routes]
    return [t for t in targets if t is not None]


def reachable(scenario: Scenario) -> set[str]:
    """Scene ids reachable from the start, ignoring conditions."""
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        for target in successors(scenario.scenes[queue.popleft()]):
            if target not in seen and target in scenario.scenes:
                seen.add(target)
                queue.append(target)
    return seen


def _warn(place: Place, code: str, message: str, hint: str = "",
          severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(place.path, place.line, place.column, severity, code, message, hint)


def check_scenario(scenario: Scenario) -> list[Diagnostic]:
    """Problems a loaded scenario still has: each a located warning or error."""
    found: list[Diagnostic] = []
    reached = reachable(scenario)
    visited_targets = {c.visit for s in scenario.scenes.values() for c in s.choices if c.visit}
    for scene in scenario.scenes.values():
        if scene.id not in reached:
            if scene.ending is not None:
                found.append(_warn(scene.place, "DL010",
                                   f"ending {scene.id!r} is not reached by any path"))
            else:
                found.append(_warn(scene.place, "DL008",
                                   f"scene {scene.id!r} is unreachable from the start "
                                   f"{scenario.start!r}"))
        if scene.ending is None and not scene.choices and not scene.routes:
            found.append(_warn(scene.place, "DL009", f"scene {scene.id!r} is a dead end",
                               "add choices, a route, or 'ending:'", Severity.ERROR))
        if scene.id not in visited_targets:
            for choice in scene.choices:
                if choice.back:
                    found.append(_warn(choice.place, "DL017",
                                       "'back' in a scene that no choice visits",
                                       "reach this scene with 'visit:' instead of 'goto:'"))
        if scene.choices and scene.routes:
            found.append(_warn(scene.place, "DL009", f"scene {scene.id!r} has both choices and a "
                               "route", "keep one: a route replaces the choices with Continue",
                               Severity.ERROR))

    read: set[str] = set()
    written: set[str] = set()
    shown_claims: set[str] = set()
    called_claims: set[str] = set()
    verified: set[str] = set()
    cited_sources: set[str] = set()

    def reads(expr: Expr | None) -> None:
        if expr is not None:
            read.update(names_in(expr.tree))

    def reads_text(text: str) -> None:
        for match in SUBSTITUTION.finditer(text):
            if match.group(1):
                name = substitution_parts(match.group(1))[0]
                read.add(name)
                if name.startswith("source."):
                    cited_sources.add(name[len("source."):])

    for scene in scenario.scenes.values():
        shown_claims.update(scene.claims)
        cited_sources.update(scene.sources)
        for block in scene.text:
            reads(block.condition)
            reads_text(block.text)
        for effect in scene.effects:
            reads(effect.value)
            written.add(effect.target)
        for route in scene.routes:
            reads(route.condition)
        for choice in scene.choices:
            reads(choice.condition)
            reads_text(choice.text)
            if choice.unavailable:
                reads_text(choice.unavailable)
            for effect in choice.effects:
                reads(effect.value)
                written.add(effect.target)
            if choice.verdict:
                called_claims.add(choice.verdict.claim)
            if choice.verify:
                verified.add(choice.verify)

    head = Place(scenario.files[0] if scenario.files else "?", 1, 1)
    for name in scenario.variables:
        if name not in read:
            what = "set but never read" if name in written else "never used"
            found.append(_warn(scenario.variable_places.get(name, head), "DL012",
                               f"variable {name!r} is {what}"))
    for claim in scenario.claims.values():
        cited_sources.add(claim.source)
        if claim.id not in shown_claims and claim.id not in called_claims:
            found.append(_warn(claim.place, "DL013", f"claim {claim.id!r} is never used"))
        elif claim.id not in called_claims:
            found.append(_warn(claim.place, "DL016",
                               f"claim {claim.id!r} is shown but no choice makes a call on it"))
    for source in scenario.sources.values():
        if source.id not in cited_sources:
            found.append(_warn(source.place, "DL013", f"source {source.id!r} is never used"))
    for check in scenario.checks.values():
        if check.id not in verified:
            found.append(_warn(check.place, "DL013", f"check {check.id!r} is never verified"))
    used_reports = {r for c in scenario.claims.values() for r in c.later}
    for report in scenario.reports.values():
        if report.id not in used_reports:
            found.append(_warn(report.place, "DL013", f"report {report.id!r} is never cited"))
    used_lessons = {lesson for c in scenario.claims.values() for lesson in c.lessons}
    used_lessons |= {lesson for c in scenario.checks.values() for lesson in c.lessons}
    for lesson in scenario.lessons.values():
        if lesson.id not in used_lessons:
            found.append(_warn(lesson.place, "DL013", f"lesson {lesson.id!r} is never taught"))
    found.extend(oversized_texts(scenario))
    found.extend(check_grades(scenario))
    return found


def check_grades(scenario: Scenario) -> list[Diagnostic]:
    """DL030: grades that no choice can earn, or that contradict the claim's own verdict."""
    found: list[Diagnostic] = []
    offered: dict[str, set[Call]] = {}
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.verdict is not None:
                offered.setdefault(choice.verdict.claim, set()).add(choice.verdict.call)
            elif choice.response is not None:
                found.append(_warn(choice.place, "DL030", "'response' on a choice that makes "
                                   "no call is never shown", "give the choice a 'verdict:'"))
    for claim in scenario.claims.values():
        best = set(claim.best_calls)
        calls = offered.get(claim.id)
        if calls is not None:
            for call in sorted(best - calls, key=list(Call).index):
                found.append(_warn(claim.place, "DL030",
                                   f"claim {claim.id!r}: the best call {call.value!r} is "
                                   "offered by no choice", "add a choice with that verdict, "
                                   "or grade the call differently"))
        if not claim.holds_up and Call.FACT in best:
            found.append(_warn(claim.place, "DL030", f"claim {claim.id!r} did not hold up, "
                               "yet running it as fact is graded best",
                               "a claim that did not hold up cannot be best run as fact"))
        if claim.holds_up and Call.REJECT in best:
            found.append(_warn(claim.place, "DL030", f"claim {claim.id!r} held up, yet "
                               "rejecting it is graded best",
                               "keeping out what held up keeps true news from readers"))
    return found


MAX_TEXT_CHARS = 10_000  # about four pages: far more than one paragraph, title or choice


def oversized_texts(scenario: Scenario) -> list[Diagnostic]:
    """DL040: any single text (a title, a paragraph, a choice, a claim...) over a sane size.

    Such a text is almost always a mistake (a whole file pasted into one key), and it
    makes every screen that shows it slow; saves refuse scene titles over this size.
    """
    found: list[Diagnostic] = []
    items: list[Any] = [*scenario.lessons.values(), *scenario.sources.values(),
                        *scenario.reports.values(), *scenario.claims.values(),
                        *scenario.checks.values(), *scenario.quiz]
    for scene in scenario.scenes.values():
        items += [scene, *scene.text, *scene.choices]
        if scene.ending is not None and len(scene.ending.title) > MAX_TEXT_CHARS:
            found.append(_too_long(scene.place, "ending title", len(scene.ending.title)))
    for item in items:
        for field in fields(item):
            value = getattr(item, field.name)
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                found.append(_too_long(item.place, field.name, len(value)))
    return found


def _too_long(place: Place, what: str, size: int) -> Diagnostic:
    return _warn(place, "DL040", f"{what} is {size:,} characters long",
                 f"keep a single text under {MAX_TEXT_CHARS:,} characters; split it into "
                 "paragraphs or scenes")


def check_path(root: str) -> LoadResult:
    """Load and fully check a scenario: every diagnostic, root causes first, then by place."""
    result = load(root)
    if result.scenario is not None:
        result.diagnostics.extend(check_scenario(result.scenario))
    result.diagnostics.sort(key=sort_key)
    return result
