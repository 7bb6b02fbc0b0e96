"""Model collapse of a real table refitted, generation after generation, by the app's generators.

Generation 0 is the real table itself. Generation g >= 1 is a generator fitted on M rows and
the M rows it then samples: with ``replace`` it fits on generation g-1's M rows (generation 1
fits on M rows drawn from the real table); with ``accumulate`` it fits on those M real rows
plus every synthetic batch so far (g*M rows), as in gaussian.py.

Measured on each generation's rows, averaged over runs: how many categories of each
categorical column are still present, and the column-shape score against the real table
(mean over columns of KSComplement for numbers and dates, TVComplement for categories; the
project's own, ``synth.metrics.fidelity.column_shapes``, checked against SDMetrics; 1 = same
shape).

The generator is a callable ``fit_sample(frame, n, seed) -> frame`` so any model fits;
``generator_fit_sample(name)`` wraps the app's generators, and ``bootstrap_fit_sample``
(resample rows with replacement, i.e. the empirical distribution) is the simplest model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from synth.errors import GenerationError, InputError, SynthError
from synth.i18n import N_, Msg
from synth.lineage.collapse.gaussian import MODES, count_problems
from synth.metrics.fidelity.column_shapes import KSComplement, TVComplement

FitSample = Callable[[pd.DataFrame, int, int], pd.DataFrame]
Progress = Callable[[float, str], None]
"""``progress(fraction, message)`` after each fit; it may raise to cancel, which propagates."""
#: Largest runs x generations (one generator fit each) a request may ask for.
MAX_TABLE_FITS = 2_000


@dataclass(frozen=True)
class TableCollapse:
    """Per-generation measures of a table; every array has length ``generations + 1``.

    Attributes:
        categories_kept: per categorical column, mean over runs of the number of distinct
            categories present in the generation's rows.
        real_categories: per categorical column, the number of categories in the real table.
        start_categories: per categorical column, mean over runs of the categories present in
            the M real rows each run starts from (what M rows can hold before any refitting).
        column_shape: mean over runs of the mean column-shape score against the real table.
        column_shape_by_column: the same score per column.
    """

    samples: int
    generations: int
    runs: int
    mode: str
    seed: int | None
    generator: str
    generation: np.ndarray
    categories_kept: dict[str, np.ndarray]
    real_categories: dict[str, int]
    start_categories: dict[str, float]
    column_shape: np.ndarray
    column_shape_by_column: dict[str, np.ndarray]

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (arrays become lists; NaN becomes None)."""

        def plain(value):
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, np.ndarray):
                return [None if np.isnan(x) else float(x) for x in value.astype(float)]
            return value

        return {k: plain(v) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict) -> TableCollapse:
        """Rebuild from ``to_dict`` output (e.g. a background job's stored result)."""

        def array(values):
            return np.array([np.nan if x is None else x for x in values], dtype=float)

        return cls(
            data["samples"],
            data["generations"],
            data["runs"],
            data["mode"],
            data["seed"],
            data["generator"],
            array(data["generation"]),
            {k: array(v) for k, v in data["categories_kept"].items()},
            dict(data["real_categories"]),
            dict(data["start_categories"]),
            array(data["column_shape"]),
            {k: array(v) for k, v in data["column_shape_by_column"].items()},
        )


def bootstrap_fit_sample(frame: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """The empirical distribution as a model: draw ``n`` rows of ``frame`` with replacement."""
    return frame.sample(n=n, replace=True, random_state=seed).reset_index(drop=True)


def generator_fit_sample(name: str) -> FitSample:
    """``fit_sample`` through ``synth.generators.make_generator(name, seed=seed)``."""
    if name == "bootstrap":
        return bootstrap_fit_sample

    def fit_sample(frame: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
        # Imported lazily: the Gaussian lab must not pay for SDV's import time.
        from synth.generators import make_generator

        model = make_generator(name, seed=seed)
        model.fit(frame)
        return model.sample(n)

    fit_sample.__name__ = name
    return fit_sample


def categorical_columns(frame: pd.DataFrame) -> list[str]:
    """Columns scored by categories (TVComplement); the rest are scored by KSComplement."""
    return [
        c
        for c in frame.columns
        if not (ptypes.is_numeric_dtype(frame[c]) or ptypes.is_datetime64_any_dtype(frame[c]))
        or ptypes.is_bool_dtype(frame[c])
    ]


def column_shape_scores(
    real: pd.DataFrame, synthetic: pd.DataFrame, categorical: list[str]
) -> dict[str, float]:
    """KSComplement / TVComplement per column (NaN when a column is all missing on either side)."""
    scores = {}
    for column in real.columns:
        metric = TVComplement if column in categorical else KSComplement
        scores[column] = float(metric.compute(real[column], synthetic[column]))
    return scores


def validate_table_args(real: pd.DataFrame, samples: int, generations: int, runs: int, mode: str) -> None:
    """Raise one ``InputError`` listing every unusable argument."""
    problems = []
    if real is None or len(real) == 0 or len(real.columns) == 0:
        problems.append(N_("the real table is empty; load a table with at least one row and one column"))
    problems += count_problems(samples=(samples, 2), generations=(generations, 1), runs=(runs, 1))
    if mode not in MODES:
        problems.append(
            Msg("mode {mode} is unknown; use one of {modes}", mode=repr(mode), modes=", ".join(MODES))
        )
    if not problems and runs * generations > MAX_TABLE_FITS:
        problems.append(
            Msg(
                "runs x generations = {fits:,} generator fits would take too long; keep it at most {limit:,} "
                "(fewer runs or generations)",
                fits=runs * generations,
                limit=MAX_TABLE_FITS,
            )
        )
    if problems:
        raise InputError(problems)


def simulate_table(
    real: pd.DataFrame,
    *,
    samples: int = 50,
    generations: int = 20,
    runs: int = 3,
    mode: str = "replace",
    seed: int | None = 0,
    generator: str = "rules",
    fit_sample: FitSample | None = None,
    progress: Progress | None = None,
) -> TableCollapse:
    """Refit a generator on its own output, ``generations`` times, in ``runs`` independent runs.

    Args:
        real: the real table (generation 0).
        samples: M, rows drawn from the real table and sampled per generation.
        generations: G; measures are returned for generations 0..G.
        runs: independent repetitions averaged in each measure.
        mode: ``replace`` or ``accumulate``.
        seed: seed of ``numpy.random.default_rng``, from which each fit's seed is drawn.
        generator: the app generator's name (used when ``fit_sample`` is None, and as a label).
        fit_sample: ``(frame, n, seed) -> frame``; defaults to ``generator_fit_sample(generator)``.
        progress: called after each fit with the fraction done and a short message.

    Raises:
        InputError: when an argument is out of range.
        GenerationError: when the generator fails at some generation.
    """
    validate_table_args(real, samples, generations, runs, mode)
    fit_sample = fit_sample or generator_fit_sample(generator)
    real = real.reset_index(drop=True)
    categorical = categorical_columns(real)
    rng = np.random.default_rng(seed)
    kept = {c: np.zeros((runs, generations + 1)) for c in categorical}
    start = {c: np.zeros(runs) for c in categorical}
    shape = {c: np.zeros((runs, generations + 1)) for c in real.columns}
    for run in range(runs):
        rows = real.sample(n=samples, replace=samples > len(real), random_state=_seed(rng))
        pool = [rows.reset_index(drop=True)]
        for column in categorical:
            start[column][run] = rows[column].nunique()
        _measure(real, real, categorical, kept, shape, run, 0)
        for g in range(1, generations + 1):
            train = pool[-1] if mode == "replace" else pd.concat(pool, ignore_index=True)
            rows = _fit_sample(fit_sample, train, samples, _seed(rng), generator, g)
            pool = [rows] if mode == "replace" else pool + [rows]
            _measure(real, rows, categorical, kept, shape, run, g)
            if progress is not None:
                done = (run * generations + g) / (runs * generations)
                progress(
                    done,
                    Msg(
                        "run {run} of {runs}, generation {generation} of {generations}",
                        run=run + 1,
                        runs=runs,
                        generation=g,
                        generations=generations,
                    ),
                )
    scores = np.stack(list(shape.values()))
    return TableCollapse(
        samples=samples,
        generations=generations,
        runs=runs,
        mode=mode,
        seed=seed,
        generator=generator,
        generation=np.arange(generations + 1),
        categories_kept={c: v.mean(axis=0) for c, v in kept.items()},
        real_categories={c: int(real[c].nunique()) for c in categorical},
        start_categories={c: float(v.mean()) for c, v in start.items()},
        column_shape=np.nanmean(scores, axis=0).mean(axis=0),
        column_shape_by_column={c: v.mean(axis=0) for c, v in shape.items()},
    )


def _seed(rng: np.random.Generator) -> int:
    return int(rng.integers(2**31 - 1))


def _fit_sample(
    fit_sample: FitSample, train: pd.DataFrame, n: int, seed: int, name: str, g: int
) -> pd.DataFrame:
    try:
        rows = fit_sample(train, n, seed)
    except SynthError:
        raise
    except Exception as exc:
        raise GenerationError(
            Msg(
                "generator {name} failed at generation {generation} ({error}); "
                "try more samples per generation, fewer generations, or another generator",
                name=repr(name),
                generation=g,
                error=f"{type(exc).__name__}: {exc}",
            )
        ) from exc
    return rows.reset_index(drop=True)


def _measure(real, rows, categorical, kept, shape, run, g) -> None:
    for column in categorical:
        kept[column][run, g] = rows[column].nunique()
    for column, score in column_shape_scores(real, rows, categorical).items():
        shape[column][run, g] = score
