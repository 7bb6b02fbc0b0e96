"""Check a zip-based workbook before it is parsed: number of parts, unpacked size, text runs.

An .xlsx is a zip of XML parts. A small file can unpack to gigabytes (a "zip bomb"), or hold
one enormous shared string that every cell refers to. Both are refused here, reading each part
in chunks so that the check itself stays within a few megabytes.
"""

from __future__ import annotations

import io
import zipfile

from synth.intake.limits import IntakeLimits

_CHUNK = 1024 * 1024
# A cell's text in the XML can take up to 4 bytes per character (UTF-8) or more with entities
# (&amp;); the exact character count is checked on the parsed value, this only bounds memory.
_BYTES_PER_CHAR = 6


def check_workbook_zip(data: bytes, limits: IntakeLimits) -> None:
    """Raise ``LimitExceeded`` for too many parts, too much unpacked data, or an overlong text run."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        limits.check_members(len(members))
        # zipfile stops each part at its declared size (a longer stream fails its CRC), so the
        # declared sizes bound what parsing can unpack.
        limits.check_unpacked(sum(m.file_size for m in members), "Excel")
        longest_allowed = limits.max_cell_chars * _BYTES_PER_CHAR + 1024
        for member in members:
            if member.filename.lower().endswith(".xml"):
                _check_text_runs(archive, member, longest_allowed, limits)


def _check_text_runs(archive: zipfile.ZipFile, member: zipfile.ZipInfo, longest: int, limits) -> None:
    """Refuse a part with a run of bytes between '<' and '>' longer than ``longest``."""
    carried = 0  # bytes since the last delimiter, from earlier chunks
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            last = max(chunk.rfind(b"<"), chunk.rfind(b">"))
            if last < 0:
                carried += len(chunk)
                if carried > longest:
                    raise limits.cell_too_long(member.filename)
                continue
            first = min(i for i in (chunk.find(b"<"), chunk.find(b">")) if i >= 0)
            inner = max(len(run) for run in chunk[first:last].replace(b">", b"<").split(b"<"))
            if carried + first > longest or inner > longest:
                raise limits.cell_too_long(member.filename)
            carried = len(chunk) - last - 1
