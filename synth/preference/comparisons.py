"""Comparisons from a CSV file, and the preference scores they give every row.

The file format is shared by ``python -m reviews rank-fit`` and ``python -m synth curate
--comparisons``: columns ``winner,loser`` (0-based row positions in the rows file) and an optional
``reviewer`` (who made each comparison). Both commands score rows with :func:`fit_scores`, so the
same rows and comparisons give the same scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg, word
from synth.preference.bradley_terry import PreferenceModel, validate_pairs
from synth.preference.features import RowFeatures
from synth.preference.reliability import ReliablePreferenceModel


@dataclass(frozen=True)
class Comparisons:
    """Winner/loser row positions, and who made each comparison when the file says so."""

    pairs: np.ndarray
    reviewers: list[str] | None


@dataclass(frozen=True)
class FittedScores:
    """One utility per row, the model that gave it and the features it was fitted on."""

    scores: np.ndarray
    model: PreferenceModel | ReliablePreferenceModel
    features: RowFeatures


def read_csv(path: Path, what: str) -> pd.DataFrame:
    """A CSV file as a frame; a missing or unreadable file is an ``InputError`` naming ``what``
    (a fixed word such as ``N_("Comparisons")``)."""
    if not path.is_file():
        raise InputError(
            Msg("{what} file {path} does not exist; check the path.", what=word(what), path=str(path))
        )
    try:
        return pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(
            Msg(
                "{what} file {path} is not a readable CSV ({error}); save it as UTF-8 CSV.",
                what=word(what),
                path=str(path),
                error=str(exc),
            )
        ) from None


def read_comparisons(path: Path, n_rows: int) -> Comparisons:
    """Read and check a comparisons file against a rows file of ``n_rows`` rows.

    Raises:
        InputError: The file is missing or unreadable, lacks ``winner``/``loser``, names a row
            that is not a whole number in 0..n_rows-1 or compares a row with itself, or leaves a
            ``reviewer`` cell empty.
    """
    table = read_csv(path, N_("Comparisons"))
    missing = [c for c in ("winner", "loser") if c not in table.columns]
    if missing:
        raise InputError(
            Msg(
                "{path} lacks column(s) {columns}; it needs 'winner' and 'loser' (0-based row positions).",
                path=str(path),
                columns=str(missing),
            )
        )
    numeric = table[["winner", "loser"]].apply(pd.to_numeric, errors="coerce")
    bad = numeric.isna().any(axis=1) | (numeric % 1 != 0).any(axis=1)
    if bad.any():
        raise InputError(
            Msg(
                "{path}: {n} comparison(s) have a winner or loser that is not a whole number "
                "(first at line {line}); use 0-based row positions.",
                path=str(path),
                n=int(bad.sum()),
                line=int(bad.to_numpy().argmax()) + 2,
            )
        )
    try:
        pairs = validate_pairs(numeric.to_numpy(dtype=int), n_rows)
    except InputError as exc:
        raise InputError(
            [Msg("{path}: {problem}", path=str(path), problem=p) for p in exc.problems]
        ) from None
    if "reviewer" not in table.columns:
        return Comparisons(pairs, None)
    reviewers = table["reviewer"]
    if reviewers.isna().any():
        raise InputError(
            Msg(
                "{path}: {n} comparison(s) have no reviewer (first at line {line}); name who made each one.",
                path=str(path),
                n=int(reviewers.isna().sum()),
                line=int(reviewers.isna().to_numpy().argmax()) + 2,
            )
        )
    return Comparisons(pairs, reviewers.astype(str).tolist())


def fit_scores(rows: pd.DataFrame, comparisons: Comparisons, alpha: float = 1.0) -> FittedScores:
    """Fit row features on ``rows`` themselves, the Bradley–Terry model on the comparisons, and
    score every row.

    There is no real table here, so the features' reference is the rows being compared. With a
    reviewer per comparison the reliability-aware model is fitted, so a reviewer answering at
    random counts less.
    """
    features = RowFeatures.fit(rows)
    matrix = features.transform(rows)
    model: PreferenceModel | ReliablePreferenceModel
    if comparisons.reviewers is None:
        model = PreferenceModel(alpha=alpha).fit(matrix, comparisons.pairs, features.feature_names)
    else:
        model = ReliablePreferenceModel(alpha=alpha).fit(
            matrix, comparisons.pairs, comparisons.reviewers, features.feature_names
        )
    return FittedScores(model.scores(matrix), model, features)
