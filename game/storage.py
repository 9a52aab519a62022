"""The one place files are written: atomically, so a crash never loses the previous copy.

Also the one place a damaged file is moved aside (never deleted) so the game can go on.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it over ``path``."""
    import tempfile  # here, not at the top: it costs milliseconds before the first frame

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


class DamagedFile(Exception):
    """A file that could not be read; ``moved_to`` is where it was put aside."""

    def __init__(self, path: Path, reason: str, moved_to: Path | None) -> None:
        where = f"; kept as {moved_to.name}" if moved_to else ""
        super().__init__(f"{path.name}: {reason}{where}")
        self.path = path
        self.reason = reason
        self.moved_to = moved_to


def set_aside(path: Path) -> Path | None:
    """Rename a damaged file to ``<name>.damaged-<time>`` beside it; None if that fails."""
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{counter}")
        counter += 1
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def read_json(path: Path) -> Any:
    """Read a JSON file; on damage, set it aside and raise :class:`DamagedFile`.

    Raises FileNotFoundError when there is no file at all (not damage).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise DamagedFile(path, f"cannot be read ({exc.strerror})", None) from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = f"is not valid JSON ({exc.__class__.__name__})"
        raise DamagedFile(path, reason, set_aside(path)) from None
