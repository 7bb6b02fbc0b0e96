"""A differentially private generation through the app: its guarantee on the checklist, in the data
card and in the signed bundle."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from reviews.bundle import build_bundle, verify_bundle
from reviews.bundle.build import CARD_JSON, CARD_MD, PARQUET, RECORD
from reviews.jobs.worker import run_one
from reviews.queries.jobs import get_job
from reviews.services.evaluation import start_evaluation
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_upload
from reviews.signoff import APPROVE, sign
from reviews.signoff.checklist import FAIL, NOT_APPLICABLE, PASS, checklist_for
from reviews.workspace.dp_requirement import set_requirement
from reviews.workspace.signing import public_key_pem
from tests.support.signoff_flow import ADMIN, OFFICER, PASSWORD, STEWARD, make_users

pytestmark = pytest.mark.usefixtures("fast_passwords")
DOMAIN = {
    "age": {"lower": 18, "upper": 80},
    "sex": {"categories": ["Female", "Male"]},
    "income": {"categories": ["high", "low"]},
}


def _done(store, job_id: int) -> dict:
    run_one(store)
    job = get_job(store, job_id)
    assert job["status"] == "done", job["error"]
    return job["result"]


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)  # one MST fit is enough to show the record
def test_the_guarantee_travels_to_the_checklist_card_and_bundle(store):
    make_users(store)
    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {
            "age": rng.integers(18, 81, 1500),
            "sex": rng.choice(["Female", "Male"], 1500),
            "income": rng.choice(["high", "low"], 1500, p=[0.3, 0.7]),
        }
    )
    real_id = import_upload(store, STEWARD, table.to_csv(index=False).encode(), "people.csv")
    rules_job = start_generation(
        store, STEWARD, GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 50)
    )
    rules_id = _done(store, rules_job)["dataset_ids"][0]
    request = GenerationRequest(real_id, "mst", [{"purpose": "privacy"}], 300, epsilon=1.0, domain=DOMAIN)
    dp_id = _done(store, start_generation(store, STEWARD, request))["dataset_ids"][0]

    item = checklist_for(store, OFFICER, dp_id).item("dp_guarantee")
    assert item.status == PASS
    assert "(1, 1e-06)-differential privacy per one row (MST, smartnoise-synth" in item.evidence
    assert checklist_for(store, OFFICER, rules_id).item("dp_guarantee").status == NOT_APPLICABLE
    set_requirement(store, ADMIN, True, 0.5)
    assert checklist_for(store, OFFICER, dp_id).item("dp_guarantee").status == FAIL
    assert checklist_for(store, OFFICER, rules_id).item("dp_guarantee").status == FAIL
    set_requirement(store, ADMIN, True, 2.0)
    item = checklist_for(store, OFFICER, dp_id).item("dp_guarantee")
    assert item.status == PASS and "Meets the required epsilon of at most 2" in item.evidence

    _done(store, start_evaluation(store, STEWARD, dp_id))
    sign(
        store,
        OFFICER,
        dp_id,
        PASSWORD["officer"],
        APPROVE,
        comment="Approved for the test.",
        override_justification="No review round for this small test table; the guarantee is what we check.",
    )
    data = build_bundle(store, STEWARD, dp_id)
    assert verify_bundle(data, trusted_public_key=public_key_pem()).ok
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        card = json.loads(archive.read(CARD_JSON))
        markdown = archive.read(CARD_MD).decode()
        record = json.loads(archive.read(RECORD))
        parquet = pq.read_table(io.BytesIO(archive.read(PARQUET)))
    privacy = card["differential_privacy"]
    assert (privacy["epsilon"], privacy["delta"], privacy["unit_of_privacy"]) == (1.0, 1e-6, "one row")
    assert privacy["library"] == "smartnoise-synth" and privacy["library_version"]
    assert privacy["domain_sources"] == {"age": "declared", "sex": "declared", "income": "declared"}
    assert "## Differential privacy" in markdown and "(1, 1e-06)-differential privacy" in markdown
    signed_item = next(i for i in record["checklist"]["items"] if i["key"] == "dp_guarantee")
    assert signed_item["details"]["guarantee"]["epsilon"] == 1.0
    assert json.loads(parquet.schema.metadata[b"lineage"])["privacy"]["epsilon"] == 1.0
