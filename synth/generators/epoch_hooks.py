"""Progress for the deep SDV synthesizers: each preprocessing phase, each column, each epoch.

ctgan's CTGAN and TVAE do not take a callback, but both re-assign ``loss_values`` once at
the end of every epoch. The subclasses here turn that attribute into a property whose
setter reports the number of finished epochs. The synthesizer subclasses build these
models in ``_fit``; CopulaGAN reaches ``_ReportingCTGANSynthesizer._fit`` through
cooperative inheritance, so its own Gaussian normalisation still runs first.

Before the first epoch, most of the time goes to ctgan's ``DataTransformer``: a Bayesian
Gaussian mixture per numerical column (RDT's ``ClusterBasedNormalizer``), then encoding every
row. Both models assign a fresh ``DataTransformer`` to an attribute just before fitting it; the
same property trick swaps in ``ReportingDataTransformer``, which calls ``on_phase`` once per
column and before encoding, and encodes in this process: ctgan would otherwise start a joblib
process pool for any table of 500 rows or more, which costs more than it saves on a small
machine (each worker imports the whole stack). ``on_phase(phase, **values)`` is also called
when SDV's own preprocessing starts (``"preprocess"``) and, for CopulaGAN, when its marginal
distributions are fitted (``"distributions"``); the other phases are ``"column"`` (with
``column``, ``done`` and ``total``) and ``"encode"``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from ctgan import CTGAN, TVAE
from ctgan.data_transformer import DataTransformer
from sdv.single_table import CopulaGANSynthesizer, CTGANSynthesizer, TVAESynthesizer
from sdv.single_table.ctgan import _validate_no_category_dtype
from sdv.single_table.utils import detect_discrete_columns

EpochCallback = Callable[[int], None]
PhaseCallback = Callable[..., None]  # on_phase(phase, **values)


class ReportingDataTransformer(DataTransformer):
    """ctgan's ``DataTransformer``, reporting each column it models and encoding in-process."""

    on_phase: PhaseCallback | None = None

    def fit(self, raw_data, discrete_columns=()):
        self._columns_total, self._columns_done = raw_data.shape[1], 0
        super().fit(raw_data, discrete_columns)

    def _column_starts(self, data) -> None:
        self._columns_done += 1
        if self.on_phase is not None:
            self.on_phase(
                "column", column=str(data.columns[0]), done=self._columns_done, total=self._columns_total
            )

    def _fit_continuous(self, data):
        self._column_starts(data)
        return super()._fit_continuous(data)

    def _fit_discrete(self, data):
        self._column_starts(data)
        return super()._fit_discrete(data)

    def transform(self, raw_data):
        if self.on_phase is not None:
            self.on_phase("encode")
        if not isinstance(raw_data, pd.DataFrame):
            raw_data = pd.DataFrame(raw_data, columns=[str(i) for i in range(raw_data.shape[1])])
        columns = self._synchronous_transform(raw_data, self._column_transform_info_list)
        return np.concatenate(columns, axis=1).astype(float)


# Modes of the Bayesian mixture fitted per numerical column: ctgan's own default. On german
# credit, 5 modes saved 0.1 s of fitting and lost 0.03 of quality on the holdout
# (benchmarks/bench_deep_preprocessing.py), so the default stays.
MAX_CLUSTERS = 10


def _reporting(transformer, on_phase: PhaseCallback | None):
    """The model's new transformer, made a reporting one (it is still unfitted here)."""
    if type(transformer) is DataTransformer:
        transformer.__class__ = ReportingDataTransformer
        transformer.on_phase = on_phase
        transformer._max_clusters = MAX_CLUSTERS
    return transformer


class _EpochReporting:
    """Mixin: calls ``on_epoch(finished_epochs)`` each time ``loss_values`` is set."""

    on_epoch: EpochCallback | None = None

    @property
    def loss_values(self):
        return self.__dict__.get("_loss_values")

    @loss_values.setter
    def loss_values(self, value):
        self.__dict__["_loss_values"] = value
        if self.on_epoch is not None and value is not None and len(value):
            self.on_epoch(int(value["Epoch"].nunique()))


def _reporting_slot() -> property:
    """The attribute a model keeps its ``DataTransformer`` in, made to swap in a reporting one."""

    def get(model):
        return model.__dict__.get("_data_transformer")

    def put(model, value):
        model.__dict__["_data_transformer"] = _reporting(value, model.on_phase)

    return property(get, put)


class ReportingCTGAN(_EpochReporting, CTGAN):
    """CTGAN that reports its preprocessing and finished epochs."""

    on_phase: PhaseCallback | None = None
    _transformer = _reporting_slot()


class ReportingTVAE(_EpochReporting, TVAE):
    """TVAE that reports its preprocessing and finished epochs."""

    on_phase: PhaseCallback | None = None
    transformer = _reporting_slot()


def _fit_reporting(synthesizer, model_class, processed_data) -> None:
    _validate_no_category_dtype(processed_data)
    transformers = synthesizer._data_processor._hyper_transformer.field_transformers
    discrete = detect_discrete_columns(synthesizer.metadata, processed_data, transformers)
    synthesizer._model = model_class(**synthesizer._model_kwargs)
    synthesizer._model.on_epoch = synthesizer.on_epoch
    synthesizer._model.on_phase = synthesizer.on_phase
    synthesizer._model.fit(processed_data, discrete_columns=discrete)


class _PhaseReporting:
    """Mixin for an SDV synthesizer: says when SDV's own preprocessing starts."""

    on_epoch: EpochCallback | None = None
    on_phase: PhaseCallback | None = None

    def preprocess(self, data):
        if self.on_phase is not None:
            self.on_phase("preprocess")
        return super().preprocess(data)  # type: ignore[misc]


class ReportingCTGANSynthesizer(_PhaseReporting, CTGANSynthesizer):
    """SDV CTGAN whose model calls ``self.on_phase`` while preparing and ``self.on_epoch`` after
    each epoch."""

    def _fit(self, processed_data):
        _fit_reporting(self, ReportingCTGAN, processed_data)


class ReportingTVAESynthesizer(_PhaseReporting, TVAESynthesizer):
    """SDV TVAE whose model calls ``self.on_phase`` while preparing and ``self.on_epoch`` after
    each epoch."""

    def _fit(self, processed_data):
        _fit_reporting(self, ReportingTVAE, processed_data)


class ReportingCopulaGANSynthesizer(CopulaGANSynthesizer, ReportingCTGANSynthesizer):
    """SDV CopulaGAN; its ``super()._fit`` lands on ``ReportingCTGANSynthesizer._fit``."""

    def _fit(self, processed_data):
        # CopulaGAN first fits a marginal distribution to every numerical column.
        if self.on_phase is not None:
            self.on_phase("distributions")
        super()._fit(processed_data)
