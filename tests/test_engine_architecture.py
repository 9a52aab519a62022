"""The engine stays headless and never evaluates text as code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "game" / "engine"
MODULES = sorted(ENGINE.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, with the line that imports it."""
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or ""))
    return found


def test_the_engine_has_modules_to_scan():
    assert len(MODULES) >= 10


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_engine_module_imports_pygame(path):
    for line, name in _imports(path):
        assert name.split(".")[0] != "pygame", f"{path.name}:{line} imports {name}"
        assert not name.startswith(("game.ui", "game.classroom", "game.terminal")), (
            f"{path.name}:{line}: the engine must not depend on a presenter ({name})")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_engine_module_uses_eval_or_exec(path):
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("eval", "exec", "compile", "__import__"), (
                f"{path.name}:{node.lineno} calls {node.func.id}()")
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("unsafe_load", "full_load", "UnsafeLoader", "FullLoader"), (
                f"{path.name}:{node.lineno} uses yaml.{node.attr}")


NETWORK_MODULES = {"socket", "ssl", "urllib", "http", "requests", "httpx", "ftplib",
                   "smtplib", "asyncio", "webbrowser", "xmlrpc"}
# game/web is the one exception: the server the teacher starts (127.0.0.1 unless --lan);
# tests/test_web_security.py pins that it only listens and never reaches out.
EVERY_MODULE = sorted(p for p in (ENGINE.parent).rglob("*.py")
                      if p.relative_to(ENGINE.parent).parts[0] != "web")


@pytest.mark.parametrize("path", EVERY_MODULE, ids=lambda p: str(p.relative_to(ENGINE.parent)))
def test_no_module_of_the_game_can_reach_the_network(path):
    """Offline and private: nothing in game/ imports a networking module."""
    for line, name in _imports(path):
        assert name.split(".")[0] not in NETWORK_MODULES, f"{path.name}:{line} imports {name}"
