"""Every benchmark script is listed in the README's "Measuring" table and has its own section
in benchmarks/README.md, which says what each of its figures means."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(path.name for path in (ROOT / "benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_benchmark_is_listed_in_the_readme_and_explained(script: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    measuring = readme.split("## Measuring", 1)[1].split("\n## ", 1)[0]
    assert f"| `benchmarks/{script}` |" in measuring
    headings = [line for line in (ROOT / "benchmarks" / "README.md").read_text(
        encoding="utf-8").splitlines() if line.startswith("## ")]
    assert any(script in heading for heading in headings), headings
