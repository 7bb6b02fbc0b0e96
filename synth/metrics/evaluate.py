"""One evaluation of a synthetic table against its real training data and holdout.

``evaluate`` runs fidelity, privacy, fairness, utility and the purpose's gates and returns
a JSON-able dict (see ``evaluate``'s docstring for its keys). Large tables are handled by
sampling inside the privacy metrics, which report their sample sizes and intervals.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg, word
from synth.metrics.base import (
    CONTINUOUS_TYPES,
    DATETIME,
    DISCRETE_TYPES,
    STATISTICAL_TYPES,
    discrete_codes,
    infer_column_types,
)
from synth.metrics.fairness import fairness
from synth.metrics.fidelity.column_shapes import column_shapes
from synth.metrics.fidelity.detection import detection
from synth.metrics.fidelity.extra import extra_fidelity
from synth.metrics.fidelity.pair_trends import column_pair_trends, pair_trends_score
from synth.metrics.privacy.dcr import dcr_from, exact_match_rate, exact_matches
from synth.metrics.privacy.membership import membership_inference_from
from synth.metrics.privacy.neighbours import find_neighbours
from synth.metrics.privacy.risks import risks_from
from synth.metrics.utility import utility
from synth.profile.column_types import to_datetime
from synth.purposes.gates import evaluate_gates, normalise_purpose

Progress = Callable[[float, str], None]
# Column types appear as words in the messages below.
TYPE_WORDS = (N_("numerical"), N_("datetime"))


def _mean(scores) -> float | None:
    values = [s for s in scores if s is not None and not math.isnan(s)]
    return float(np.mean(values)) if values else None


def fidelity(
    real: pd.DataFrame, synthetic: pd.DataFrame, column_types: dict[str, str], *, extras: bool = True
) -> dict:
    """Column shapes, pair trends and their mean (SDMetrics QualityReport's overall score)."""
    codes = {c: discrete_codes(real[c], synthetic[c]) for c, t in column_types.items() if t in DISCRETE_TYPES}
    shapes = column_shapes(real, synthetic, column_types, codes)
    trends = column_pair_trends(real, synthetic, column_types, codes)
    shapes_score = _mean(e["score"] for e in shapes.values())
    trends_score = pair_trends_score(trends)
    result = {
        "overall": _mean([shapes_score, trends_score]),
        "column_shapes_score": shapes_score,
        "column_pair_trends_score": trends_score,
        "column_shapes": shapes,
        "column_pair_trends": trends,
    }
    if extras:
        result["columns"] = extra_fidelity(real, synthetic, column_types)
    return result


def _align(name: str, frame: pd.DataFrame, column_types: dict[str, str], problems: list[str]) -> pd.DataFrame:
    """Check that ``frame`` has every typed column in a usable type; coerce text numbers and dates."""
    # Id and text columns are not compared, so a generator may leave them out.
    missing = [c for c, t in column_types.items() if c not in frame.columns and t in STATISTICAL_TYPES]
    if missing:
        problems.append(
            Msg(
                "the {table} table lacks column(s) {columns}; give it the same columns as the real table",
                table=word(name),
                columns=", ".join(map(repr, missing)),
            )
        )
        return frame
    frame = frame.copy()
    for column, column_type in column_types.items():
        if column not in frame.columns:
            continue
        values = frame[column]
        if column_type in CONTINUOUS_TYPES:
            if column_type == DATETIME and not pd.api.types.is_datetime64_any_dtype(values):
                converted = to_datetime(values)
            elif column_type != DATETIME and not pd.api.types.is_numeric_dtype(values):
                converted = pd.to_numeric(values, errors="coerce")
            else:
                continue
            bad = converted.isna() & values.notna()
            if bad.any():
                example = values[bad].iloc[0]
                problems.append(
                    Msg(
                        "column '{column}' is {type} in the real table but the {table} table holds "
                        "{example}; "
                        "make its values {type}",
                        column=column,
                        type=word(column_type),
                        table=word(name),
                        example=repr(example),
                    )
                )
            frame[column] = converted
    return frame


def _prepare(real, synthetic, holdout, column_types, protected, label):
    if real is None or len(real) == 0:
        raise InputError(N_("the real training table is empty; give a table with rows"))
    if synthetic is None or len(synthetic) == 0:
        raise InputError(N_("the synthetic table is empty; give a table with rows"))
    column_types = dict(column_types) if column_types else infer_column_types(real)
    problems = []
    unknown = [c for c in column_types if c not in real.columns]
    if unknown:
        problems.append(
            Msg(
                "column_types names column(s) {columns} that the real table lacks",
                columns=", ".join(map(repr, unknown)),
            )
        )
        column_types = {c: t for c, t in column_types.items() if c in real.columns}
    for column in [*protected, *([label] if label else [])]:
        if column not in real.columns:
            problems.append(
                Msg(
                    "column '{column}' (protected or label) is not in the real table; pick one of "
                    "its columns",
                    column=column,
                )
            )
        elif column_types.get(column) not in STATISTICAL_TYPES:
            problems.append(
                Msg(
                    "column '{column}' is typed {type}; protected and label columns must be categorical, "
                    "boolean or numeric",
                    column=column,
                    type=repr(column_types.get(column)),
                )
            )
    real = _align(N_("real"), real, column_types, problems)
    synthetic = _align(N_("synthetic"), synthetic, column_types, problems)
    if holdout is not None:
        holdout = _align(N_("holdout"), holdout, column_types, problems)
    if problems:
        raise InputError(problems)
    return real, synthetic, holdout, column_types


def _summary(result: dict) -> dict:
    gaps = [
        a["synthetic"]["demographic_parity_difference"]
        for a in result.get("fairness", {}).get("attributes", {}).values()
    ]
    gaps = [g for g in gaps if g is not None]
    coverage = [c.get("CategoryCoverage") for c in result["fidelity"].get("columns", {}).values()]
    coverage = [c for c in coverage if c is not None]
    return {
        "max_parity_gap_synthetic": max(gaps) if gaps else None,
        "min_category_coverage": min(coverage) if coverage else None,
    }


def evaluate(
    real_train: pd.DataFrame,
    synthetic: pd.DataFrame,
    holdout: pd.DataFrame | None = None,
    *,
    column_types: dict[str, str] | None = None,
    protected=(),
    label: str | None = None,
    positive_class=None,
    purpose: str | None = None,
    bias_target: dict | None = None,
    gates: dict | None = None,
    with_utility: bool = True,
    progress: Progress | None = None,
    seed: int = 0,
    guarantee: dict | None = None,
) -> dict:
    """Compare real and synthetic data; every number the review needs, as one JSON-able dict.

    Args:
        real_train: the real rows the generator was trained on.
        synthetic: the generated rows.
        holdout: real rows the generator never saw; privacy and utility need it.
        column_types: column -> "numerical" | "categorical" | "boolean" | "datetime" |
            "ordinal" | anything else (id, text...: skipped). Inferred when None.
        protected: protected attribute columns for the fairness section.
        label: outcome column, for fairness label rates and utility.
        positive_class: the label's favourable value (see ``synth.metrics.fairness``).
        purpose: "privacy", "bias" (correction) or "augmentation"; picks the gates.
        bias_target: ``{column: {value: target share}}`` for bias correction.
        gates: overrides of the default gate thresholds (see ``synth.purposes.gates``).
        with_utility: train the TSTR/TRTR models (the slowest part).
        progress: called as ``progress(fraction, message)`` between stages.
        seed: seed of every sample and model.
        guarantee: the formal privacy guarantee recorded in the synthetic data's lineage (a
            differentially private generator's ε, δ, ...), carried into ``privacy.guarantee``.

    Returns:
        ``{"column_types", "rows", "fidelity": {overall, column_shapes_score,
        column_pair_trends_score, column_shapes: {col: {metric, score}},
        column_pair_trends: [{columns, metric, score}], columns: {col: {...}},
        detection: {auc, ci95, score, fold_aucs, rows_per_table}},
        "privacy": {exact_match_rate, exact_match: {rate, baseline_rate, excess: {value,
        ci95}}, dcr: {closer_to_training_share, ci95, baseline_share, baseline_ci95,
        difference: {value, ci95}, median_synthetic_to_train, median_holdout_to_train,
        nndr_median_synthetic, nndr_median_holdout, query_size, baseline_query_size,
        reference_size, train_size, histogram}, membership_inference: {auc, ci95, members,
        non_members, histogram}, risks: {singling_out, linkability, inference: {value,
        ci95, attack_rate, control_rate, n_attacks, n_controls}}},
        "fairness", "utility", "summary", "purpose", "gates": [{name, status, value,
        threshold, warn, direction, explanation}], "timing_s": {stage: seconds, total}}``.
        Sections that could not be measured hold None (no holdout: exact_match, dcr,
        membership_inference, risks, utility).
    """
    report = progress or (lambda fraction, message: None)
    purpose = normalise_purpose(purpose)
    protected = list(protected or ())
    started = time.perf_counter()
    timing: dict[str, float] = {}

    def stage(name: str, fraction: float, message: str, work):
        report(fraction, message)
        begin = time.perf_counter()
        value = work()
        timing[name] = round(time.perf_counter() - begin, 4)
        return value

    real, synth, hold, types = stage(
        "prepare",
        0.0,
        N_("checking the tables"),
        lambda: _prepare(real_train, synthetic, holdout, column_types, protected, label),
    )
    result: dict = {
        "column_types": types,
        "rows": {"real": len(real), "synthetic": len(synth), "holdout": None if hold is None else len(hold)},
        "purpose": purpose,
    }
    result["fidelity"] = stage(
        "fidelity", 0.05, N_("comparing column shapes and pair trends"), lambda: fidelity(real, synth, types)
    )
    result["fidelity"]["detection"] = stage(
        "detection",
        0.2,
        N_("training a classifier to tell real rows from synthetic ones"),
        lambda: detection(real, synth, types, seed=seed),
    )
    privacy: dict = {}
    if hold is not None and len(hold) > 0:
        privacy["exact_match"] = stage(
            "exact_match",
            0.3,
            N_("looking for copied rows"),
            lambda: exact_matches(real, synth, hold, types),
        )
        privacy["exact_match_rate"] = privacy["exact_match"]["rate"]
        # One set of samples and nearest-neighbour searches serves DCR, membership inference
        # and the linkability and inference attacks.
        found = stage(
            "neighbours",
            0.4,
            N_("measuring distances to closest records"),
            lambda: find_neighbours(real, synth, hold, types, secret=label, seed=seed),
        )
        privacy["dcr"] = dcr_from(found)
        privacy["membership_inference"] = membership_inference_from(found)
        privacy["risks"] = stage(
            "risks",
            0.55,
            N_("running singling-out, linkability and inference attacks"),
            lambda: risks_from(found, real, hold, seed=seed),
        )
    else:
        privacy["exact_match_rate"] = stage(
            "exact_match", 0.3, N_("looking for copied rows"), lambda: exact_match_rate(real, synth, types)
        )
        privacy["exact_match"] = privacy["dcr"] = privacy["membership_inference"] = privacy["risks"] = None
    privacy["guarantee"] = guarantee
    result["privacy"] = privacy
    result["fairness"] = stage(
        "fairness",
        0.7,
        N_("comparing protected groups"),
        lambda: fairness(
            real,
            synth,
            protected,
            column_types=types,
            label=label,
            positive_class=positive_class,
            bias_target=bias_target,
        ),
    )
    if with_utility and label is not None and hold is not None and len(hold) > 0:
        result["utility"] = stage(
            "utility",
            0.75,
            N_("training models on synthetic and on real data"),
            lambda: utility(real, synth, hold, label, types, seed=seed),
        )
    else:
        result["utility"] = None
    result["summary"] = _summary(result)
    result["gates"] = evaluate_gates(result, purpose, gates) if purpose else []
    timing["total"] = round(time.perf_counter() - started, 4)
    result["timing_s"] = timing
    report(1.0, N_("done"))
    return result
