"""The one place files are written: atomically, so a crash never loses the previous copy.

Also the one place a damaged file is moved aside (never deleted) so the game can go on,
and where files the game wrote are read back with bounds: a size checked before reading,
only regular files, strict JSON of limited depth (see :func:`parse_json`).
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import stat
import time
from pathlib import Path
from typing import Any

MAX_DEPTH = 24  # our files nest at most six deep; anything deeper is not ours
STALE_SECONDS = 600  # a temporary file this old belongs to a write that was interrupted
WRITE_ATTEMPTS = 3
RETRY_PAUSE = 0.05  # seconds; a refused rename waits this, then twice this

# Our temporary files: ".<name>.dl-<12 hex>.tmp" (and, from before, tempfile.mkstemp's
# ".<name>.json.<8 characters>.tmp"); nothing else in a folder is ever removed.
_OURS = re.compile(r"^\..+\.dl-[0-9a-f]{12}\.tmp$")
_OURS_BEFORE = re.compile(r"^\..+\.json\.[a-z0-9_]{8}\.tmp$")
_cleaned: set[str] = set()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    The file gets the mode the umask gives (0644 under the usual 022), as any program's
    new file does: a teacher must be able to read a student's results on a shared folder.
    """
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_json_retrying(path: Path, data: Any, attempts: int = WRITE_ATTEMPTS) -> OSError | None:
    """Write a file others may be reading (classroom results); None, or why it failed.

    Only a refused rename is tried again, after a pause: Windows refuses to replace a
    file that someone is reading (the teacher's report, an antivirus scan) for a moment.
    A folder that refuses the temporary file itself (read-only, gone, full) fails at
    once, since waiting cannot help. Callers pass ``attempts=1`` once a write failed,
    so a folder that stays unwritable costs one quick failure per write, never pauses.
    """
    try:
        tmp = _write_temp(path, _json_bytes(data))
    except OSError as exc:
        return exc
    error: OSError | None = None
    for attempt in range(max(attempts, 1)):
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            error = exc
            if attempt + 1 < attempts:
                time.sleep(RETRY_PAUSE * (attempt + 1))
        except OSError as exc:
            error = exc
            break
        else:
            _fsync_dir(path.parent)
            return None
    tmp.unlink(missing_ok=True)
    return error


def _write_temp(path: Path, data: bytes) -> Path:
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    _clean_stale_temps(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".{path.name}.dl-{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)  # the umask takes its bits off, as for any file
        except FileExistsError:  # 48 random bits: never, but be sure
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _clean_stale_temps(folder: Path) -> None:
    """Remove temporary files of ours left by interrupted writes (once per folder and run)."""
    key = str(folder)
    if key in _cleaned:
        return
    _cleaned.add(key)
    cutoff = time.time() - STALE_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not (_OURS.match(entry.name) or _OURS_BEFORE.match(entry.name)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(
                    follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            pass  # someone else's to clean, or already gone


def forget_cleaned_folders() -> None:
    """Let the next write clean each folder again (for tests and long-running tools)."""
    _cleaned.clear()


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


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_bytes(path, _json_bytes(data))


# --- reading back -------------------------------------------------------------------------


class Refused(Exception):
    """A file that is not read at all: not a regular file, or too large; ``str`` says why."""


def read_bounded(path: Path, max_bytes: int, follow_links: bool = True) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, checked before reading.

    A folder, a device, a pipe (which would block) or, with ``follow_links`` False, a
    symbolic link is :class:`Refused`; so is a file over the limit, however sparse.
    Other problems raise OSError (FileNotFoundError when there is no file).
    """
    if not follow_links and path.is_symlink():
        raise Refused("not a regular file (a link)")
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file")
        if info.st_size > max_bytes:
            raise Refused(f"too large ({info.st_size:,} bytes; the limit is {max_bytes:,})")
        chunks = []
        left = max_bytes + 1  # one more, to notice a file that grew since fstat
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > max_bytes:
        raise Refused(f"too large (over {max_bytes:,} bytes)")
    return raw


class BadJson(ValueError):
    """Bytes that are not strict JSON of sane depth; ``str`` says why in a few words."""


def _no_constant(name: str) -> Any:
    raise BadJson(f"holds {name}, which is not a number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJson("holds a number too large")
    return value


def parse_json(raw: bytes, max_depth: int | None = MAX_DEPTH) -> Any:
    """Strict JSON: UTF-8, no NaN or infinities, no integer over 4,300 digits, at most
    ``max_depth`` levels deep. Raises :class:`BadJson`; never RecursionError.

    The parser itself stops at Python's recursion limit (a file nested 100,000 deep is
    refused at once); ``max_depth`` then walks the result. A caller that checks the data
    against a schema straight away may pass None: the schema check goes no deeper than
    the schema, so deeper nesting in a part nobody reads costs nothing.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadJson("is not valid JSON (not UTF-8 text)") from None
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except BadJson:
        raise
    except RecursionError:
        raise BadJson("is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise BadJson(f"is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except ValueError:  # Python refuses to convert an integer of over 4,300 digits
        raise BadJson("holds a number too long") from None
    if max_depth is not None and not _within_depth(data, max_depth):
        raise BadJson("is nested too deeply")
    return data


def _within_depth(data: Any, max_depth: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        children = value.values() if isinstance(value, dict) else value
        if depth > max_depth:
            return False
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return True


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


MAX_READ_BYTES = 64 * 1024 * 1024  # a save of a long game is well under a megabyte


def read_json(path: Path, max_bytes: int = MAX_READ_BYTES) -> Any:
    """Read a JSON file the game wrote; on damage, set it aside and raise :class:`DamagedFile`.

    Raises FileNotFoundError when there is no file at all (not damage).
    """
    try:
        raw = read_bounded(path, max_bytes)
    except FileNotFoundError:
        raise
    except Refused as exc:
        raise DamagedFile(path, f"is {exc}", set_aside(path)) from None
    except OSError as exc:
        raise DamagedFile(path, f"cannot be read ({exc.strerror})", None) from None
    try:
        return parse_json(raw)
    except BadJson as exc:
        raise DamagedFile(path, str(exc), set_aside(path)) from None
