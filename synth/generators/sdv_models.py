"""SDV 2.0 single-table synthesizers behind the common generator interface.

Metadata: SDV detects sdtypes and also records the observed ranges (``range_min``,
``range_max``, ``range_values``) and whether nulls occur; it then rejects data outside
them. We keep only the sdtype, so a table whose holdout or conditions fall outside the
training sample's ranges is not refused, and we never let SDV treat a column as an id or
PII (PII columns are removed before fitting; see ``synth.generators.fake_pii``).

Seeding: the fit is seeded through numpy's and torch's global generators (restored after);
sampling is seeded with the synthesizer's own ``_set_random_state`` (SDV otherwise re-seeds
every fresh fit with a fixed constant, so different seeds would give the same rows).
"""

from __future__ import annotations

import random
import warnings
from contextlib import contextmanager

import numpy as np
import pandas as pd
import torch
from sdv.metadata import Metadata
from sdv.sampling import Condition
from sdv.single_table import GaussianCopulaSynthesizer

from synth.errors import GenerationError
from synth.generators.base import NO_TRAINING_ROWS, Progress, check_fitted, check_sample_request, report
from synth.generators.epoch_hooks import (
    ReportingCopulaGANSynthesizer,
    ReportingCTGANSynthesizer,
    ReportingTVAESynthesizer,
)
from synth.i18n import Msg

TABLE = "table"
DEFAULT_EPOCHS = 100
DEFAULT_BATCH_SIZE = 500
_DEEP = {
    "ctgan": ReportingCTGANSynthesizer,
    "tvae": ReportingTVAESynthesizer,
    "copulagan": ReportingCopulaGANSynthesizer,
}
_LIBRARIES = {"sdv", "rdt", "copulas", "ctgan"}
_KEPT_SDTYPES = {"numerical", "datetime", "boolean", "categorical"}


def table_metadata(train: pd.DataFrame) -> Metadata:
    """SDV metadata for ``train`` with sdtypes only (no ranges, no keys, no PII sdtypes)."""
    detected = Metadata.detect_from_dataframes({TABLE: train}).to_dict()
    columns = {}
    for name, info in detected["tables"][TABLE]["columns"].items():
        sdtype = info["sdtype"] if info["sdtype"] in _KEPT_SDTYPES else "categorical"
        if sdtype == "numerical" and not pd.api.types.is_numeric_dtype(train[name]):
            sdtype = "categorical"
        column = {"sdtype": sdtype}
        if sdtype == "datetime" and "datetime_format" in info:
            column["datetime_format"] = info["datetime_format"]
        columns[name] = column
    return Metadata.load_from_dict({"tables": {TABLE: {"columns": columns}}})


@contextmanager
def _seeded(seed: int):
    np_state, torch_state, py_state = np.random.get_state(), torch.get_rng_state(), random.getstate()
    np.random.seed(seed)
    torch.manual_seed(seed)
    random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(np_state)
        torch.set_rng_state(torch_state)
        random.setstate(py_state)


class SdvGenerator:
    """One SDV synthesizer (``gaussian_copula``, ``ctgan``, ``tvae`` or ``copulagan``).

    Conditions: SDV samples each distinct conditions row as one ``Condition``; deep models
    do it by rejection. Rows that rejection cannot find are sampled freely and given the
    wanted condition values; ``forced_rows`` counts them after each ``sample`` call.
    """

    def __init__(self, name: str, *, seed: int, epochs: int | None = None, batch_size: int | None = None):
        self.name = name
        self.seed = int(seed)
        self.epochs = epochs
        self.batch_size = batch_size
        self.forced_rows = 0
        self._synthesizer = None
        self._train: pd.DataFrame | None = None

    def _build(self, metadata: Metadata):
        if self.name == "gaussian_copula":
            return GaussianCopulaSynthesizer(metadata)
        epochs = self.epochs or DEFAULT_EPOCHS
        batch = self.batch_size or DEFAULT_BATCH_SIZE
        if self.name in ("ctgan", "copulagan") and batch % 10:
            raise GenerationError(
                Msg("batch size {batch} is not a multiple of 10; CTGAN needs one (e.g. 500)", batch=batch)
            )
        if self.name == "tvae":
            return _DEEP[self.name](metadata, epochs=epochs, batch_size=batch)
        return _DEEP[self.name](metadata, epochs=epochs, batch_size=batch, enable_gpu=False)

    def fit(self, train: pd.DataFrame, *, progress: Progress | None = None) -> None:
        """Fit the synthesizer; deep models report each preprocessing phase, each column they
        model and each epoch."""
        if train.empty:
            raise GenerationError(NO_TRAINING_ROWS)
        report(progress, 0.0, Msg("{name}: detecting column types", name=self.name))
        self._train = train.reset_index(drop=True)
        synthesizer = self._build(table_metadata(self._train))
        total = self.epochs or DEFAULT_EPOCHS
        if self.name in _DEEP:
            synthesizer.on_phase = lambda phase, **values: report(
                progress, 0.0, _phase_message(self.name, phase, values)
            )
            synthesizer.on_epoch = lambda done: report(
                progress,
                done / total,
                Msg("{name}: epoch {done}/{total}", name=self.name, done=done, total=total),
            )
        report(progress, 0.0, Msg("{name}: fitting", name=self.name))
        with _seeded(self.seed), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                synthesizer.fit({TABLE: self._train})
            except Exception as exc:
                # Library errors become ours; anything else (a cancelling progress callback) passes.
                if type(exc).__module__.split(".")[0] in _LIBRARIES:
                    raise GenerationError(
                        Msg(
                            "{name} could not fit this table ({error}); check the column types in the "
                            "profile, or try the rules or gaussian_copula generator",
                            name=self.name,
                            error=str(exc),
                        )
                    ) from exc
                raise
        synthesizer._set_random_state(self.seed)
        self._synthesizer = synthesizer
        report(progress, 1.0, Msg("{name}: fitted", name=self.name))

    def sample(self, n: int, *, conditions: pd.DataFrame | None = None) -> pd.DataFrame:
        """Sample ``n`` rows; with ``conditions``, one conditions row per wanted sample."""
        train = check_fitted(self._train, self.name)
        check_sample_request(n, conditions, train.columns)
        self.forced_rows = 0
        if n == 0:
            return train.iloc[:0].copy()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if conditions is None or conditions.shape[1] == 0:
                return self._free(n)
            return self._conditional(conditions.reset_index(drop=True))

    def _free(self, n: int) -> pd.DataFrame:
        return self._synthesizer.sample(n)[TABLE].reset_index(drop=True)

    def _conditional(self, conditions: pd.DataFrame) -> pd.DataFrame:
        cols = list(conditions.columns)
        codes = conditions.groupby(cols, dropna=False, sort=True).ngroup().to_numpy()
        blocks, positions = [], []
        for code in np.unique(codes):
            where = np.flatnonzero(codes == code)
            values = {c: _plain(conditions.at[where[0], c]) for c in cols}
            blocks.append(self._cell(values, len(where)))
            positions.append(where)
        frame = pd.concat(blocks, ignore_index=True)
        return frame.iloc[np.argsort(np.concatenate(positions), kind="stable")].reset_index(drop=True)

    def _cell(self, values: dict, count: int) -> pd.DataFrame:
        got = pd.DataFrame()
        if not any(pd.isna(v) for v in values.values()):
            try:
                got = self._synthesizer.sample_from_conditions(
                    [Condition(column_values=values, num_rows=count)], max_tries_per_batch=20
                )[TABLE]
            except Exception:  # noqa: BLE001 - SDV raises bare ValueError/KeyError when rejection fails
                got = pd.DataFrame()
        missing = count - len(got)
        if missing > 0:
            extra = self._free(missing)
            for column, value in values.items():
                extra[column] = value
            self.forced_rows += missing
            got = pd.concat([got, extra], ignore_index=True)
        return got.iloc[:count].reset_index(drop=True)


def _phase_message(name: str, phase: str, values: dict) -> Msg:
    """What a deep model is doing before its first epoch (see ``synth.generators.epoch_hooks``)."""
    if phase == "preprocess":
        return Msg("{name}: preparing the columns", name=name)
    if phase == "distributions":
        return Msg("{name}: fitting each numerical column's distribution", name=name)
    if phase == "column":
        return Msg("{name}: modelling column {column} ({done}/{total})", name=name, **values)
    return Msg("{name}: encoding the training rows", name=name)


def _plain(value):
    """numpy scalars to Python ones, as SDV compares conditions by value."""
    return value.item() if isinstance(value, np.generic) else value
