"""``deconfliction-line graph [PATH] [--format dot|mermaid]``: the scene map.

Scenes are boxes (the start has a double border); endings are rounded and filled;
scenes no path reaches are dashed and red. A solid arrow is a ``goto`` (labelled
with the choice id), a dashed one a side trip (``visit``), a dotted one a
``route``. A legend explains the shapes. Render dot with Graphviz
(``dot -Tsvg map.dot -o map.svg``); mermaid renders in many Markdown viewers.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import TextIO

from game.engine.checker import reachable
from game.engine.loader import load
from game.engine.model import Scenario
from game.i18n import tr


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    kind: str  # "goto", "visit" or "route"


def edges(scenario: Scenario) -> list[Edge]:
    """Every arrow of the map, in scene and choice order."""
    found = []
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.goto:
                found.append(Edge(scene.id, choice.goto, choice.id, "goto"))
            elif choice.visit:
                found.append(Edge(scene.id, choice.visit, choice.id, "visit"))
        for number, route in enumerate(scene.routes, 1):
            label = route.condition.source if route.condition else tr("graph.otherwise", "otherwise")
            found.append(Edge(scene.id, route.goto, f"{number}: {label}", "route"))
    return found


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(scenario: Scenario) -> str:
    reached = reachable(scenario)
    lines = [f'digraph "{_dot_text(scenario.id)}" {{',
             "  rankdir=LR;",
             '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for scene in scenario.scenes.values():
        label = scene.id + (f"\\n{_dot_text(scene.title)}" if scene.title else "")
        styles = []
        attributes = []
        if scene.ending is not None:
            label += f"\\n[{tr('graph.ending', 'ending')}: {_dot_text(scene.ending.title)}]"
            styles += ["rounded", "filled"]
            attributes.append('fillcolor="#d8ecd8"')
        if scene.id == scenario.start:
            attributes.append("peripheries=2")
        if scene.id not in reached:
            styles.append("dashed")
            attributes += ['color="#c00000"', 'fontcolor="#c00000"']
        if styles:
            attributes.append(f'style="{",".join(styles)}"')
        attributes.insert(0, f'label="{label}"')
        lines.append(f'  "{_dot_text(scene.id)}" [{", ".join(attributes)}];')
    lines_of = {"goto": "solid", "visit": "dashed", "route": "dotted"}
    for edge in edges(scenario):
        lines.append(f'  "{_dot_text(edge.source)}" -> "{_dot_text(edge.target)}" '
                     f'[label="{_dot_text(edge.label)}", style={lines_of[edge.kind]}];')
    lines += [
        "  subgraph cluster_legend {",
        f'    label="{tr("graph.legend", "Legend")}"; fontname="Helvetica";',
        f'    legend_start [label="{tr("graph.start", "start")}", peripheries=2];',
        f'    legend_scene [label="{tr("graph.scene", "scene")}"];',
        f'    legend_ending [label="{tr("graph.ending", "ending")}", style="rounded,filled", '
        'fillcolor="#d8ecd8"];',
        f'    legend_unreachable [label="{tr("graph.unreachable", "unreachable")}", '
        'style=dashed, color="#c00000", fontcolor="#c00000"];',
        f'    legend_side [label="{tr("graph.side", "side trip")}"];',
        f'    legend_start -> legend_scene [label="{tr("graph.goto", "goto")}"];',
        f'    legend_scene -> legend_side [label="{tr("graph.visit", "visit")}", style=dashed];',
        f'    legend_scene -> legend_ending [label="{tr("graph.route", "route")}", style=dotted];',
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _mermaid_id(scene_id: str) -> str:
    # mermaid ids are plain words; scene ids may hold dots
    return "s_" + re.sub(r"[^A-Za-z0-9_]", "_", scene_id)


def _mermaid_text(text: str) -> str:
    return (text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;")
            .replace(">", "#gt;").replace("|", "#124;"))


def to_mermaid(scenario: Scenario) -> str:
    reached = reachable(scenario)
    lines = ["flowchart LR"]
    used: dict[str, str] = {}
    for scene in scenario.scenes.values():
        node = _mermaid_id(scene.id)
        while node in used.values():  # two ids that differ only in punctuation
            node += "_"
        used[scene.id] = node
        label = _mermaid_text(scene.id + (f": {scene.title}" if scene.title else ""))
        if scene.ending is not None:
            label += _mermaid_text(f" [{tr('graph.ending', 'ending')}: {scene.ending.title}]")
            lines.append(f'  {node}(["{label}"])')
        elif scene.id == scenario.start:
            lines.append(f'  {node}[["{label}"]]')
        else:
            lines.append(f'  {node}["{label}"]')
    arrows = {"goto": "-->", "visit": "-.->", "route": "==>"}
    for edge in edges(scenario):
        lines.append(f'  {used[edge.source]} {arrows[edge.kind]}|"{_mermaid_text(edge.label)}"| '
                     f"{used[edge.target]}")
    endings = [used[s.id] for s in scenario.endings]
    unreached = [used[s] for s in scenario.scenes if s not in reached]
    lines += ["  classDef ending fill:#d8ecd8,stroke:#2a6b2a;",
              "  classDef unreachable stroke:#c00000,stroke-dasharray:5 5,color:#c00000;"]
    if endings:
        lines.append(f"  class {','.join(endings)} ending;")
    if unreached:
        lines.append(f"  class {','.join(unreached)} unreachable;")
    lines += [
        f'  subgraph legend ["{tr("graph.legend", "Legend")}"]',
        f'    legend_start[["{tr("graph.start", "start")}"]]',
        f'    legend_scene["{tr("graph.scene", "scene")}"]',
        f'    legend_ending(["{tr("graph.ending", "ending")}"])',
        f'    legend_unreachable["{tr("graph.unreachable", "unreachable")}"]',
        f'    legend_side["{tr("graph.side", "side trip")}"]',
        f'    legend_start -->|"{tr("graph.goto", "goto")}"| legend_scene',
        f'    legend_scene -.->|"{tr("graph.visit", "visit")}"| legend_side',
        f'    legend_scene ==>|"{tr("graph.route", "route")}"| legend_ending',
        "  end",
        "  class legend_ending ending;",
        "  class legend_unreachable unreachable;",
    ]
    return "\n".join(lines) + "\n"


def run(path: str, fmt: str = "dot", out: TextIO | None = None) -> int:
    """Print the map; 1 (with the diagnostics on stderr) if the scenario does not load."""
    out = out or sys.stdout
    if fmt not in ("dot", "mermaid"):
        print(tr("graph.usage", "graph: --format is dot or mermaid"), file=sys.stderr)
        return 2
    result = load(path)
    if result.scenario is None or result.errors:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    out.write(to_dot(result.scenario) if fmt == "dot" else to_mermaid(result.scenario))
    return 0
