"""Outliers kept by the synthetic data, and optional flagged injection (norm 2).

Outlier regions come from profiling (``synth.profile``): numeric columns have bounds
(``lower``/``upper``; values outside are outliers), categorical ones rare values. Any
object with the attributes ``column``, ``method``, ``lower``, ``upper`` and
``rare_values`` works (``OutlierRegion`` below, or the profiler's ``OutlierReport``).

A real numeric outlier has a counterpart when a synthetic value lies beyond the same
bound within ``tolerance`` x (upper - lower) of it (x the real outliers' range when the
bounds coincide); a rare value has one when the
synthetic data contains that value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg

OUTLIER_FLAG = "synthetic_outlier"
# The coverage table's columns (``OutlierCoverage`` fields and its share), as pages show them.
COVERAGE_FIELDS = (
    N_("column"),
    N_("method"),
    N_("real_outliers"),
    N_("covered"),
    N_("synthetic_outliers"),
    N_("share_covered"),
)
DEFAULT_INJECTION_FRACTION = 0.01
MAX_INJECTION_FRACTION = 0.05
DEFAULT_TOLERANCE = 0.1


@dataclass(frozen=True)
class OutlierRegion:
    """Where a column's outliers lie (the shape of the profiler's ``OutlierReport``)."""

    column: str
    method: str  # "iqr" | "mad" | "rare_category"
    lower: float | None = None
    upper: float | None = None
    rare_values: tuple = ()


@dataclass(frozen=True)
class OutlierCoverage:
    """How many real outliers of one column have synthetic counterparts."""

    column: str
    method: str
    real_outliers: int
    covered: int
    synthetic_outliers: int

    @property
    def share_covered(self) -> float:
        return self.covered / self.real_outliers if self.real_outliers else 1.0


def _is_rare(region) -> bool:
    return region.method == "rare_category"


def _numeric(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _low_high(values: np.ndarray, region) -> tuple[np.ndarray, np.ndarray]:
    low = values < region.lower if region.lower is not None else np.zeros(len(values), bool)
    high = values > region.upper if region.upper is not None else np.zeros(len(values), bool)
    return low, high


def _scale(region, real_outliers: np.ndarray) -> float:
    """The inlier width, or the outliers' own range when the bounds coincide (e.g. all zeros)."""
    if region.lower is not None and region.upper is not None and region.upper > region.lower:
        return float(region.upper - region.lower)
    if real_outliers.size > 1 and np.ptp(real_outliers) > 0:
        return float(np.ptp(real_outliers))
    return 1.0


def _matched(real: np.ndarray, synthetic: np.ndarray, radius: float) -> int:
    """How many ``real`` values have a ``synthetic`` value within ``radius`` (searchsorted)."""
    if real.size == 0 or synthetic.size == 0:
        return 0
    ordered = np.sort(synthetic)
    at = (
        np.clip(np.searchsorted(ordered, real), 1, len(ordered) - 1)
        if len(ordered) > 1
        else np.zeros(len(real), int)
    )
    nearest = np.minimum(np.abs(ordered[at] - real), np.abs(ordered[np.maximum(at - 1, 0)] - real))
    return int(np.count_nonzero(nearest <= radius))


def outlier_coverage(
    real: pd.DataFrame, synthetic: pd.DataFrame, regions: Iterable, *, tolerance: float = DEFAULT_TOLERANCE
) -> list[OutlierCoverage]:
    """Per outlier region, how many real outliers have counterparts in ``synthetic``."""
    result = []
    for region in regions:
        if region.column not in real.columns or region.column not in synthetic.columns:
            continue
        if _is_rare(region):
            result.append(_rare_coverage(real[region.column], synthetic[region.column], region))
            continue
        real_values, synth_values = _numeric(real[region.column]), _numeric(synthetic[region.column])
        real_low, real_high = _low_high(real_values, region)
        radius = tolerance * _scale(region, real_values[real_low | real_high])
        synth_low, synth_high = _low_high(synth_values, region)
        covered = _matched(real_values[real_low], synth_values[synth_low], radius) + _matched(
            real_values[real_high], synth_values[synth_high], radius
        )
        result.append(
            OutlierCoverage(
                region.column,
                region.method,
                int(real_low.sum() + real_high.sum()),
                covered,
                int(synth_low.sum() + synth_high.sum()),
            )
        )
    return result


def _rare_coverage(real: pd.Series, synthetic: pd.Series, region) -> OutlierCoverage:
    rare = list(region.rare_values)
    if not rare:
        return OutlierCoverage(region.column, region.method, 0, 0, 0)
    # One hashed look-up per column; the rare cells found are few, so the rest is cheap.
    real_rare, synthetic_rare = real[real.isin(rare)], synthetic[synthetic.isin(rare)]
    covered = int(real_rare.isin(set(synthetic_rare)).sum())
    return OutlierCoverage(region.column, region.method, len(real_rare), covered, len(synthetic_rare))


def inject_outliers(
    synthetic: pd.DataFrame,
    real: pd.DataFrame,
    regions: Sequence,
    *,
    fraction: float = DEFAULT_INJECTION_FRACTION,
    seed: int,
    jitter: float = 0.05,
) -> pd.DataFrame:
    """Turn ``round(fraction * len(synthetic))`` synthetic rows into flagged outlier-like rows.

    Each chosen row gets, in one outlier column, a value drawn from the real outlier region:
    a rare value, or a real outlying number moved by up to ``jitter`` (relative) and kept
    beyond its bound; it is never the real number itself. Other columns stay synthetic.
    Adds the boolean column ``synthetic_outlier`` (True for injected rows only).

    Raises:
        InputError: fraction outside [0, 0.05].
    """
    if not 0.0 <= fraction <= MAX_INJECTION_FRACTION:
        raise InputError(
            Msg(
                "outlier fraction must be between 0 and {limit}, got {fraction}",
                limit=MAX_INJECTION_FRACTION,
                fraction=fraction,
            )
        )
    out = synthetic.reset_index(drop=True).copy()
    out[OUTLIER_FLAG] = False
    count = int(round(fraction * len(out)))
    sources = [r for r in regions if r.column in out.columns and _real_outliers(real, r).size]
    if count == 0 or not sources:
        return out
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(len(out), size=count, replace=False))
    which = rng.integers(len(sources), size=count)
    for k, region in enumerate(sources):
        targets = rows[which == k]
        if targets.size:
            values = _outlier_values(real, region, targets.size, rng, jitter)
            column = out[region.column]
            if pd.api.types.is_integer_dtype(column) and not _is_rare(region):
                values = values.astype(column.dtype)
            elif pd.api.types.is_integer_dtype(column):
                out[region.column] = column.astype(object)
            out.loc[targets, region.column] = values
    out.loc[rows, OUTLIER_FLAG] = True
    return out


def _real_outliers(real: pd.DataFrame, region) -> np.ndarray:
    if region.column not in real.columns:
        return np.array([])
    if _is_rare(region):
        return real[region.column][real[region.column].isin(list(region.rare_values))].to_numpy()
    values = _numeric(real[region.column])
    low, high = _low_high(values, region)
    return values[low | high]


def _outlier_values(
    real: pd.DataFrame, region, n: int, rng: np.random.Generator, jitter: float
) -> np.ndarray:
    pool = _real_outliers(real, region)
    base = pool[rng.integers(len(pool), size=n)]
    if _is_rare(region):
        return base
    integral = bool(np.all(pool == np.round(pool)))
    moved = base * (1.0 + rng.uniform(-jitter, jitter, n))
    step = np.where(base < (region.lower if region.lower is not None else -np.inf), -1.0, 1.0)
    if integral:
        moved = np.round(moved)
    # Never the real value itself: push one unit (or 1%) further out when rounding hit it.
    unit = 1.0 if integral else np.maximum(np.abs(base) * 0.01, 1e-9)
    moved = np.where(moved == base, base + step * unit, moved)
    # Stay beyond the bound the real value was beyond (whole numbers stay whole).
    if region.lower is not None:
        edge = np.ceil(region.lower) - 1.0 if integral else np.nextafter(region.lower, -np.inf)
        moved = np.where(step < 0, np.minimum(moved, edge), moved)
    if region.upper is not None:
        edge = np.floor(region.upper) + 1.0 if integral else np.nextafter(region.upper, np.inf)
        moved = np.where(step > 0, np.maximum(moved, edge), moved)
    return moved
