"""Generate a realistic synthetic scenario of N scenes, for benchmarks and load tests.

Each desk scene has three choices (a side trip or a conditional option, and two
verdicts on a claim), conditional paragraphs, substitutions and effects; every
fifth desk scene has a side trip to an archive scene with a ``back`` choice and a
verification; every seventh leads on through a ``route``; two endings close it.
The scenes are spread over files of 100, as an author would split a long story.

    python benchmarks/synthetic.py 1000 /tmp/synthetic   # prints one JSON line
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

SCENES_PER_FILE = 100
ARTICLE_LINES = [
    "The coalition said it repelled an unprovoked attack on Wednesday.",
    "Officials said hundreds of troops took part in the assault.",
    "A spokesman refrained from comment when asked about the reports.",
    "Associates said dozens more died in the fighting.",
    "The ministry said no servicemen were in the area.",
]


def _desk(i: int, last: int, has_side: bool, routed: bool) -> dict[str, object]:
    claim = f"claim{i // 10}"
    nxt = f"m{i + 1}" if i < last else "final"
    skip = f"m{i + 2}" if i + 2 <= last else "final"
    scene: dict[str, object] = {
        "id": f"m{i}",
        "title": f"Desk {i}",
        "text": [
            f"Item {i} arrives on the wire. You have {{time}} hours and a score of {{score}}.",
            {"if": "score >= 2 and not rushed", "text": "Your record so far is steady."},
            {"if": f"visited(\"m{i}\") > 1", "text": "You have been here before."},
        ],
        "sources": [f"src{i // 50}"],
        "claims": [claim],
    }
    if i % 3 == 0:
        scene["effects"] = ["pages += 1"]
    if routed:
        scene["route"] = [{"if": "score >= 3", "goto": skip}, {"goto": nxt}]
        return scene
    first: dict[str, object]
    if has_side:
        first = {"id": "archive", "text": "Look it up in the archive (1 h)", "cost": 1,
                 "once": True, "verify": f"check{i // 5}", "visit": f"m{i}.archive"}
    else:
        first = {"id": "press", "text": "Press the source for more", "if": "score >= 1",
                 "unavailable": "You have no standing yet.", "effects": ["rushed = false"],
                 "goto": nxt}
    scene["choices"] = [
        first,
        {"id": "run", "text": f"Run it attributed to {{source.src{i // 50}}}",
         "verdict": {"claim": claim, "call": "attributed"},
         "effects": ["score += 1", f"trust.src{i // 50} += 1"], "goto": nxt},
        {"id": "drop", "text": "Hold it and move on",
         "verdict": {"claim": claim, "call": "hold"}, "effects": ["rushed = true"],
         "goto": skip},
    ]
    return scene


def generate(folder: Path, scenes: int) -> Path:
    """Write a scenario of about ``scenes`` scenes into ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text("\n".join(ARTICLE_LINES) + "\n", encoding="utf-8")
    all_scenes: list[dict[str, object]] = []
    desks = max(2, (scenes - 3) * 5 // 6)
    last = desks - 1
    for i in range(desks):
        has_side = i % 5 == 0 and i < last
        all_scenes.append(_desk(i, last, has_side, routed=i % 7 == 6))
        if has_side:
            all_scenes.append({
                "id": f"m{i}.archive", "title": "The archive",
                "text": "The archive has the original, dated and signed.",
                "choices": [{"text": "Back to the desk", "back": True}],
            })
    all_scenes.append({"id": "final", "title": "Press time", "text": "The page goes out.",
                       "route": [{"if": "score >= 5", "goto": "end_good"},
                                 {"goto": "end_bad"}]})
    all_scenes.append({"id": "end_good", "text": "A clean record.",
                       "ending": {"title": "Clean copy", "kind": "careful"}})
    all_scenes.append({"id": "end_bad", "text": "Corrections all week.",
                       "ending": {"title": "Corrections", "kind": "error"}})

    claims = (desks + 9) // 10
    sources = (desks + 49) // 50
    checks = (desks + 4) // 5
    head = {
        "scenario": {"id": "synthetic", "title": "Synthetic desk", "premise": "Many items.",
                     "article": "article.txt", "start": "m0", "time": 40},
        "variables": {"score": 0, "pages": 0, "rushed": False},
        "lessons": [{"id": "lateral", "title": "Read laterally",
                     "technique": "Leave the page to see what others say about the source."}],
        "sources": [{"id": f"src{k}", "name": f"Wire service {k}", "kind": "wire",
                     "who": "A news agency.", "access": "Reporters nearby.",
                     "interest": "Being first and right."} for k in range(sources)],
        "reports": [{"id": "later", "outlet": "A later wire", "date": "2018-02-20",
                     "text": "Later reporting gave other figures."}],
        "claims": [{"id": f"claim{k}", "source": f"src{k // 5}",
                    "text": f"Claim number {k}.",
                    "quote": ARTICLE_LINES[k % len(ARTICLE_LINES)],
                    "judgement": "supported" if k % 2 else "unverified",
                    "holds_up": bool(k % 2), "best": ["attributed"] if k % 2 else ["hold"],
                    "acceptable": ["hold"] if k % 2 else ["reject"],
                    "later": ["later"], "lessons": ["lateral"],
                    "note": "What later reporting said."} for k in range(claims)],
        "checks": [{"id": f"check{k}", "title": "Look it up", "finding": "It is dated.",
                    "lessons": ["lateral"]} for k in range(checks)],
    }
    _write(folder / "story.yaml", head)
    for part in range(0, len(all_scenes), SCENES_PER_FILE):
        _write(folder / f"scenes_{part // SCENES_PER_FILE:04d}.yaml",
               {"scenes": all_scenes[part:part + SCENES_PER_FILE]})
    return folder


def _write(path: Path, data: dict[str, object]) -> None:
    # block-style YAML, as an author writes it (the loader's speed depends on the style)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    scenes = int(argv[0]) if argv else 1000
    folder = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp(prefix="synthetic-"))
    generate(folder, scenes)
    count = sum(1 for _ in folder.glob("*.yaml"))
    print(json.dumps({"path": str(folder), "scenes": scenes, "files": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
