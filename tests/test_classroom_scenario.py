"""A small scenario for the classroom tests, with a quiz: four claims, one check, two endings.

Other classroom tests import :func:`build_scenario` and :data:`CALLS`. Small enough that
every figure of a class report over it can be computed by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from game.engine.loader import load_scenario
from game.engine.model import Scenario

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# claim id -> (source, holds up): two that held up, two that did not
CLAIMS = {
    "named_dead": ("wire", True),
    "no_forces": ("officials", True),
    "old_photo": ("aggregator", False),
    "scandal": ("aggregator", False),
}
SCENES = ("named_dead", "no_forces", "old_photo", "scandal")
CALLS = ("fact", "attributed", "hold", "reject")


def _quiz() -> list[dict[str, Any]]:
    items = []
    for phase in ("before", "after"):
        for n in range(4):
            for reliable in (True, False):
                kind = "r" if reliable else "u"
                items.append({"id": f"{phase}_{kind}{n}", "phase": phase,
                              "headline": f"Headline {phase} {kind}{n}", "source": "Outlet",
                              "date": "9 Feb 2018", "reliable": reliable,
                              "explanation": "Because."})
    return items


def scenario_data() -> dict[str, Any]:
    scenes: list[dict[str, Any]] = []
    for i, claim in enumerate(SCENES):
        following = SCENES[i + 1] if i + 1 < len(SCENES) else "press"
        choices: list[dict[str, Any]] = []
        if i == 0:
            choices.append({"id": "check", "text": "Find other coverage (1 h)", "cost": 1,
                            "once": True, "verify": "coverage", "visit": "archive"})
        for call in CALLS:
            choices.append({"id": call, "text": f"{call} it",
                            "verdict": {"claim": claim, "call": call}, "goto": following})
        scenes.append({"id": claim, "title": claim, "text": f"The claim {claim}.",
                       "sources": [CLAIMS[claim][0]], "claims": [claim], "choices": choices})
    scenes += [
        {"id": "archive", "title": "Other coverage", "text": "Two outlets agree.",
         "choices": [{"id": "back", "text": "Back", "back": True}]},
        {"id": "press", "title": "Press time", "text": "The page goes out.",
         "route": [{"if": 'verdict.old_photo == "fact"', "goto": "correction"},
                   {"goto": "clean"}]},
        {"id": "correction", "title": "Correction", "text": "You correct the photo.",
         "ending": {"title": "The correction", "kind": "error"}},
        {"id": "clean", "title": "Clean", "text": "A clean page.",
         "ending": {"title": "Clean copy", "kind": "careful"}},
    ]
    best = {True: (["attributed"], ["fact"]), False: (["reject"], ["hold"])}
    return {
        "scenario": {"id": "classdesk", "title": "The Class Desk",
                     "premise": "Four claims, one check, two endings.", "version": 1,
                     "article": str(PROJECT_ROOT / "assets" / "article.txt"),
                     "start": SCENES[0], "time": 4},
        "lessons": [{"id": "corroborate", "title": "Find better coverage",
                     "technique": "See what other outlets say first."}],
        "sources": [{"id": s, "name": name, "kind": "media", "who": "Someone.",
                     "access": "Some.", "interest": "Some."}
                    for s, name in (("wire", "The wire service"),
                                    ("officials", "Officials, via a newspaper"),
                                    ("aggregator", "The aggregator page"))],
        "reports": [{"id": "later", "outlet": "A later reconstruction", "date": "2018-05-24",
                     "text": "Accounts still differ."}],
        "claims": [{"id": c, "source": s, "text": f"Claim text of {c}.",
                    "judgement": "supported" if holds else "misattributed", "holds_up": holds,
                    "best": best[holds][0], "acceptable": best[holds][1], "later": ["later"],
                    "lessons": ["corroborate"], "note": "A note."}
                   for c, (s, holds) in CLAIMS.items()],
        "checks": [{"id": "coverage", "title": "Find other coverage",
                    "finding": "Two outlets agree.", "lessons": ["corroborate"]}],
        "scenes": scenes,
        "quiz": _quiz(),
    }


def build_scenario(folder: Path) -> Scenario:
    """Write the scenario into ``folder`` and load it with the real loader."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "desk.yaml").write_text(yaml.safe_dump(scenario_data(), sort_keys=False),
                                      encoding="utf-8")
    return load_scenario(folder)


def test_the_classroom_scenario_loads_with_a_balanced_quiz(tmp_path: Path) -> None:
    from game.classroom.quiz import balance_problems

    scenario = build_scenario(tmp_path)
    assert len(scenario.claims) == 4
    assert len(scenario.quiz) == 16
    assert balance_problems(scenario.quiz) == []
