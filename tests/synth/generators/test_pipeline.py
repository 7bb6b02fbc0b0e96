"""A whole generation: split, fit, purpose, outliers, PII fakes and lineage together."""

from __future__ import annotations

import pandas as pd
import pytest

import synth.pipeline as pipeline
from synth.errors import InputError, LineageError, PurposeError
from synth.generators import make_generator
from synth.lineage.record import Sidecar
from synth.outliers.inject import OUTLIER_FLAG, OutlierRegion
from synth.purposes import BiasSpec, PrivacySpec, combine_datasets


@pytest.fixture(scope="module")
def people(adult_path) -> pd.DataFrame:
    frame = pd.read_csv(adult_path, na_values="?").sample(2000, random_state=0).reset_index(drop=True)
    frame.insert(0, "email", [f"person{i}@real-mail.org" for i in range(len(frame))])
    frame["name"] = [f"Real Person {i}" for i in range(len(frame))]
    return frame


PII = {"email": "email", "name": "person_name"}
REGIONS = [
    OutlierRegion("age", "iqr", lower=-2.0, upper=70.0),
    OutlierRegion("sex", "rare_category", rare_values=("Female",)),
]


def _run(people, **options):
    settings = dict(
        generator="rules", rows=1000, seed=3, parent_sha256="a" * 64, pii_columns=PII, outlier_regions=REGIONS
    )
    settings.update(options)
    return pipeline.run_generations(people, **settings)


def test_one_labelled_dataset_per_purpose_that_cannot_be_merged(people):
    bias, privacy = _run(people, purposes=[BiasSpec(("sex",)), PrivacySpec()])
    assert (bias.purpose, privacy.purpose) == ("bias", "privacy")
    assert bias.sidecar.purpose == "bias" and privacy.sidecar.purpose == "privacy"
    assert bias.synthetic["sex"].value_counts(normalize=True)["Male"] == pytest.approx(0.5, abs=0.02)
    with pytest.raises(PurposeError):
        combine_datasets([bias.dataset, privacy.dataset])


def test_pii_is_never_learned_nor_copied(people, monkeypatch):
    seen_columns = []

    def spying_factory(name, **options):
        gen = make_generator(name, **options)
        fit = gen.fit
        gen.fit = lambda train, progress=None: (
            seen_columns.extend(train.columns),
            fit(train, progress=progress),
        )
        return gen

    monkeypatch.setattr(pipeline, "make_generator", spying_factory)
    (result,) = _run(people, purposes=[PrivacySpec()])
    assert "email" not in seen_columns and "name" not in seen_columns
    assert list(result.synthetic.columns)[:1] == ["email"]
    for column in PII:
        assert not result.synthetic[column].isin(people[column]).any()
    assert result.synthetic["email"].str.contains("@").all()


def test_holdout_is_unseen_and_sized(people):
    (result,) = _run(people, purposes=[PrivacySpec()], holdout_fraction=0.25)
    assert len(result.holdout) == 500 and len(result.train) == 1500
    assert set(result.train.index).isdisjoint(result.holdout.index)


def test_outliers_injected_flagged_and_reported(people):
    (result,) = _run(people, purposes=[BiasSpec(("sex",))], outlier_fraction=0.03)
    flagged = result.synthetic[result.synthetic[OUTLIER_FLAG]]
    assert len(flagged) == 30
    assert (flagged["age"] > 70).all()  # the protected "sex" region is left alone for bias
    assert result.synthetic["sex"].value_counts(normalize=True)["Female"] == pytest.approx(0.5, abs=0.02)
    age = next(c for c in result.outlier_coverage if c.column == "age")
    assert age.real_outliers == (result.train["age"] > 70).sum() and age.covered >= 1


def test_lineage_limit_and_override(people):
    (first,) = _run(people, purposes=[PrivacySpec()])
    parent = first.sidecar
    with pytest.raises(LineageError, match="limit of 1"):
        _run(people, purposes=[PrivacySpec()], parent=parent)
    (second,) = _run(people, purposes=[PrivacySpec()], parent=parent, override_justification="collapse lab")
    assert second.lineage.depth == 2 and second.lineage.override_justification == "collapse lab"
    assert second.lineage.source_sha256 == "a" * 64
    assert isinstance(second.sidecar, Sidecar)


def test_settings_problems_are_collected(people):
    with pytest.raises(InputError) as caught:
        _run(people, purposes=[BiasSpec(("email",))], rows=0, pii_columns={**PII, "phone": "phone"})
    assert len(caught.value.problems) == 3
