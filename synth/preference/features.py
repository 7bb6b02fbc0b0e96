"""Numeric features of synthetic rows for the preference model.

Fitted once on the real table, then applied to any synthetic rows:

* numeric columns: median-imputed and standardised with the real mean and spread
  (scikit-learn ``SimpleImputer`` + ``StandardScaler``), a "missing" indicator where the
  real column has gaps, an "extremeness" |percentile - 50| / 50 (so a linear model can
  prefer central values over both tails) and an "outside real range" indicator;
* categorical columns: one-hot (scikit-learn ``OneHotEncoder``; categories under
  ``rare_share`` of real rows are pooled into one "infrequent" column, unknown values go
  there too) and a "rare or unseen value" indicator;
* one "unseen combination" indicator: a pair of categorical values never seen together.

The plausibility indicators come from :class:`synth.preference.row_context.RowContext`, so the
model and the reviewer see the same facts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from synth.i18n import N_, Msg
from synth.preference.row_context import RowContext, _as_float, _as_labels

UNSEEN_COMBINATION = N_("unseen combination")
# Suffixes of feature names after a column name, and their templates for the interface.
# OneHotEncoder names its pooled column "<column>_infrequent_sklearn".
_SUFFIXES = (
    (" rare or unseen value", N_("{column} rare or unseen value")),
    (" outside real range", N_("{column} outside real range")),
    (" extremeness", N_("{column} extremeness")),
    (" missing", N_("{column} missing")),
    ("_infrequent_sklearn", N_("{column}: infrequent values")),
)
_AS_IS = "{name}"


def feature_label(name: str) -> Msg:
    """A feature name as a message the interface can translate; column and category names stay.

    Names are stored with a round's model, so they are read back by their suffix.
    """
    if name == UNSEEN_COMBINATION:
        return Msg(UNSEEN_COMBINATION)
    for suffix, template in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return Msg(template, column=name[: -len(suffix)])
    return Msg(_AS_IS, name=name)  # a column or one-hot name is data: never looked up in the catalog


class RowFeatures:
    """Encoder from table rows to a numeric matrix with named columns.

    Attributes:
        context: The fitted ``RowContext`` behind the plausibility indicators.
        feature_names: One name per column of :meth:`transform`'s output.
    """

    def __init__(self, context: RowContext, imputer, scaler, encoder, missing_numeric: list[str]):
        self.context = context
        self._imputer = imputer
        self._scaler = scaler
        self._encoder = encoder
        self._missing_numeric = missing_numeric
        self.feature_names: list[str] = self._names()

    @classmethod
    def fit(
        cls,
        real: pd.DataFrame,
        *,
        categorical: list[str] | None = None,
        rare_share: float = 0.01,
        max_categories: int = 30,
        context: RowContext | None = None,
    ) -> RowFeatures:
        """Fit the encoders on the real table.

        Args:
            real: The real table.
            categorical: Columns to treat as categorical even when numeric.
            rare_share: Share under which a category is pooled and flagged as rare.
            max_categories: At most this many one-hot columns per categorical column.
            context: An already fitted ``RowContext`` of the same table, to reuse.
        """
        context = context or RowContext.fit(real, categorical=categorical, rare_share=rare_share)
        numeric = context.numeric_columns
        cats = context.categorical_columns
        imputer = scaler = encoder = None
        missing_numeric: list[str] = []
        if numeric:
            values = np.column_stack([_as_float(real[c]) for c in numeric])
            all_missing = np.isnan(values).all(axis=0)
            # A column with no real values has no median; impute 0 so the encoder still works.
            values[:, all_missing] = 0.0
            missing_numeric = [c for c, gap in zip(numeric, np.isnan(values).any(axis=0)) if gap]
            imputer = SimpleImputer(strategy="median").fit(values)
            scaler = StandardScaler().fit(imputer.transform(values))
        if cats:
            labels = np.column_stack([_as_labels(real[c]).astype(str) for c in cats])
            encoder = OneHotEncoder(
                handle_unknown="infrequent_if_exist",
                min_frequency=rare_share,
                max_categories=max_categories,
                sparse_output=False,
            ).fit(labels)
        return cls(context, imputer, scaler, encoder, missing_numeric)

    def _names(self) -> list[str]:
        ctx = self.context
        names = list(ctx.numeric_columns)
        names += [f"{c} missing" for c in self._missing_numeric]
        names += [f"{c} extremeness" for c in ctx.numeric_columns]
        names += [f"{c} outside real range" for c in ctx.numeric_columns]
        if self._encoder is not None:
            names += [str(n) for n in self._encoder.get_feature_names_out(ctx.categorical_columns)]
        names += [f"{c} rare or unseen value" for c in ctx.categorical_columns]
        names.append(UNSEEN_COMBINATION)
        return names

    def transform(self, rows: pd.DataFrame) -> np.ndarray:
        """Encode rows (any table with the real columns) as a float matrix, one row per row.

        Raises:
            InputError: ``rows`` lacks some of the real table's columns.
        """
        ctx = self.context
        pct = ctx.percentiles(rows)
        blocks: list[np.ndarray] = []
        numeric = ctx.numeric_columns
        if numeric:
            values = np.column_stack([_as_float(rows[c]) for c in numeric])
            missing = np.isnan(values)
            blocks.append(self._scaler.transform(self._imputer.transform(values)))
            idx = [numeric.index(c) for c in self._missing_numeric]
            blocks.append(missing[:, idx].astype(float))
            extreme = np.column_stack([np.abs(pct[c] - 50.0) / 50.0 for c in numeric])
            blocks.append(np.nan_to_num(extreme, nan=0.0))
            outside = ctx.out_of_range(rows)
            blocks.append(np.column_stack([outside[c] for c in numeric]).astype(float))
        cats = ctx.categorical_columns
        if cats:
            labels = np.column_stack([_as_labels(rows[c]).astype(str) for c in cats])
            blocks.append(self._encoder.transform(labels))
            rare = ctx.rare(rows)
            blocks.append(np.column_stack([rare[c] for c in cats]).astype(float))
        blocks.append((ctx.unseen_pair_count(rows) > 0).astype(float)[:, None])
        return np.hstack(blocks)
