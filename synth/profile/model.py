"""The profile of a table: one ``ColumnProfile`` per column plus quality and outliers."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.i18n import N_
from synth.outliers.detect import OutlierReport
from synth.profile.quality import QualityReport

# The columns table's headers (``ColumnProfile.to_dict`` keys), as pages show them.
COLUMN_FIELDS = (
    N_("name"),
    N_("type"),
    N_("missing_share"),
    N_("distinct"),
    N_("pii"),
    N_("quasi_identifier"),
    N_("direct_identifier"),
    N_("minimum"),
    N_("maximum"),
    N_("mean"),
    N_("std"),
    N_("quantiles"),
    N_("top_values"),
)


@dataclass
class ColumnProfile:
    """What one column holds.

    Attributes:
        name: column name.
        type: ``numerical``, ``categorical``, ``boolean``, ``datetime``, ``id`` or ``text``.
        missing_share: share of missing cells, 0..1.
        distinct: number of distinct non-missing values.
        pii: PII kind found in the values (see ``synth.profile.pii.PII_KINDS``) or None.
        quasi_identifier: could re-identify a person in combination with other columns.
        minimum, maximum: range for numerical and datetime columns (ISO text for dates), else None.
        quantiles: ``{"p01", "p05", "p25", "p50", "p75", "p95", "p99"}`` for numerical columns, else None.
        top_values: up to five most frequent values as ``(text, count)``.
        direct_identifier: PII or an id-like unique column.
        mean, std: for numerical columns, else None.
    """

    name: str
    type: str
    missing_share: float
    distinct: int
    pii: str | None
    quasi_identifier: bool
    minimum: object = None
    maximum: object = None
    quantiles: dict[str, float] | None = None
    top_values: list[tuple[str, int]] = field(default_factory=list)
    direct_identifier: bool = False
    mean: float | None = None
    std: float | None = None

    def to_dict(self) -> dict:
        """JSON-able form."""
        return {
            "name": self.name,
            "type": self.type,
            "missing_share": self.missing_share,
            "distinct": self.distinct,
            "pii": self.pii,
            "quasi_identifier": self.quasi_identifier,
            "direct_identifier": self.direct_identifier,
            "minimum": _plain(self.minimum),
            "maximum": _plain(self.maximum),
            "mean": self.mean,
            "std": self.std,
            "quantiles": self.quantiles,
            "top_values": [[v, c] for v, c in self.top_values],
        }


@dataclass
class TableProfile:
    """Profile of a whole table."""

    rows: int
    columns: list[ColumnProfile]
    quality: QualityReport
    outliers: dict[str, OutlierReport]

    def column(self, name: str) -> ColumnProfile:
        """The profile of column ``name``.

        Raises:
            KeyError: no such column.
        """
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"no column named {name!r} in the profile")

    def pii_columns(self) -> dict[str, str]:
        """``{column: pii kind}`` for columns holding personal data."""
        return {c.name: c.pii for c in self.columns if c.pii}

    def direct_identifiers(self) -> list[str]:
        """Columns that identify a person alone (PII or id-like keys)."""
        return [c.name for c in self.columns if c.direct_identifier]

    def quasi_identifiers(self) -> list[str]:
        """Columns that could re-identify a person in combination."""
        return [c.name for c in self.columns if c.quasi_identifier]

    def column_types(self) -> dict[str, str]:
        """``{column: inferred type}``."""
        return {c.name: c.type for c in self.columns}

    def to_dict(self, *, messages: bool = False) -> dict:
        """JSON-able form; ``outliers`` maps each checked column to its count, details in ``outlier_details``.

        ``messages``: keep the quality findings' translatable form too (for a profile stored as JSON
        and shown later; see ``QualityReport.to_dict``).
        """
        return {
            "rows": self.rows,
            "columns": [c.to_dict() for c in self.columns],
            "quality": self.quality.to_dict(messages=messages),
            "outliers": {name: report.count for name, report in self.outliers.items()},
            "outlier_details": {name: report.to_dict() for name, report in self.outliers.items()},
            "pii": self.pii_columns(),
            "direct_identifiers": self.direct_identifiers(),
            "quasi_identifiers": self.quasi_identifiers(),
        }


def _plain(value):
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    return value


@dataclass(frozen=True)
class SourceFacts:
    """The part of a profile that a generation uses.

    Attributes:
        pii_columns: ``{column: pii kind}``, the columns whose values are replaced by fakes.
        outliers: outlier report per numerical, categorical or boolean column, by name.
    """

    pii_columns: dict[str, str]
    outliers: dict[str, OutlierReport]
