"""Content-addressed dataset files: ``<sha256>.parquet`` plus the uploaded bytes beside it.

Files are written to a temporary name and renamed, so a crash leaves either the whole file
or nothing. Only ``reviews.store`` calls the writers.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

import pandas as pd


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def read_frame(root: Path, relative_path: str) -> pd.DataFrame:
    """Load a stored table."""
    return pd.read_parquet(root / relative_path)
