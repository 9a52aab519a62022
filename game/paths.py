"""Where things live: the shipped content and assets, and the player's own files."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "deconfliction-line"
DATA_ENV = "DECONFLICTION_LINE_DATA"  # a classroom's shared folder, or a test's tmp dir
CONTENT_ENV = "DECONFLICTION_LINE_SCENES"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    """The scenario played by default: $DECONFLICTION_LINE_SCENES, else the project's scenes/."""
    override = os.environ.get(CONTENT_ENV)
    return Path(override) if override else PROJECT_ROOT / "scenes"


def assets_dir() -> Path:
    return PROJECT_ROOT / "assets"


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
