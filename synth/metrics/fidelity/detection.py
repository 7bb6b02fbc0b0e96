"""Detection: can a classifier tell real training rows from synthetic rows?

The definition follows SDMetrics' detection metrics (``LogisticDetection``, ``SVCDetection``):
real and synthetic rows are labelled 0 and 1, a classifier is cross-validated with stratified
3-fold splits, the ROC AUC is measured on the held-out folds, and the score is
``1 - (2 * max(AUC, 0.5) - 1)`` (1: indistinguishable, 0: perfectly told apart).

One deliberate change: SDMetrics' ``LogisticDetection`` fits a logistic regression, which is
additive in the columns, so it cannot see broken relations between columns (a table whose
columns were shuffled independently keeps every marginal and reads as real to it). We fit
scikit-learn's ``HistGradientBoostingClassifier`` (trees see interactions; categories are
native), on equally many real and synthetic rows. The AUC reported is that of the pooled
out-of-fold predictions, with DeLong's 95% interval (``synth.metrics.privacy.intervals``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from synth.metrics.base import CONTINUOUS_TYPES, DISCRETE_TYPES, continuous_values
from synth.metrics.privacy.intervals import auc_interval
from synth.metrics.privacy.neighbours import sample_rows

DEFAULT_ROWS = 5_000
_FOLDS = 3
_MAX_CATEGORIES = 250


def _features(frame: pd.DataFrame, column_types: dict[str, str]) -> tuple[np.ndarray, list[bool]]:
    """Numbers as numbers (missing stays NaN), categories as integer codes shared by both tables."""
    columns, categorical = [], []
    for column, column_type in column_types.items():
        if column_type in CONTINUOUS_TYPES:
            columns.append(continuous_values(frame[column]))
            categorical.append(False)
        elif column_type in DISCRETE_TYPES:
            values = frame[column].astype(str).where(frame[column].notna(), None)
            codes, uniques = pd.factorize(values, sort=True)
            codes = codes.astype(float)
            codes[codes < 0] = np.nan
            # The classifier takes at most 255 category codes; rarer ones are pooled.
            if len(uniques) > _MAX_CATEGORIES:
                order = pd.Series(codes).value_counts().index[: _MAX_CATEGORIES - 1]
                codes = np.where(np.isin(codes, order) | np.isnan(codes), codes, -1.0)
                codes = pd.factorize(codes, sort=True)[0].astype(float)
            columns.append(codes)
            categorical.append(True)
    return np.column_stack(columns) if columns else np.empty((len(frame), 0)), categorical


def detection(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    column_types: dict[str, str],
    *,
    rows: int = DEFAULT_ROWS,
    seed: int = 0,
) -> dict:
    """``{auc, ci95, score, fold_aucs, rows_per_table, classifier}``.

    Args:
        rows: real and synthetic rows used (each table sampled to at most this many, equally
            many of each).
    """
    types = {c: t for c, t in column_types.items() if t in CONTINUOUS_TYPES | DISCRETE_TYPES}
    real_rng, synthetic_rng = (np.random.default_rng(s) for s in np.random.SeedSequence([seed, 2]).spawn(2))
    size = min(rows, len(real), len(synthetic))
    both = pd.concat(
        [
            sample_rows(real, size, real_rng)[list(types)],
            sample_rows(synthetic, size, synthetic_rng)[list(types)],
        ],
        ignore_index=True,
    )
    features, categorical = _features(both, types)
    labels = np.repeat([0, 1], size)
    predictions = np.full(len(labels), np.nan)
    # One OpenMP thread: on a shared, loaded machine spinning threads made the fit 20x slower.
    with threadpool_limits(limits=1, user_api="openmp"):
        fold_aucs = (
            _cross_validate(features, categorical, labels, predictions, seed) if size >= _FOLDS else []
        )
    if not fold_aucs:
        return {"auc": None, "ci95": None, "score": None, "fold_aucs": [], "rows_per_table": int(size)}
    result = auc_interval(predictions[labels == 1], predictions[labels == 0])
    mean_auc = float(np.mean(fold_aucs))
    return {
        **result,
        "score": 1.0 - (2.0 * max(mean_auc, 0.5) - 1.0),
        "fold_aucs": fold_aucs,
        "rows_per_table": int(size),
        "classifier": "HistGradientBoostingClassifier",
    }


def _cross_validate(features, categorical, labels, predictions, seed) -> list[float]:
    """Out-of-fold predictions (written into ``predictions``) and each fold's AUC."""
    if not features.shape[1]:
        return []
    fold_aucs = []
    folds = StratifiedKFold(n_splits=_FOLDS, shuffle=True, random_state=seed)
    for fit_rows, test_rows in folds.split(features, labels):
        model = HistGradientBoostingClassifier(
            categorical_features=np.array(categorical), random_state=seed, early_stopping=False
        )
        model.fit(features[fit_rows], labels[fit_rows])
        predictions[test_rows] = model.predict_proba(features[test_rows])[:, 1]
        fold_aucs.append(float(roc_auc_score(labels[test_rows], predictions[test_rows])))
    return fold_aucs
