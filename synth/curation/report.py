"""What curation did: utility before and after, and the diversity it kept (norms 2 and 6).

Compares the kept rows with all candidates (what the generator made before choice):

* mean utility of the candidates and of the kept rows;
* each column's shape: KSComplement (numbers) or TVComplement (categories), the project's
  column-shape metrics; for numbers also the variance ratio kept / candidates;
* distinct categories kept of those the candidates had (coverage);
* each protected group's share before and after;
* tail mass (norm 2): the share of values beyond the candidates' 2.5 % and 97.5 % quantiles
  (5 % before by construction) and the share of rows with any such value.

A warning is raised when a numeric column's variance ratio falls below ``min_variance_ratio``
or a categorical column's coverage below ``min_coverage``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from synth.i18n import Msg, to_data
from synth.metrics.fidelity.column_shapes import KSComplement, TVComplement

DEFAULT_MIN_VARIANCE_RATIO = 0.8
DEFAULT_MIN_COVERAGE = 0.9
TAIL_QUANTILES = (0.025, 0.975)


@dataclass(frozen=True)
class CurationReport:
    """Utility and diversity before (all candidates) and after (kept rows)."""

    candidates: int
    kept: int
    mean_utility_before: float
    mean_utility_after: float
    columns: dict[str, dict]
    protected: dict[str, dict[str, dict[str, float]]]
    tail_rows_before: float
    tail_rows_after: float
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (warnings as English text, with their message form beside them)."""
        data = asdict(self)
        data["warnings"] = [str(w) for w in self.warnings]
        data["warnings_data"] = [to_data(w) for w in self.warnings]
        for key in ("mean_utility_before", "mean_utility_after"):  # nothing kept: no mean
            data[key] = None if np.isnan(data[key]) else data[key]
        return data


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _tails(values: pd.Series, low: float, high: float) -> np.ndarray:
    x = values.to_numpy(dtype=float)
    return (x < low) | (x > high)


def curation_report(
    candidates: pd.DataFrame,
    kept: pd.DataFrame,
    utility: np.ndarray,
    kept_utility: np.ndarray,
    protected: tuple[str, ...] | list[str] = (),
    min_variance_ratio: float = DEFAULT_MIN_VARIANCE_RATIO,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> CurationReport:
    """Measure what keeping ``kept`` out of ``candidates`` did (see the module docstring)."""
    columns: dict[str, dict] = {}
    warnings: list[str] = []
    tail_before = np.zeros(len(candidates), bool)
    tail_after = np.zeros(len(kept), bool)
    for name in candidates.columns:
        before, after = candidates[name], kept[name]
        if _numeric(before):
            low, high = np.nanquantile(before.to_numpy(dtype=float), TAIL_QUANTILES)
            in_before, in_after = _tails(before, low, high), _tails(after, low, high)
            tail_before |= in_before
            tail_after |= in_after
            var_before = float(np.nanvar(before.to_numpy(dtype=float), ddof=1)) if before.size > 1 else 0.0
            var_after = float(np.nanvar(after.to_numpy(dtype=float), ddof=1)) if after.size > 1 else 0.0
            ratio = var_after / var_before if var_before > 0 else None
            columns[name] = {
                "kind": "numeric",
                "shape": KSComplement.compute(before, after),
                "variance_ratio": ratio,
                "tail_mass_before": float(in_before.mean()),
                "tail_mass_after": float(in_after.mean()) if after.size else 0.0,
            }
            if ratio is not None and ratio < min_variance_ratio:
                warnings.append(
                    Msg(
                        "{column}: curation kept {ratio:.0%} of the variance (below {limit:.0%})",
                        column=name,
                        ratio=ratio,
                        limit=min_variance_ratio,
                    )
                )
        else:
            had = set(before.dropna().astype(str))
            left = set(after.dropna().astype(str)) & had
            coverage = len(left) / len(had) if had else 1.0
            columns[name] = {
                "kind": "categorical",
                "shape": TVComplement.compute(before.astype(str), after.astype(str)),
                "categories_before": len(had),
                "categories_kept": len(left),
                "coverage": coverage,
            }
            if coverage < min_coverage:
                warnings.append(
                    Msg(
                        "{column}: {kept} of {total} categories kept ({coverage:.0%}, below {limit:.0%})",
                        column=name,
                        kept=len(left),
                        total=len(had),
                        coverage=coverage,
                        limit=min_coverage,
                    )
                )
        if np.isnan(columns[name]["shape"]):
            columns[name]["shape"] = None
    groups = {}
    for name in protected:
        share_before = candidates[name].astype(str).value_counts(normalize=True)
        share_after = kept[name].astype(str).value_counts(normalize=True)
        groups[name] = {
            str(g): {"before": float(share_before[g]), "after": float(share_after.get(g, 0.0))}
            for g in share_before.index
        }
    return CurationReport(
        candidates=len(candidates),
        kept=len(kept),
        mean_utility_before=float(np.nanmean(utility)),
        mean_utility_after=float(np.nanmean(kept_utility)) if len(kept_utility) else float("nan"),
        columns=columns,
        protected=groups,
        tail_rows_before=float(tail_before.mean()) if tail_before.size else 0.0,
        tail_rows_after=float(tail_after.mean()) if tail_after.size else 0.0,
        warnings=warnings,
    )
