"""Table mode with a simulated reviewer: rounds with and without curation, with and without real data.

The reviewer has a known utility over the columns: the real-standardised value of one numeric
column (times ``direction``), or for a categorical column 1 for the preferred category and 0
otherwise. Asked to choose among K candidate rows it answers through the Bradley–Terry model,
picking row i with probability e^{beta u_i} / sum_j e^{beta u_j}, except that with probability
``error_rate`` it picks one at random (a careless or noisy answer; Feng et al., 2024 on verifier
quality).

Three arms, each refitting the generator every round on the latest M rows (``replace``):

* ``replace``: the generator's own rows, no choice;
* ``curated``: each of the M rows chosen by the reviewer among K candidates;
* ``curated_real``: a share of each round's M rows drawn afresh from the real table, the rest
  curated.

Measured per generation, mean over runs: the column-shape score against the real table, the
share of real categories still present, and the reviewer's mean utility.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import Msg
from synth.lineage.collapse.table import (
    MAX_TABLE_FITS,
    Progress,
    categorical_columns,
    column_shape_scores,
    generator_fit_sample,
)

TABLE_ARMS = ("replace", "curated", "curated_real")


@dataclass(frozen=True)
class SimulatedReviewer:
    """A known utility over one column, answered through Bradley–Terry with an error rate."""

    column: str
    direction: float = 1.0  # numeric column: +1 prefers larger values, -1 smaller
    preferred: str | None = None  # categorical column: the preferred category
    beta: float = 1.0
    error_rate: float = 0.0

    def utility(self, rows: pd.DataFrame, real: pd.DataFrame) -> np.ndarray:
        """u(row) for every row."""
        if self.preferred is not None:
            return (rows[self.column].astype(str) == str(self.preferred)).to_numpy(dtype=float)
        values = pd.to_numeric(rows[self.column], errors="coerce").to_numpy(dtype=float)
        ref = pd.to_numeric(real[self.column], errors="coerce")
        spread = float(ref.std()) or 1.0
        return np.nan_to_num(self.direction * (values - float(ref.mean())) / spread)

    def choose(self, utility: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
        """Position of the chosen candidate in each block of ``k``."""
        blocks = utility.size // k
        score = self.beta * utility.reshape(blocks, k) + rng.gumbel(size=(blocks, k))
        pick = np.argmax(score, axis=1)
        careless = rng.random(blocks) < self.error_rate
        pick[careless] = rng.integers(0, k, size=int(careless.sum()))
        return np.arange(blocks) * k + pick


@dataclass(frozen=True)
class CuratedTable:
    """Per-arm, per-generation measures (arrays of length ``generations + 1``)."""

    samples: int
    generations: int
    runs: int
    k: int
    real_share: float
    generator: str
    reviewer: dict
    generation: list[int]
    column_shape: dict[str, list[float]]
    coverage: dict[str, list[float]]
    utility: dict[str, list[float]]

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)


def _check(real, reviewer, samples, generations, runs, k, real_share) -> None:
    problems = []
    if reviewer.column not in real.columns:
        problems.append(
            Msg("the reviewer's column {column} is not in the table", column=repr(reviewer.column))
        )
    if not 0 <= reviewer.error_rate <= 1:
        problems.append(Msg("the error rate is {rate}; use a fraction from 0 to 1", rate=reviewer.error_rate))
    if not 0 < real_share < 1:
        problems.append(Msg("the real share is {share}; use a fraction between 0 and 1", share=real_share))
    if k < 2 or samples < 10 or generations < 1 or runs < 1:
        problems.append(
            Msg(
                "use K >= 2, at least 10 rows, 1 generation and 1 run (got K = {k}, {m} rows)", k=k, m=samples
            )
        )
    if 3 * runs * generations > MAX_TABLE_FITS:
        problems.append(
            Msg(
                "3 arms x runs x generations = {fits} fits is too many; keep it at most {limit}",
                fits=3 * runs * generations,
                limit=MAX_TABLE_FITS,
            )
        )
    if problems:
        raise InputError(problems)


def simulate_curated_table(
    real: pd.DataFrame,
    reviewer: SimulatedReviewer,
    *,
    samples: int = 100,
    generations: int = 10,
    runs: int = 2,
    k: int = 4,
    real_share: float = 0.2,
    generator: str = "rules",
    seed: int = 0,
    progress: Progress | None = None,
) -> CuratedTable:
    """Run the three arms on ``real`` (see the module docstring).

    Raises:
        InputError: when an argument is out of range.
    """
    _check(real, reviewer, samples, generations, runs, k, real_share)
    fit_sample = generator_fit_sample(generator)
    categorical = categorical_columns(real)
    real_counts = {c: max(real[c].nunique(), 1) for c in categorical}
    rng = np.random.default_rng(seed)
    shape = {a: np.zeros((runs, generations + 1)) for a in TABLE_ARMS}
    coverage = {a: np.zeros((runs, generations + 1)) for a in TABLE_ARMS}
    utility = {a: np.zeros((runs, generations + 1)) for a in TABLE_ARMS}
    done, total = 0, 3 * runs * generations
    for run in range(runs):
        start = real.sample(n=samples, replace=samples > len(real), random_state=int(rng.integers(2**31 - 1)))
        for arm in TABLE_ARMS:
            rows = start.reset_index(drop=True)
            for g in range(generations + 1):
                if g:
                    rows = _next_round(arm, rows, real, reviewer, fit_sample, samples, k, real_share, rng)
                    done += 1
                    if progress:
                        progress(
                            done / total, Msg("{arm}: generation {g} of {n}", arm=arm, g=g, n=generations)
                        )
                scores = column_shape_scores(real, rows, categorical)
                shape[arm][run, g] = np.nanmean(list(scores.values()))
                coverage[arm][run, g] = (
                    np.mean([rows[c].nunique() / real_counts[c] for c in categorical]) if categorical else 1.0
                )
                utility[arm][run, g] = float(np.mean(reviewer.utility(rows, real)))
    mean = lambda table: {a: table[a].mean(axis=0).tolist() for a in TABLE_ARMS}  # noqa: E731
    return CuratedTable(
        samples,
        generations,
        runs,
        k,
        real_share,
        generator,
        asdict(reviewer),
        list(range(generations + 1)),
        mean(shape),
        mean(coverage),
        mean(utility),
    )


def _next_round(arm, rows, real, reviewer, fit_sample, samples, k, real_share, rng) -> pd.DataFrame:
    seed = int(rng.integers(2**31 - 1))
    if arm == "replace":
        return fit_sample(rows, samples, seed).reset_index(drop=True)
    n_real = int(round(real_share * samples)) if arm == "curated_real" else 0
    n_synthetic = samples - n_real
    candidates = fit_sample(rows, n_synthetic * k, seed).reset_index(drop=True)
    kept = candidates.iloc[reviewer.choose(reviewer.utility(candidates, real), k, rng)]
    fresh = real.sample(n=n_real, replace=n_real > len(real), random_state=seed)
    return pd.concat([kept, fresh], ignore_index=True)
