"""Guess a table file's format, text encoding and delimiter from its bytes.

Written by hand because the candidates are fixed by the product (four delimiters, four
encodings): general detectors such as ``csv.Sniffer`` or ``chardet`` choose among many more
and, on short files, often pick a wrong one (``csv.Sniffer`` may pick a letter as delimiter,
``chardet`` may call GBK bytes Big5). Here each candidate is tried in a fixed order and
checked with a rule that can be explained to the user.
"""

from __future__ import annotations

import csv
import io
import os
import re

from synth.errors import UnsupportedFormat
from synth.i18n import N_, Msg

DELIMITERS = (",", ";", "\t", "|")

_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
# Formats we recognise but cannot read, with the fix the user should apply.
_UNSUPPORTED = {
    ".xls": N_("the old Excel format .xls is not supported; open it in Excel and save it as .xlsx"),
    ".xlsb": N_("binary Excel workbooks (.xlsb) are not supported; save the sheet as .xlsx or .csv"),
    ".ods": N_("OpenDocument spreadsheets are not supported; save the sheet as .xlsx or .csv"),
    ".zip": N_("archives are not supported; extract the table and upload the .csv, .parquet or .xlsx inside"),
    ".gz": N_("compressed files are not supported; decompress it and upload the table itself"),
}

_PARQUET_MAGIC = b"PAR1"
_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 64 * 1024
_SNIFF_LINES = 200
_CJK = re.compile(r"[\u4e00-\u9fff]")


def detect_format(head: bytes, filename: str | None) -> str:
    """Return ``csv``, ``tsv``, ``parquet``, ``xlsx`` or ``jsonl``.

    The extension decides when there is one we know; otherwise the first bytes do.

    Raises:
        UnsupportedFormat: a known-but-unsupported extension, or binary content we cannot read.
    """
    ext = os.path.splitext(filename or "")[1].lower()
    if ext in _UNSUPPORTED:
        raise UnsupportedFormat(_UNSUPPORTED[ext])
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if head.startswith(_PARQUET_MAGIC):
        return "parquet"
    if head.startswith(_ZIP_MAGIC):
        return "xlsx"
    if looks_binary(head):
        raise UnsupportedFormat(
            Msg(
                "the file {extension} holds binary content that is not a table we can read; "
                "upload a .csv, .tsv, .parquet, .xlsx or .jsonl file",
                extension=ext or Msg("(no extension)"),
            )
        )
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    return "csv"


def looks_binary(head: bytes) -> bool:
    """True when the first bytes contain NUL or mostly control characters (no text encoding does)."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head[:4096] if b < 32 and b not in (9, 10, 13, 12))
    return control > 0.1 * min(len(head), 4096)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode table text, trying UTF-8 with BOM, UTF-8, GB18030 (a superset of GBK), then Latin-1.

    Latin-1 decodes any byte string, so GB18030 is accepted only when the text it yields looks
    Chinese: most of its non-ASCII characters are in the common GB2312 set. Latin-1 text such
    as ``Zürich`` also decodes as GB18030, but into rare characters outside GB2312.

    Returns:
        ``(text, encoding)``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    return data.decode("latin-1"), "latin-1"


def _looks_chinese(text: str) -> bool:
    wide = [ch for ch in text[:_SNIFF_BYTES] if ord(ch) > 127]
    if not wide:
        return False
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common >= 0.9 * len(wide) and bool(_CJK.search(text[:_SNIFF_BYTES]))


def sniff_delimiter(text: str, default: str = ",") -> str:
    """Pick the delimiter among ``, ; TAB |`` that splits the first lines most consistently.

    Each candidate parses up to 200 lines with the ``csv`` module (so delimiters inside quoted
    fields do not count). The winner splits the header into most fields while giving the most
    lines exactly the header's field count.
    """
    sample = _head_lines(text)
    best, best_key = default, (0, 0.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [
                r for r in csv.reader(io.StringIO(sample), delimiter=delimiter, skipinitialspace=True) if r
            ]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        agree = sum(len(r) == width for r in rows) / len(rows)
        key = (int(agree >= 0.9), agree if agree < 0.9 else 1.0, width)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _head_lines(text: str) -> str:
    head = text[:_SNIFF_BYTES]
    if len(text) > _SNIFF_BYTES:
        # Drop the last, probably cut, line.
        head = head[: head.rfind("\n") + 1] or head
    lines = head.splitlines(keepends=True)
    return "".join(lines[:_SNIFF_LINES])
