"""Per-epoch progress for the deep SDV synthesizers.

ctgan's CTGAN and TVAE do not take a callback, but both re-assign ``loss_values`` once at
the end of every epoch. The subclasses here turn that attribute into a property whose
setter reports the number of finished epochs. The synthesizer subclasses build these
models in ``_fit``; CopulaGAN reaches ``_ReportingCTGANSynthesizer._fit`` through
cooperative inheritance, so its own Gaussian normalisation still runs first.
"""

from __future__ import annotations

from collections.abc import Callable

from ctgan import CTGAN, TVAE
from sdv.single_table import CopulaGANSynthesizer, CTGANSynthesizer, TVAESynthesizer
from sdv.single_table.ctgan import _validate_no_category_dtype
from sdv.single_table.utils import detect_discrete_columns

EpochCallback = Callable[[int], None]


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


class ReportingCTGAN(_EpochReporting, CTGAN):
    """CTGAN that reports finished epochs."""


class ReportingTVAE(_EpochReporting, TVAE):
    """TVAE that reports finished epochs."""


def _fit_reporting(synthesizer, model_class, processed_data) -> None:
    _validate_no_category_dtype(processed_data)
    transformers = synthesizer._data_processor._hyper_transformer.field_transformers
    discrete = detect_discrete_columns(synthesizer.metadata, processed_data, transformers)
    synthesizer._model = model_class(**synthesizer._model_kwargs)
    synthesizer._model.on_epoch = synthesizer.on_epoch
    synthesizer._model.fit(processed_data, discrete_columns=discrete)


class ReportingCTGANSynthesizer(CTGANSynthesizer):
    """SDV CTGAN whose model calls ``self.on_epoch`` after each epoch."""

    on_epoch: EpochCallback | None = None

    def _fit(self, processed_data):
        _fit_reporting(self, ReportingCTGAN, processed_data)


class ReportingTVAESynthesizer(TVAESynthesizer):
    """SDV TVAE whose model calls ``self.on_epoch`` after each epoch."""

    on_epoch: EpochCallback | None = None

    def _fit(self, processed_data):
        _fit_reporting(self, ReportingTVAE, processed_data)


class ReportingCopulaGANSynthesizer(CopulaGANSynthesizer, ReportingCTGANSynthesizer):
    """SDV CopulaGAN; its ``super()._fit`` lands on ``ReportingCTGANSynthesizer._fit``."""
