"""The data card carries the privacy evidence of the evaluation it was signed on: exact matches and
DCR beside their baselines, membership inference, detection, and the formal guarantee."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from reviews.bundle.datacard import build_datacard, datacard_markdown
from reviews.queries.datasets import DatasetRecord
from reviews.signoff.records import SignoffRecord
from synth.metrics.evaluate import evaluate

GUARANTEE = {
    "epsilon": 1.0,
    "delta": 1e-6,
    "unit_of_privacy": "row",
    "neighbouring": "add/remove one row",
    "mechanism": "MST",
    "library": "smartnoise-synth",
    "library_version": "1.0.6",
    "preprocessing": {"epsilon": 0.0, "delta": 0.0, "columns": {"age": {"source": "declared"}}},
}


def _table(seed: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "age": rng.integers(18, 80, rows).astype(float),
            "hours": rng.normal(40, 8, rows).round(),
            "job": rng.choice(list("abcdef"), rows),
            "income": rng.choice(["high", "low"], rows, p=[0.3, 0.7]),
        }
    )


def _records(lineage: dict | None) -> tuple[DatasetRecord, SignoffRecord]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    dataset = DatasetRecord(
        id=3, name="people", sha256="0" * 64, kind="synthetic", parent_id=1, depth=1, purpose="privacy",
        labels={"stages": ["fine-tuning"]}, lineage=lineage, profile=None, rows=600, columns=4,
        train_id=None, holdout_id=None, created_by="steward", created_at=now, artifact_path="x",
        source_path=None,
    )  # fmt: skip
    record = {"checklist": {"items": []}, "signed_at": now.isoformat(), "dataset": {"rows_sha256": "1"}}
    signoff = SignoffRecord(
        id=1, dataset_id=3, verdict="approve", comment="", override_justification=None, evaluation_id=9,
        dataset_sha256="0" * 64, report_sha256=None, report_path=None, record_text=json.dumps(record),
        signature="", public_key="", key_fingerprint="ab", officer="officer", signed_at=now,
    )  # fmt: skip
    return dataset, signoff


@pytest.fixture(scope="module")
def result() -> dict:
    train, holdout = _table(1, 600), _table(2, 400)
    synthetic = train.sample(frac=1.0, random_state=3).reset_index(drop=True)  # a shuffled copy
    return evaluate(train, synthetic, holdout, label="income", purpose="privacy", with_utility=False)


@pytest.mark.parametrize("lineage", [None, {"privacy": GUARANTEE}])
def test_card_carries_baselines_attacks_detection_and_guarantee(result, lineage):
    dataset, signoff = _records(lineage)
    card = build_datacard(dataset, signoff, {"id": 9, "result": result}, ["age", "hours", "job", "income"])
    metrics, privacy = card["metrics"], result["privacy"]
    assert metrics["exact_match_baseline_rate"] == privacy["exact_match"]["baseline_rate"]
    assert metrics["exact_match_excess"] == {
        "value": privacy["exact_match"]["excess"]["value"],
        "ci95": list(privacy["exact_match"]["excess"]["ci95"]),
    }
    assert metrics["dcr_baseline_share"] == privacy["dcr"]["baseline_share"]
    assert metrics["dcr_difference"]["value"] == privacy["dcr"]["difference"]["value"]
    assert metrics["membership_inference_auc"]["value"] == privacy["membership_inference"]["auc"]
    assert metrics["detection_auc"]["ci95"] == list(result["fidelity"]["detection"]["ci95"])
    # A copy: every synthetic row is a training row, and membership is plain to see.
    assert metrics["exact_match_rate"] == 1.0 and metrics["membership_inference_auc"]["value"] > 0.9

    text = datacard_markdown(card)
    auc = privacy["membership_inference"]["auc"]
    assert f"Membership inference AUC: {auc:.4g} [" in text
    assert "Detection AUC: " in text and "unseen real rows" in text
    if lineage:
        assert "Formal guarantee: (1, 1e-06)-differential privacy per row" in text
    else:
        assert "Formal guarantee: none (the generator is not differentially private)" in text


@pytest.mark.parametrize(
    ("threshold", "shown"), [(-1e9, "-1,000,000,000"), (12345.678, "12,346"), (-0.8125, "-0.8125")]
)
def test_the_acceptance_threshold_reads_as_an_ordinary_number(threshold, shown):
    acceptance = {"round_id": 2, "threshold": threshold, "min_flags": 1, "accepted_rows": [0, 1, 2]}
    dataset, signoff = _records({"acceptance": acceptance})
    text = datacard_markdown(build_datacard(dataset, signoff, None, ["age"]))
    assert f"- Accepted 3 rows in review round 2 at threshold {shown}\n" in text
