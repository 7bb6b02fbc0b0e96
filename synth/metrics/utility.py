"""Utility: does a model trained on synthetic data do as well on real data?

Train-synthetic-test-real (TSTR) against train-real-test-real (TRTR), both scored on the
holdout, with scikit-learn's HistGradientBoosting (fixed seed, default settings).
Classification reports accuracy and ROC AUC (one-vs-rest for several classes), regression
R². ``ratio`` is TSTR / TRTR of the headline score (AUC, or accuracy when AUC is
undefined; R² for regression).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import accuracy_score, r2_score, roc_auc_score
from threadpoolctl import threadpool_limits

from synth.i18n import N_
from synth.metrics.base import CONTINUOUS_TYPES, STATISTICAL_TYPES, continuous_values

MAX_TRAINING_ROWS = 50_000
_MAX_NATIVE_CATEGORIES = 250


def _features(
    frames: list[pd.DataFrame], columns: list[str], column_types: dict[str, str]
) -> list[pd.DataFrame]:
    """Numeric features; categories share one code book across all frames."""
    out = [dict() for _ in frames]
    for column in columns:
        if column_types[column] in CONTINUOUS_TYPES:
            for target, frame in zip(out, frames):
                target[column] = continuous_values(frame[column])
            continue
        text = [f[column].astype(str).where(f[column].notna()) for f in frames]
        categories = pd.Index(pd.unique(pd.concat(text, ignore_index=True).dropna()))
        for target, values in zip(out, text):
            coded = pd.Categorical(values, categories=categories)
            # Native categorical splits need fewer than 255 categories; beyond, use the codes.
            target[column] = (
                coded
                if len(categories) <= _MAX_NATIVE_CATEGORIES
                else np.where(coded.codes < 0, np.nan, coded.codes)
            )
    return [pd.DataFrame(d) for d in out]


def _fit_score(model, train_x, train_y, test_x, test_y, classification: bool, classes) -> dict:
    # One OpenMP thread, as for detection: on a shared 2-core machine, spinning OpenMP threads
    # made these fits 15-30x slower (benchmarks/README.md, "Demo seeding").
    with threadpool_limits(limits=1, user_api="openmp"):
        return _scores(model, train_x, train_y, test_x, test_y, classification, classes)


def _scores(model, train_x, train_y, test_x, test_y, classification: bool, classes) -> dict:
    model.fit(train_x, train_y)
    if not classification:
        return {"r2": float(r2_score(test_y, model.predict(test_x)))}
    scores = {"accuracy": float(accuracy_score(test_y, model.predict(test_x)))}
    try:
        proba = model.predict_proba(test_x)
        if len(model.classes_) == 2:
            scores["auc"] = float(roc_auc_score(test_y == model.classes_[1], proba[:, 1]))
        else:
            full = (
                pd.DataFrame(proba, columns=model.classes_)
                .reindex(columns=classes, fill_value=0.0)
                .to_numpy()
            )
            full = full / np.clip(full.sum(axis=1, keepdims=True), 1e-12, None)
            scores["auc"] = float(roc_auc_score(test_y, full, multi_class="ovr", labels=classes))
    except ValueError:
        scores["auc"] = None
    return scores


def utility(
    train: pd.DataFrame,
    synthetic: pd.DataFrame,
    holdout: pd.DataFrame,
    label: str,
    column_types: dict[str, str],
    *,
    seed: int = 0,
) -> dict:
    """TSTR and TRTR scores on the holdout for predicting ``label``."""
    classification = column_types[label] not in CONTINUOUS_TYPES
    features = [c for c, t in column_types.items() if t in STATISTICAL_TYPES and c != label]
    frames = []
    rng = np.random.default_rng(seed)
    for frame in (train, synthetic, holdout):
        frame = frame[frame[label].notna()]
        if len(frame) > MAX_TRAINING_ROWS:
            frame = frame.iloc[np.sort(rng.choice(len(frame), MAX_TRAINING_ROWS, replace=False))]
        frames.append(frame)
    train, synthetic, holdout = frames
    if min(len(train), len(synthetic), len(holdout)) == 0:
        return {
            "task": "classification" if classification else "regression",
            "error": N_("no rows with a label"),
        }
    x_train, x_synthetic, x_holdout = _features([train, synthetic, holdout], features, column_types)
    if classification:
        y = [f[label].astype(str).to_numpy() for f in (train, synthetic, holdout)]
        classes = sorted(set(np.concatenate(y)))

        def make():
            return HistGradientBoostingClassifier(random_state=seed, categorical_features="from_dtype")
    else:
        y = [continuous_values(f[label]) for f in (train, synthetic, holdout)]
        classes = None

        def make():
            return HistGradientBoostingRegressor(random_state=seed, categorical_features="from_dtype")

    result = {
        "task": "classification" if classification else "regression",
        "label": label,
        "model": "HistGradientBoosting",
    }
    for name, (x, target) in {"trtr": (x_train, y[0]), "tstr": (x_synthetic, y[1])}.items():
        if classification and len(set(target)) < 2:
            result[name] = {"error": N_("the training labels hold a single class")}
            continue
        result[name] = _fit_score(make(), x, target, x_holdout, y[2], classification, classes)
    headline = (
        "r2"
        if not classification
        else (
            "auc"
            if result["trtr"].get("auc") is not None and result["tstr"].get("auc") is not None
            else "accuracy"
        )
    )
    real_score, synthetic_score = result["trtr"].get(headline), result["tstr"].get(headline)
    result["headline_metric"] = headline
    result["ratio"] = (
        float(synthetic_score / real_score) if real_score and synthetic_score is not None else None
    )
    return result
