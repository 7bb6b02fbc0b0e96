"""Lineage and generation depth (norm 5), and the ``SYN.lineage.json`` sidecar.

Real data has depth 0; data generated from a dataset of depth d has depth d + 1. Going
past ``max_depth`` (default 1) is refused unless an override carries a justification,
which is recorded in the lineage.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

import synth
from synth.errors import InputError, LineageError
from synth.i18n import Msg

DEFAULT_MAX_DEPTH = 1
SIDECAR_SUFFIX = ".lineage.json"
SIDECAR_FORMAT = 1


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def frame_sha256(frame: pd.DataFrame) -> str:
    """Hex sha256 of a frame's CSV text (for data that has no file yet)."""
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def library_versions() -> dict[str, str]:
    """Versions that shape the output: sdv, pandas and this app."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        sdv_version = version("sdv")
    except PackageNotFoundError:  # pragma: no cover - sdv is a declared dependency
        sdv_version = "absent"
    return {"sdv": sdv_version, "pandas": pd.__version__, "synthreview": synth.__version__}


@dataclass(frozen=True)
class Lineage:
    """Where a synthetic dataset came from and how it was made."""

    parent_sha256: str
    source_sha256: str
    generator: str
    settings: dict
    seed: int
    depth: int
    max_depth: int
    versions: dict = field(default_factory=library_versions)
    override_justification: str | None = None
    # A DP generator's guarantee (epsilon, delta, unit of privacy, library and version, how the
    # preprocessing budget was spent); None for generators without one.
    privacy: dict | None = None
    # Curated generation: how rows were chosen among K candidates by a preference model (source
    # generation, round, model version and weights digest, K, beta, mode); None when not curated.
    curation: dict | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def check_depth(
    depth: int, *, max_depth: int = DEFAULT_MAX_DEPTH, override_justification: str | None = None
) -> None:
    """Refuse a dataset of generation ``depth`` beyond ``max_depth`` unless justified.

    Raises:
        InputError: a negative ``max_depth``.
        LineageError: the depth limit would be exceeded without a justification.
    """
    if max_depth < 0:
        raise InputError(Msg("max depth must be >= 0, got {max_depth}", max_depth=max_depth))
    if depth > max_depth and not (override_justification or "").strip():
        raise LineageError(
            Msg(
                "generating from this data would reach synthetic-on-synthetic depth {depth}, past the "
                "limit of {max_depth} (max depth {max_depth}); generate from the real source instead, "
                "or have an officer override the limit with a written justification",
                depth=depth,
                max_depth=max_depth,
            )
        )


def build_lineage(
    *,
    parent_sha256: str,
    parent: Sidecar | None,
    generator: str,
    settings: dict,
    seed: int,
    max_depth: int = DEFAULT_MAX_DEPTH,
    override_justification: str | None = None,
) -> Lineage:
    """Lineage for data generated from the dataset hashed ``parent_sha256``.

    ``parent`` is that dataset's sidecar when it is synthetic, ``None`` when it is real.
    Checks the depth limit first (see ``check_depth``).
    """
    depth = 1 if parent is None else parent.depth + 1
    check_depth(depth, max_depth=max_depth, override_justification=override_justification)
    source = parent_sha256 if parent is None else parent.lineage.source_sha256
    justification = (override_justification or "").strip() or None
    return Lineage(
        parent_sha256=parent_sha256,
        source_sha256=source,
        generator=generator,
        settings=dict(settings),
        seed=int(seed),
        depth=depth,
        max_depth=max_depth,
        override_justification=justification if depth > max_depth else None,
    )


@dataclass(frozen=True)
class Sidecar:
    """The ``SYN.lineage.json`` content: lineage, depth, purpose and allowed stages."""

    lineage: Lineage
    purpose: str
    allowed_stages: tuple[str, ...]
    pretraining_justification: str | None = None

    @property
    def depth(self) -> int:
        return self.lineage.depth

    def to_dict(self) -> dict:
        return {
            "format": SIDECAR_FORMAT,
            "depth": self.depth,
            "purpose": self.purpose,
            "allowed_stages": list(self.allowed_stages),
            "pretraining_justification": self.pretraining_justification,
            "lineage": self.lineage.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Sidecar:
        lineage = Lineage(**data["lineage"])
        return cls(
            lineage=lineage,
            purpose=data["purpose"],
            allowed_stages=tuple(data["allowed_stages"]),
            pretraining_justification=data.get("pretraining_justification"),
        )


def sidecar_path(data_path: str | Path) -> Path:
    """``SYN.csv`` -> ``SYN.lineage.json`` (same folder, suffix replaced)."""
    path = Path(data_path)
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def write_sidecar(data_path: str | Path, sidecar: Sidecar) -> Path:
    """Write the sidecar beside ``data_path`` and return its path."""
    target = sidecar_path(data_path)
    target.write_text(json.dumps(sidecar.to_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_sidecar(data_path: str | Path) -> Sidecar | None:
    """The sidecar beside ``data_path``, or ``None`` when there is none (real data).

    Raises:
        InputError: the sidecar exists but cannot be read.
    """
    target = sidecar_path(data_path)
    if not target.is_file():
        return None
    try:
        return Sidecar.from_dict(json.loads(target.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            Msg(
                "lineage sidecar {path} is unreadable ({error}); restore it from the export bundle "
                "or regenerate",
                path=str(target),
                error=str(exc),
            )
        ) from exc
