"""Writing a file so that no reader ever sees half of it: the content goes to a new
temporary file in the same folder (or a staging folder on the same file system), which one
rename then puts in place. The one way the generator writes files: pages and data files
(:mod:`generator.output`, which stages a whole run before moving it) and cache entries
(:mod:`generator.incremental.cache`).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Iterable, Union

Content = Union[bytes, Iterable[bytes]]
"""Bytes, or bytes in pieces."""

_NAMES = itertools.count()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def temporary(folder: Path, content: Content, suffix: str = "") -> Path:
    """``content`` in a new temporary file in ``folder``, readable by all (pages are public).

    Named by a counter, and made with ``O_EXCL`` (never an existing file, whichever process
    made it): ``tempfile.mkstemp`` (random names, a ``chmod`` by path) took longer than
    writing the pages.
    """
    while True:
        name = os.path.join(folder, f".tmp-{next(_NAMES)}{suffix}")
        try:
            handle = os.open(name, _CREATE, 0o644)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            if hasattr(os, "fchmod"):
                os.fchmod(handle, 0o644)  # whatever the umask
            if isinstance(content, bytes):
                stream.write(content)
            else:
                stream.writelines(content)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def replace(target: Path, content: Content, folder: Path | None = None) -> None:
    """Put ``content`` at ``target`` in one rename, through a temporary file in ``folder``
    (by default ``target``'s own)."""
    made = temporary(folder or target.parent, content, target.suffix)
    try:
        os.replace(made, target)
    except BaseException:
        made.unlink(missing_ok=True)
        raise
