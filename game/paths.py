"""Where things live: the shipped content and assets, and the player's own files.

The story (``scenes/``) and its assets (``assets/``) are top-level folders of the repo. An
installed wheel carries them inside the package as ``game/_content/scenes`` and
``game/_content/assets`` (pyproject.toml's force-include), side by side as in the repo, so the
scenario's ``article: ../assets/article.txt`` holds in both. They are found through
``importlib.resources``; a checkout (the editable install the tests use) has no ``_content``
and uses the repo's own folders.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

APP_NAME = "deconfliction-line"
DATA_ENV = "DECONFLICTION_LINE_DATA"  # a classroom's shared folder, or a test's tmp dir
CONTENT_ENV = "DECONFLICTION_LINE_SCENES"
LOG_ENV = "DECONFLICTION_LINE_LOGS"  # where crash logs go, instead of the platform's log folder

PACKAGED_CONTENT = "_content"  # inside the package, in a built wheel
PROJECT_ROOT = Path(__file__).resolve().parent.parent  # a checkout's root (not in a wheel)


@functools.cache
def content_root() -> Path:
    """The folder holding ``scenes/`` and ``assets/``: inside the installed package, or the
    checkout's root. From a zip (zipimport) the content is copied out once to a temporary folder,
    since the loader, the fonts and the sounds read real files."""
    packaged = resources.files("game").joinpath(PACKAGED_CONTENT)
    if packaged.is_dir():
        if isinstance(packaged, Path):
            return packaged
        return _copy_out(packaged)
    # A checkout; if it is not one either, this path does not exist and the loader says so
    # (DL015) with the path it looked at.
    return PROJECT_ROOT if (PROJECT_ROOT / "scenes").is_dir() else Path(str(packaged))


def _copy_out(tree: Traversable) -> Path:
    target = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-content-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    _copy_tree(tree, target)
    return target


def _copy_tree(tree: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for item in tree.iterdir():
        if item.is_dir():
            _copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())


def content_dir() -> Path:
    """The scenario played by default: $DECONFLICTION_LINE_SCENES, else the shipped story."""
    override = os.environ.get(CONTENT_ENV)
    return Path(override) if override else content_root() / "scenes"


def assets_dir() -> Path:
    """The shipped article, fonts and sounds."""
    return content_root() / "assets"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Saves and settings: a flag, else $DECONFLICTION_LINE_DATA, else the platform's place
    (or a temporary folder when that cannot be made: ``data_dir_warning`` then says so)."""
    global data_dir_warning
    data_dir_warning = None
    chosen = override or os.environ.get(DATA_ENV)
    if chosen:
        path = Path(chosen)
    else:
        import platformdirs  # only when needed: it costs milliseconds at start-up

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return _usable_data_dir(path)


def _usable_data_dir(path: Path) -> Path:
    """``path``, made if need be; if it cannot be (a file is in the way, a read-only folder
    or home), a fresh temporary folder, said in one line: the game runs, saving there."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            return path
        reason = "it is not a folder"
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
    import sys
    import tempfile

    global data_dir_warning
    fallback = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-"))
    data_dir_warning = (f"Cannot use the data folder {path} ({reason}): saves and settings "
                        f"go to {fallback} for this run only.")
    print(f"warning: {data_dir_warning}", file=sys.stderr)
    return fallback


# The last fallback's one-line warning, for a window to show (stderr is unseen there)
data_dir_warning: str | None = None


def log_dir() -> Path:
    """Where crash logs go: $DECONFLICTION_LINE_LOGS, else the platform's user log folder.
    Not created here: only a crash creates it."""
    chosen = os.environ.get(LOG_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


CACHE_ENV = "DECONFLICTION_LINE_CACHE"  # a folder, or "off"


def cache_dir() -> Path | None:
    """Where parsed scene files are cached: $DECONFLICTION_LINE_CACHE, else the platform's
    cache folder; None when the variable says "off"."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen and chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "parsed"
