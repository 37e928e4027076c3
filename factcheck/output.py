"""Writing outputs atomically: a report or file is either wholly the old one or wholly the new one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from factcheck.errors import InputError, Problem


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename it into place."""
    with atomic_writer(path) as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text handle whose writes land in ``path`` all at once when the block ends without an error (a temporary
    file in the same folder, renamed into place), so that a long output can be written piece by piece."""
    name = str(path)
    if path.is_dir():
        raise InputError(Problem(name, "is a directory: give a file name to write to", line=1))
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would replace it; write through.
        try:
            with path.open("w", encoding="utf-8", newline="") as handle:
                yield handle
        except OSError as exc:
            raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}", line=1)) from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}", line=1)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, _mode_for(path))
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}", line=1)) from None
        raise


def _mode_for(path: Path) -> int:
    """The mode the written file gets: the replaced file's, or what the umask allows a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
