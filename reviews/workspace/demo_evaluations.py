"""The demo's evaluations, computed ahead by the app's own evaluation and shipped beside this module.

Evaluating takes most of a demo's seeding time (a detection classifier's cross-validation and the
utility models), so ``demo_evaluations.json`` holds the results that the evaluation job computes
for the demo's datasets, each under a digest of everything that evaluation reads: the train,
synthetic and holdout rows and the job's settings. Seeding answers a demo evaluation job from it
only when the inputs at hand have that very digest, and evaluates as usual otherwise (a changed
generator, another library version); either way the job, the stored evaluation and their audit
events are written by the store as for any evaluation, and the gates are judged afresh.

The file's sha256 is kept in ``demo_evaluations.json.sha256`` and checked on every load: a file
that does not match is not used. ``tests/reviews/workspace/test_demo_evaluations.py`` seeds a demo
with every evaluation computed live and compares the results with the shipped ones. After changing
the demo, the generators or the evaluation, write the file again with
``python -m reviews.workspace.demo_evaluations``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from reviews.jobs.kinds import EVALUATE
from reviews.queries.evaluations import EvaluationInputs, evaluation_inputs, latest_evaluation
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import N_

SHIPPED = Path(__file__).with_name("demo_evaluations.json")
CHECKSUM = SHIPPED.with_name(SHIPPED.name + ".sha256")
# What an evaluation reads besides the three tables; the dataset id is left out, the rows stand for it.
_SETTINGS = ("protected", "label", "with_utility")


def inputs_digest(inputs: EvaluationInputs, params: dict) -> str:
    """sha256 over the rows, column names and types an evaluation reads, and its settings."""
    digest = hashlib.sha256()
    for frame in (inputs.train, inputs.synthetic, inputs.holdout):
        if frame is None:
            digest.update(b"no table")
            continue
        digest.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    settings = {key: params.get(key) for key in _SETTINGS} | {
        "column_types": inputs.column_types,
        "purpose": inputs.purpose,
        "bias_target": inputs.bias_target,
        "guarantee": inputs.guarantee,
    }
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()


@functools.cache
def shipped_evaluations() -> dict[str, dict]:
    """The shipped results by input digest; empty when the file is missing or fails its checksum."""
    try:
        data, expected = SHIPPED.read_bytes(), CHECKSUM.read_text().split()[0]
    except (OSError, IndexError):
        return {}
    if hashlib.sha256(data).hexdigest() != expected:
        return {}
    return json.loads(data)


def answer_evaluation(store: Store, job: dict, actor: Actor, progress) -> dict:
    """Evaluation job runner for the demo: the shipped result for these inputs, else a live evaluation."""
    params = job["params"]
    shipped = shipped_evaluations().get(inputs_digest(evaluation_inputs(store, params["dataset_id"]), params))
    if shipped is None:
        from reviews.jobs.handlers.evaluate import run_evaluation

        return run_evaluation(store, job, actor, progress)
    progress(1.0, N_("done"))
    evaluation_id = store.record_evaluation(actor, params["dataset_id"], params, shipped)
    return {"evaluation_id": evaluation_id, "dataset_id": params["dataset_id"]}


def demo_handlers(shipped: bool) -> dict:
    """Job runners for seeding: shipped evaluations where they fit, or (``shipped=False``) none."""
    return {EVALUATE: answer_evaluation} if shipped else {}


def evaluations_by_digest(store: Store) -> dict[str, dict]:
    """Every dataset's latest evaluation in ``store``, under the digest of its inputs."""
    from reviews import queries

    found = {}
    for dataset in queries.list_datasets(store):
        evaluation = latest_evaluation(store, dataset.id)
        if evaluation is not None:
            params = evaluation["params"]
            found[inputs_digest(evaluation_inputs(store, dataset.id), params)] = evaluation["result"]
    return found


def compute_demo_evaluations(home: str) -> dict[str, dict]:
    """Seed a demo workspace in the empty folder ``home`` with every evaluation computed now.

    Points this process's ``SYNTHREVIEW_*`` variables at ``home``: meant for the command below.
    """
    from reviews.store import open_store
    from reviews.workspace.demo import seed_demo

    os.environ.update(SYNTHREVIEW_HOME=home, SYNTHREVIEW_DEMO="1")
    for name in ("SYNTHREVIEW_DATABASE_URL", "SYNTHREVIEW_ARTIFACTS"):
        os.environ.pop(name, None)
    store = open_store()
    seed_demo(store, shipped_evaluations=False)
    try:
        return evaluations_by_digest(store)
    finally:
        store.engine.dispose()


def write_shipped(results: dict[str, dict]) -> None:
    """Write the results and their checksum beside this module."""
    data = (json.dumps(results, sort_keys=True, indent=1) + "\n").encode()
    SHIPPED.write_bytes(data)
    CHECKSUM.write_text(f"{hashlib.sha256(data).hexdigest()}  {SHIPPED.name}\n")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        results = compute_demo_evaluations(folder)
    write_shipped(results)
    print(f"wrote {len(results)} demo evaluations to {SHIPPED}", file=sys.stderr)
