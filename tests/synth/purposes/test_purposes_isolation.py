"""Datasets of different purposes stay apart."""

from __future__ import annotations

import pandas as pd
import pytest

from synth.errors import PurposeError
from synth.purposes import PurposeDataset, check_single_purpose, combine_datasets


def test_mixing_purposes_is_refused_with_both_named():
    bias = PurposeDataset("bias", pd.DataFrame({"x": [1]}))
    privacy = PurposeDataset("privacy", pd.DataFrame({"x": [2]}))
    with pytest.raises(PurposeError, match="bias, privacy"):
        combine_datasets([bias, privacy])
    with pytest.raises(PurposeError, match="no dataset"):
        check_single_purpose([])


def test_same_purpose_combines():
    parts = [PurposeDataset("bias", pd.DataFrame({"x": [i]})) for i in range(3)]
    combined = combine_datasets(parts)
    assert combined.purpose == "bias" and combined.frame["x"].tolist() == [0, 1, 2]
