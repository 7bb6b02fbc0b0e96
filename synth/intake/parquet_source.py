"""Parquet handed to Arrow as memory or a file Arrow owns, never as a Python file object.

Given a Python file (``io.BytesIO``, or the file pandas opens for ``read_parquet(path)``),
Arrow's reader calls its ``read`` and ``seek`` from Arrow's I/O threads, and each call takes
the GIL. When such a call, or the release of a buffer it returned, is still in flight as the
interpreter shuts down, CPython ends that native thread with ``pthread_exit``; the unwind meets
a C++ frame that may not throw and the process aborts ("terminate called without an active
exception", exit -6) after its work was done. Arrow tracks this as apache/arrow#34314 and
#50482. Bytes are copied once into an Arrow buffer, and a file on disk is opened by Arrow
itself, so every read stays inside Arrow: its threads never touch a Python object, and there is
nothing left for shutdown to race with.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def parquet_source(data: bytes):
    """A ``pyarrow.BufferReader`` over a copy of ``data`` in Arrow's own memory."""
    import pyarrow as pa  # here: callers that never read Parquet skip importing Arrow

    stream = pa.BufferOutputStream()
    stream.write(data)
    return pa.BufferReader(stream.getvalue())


def read_parquet_file(path: str | Path) -> pd.DataFrame:
    """``pandas.read_parquet`` of a file on disk, opened by Arrow rather than by Python."""
    import pyarrow as pa

    with pa.OSFile(str(path)) as file:
        return pd.read_parquet(file)
