"""``rules``: a fast, hand-written generator built from perturbation and interpolation.

Why by hand: no maintained library offers a seeded, vectorised row synthesiser that mixes
SMOTE-style interpolation (imbalanced-learn only oversamples one label, and needs the label)
with per-column noise, category resampling and an exact-copy guard. It uses pykdtree's
exact k-d tree for the neighbour search (scipy's costs a quarter of a second to import,
more than the search itself; it still searches tables of more than 127 numeric columns).

Each synthetic row starts from a real "seed" row of the same class (the conditioned cell,
or the whole table without conditions; seeds come from a random subset of at most
``max_anchors`` rows of a class, so the neighbour search stays cheap on large tables):

* numeric columns move part of the way towards one of the seed's nearest neighbours (SMOTE),
  then get Gaussian noise scaled to the column's spread; they are clipped to the observed
  range and integer columns stay integer; a value shared by >= 5% of rows (a point mass,
  such as zero capital gain) is kept exactly when seed and neighbour both hold it;
* categorical columns take the neighbour's value with ``swap_probability`` and are redrawn
  from the class's own rows with ``resample_probability``;
* a conditioned cell absent from training borrows rows that match the longest prefix of
  the condition columns (the conditioned values are then set as asked);
* rows that equal a training row (found by a hash join) are perturbed again with more
  noise, and one numeric value each is moved by at least one step (dense tables re-hit
  other real rows otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pykdtree.kdtree import KDTree

from synth.errors import GenerationError
from synth.generators.base import NO_TRAINING_ROWS, Progress, check_fitted, check_sample_request, report
from synth.generators.training_copies import TrainingRows
from synth.i18n import Msg

MASS_SHARE = 0.05
# pykdtree's limit; a table with more numeric columns is searched with scipy's tree instead.
KDTREE_MAX_DIMENSIONS = 127


@dataclass(frozen=True)
class _NumericColumn:
    values: np.ndarray  # float64, NaN for missing
    lower: float
    upper: float
    spread: float
    integral: bool
    kind: str  # "number" or "datetime"
    masses: np.ndarray  # values held by >= MASS_SHARE of rows (e.g. the zeros of capital-gain)


def _numeric_column(series: pd.Series) -> _NumericColumn | None:
    if pd.api.types.is_bool_dtype(series) or isinstance(series.dtype, pd.CategoricalDtype):
        return None
    if pd.api.types.is_datetime64_any_dtype(series):
        values = series.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64")
        values[series.isna().to_numpy()] = np.nan
        kind = "datetime"
    elif pd.api.types.is_numeric_dtype(series):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        kind = "number"
    else:
        return None
    present = values[~np.isnan(values)]
    if present.size == 0:
        return None
    spread = float(np.std(present)) if present.size > 1 else 0.0
    integral = kind == "datetime" or bool(np.all(present == np.round(present)))
    uniques, counts = np.unique(present, return_counts=True)
    masses = uniques[counts >= MASS_SHARE * len(values)]
    return _NumericColumn(values, float(present.min()), float(present.max()), spread, integral, kind, masses)


class RulesGenerator:
    """Seeded, vectorised perturbation + SMOTE-style generator (see module docstring)."""

    name = "rules"

    def __init__(
        self,
        *,
        seed: int,
        neighbours: int = 5,
        noise_scale: float = 0.1,
        swap_probability: float = 0.3,
        resample_probability: float = 0.1,
        max_rounds: int = 12,
        max_anchors: int = 20_000,
    ):
        self.seed = int(seed)
        self.neighbours = neighbours
        self.noise_scale = noise_scale
        self.swap_probability = swap_probability
        self.resample_probability = resample_probability
        self.max_rounds = max_rounds
        self.max_anchors = max_anchors
        self._train: pd.DataFrame | None = None

    def fit(self, train: pd.DataFrame, *, progress: Progress | None = None) -> None:
        """Remember the training rows and each column's range and spread."""
        if train.empty:
            raise GenerationError(NO_TRAINING_ROWS)
        self._train = train.reset_index(drop=True)
        self._rng = np.random.default_rng(self.seed)
        self._numeric = {
            c: col for c in train.columns if (col := _numeric_column(self._train[c])) is not None
        }
        self._categorical = [c for c in train.columns if c not in self._numeric]
        self._scaled = self._standardised()
        self._training_rows = TrainingRows(self._train, list(self._numeric))
        report(progress, 1.0, Msg("{name}: fitted", name=self.name))

    def _standardised(self) -> np.ndarray:
        # Neighbour search space: numeric columns on a common scale, missing at the mean.
        if not self._numeric:
            return np.zeros((len(self._train), 0))
        cols = []
        for col in self._numeric.values():
            z = (col.values - np.nanmean(col.values)) / (col.spread or 1.0)
            cols.append(np.nan_to_num(z, nan=0.0))
        return np.column_stack(cols)

    def sample(self, n: int, *, conditions: pd.DataFrame | None = None) -> pd.DataFrame:
        """Return ``n`` rows; with ``conditions`` (one row per sample) seeds come from matching rows."""
        train = check_fitted(self._train, self.name)
        check_sample_request(n, conditions, train.columns)
        if n == 0:
            return train.iloc[:0].copy()
        seeds, partners, redraws = self._pick_rows(n, conditions)
        out = self._compose(seeds, partners, redraws, self.noise_scale, conditions)
        return self._remove_exact_copies(out, seeds, partners, redraws, conditions)

    def _pick_rows(self, n: int, conditions: pd.DataFrame | None):
        rng = self._rng
        seeds = np.empty(n, dtype=np.int64)
        partners = np.empty(n, dtype=np.int64)
        redraws = np.empty(n, dtype=np.int64)
        for pool, targets in self._classes(n, conditions):
            # Seeds come from at most ``max_anchors`` rows of the class, whose neighbour table is
            # computed once: a kNN query per synthetic row would cost ~20x the rest of sampling.
            anchors = (
                pool
                if len(pool) <= self.max_anchors
                else np.sort(rng.choice(pool, self.max_anchors, replace=False))
            )
            table = self._neighbour_table(anchors)
            at = rng.integers(len(anchors), size=len(targets))
            seeds[targets] = anchors[at]
            pick = rng.integers(1, table.shape[1], size=len(targets)) if table.shape[1] > 1 else 0
            partners[targets] = table[at, pick]
            redraws[targets] = pool[rng.integers(len(pool), size=len(targets))]
        return seeds, partners, redraws

    def _classes(self, n: int, conditions: pd.DataFrame | None):
        """Yield (training rows of a class, output positions drawn from it)."""
        if conditions is None or conditions.shape[1] == 0:
            yield np.arange(len(self._train)), np.arange(n)
            return
        cols = list(conditions.columns)
        both = pd.concat([self._train[cols], conditions.reset_index(drop=True)[cols]], ignore_index=True)
        codes = both.groupby(cols, dropna=False, sort=False).ngroup().to_numpy()
        train_codes, wanted_codes = codes[: len(self._train)], codes[len(self._train) :]
        order = np.argsort(train_codes, kind="stable")
        starts = np.searchsorted(train_codes[order], np.unique(wanted_codes), side="left")
        ends = np.searchsorted(train_codes[order], np.unique(wanted_codes), side="right")
        for code, start, end in zip(np.unique(wanted_codes), starts, ends):
            targets = np.flatnonzero(wanted_codes == code)
            pool = order[start:end] if end > start else self._nearest_pool(conditions.iloc[targets[0]], cols)
            yield pool, targets

    def _nearest_pool(self, wanted: pd.Series, cols: list[str]) -> np.ndarray:
        """Rows matching the longest prefix of the condition columns (cell absent from training)."""
        for width in range(len(cols) - 1, 0, -1):
            match = np.ones(len(self._train), dtype=bool)
            for column in cols[:width]:
                match &= (self._train[column] == wanted[column]).to_numpy()
            if match.any():
                return np.flatnonzero(match)
        return np.arange(len(self._train))

    def _neighbour_table(self, anchors: np.ndarray) -> np.ndarray:
        """Row ``i``: anchor ``i`` (column 0) then its nearest other anchors, as training rows."""
        if self._scaled.shape[1] == 0 or len(anchors) < 2:
            # No numbers to measure nearness: any row of the class is as near as another.
            return np.column_stack([anchors, anchors[self._rng.integers(len(anchors), size=len(anchors))]])
        k = min(self.neighbours + 1, len(anchors))
        points = np.ascontiguousarray(self._scaled[anchors])
        # Exact searches; their threads split the queries, so the answers do not depend on how many.
        if points.shape[1] <= KDTREE_MAX_DIMENSIONS:
            found = KDTree(points).query(points, k=k)[1]
        else:
            from scipy.spatial import cKDTree

            found = cKDTree(points).query(points, k=k, workers=-1)[1]
        found = found.astype(np.int64).reshape(len(points), k)
        # Each point leaves itself out; among equal points it may not come first, so it is
        # moved last, and a row that did not find itself drops its farthest neighbour instead.
        itself = found == np.arange(len(points))[:, None]
        nearest = np.take_along_axis(found, np.argsort(itself, axis=1, kind="stable"), axis=1)[:, : k - 1]
        return anchors[np.column_stack([np.arange(len(anchors)), nearest])]

    def _compose(self, seeds, partners, redraws, noise_scale, conditions) -> pd.DataFrame:
        rng = self._rng
        n = len(seeds)
        columns = {}
        for name, col in self._numeric.items():
            start, end = col.values[seeds], col.values[partners]
            end = np.where(np.isnan(end), start, end)
            values = start + rng.random(n) * (end - start) + rng.normal(0.0, noise_scale * col.spread, n)
            values = np.clip(values, col.lower, col.upper)
            # A point mass stays exact when both ends sit on it, so spikes such as zero survive.
            keep = (start == end) & np.isin(start, col.masses)
            values = np.where(keep, start, values)
            if col.integral:
                values = np.round(values)
            columns[name] = self._restore(name, col, values)
        for name in self._categorical:
            source = self._train[name].to_numpy()
            values = source[seeds]
            swap = rng.random(n) < self.swap_probability
            values = np.where(swap, source[partners], values)
            redraw = rng.random(n) < self.resample_probability
            values = np.where(redraw, source[redraws], values)
            columns[name] = pd.Series(values).astype(self._train[name].dtype)
        out = pd.DataFrame(columns)[list(self._train.columns)]
        if conditions is not None:
            for name in conditions.columns:
                out[name] = pd.Series(conditions[name].to_numpy()).astype(self._train[name].dtype)
        return out

    def _restore(self, name: str, col: _NumericColumn, values: np.ndarray) -> pd.Series:
        dtype = self._train[name].dtype
        if col.kind == "datetime":
            stamps = pd.to_datetime(np.where(np.isnan(values), np.nan, values).astype("float64"), unit="ns")
            return pd.Series(stamps).astype(dtype)
        if pd.api.types.is_integer_dtype(dtype) and not np.isnan(values).any():
            return pd.Series(values.astype(np.int64)).astype(dtype)
        return pd.Series(values).astype("float64" if pd.api.types.is_integer_dtype(dtype) else dtype)

    def _remove_exact_copies(self, out, seeds, partners, redraws, conditions) -> pd.DataFrame:
        fixed = set() if conditions is None else set(conditions.columns)
        movable = [name for name in self._numeric if name not in fixed]
        for round_ in range(1, self.max_rounds + 1):
            copies = self._training_rows.copies(out)
            if copies.size == 0:
                break
            sub_conditions = None if conditions is None else conditions.iloc[copies]
            # Redraw categories for the copies too, and grow the noise each round.
            redo = self._compose(
                seeds[copies],
                redraws[copies],
                partners[copies],
                self.noise_scale * (1 + round_),
                sub_conditions,
            )
            for _ in range(1 + round_ // 3) if movable else ():
                self._nudge(redo, movable, round_)
            for j, name in enumerate(out.columns):
                out.iloc[copies, j] = redo[name].to_numpy()
        return out.astype(self._train.dtypes.to_dict())

    def _nudge(self, frame: pd.DataFrame, movable: list[str], round_: int) -> None:
        """Move one numeric value per row by at least one step (dense tables re-hit real rows)."""
        rng = self._rng
        which = rng.integers(len(movable), size=len(frame))
        for k, name in enumerate(movable):
            rows = np.flatnonzero(which == k)
            col = self._numeric[name]
            if rows.size == 0 or col.upper == col.lower:
                continue
            values = frame[name].to_numpy(dtype="float64", na_value=np.nan)[rows]
            unit = 1.0 if col.integral else max(col.spread * 1e-3, 1e-9)
            step = np.maximum(
                unit * round_, np.abs(rng.normal(0.0, self.noise_scale * col.spread, rows.size))
            )
            if col.integral:
                step = np.ceil(step)
            step *= rng.choice([-1.0, 1.0], size=rows.size)
            moved = np.clip(values + step, col.lower, col.upper)
            moved = np.where(moved == values, np.clip(values - step, col.lower, col.upper), moved)
            values = np.where(np.isnan(values), values, moved)
            column = frame[name].to_numpy(dtype="float64", na_value=np.nan)
            column[rows] = values
            frame[name] = self._restore(name, col, column)
