"""Content-addressed dataset files: ``<sha256>.parquet`` plus the uploaded bytes beside it.

Files are written to a temporary name and renamed, so a crash leaves either the whole file
or nothing. Only ``reviews.store`` calls the writers.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from reviews.errors import ReviewsError
from synth.i18n import Msg
from synth.intake.parquet_source import read_parquet_file

TEMP_PREFIX = ".tmp-"
# A write takes seconds; a temporary file this old was left by a process that died mid-write.
# (Younger ones may belong to another replica or worker writing right now.)
STALE_TEMP_SECONDS = 600


def frame_to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise a table to Parquet bytes (deterministic for the same frame and library versions)."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; returns False when an identical file already exists."""
    if path.exists():
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=path.suffix)
    except OSError as exc:
        raise _unwritable(path.parent, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _unwritable(path.parent, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _unwritable(folder: Path, exc: OSError) -> ReviewsError:
    return ReviewsError(
        Msg(
            "The artifacts folder {folder} cannot be written ({error}); nothing was saved. Make it "
            "writable for the user running the app, free some space, or set SYNTHREVIEW_ARTIFACTS to "
            "another folder.",
            folder=str(folder),
            error=exc.strerror or type(exc).__name__,
        )
    )


def remove_partial_files(root: Path, older_than_s: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete temporary files a crashed write left under ``root``; returns what was removed."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    cutoff = time.time() - older_than_s
    for leftover in root.rglob(f"{TEMP_PREFIX}*"):
        try:
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def read_frame(root: Path, relative_path: str) -> pd.DataFrame:
    """Load a stored table."""
    return read_parquet_file(root / relative_path)


def read_columns(root: Path, relative_path: str) -> tuple[str, ...]:
    """A stored table's column names, in order, from the file's schema (no rows are read)."""
    import pyarrow.parquet as pq

    schema = pq.read_schema(root / relative_path)
    index = {c for c in (schema.pandas_metadata or {}).get("index_columns", []) if isinstance(c, str)}
    return tuple(name for name in schema.names if name not in index)
