"""Parquet bytes reach Arrow as Arrow-owned memory, so Arrow's threads never call into Python."""

from __future__ import annotations

import collections
import io
import threading

import pandas as pd
import pyarrow.parquet as pq
import pytest

from synth.intake.parquet_source import parquet_source, read_parquet_file


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


FRAME = pd.DataFrame({"age": range(5000), "job": ["nurse", "=HYPERLINK(1)"] * 2500, "pay": [1.5] * 5000})


def test_reads_the_same_table_as_a_file_on_disk(tmp_path):
    data = _parquet_bytes(FRAME)
    path = tmp_path / "t.parquet"
    path.write_bytes(data)
    pd.testing.assert_frame_equal(pd.read_parquet(parquet_source(data)), pd.read_parquet(path))


def test_a_file_on_disk_reads_as_pandas_reads_it(tmp_path):
    path = tmp_path / "t.parquet"
    FRAME.to_parquet(path, index=False)
    pd.testing.assert_frame_equal(read_parquet_file(path), pd.read_parquet(path))
    with pytest.raises(FileNotFoundError):
        read_parquet_file(tmp_path / "absent.parquet")


def test_the_source_is_a_copy_not_a_view_of_python_memory():
    data = bytearray(_parquet_bytes(FRAME))
    source = parquet_source(data)
    data[:] = bytes(len(data))  # the Python object changes; what Arrow reads must not
    pd.testing.assert_frame_equal(pd.read_parquet(source), FRAME)


class _CallerSpy(io.BytesIO):
    """A Python file that notes which threads call it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.callers: collections.Counter = collections.Counter()

    def read(self, *args):
        self.callers[threading.get_ident()] += 1
        return super().read(*args)


def test_a_python_file_is_read_from_arrows_own_threads():
    """Why the copy exists: given a Python file, Arrow calls it (taking the GIL) off the main thread.

    A call like that still in flight at interpreter exit aborts the process; if a new Arrow
    stops doing it, this fails and the copy can go.
    """
    spy = _CallerSpy(_parquet_bytes(FRAME))
    pq.read_table(spy)
    assert set(spy.callers) - {threading.get_ident()}
