"""``deconfliction-line check [PATH]``: every problem in a scenario, compiler-style."""

from __future__ import annotations

import sys
from typing import TextIO

from game.engine.checker import check_path
from game.i18n import tr


def run(path: str, out: TextIO = sys.stdout, strict: bool = False) -> int:
    """Print diagnostics; 0 when clean (warnings allowed unless strict), 1 on errors."""
    result = check_path(path)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=out)
    errors = len(result.errors)
    warnings = len(result.diagnostics) - errors
    if result.scenario is not None and not errors:
        scenario = result.scenario
        print(tr("check.summary_ok", "{path}: {scenes} scenes, {claims} claims, {sources} sources: "
                 "{errors} errors, {warnings} warnings",
                 path=path, scenes=len(scenario.scenes), claims=len(scenario.claims),
                 sources=len(scenario.sources), errors=errors, warnings=warnings), file=out)
    else:
        print(tr("check.summary", "{path}: {errors} errors, {warnings} warnings",
                 path=path, errors=errors, warnings=warnings), file=out)
    if errors or (strict and warnings):
        return 1
    return 0
