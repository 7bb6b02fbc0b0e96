"""The public domain a DP generator works on: each column as a small set of codes.

MST (``synth.generators.dp_mst``) learns noisy marginals over discrete codes, so every column
needs a domain fixed in advance. Reading it from the table would leak: the observed range of
a column names its most extreme person, and a category seen once names a rare one. So each
column's domain comes from one of these, recorded per column as its ``source``:

* ``declared``: bounds or categories the user declared (``synth.generators.dp_budget``); free;
* ``schema``: a boolean column's two values; free, as the column type is public;
* ``paid``: found from the data with a DP mechanism, paid for from the budget:
  numeric bounds with SmartNoise's ``approx_bounds`` (a Laplace histogram over powers of two,
  pure ε), categories with OpenDP's Laplace threshold mechanism (noisy counts of the observed
  values, released only above a threshold; (ε, δ)). Values left out (too rare to be released)
  are coded like missing values.

Why by hand: SmartNoise's own ``TableTransformer`` reads the categories of a categorical column
from the data without spending budget, which this module exists to avoid.

Numeric columns are clipped to their bounds and cut into equal-width bins; a sampled bin becomes
a value drawn uniformly inside it (whole numbers for integer columns). Every column has one extra
code for "missing", so missingness is learned like any value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

NUMERIC, DATETIME, CATEGORICAL = "numeric", "datetime", "categorical"
DECLARED, SCHEMA, PAID = "declared", "schema", "paid"


@dataclass(frozen=True)
class ColumnDomain:
    """One column's public domain; its codes are ``0 .. size - 1``, the last one meaning missing."""

    name: str
    kind: str
    source: str
    lower: float | None = None
    upper: float | None = None
    bins: int = 0
    integral: bool = False
    categories: tuple = ()

    @property
    def size(self) -> int:
        return (len(self.categories) if self.kind == CATEGORICAL else self.bins) + 1

    def describe(self) -> dict:
        """What the lineage keeps: the source and the public domain itself."""
        if self.kind == CATEGORICAL:
            return {"kind": self.kind, "source": self.source, "categories": len(self.categories)}
        return {"kind": self.kind, "source": self.source, "lower": self.lower, "upper": self.upper}


def column_kind(series: pd.Series) -> str:
    """Numeric, datetime or categorical, from the column's type alone (public)."""
    if pd.api.types.is_bool_dtype(series) or isinstance(series.dtype, pd.CategoricalDtype):
        return CATEGORICAL
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATETIME
    if pd.api.types.is_numeric_dtype(series):
        return NUMERIC
    return CATEGORICAL


def needs_budget(series: pd.Series, declared: dict | None) -> bool:
    """Whether this column's domain must be paid for (not declared, not a boolean)."""
    if declared:
        return False
    return not pd.api.types.is_bool_dtype(series)


def _as_numbers(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(series):
        values = series.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64")
        values[series.isna().to_numpy()] = np.nan
        return values
    return series.to_numpy(dtype="float64", na_value=np.nan)


def paid_bounds(series: pd.Series, epsilon: float) -> tuple[float, float] | None:
    """ε-DP bounds of a numeric column (SmartNoise's ``approx_bounds``), or None if none were found."""
    from snsql.sql._mechanisms.approx_bounds import approx_bounds

    values = _as_numbers(series)
    lower, upper = approx_bounds(values[~np.isnan(values)].tolist(), float(epsilon))
    if lower is None or upper is None or not lower < upper:
        return None
    return float(lower), float(upper)


def threshold_for(epsilon: float, delta: float) -> tuple[float, int]:
    """The Laplace scale and the smallest count threshold that make OpenDP's threshold mechanism
    (ε, δ)-DP for one row added or removed."""
    import opendp.prelude as dp

    dp.enable_features("contrib", "floating-point")
    scale = 1.0 / float(epsilon)
    count_by = dp.t.make_count_by(dp.vector_domain(dp.atom_domain(T=str)), dp.symmetric_distance(), TV=int)
    threshold = dp.binary_search_param(
        lambda t: count_by >> dp.m.then_laplace_threshold(scale=scale, threshold=t),
        d_in=1,
        d_out=(float(epsilon), float(delta)),
        bounds=(1, 2**30),
        T=int,
    )
    return scale, int(threshold)


def paid_categories(series: pd.Series, epsilon: float, delta: float) -> tuple:
    """The values of a categorical column whose noisy count clears the (ε, δ) threshold."""
    import opendp.prelude as dp

    scale, threshold = threshold_for(epsilon, delta)
    present = series.dropna()
    keys = present.astype(str)
    originals = dict(zip(keys, present))
    count_by = dp.t.make_count_by(dp.vector_domain(dp.atom_domain(T=str)), dp.symmetric_distance(), TV=int)
    released = (count_by >> dp.m.then_laplace_threshold(scale=scale, threshold=threshold))(keys.tolist())
    return tuple(originals[k] for k in sorted(released))


def declared_domain(series: pd.Series, spec: dict, bins: int) -> ColumnDomain:
    """A column's domain from what the user declared (no budget spent)."""
    kind = column_kind(series)
    if "categories" in spec:
        return ColumnDomain(str(series.name), CATEGORICAL, DECLARED, categories=tuple(spec["categories"]))
    return ColumnDomain(
        str(series.name),
        kind if kind != CATEGORICAL else NUMERIC,
        DECLARED,
        lower=float(spec["lower"]),
        upper=float(spec["upper"]),
        bins=bins,
        integral=pd.api.types.is_integer_dtype(series),
    )


def encode(frame: pd.DataFrame, domains: list[ColumnDomain]) -> np.ndarray:
    """Codes of every row, one column per domain (missing or unlisted values get the last code)."""
    out = np.empty((len(frame), len(domains)), dtype=np.int64)
    for j, domain in enumerate(domains):
        series = frame[domain.name]
        missing_code = domain.size - 1
        if domain.kind == CATEGORICAL:
            lookup = {str(v): i for i, v in enumerate(domain.categories)}
            keys = (
                series.astype(object).where(series.notna(), None).map(lambda v: None if v is None else str(v))
            )
            out[:, j] = keys.map(lookup).fillna(missing_code).to_numpy(dtype=np.int64)
            continue
        values = _as_numbers(series)
        width = (domain.upper - domain.lower) / domain.bins
        with np.errstate(invalid="ignore"):
            binned = np.floor((np.clip(values, domain.lower, domain.upper) - domain.lower) / width)
        # The upper bound itself belongs to the last bin, not to the "missing" code after it.
        binned = np.clip(np.nan_to_num(binned, nan=0.0), 0, domain.bins - 1)
        binned[np.isnan(values)] = missing_code
        out[:, j] = binned.astype(np.int64)
    return out


def decode(codes: np.ndarray, domains: list[ColumnDomain], like: pd.DataFrame, rng) -> pd.DataFrame:
    """Rows from codes: categories by index, numbers drawn uniformly inside their bin."""
    columns = {}
    for j, domain in enumerate(domains):
        column = codes[:, j].astype(np.int64)
        missing = column == domain.size - 1
        dtype = like[domain.name].dtype
        if domain.kind == CATEGORICAL:
            values = np.empty(len(column), dtype=object)
            lookup = np.array(list(domain.categories) + [None], dtype=object)
            values[:] = lookup[column]
            series = pd.Series(values, name=domain.name)
            if not missing.any() and pd.api.types.is_bool_dtype(dtype):
                series = series.astype(bool)
            elif missing.any():
                series = series.where(~missing, np.nan)
            columns[domain.name] = series
            continue
        width = (domain.upper - domain.lower) / domain.bins
        values = domain.lower + (np.minimum(column, domain.bins - 1) + rng.random(len(column))) * width
        if domain.integral:
            low, high = np.ceil(domain.lower), np.floor(domain.upper)
            values = np.clip(np.floor(values), low, high) if high >= low else np.round(values)
        values[missing] = np.nan
        if domain.kind == DATETIME:
            series = pd.Series(pd.to_datetime(values, unit="ns"), name=domain.name)
        elif domain.integral and not missing.any():
            series = pd.Series(values.astype(np.int64), name=domain.name).astype(dtype)
        else:
            series = pd.Series(values, name=domain.name)
        columns[domain.name] = series
    return pd.DataFrame(columns)
