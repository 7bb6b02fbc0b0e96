"""Read a ZIP someone else made, within bounds: member count, names, sizes and compression ratio.

A bundle comes from outside, so nothing about it is trusted before it is read: the central
directory is checked first (cheap, no decompression), then each member is decompressed in
chunks and stopped as soon as it passes its limit. Nothing is ever written to disk.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reviews.errors import UnsafeBundle
from synth.i18n import Msg

_CHUNK = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """Bounds for reading one bundle; the defaults leave room for a large approved dataset."""

    max_members: int = 1000
    max_total_bytes: int = 2 * 1024**3
    max_ratio: int = 200  # decompressed/compressed; only checked for members above 1 MiB
    max_file_bytes: int = 2 * 1024**3

    @classmethod
    def from_environment(cls) -> ZipLimits:
        """Defaults, with ``SYNTHREVIEW_BUNDLE_MAX_MB`` raising or lowering the size limits."""
        raw = os.environ.get("SYNTHREVIEW_BUNDLE_MAX_MB")
        if not raw:
            return cls()
        size = int(float(raw) * 1024 * 1024)
        return cls(max_total_bytes=size, max_file_bytes=size)


def _unsafe_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name.split("/")[0]:
        return True
    return any(part in ("..", "") for part in PurePosixPath(name).parts) or ".." in name.split("/")


def _check_directory(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(infos) > limits.max_members:
        raise UnsafeBundle(
            Msg(
                "The bundle holds {count} files, more than the limit of {limit}; it is not read.",
                count=len(infos),
                limit=limits.max_members,
            )
        )
    for info in infos:
        if _unsafe_name(info.filename):
            raise UnsafeBundle(
                Msg("The bundle holds a file named {name!r}, a path outside the bundle.", name=info.filename)
            )
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise UnsafeBundle(
            Msg(
                "The bundle would unpack to {mb} MB, more than the limit of {limit} MB "
                "(raise it with SYNTHREVIEW_BUNDLE_MAX_MB).",
                mb=total // 1024**2,
                limit=limits.max_total_bytes // 1024**2,
            )
        )
    for info in infos:
        if info.file_size > _CHUNK and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeBundle(
                Msg(
                    "{name} is compressed {ratio} to 1, the mark of a ZIP bomb; the bundle is not read.",
                    name=info.filename,
                    ratio=info.file_size // max(info.compress_size, 1),
                )
            )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    # The header's size is not trusted either: stop reading as soon as the budget is spent.
    out = io.BytesIO()
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            out.write(chunk)
            if out.tell() > min(budget, info.file_size):
                raise UnsafeBundle(
                    Msg(
                        "{name} unpacks to more than its header says; the bundle is not read.",
                        name=info.filename,
                    )
                )
    return out.getvalue()


def read_members(
    source: bytes | str | Path, limits: ZipLimits | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """The members of the ZIP by name, and duplicate names as problems.

    Raises ``UnsafeBundle`` for a hostile ZIP, ``zipfile.BadZipFile`` (and kin) for one that is
    not a ZIP at all.
    """
    limits = limits or ZipLimits.from_environment()
    if not isinstance(source, bytes):
        size = Path(source).stat().st_size
        if size > limits.max_file_bytes:
            raise UnsafeBundle(
                Msg(
                    "The bundle file is {mb} MB, more than the limit of {limit} MB "
                    "(raise it with SYNTHREVIEW_BUNDLE_MAX_MB).",
                    mb=size // 1024**2,
                    limit=limits.max_file_bytes // 1024**2,
                )
            )
        source = Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        infos = archive.infolist()
        _check_directory(infos, limits)
        counts = Counter(info.filename for info in infos)
        problems = [f"{name} appears more than once" for name, n in sorted(counts.items()) if n > 1]
        members: dict[str, bytes] = {}
        budget = limits.max_total_bytes
        for info in infos:
            data = _read_member(archive, info, budget)
            budget -= len(data)
            members[info.filename] = data
    return members, problems
