"""Data-quality findings and a 0-100 score (norm 3: quality in, quality out).

Findings: duplicate rows, constant columns, high missingness, mixed types and impossible
values. The score starts at 100 and loses, each capped so one problem cannot hide the rest:
up to 20 points for duplicate rows (2 per percent of rows), up to 30 for missing cells (1 per
percent of all cells), 3 per constant column (up to 15), 5 per mixed-type column (up to 20)
and 5 per column with impossible values (up to 20).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.i18n import N_, Msg, joined, to_data
from synth.profile.column_types import DATETIME, NUMERICAL, to_datetime
from synth.profile.identifiers import name_words
from synth.profile.values import as_text, present_sample

# Kinds are identifiers; pages show them translated (hence N_).
DUPLICATE_ROWS, CONSTANT_COLUMN, HIGH_MISSINGNESS, MIXED_TYPES, IMPOSSIBLE_VALUE = (
    N_("duplicate_rows"),
    N_("constant_column"),
    N_("high_missingness"),
    N_("mixed_types"),
    N_("impossible_value"),
)
# The findings table's columns, as pages show them.
FINDING_FIELDS = (N_("kind"), N_("column"), N_("detail"), N_("count"))
HIGH_MISSING_SHARE = 0.2

# Quantities that can never be negative when a column is named after them.
_NON_NEGATIVE_WORDS = frozenset(
    {
        "age",
        "price",
        "salary",
        "wage",
        "weight",
        "height",
        "quantity",
        "qty",
        "count",
        "hours",
        "duration",
        "children",
        "dependents",
        "income",
    }
)
_PERCENT_WORDS = frozenset({"percent", "percentage", "pct"})
_BIRTH_WORDS = frozenset({"dob", "birth", "birthdate", "birthday"})
_MAX_AGE = 120
_OR = Msg(" or ")  # joins the rules a value breaks; a word, so it is translated too
_EXAMPLES = 5


@dataclass
class QualityReport:
    """Quality score (0-100, higher is better) and findings ``{kind, column, detail, count}``.

    ``detail`` is a ``Msg``: English text that a page can still translate.
    """

    score: float
    findings: list[dict] = field(default_factory=list)

    def to_dict(self, *, messages: bool = False) -> dict:
        """JSON-able form. With ``messages``, each finding also keeps ``detail_data``, the detail's
        translatable form (``synth.i18n.to_data``), for profiles that are stored as JSON."""
        findings = [dict(f) for f in self.findings]
        if messages:
            for finding in findings:
                finding["detail_data"] = to_data(finding["detail"])
        return {"score": self.score, "findings": findings}

    def of_kind(self, kind: str) -> list[dict]:
        """Findings of one kind."""
        return [f for f in self.findings if f["kind"] == kind]


def assess_quality(frame: pd.DataFrame, column_types: dict[str, str]) -> QualityReport:
    """Find quality problems in ``frame`` given each column's inferred type."""
    findings: list[dict] = []
    rows = len(frame)
    duplicates = int(frame.duplicated().sum()) if rows else 0
    if duplicates:
        findings.append(
            _finding(
                DUPLICATE_ROWS, None, Msg("{n} rows repeat an earlier row exactly", n=duplicates), duplicates
            )
        )
    missing_cells = 0
    for name in frame.columns:
        column = frame[name]
        missing = int(column.isna().sum())
        missing_cells += missing
        if rows and missing / rows >= HIGH_MISSING_SHARE:
            findings.append(
                _finding(
                    HIGH_MISSINGNESS,
                    name,
                    Msg("{share:.0%} of the values are missing", share=missing / rows),
                    missing,
                )
            )
        if rows > 1 and missing < rows and column.nunique(dropna=True) <= 1:
            findings.append(
                _finding(CONSTANT_COLUMN, name, N_("every non-missing value is the same"), rows - missing)
            )
        mixed = _mixed_types(column)
        if mixed:
            findings.append(mixed)
        impossible = _impossible_values(name, column, column_types.get(name))
        if impossible:
            findings.append(impossible)
    return QualityReport(_score(findings, rows, missing_cells, frame.size), findings)


def _score(findings: list[dict], rows: int, missing_cells: int, cells: int) -> float:
    def count(kind: str) -> int:
        return sum(1 for f in findings if f["kind"] == kind)

    duplicate_rows = sum(f["count"] for f in findings if f["kind"] == DUPLICATE_ROWS)
    penalty = min(20.0, 200.0 * duplicate_rows / rows) if rows else 0.0
    penalty += min(30.0, 100.0 * missing_cells / cells) if cells else 0.0
    penalty += min(15.0, 3.0 * count(CONSTANT_COLUMN))
    penalty += min(20.0, 5.0 * count(MIXED_TYPES))
    penalty += min(20.0, 5.0 * count(IMPOSSIBLE_VALUE))
    return round(max(0.0, 100.0 - penalty), 1)


def _mixed_types(column: pd.Series) -> dict | None:
    """Text columns where some values are numbers and others are not (or Python types mix)."""
    if not (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)):
        return None
    sample = present_sample(column)
    if sample.empty:
        return None
    kinds = sample.map(
        lambda v: "number" if isinstance(v, (int, float, np.number)) and not isinstance(v, bool) else "text"
    )
    text = as_text(sample)
    numeric = kinds.eq("number") | pd.to_numeric(text, errors="coerce").notna()
    share = float(numeric.mean())
    if not 0.5 <= share < 1.0:
        return None
    odd = text[~numeric]
    scale = len(column.dropna()) / len(sample)
    examples = ", ".join(repr(v) for v in odd.drop_duplicates().head(_EXAMPLES))
    return _finding(
        MIXED_TYPES,
        column.name,
        Msg(
            "{share:.0%} of the values are numbers but some are text, e.g. {examples}; fix or blank them",
            share=share,
            examples=examples,
        ),
        int(round(len(odd) * scale)),
    )


def _impossible_values(name, column: pd.Series, column_type: str | None) -> dict | None:
    words = set(name_words(name))
    if column_type == NUMERICAL and pd.api.types.is_numeric_dtype(column.dtype):
        bad = pd.Series(False, index=column.index)
        rules = []
        if words & _NON_NEGATIVE_WORDS:
            bad |= column < 0
            rules.append(Msg("negative"))
        if "age" in words:
            bad |= column > _MAX_AGE
            rules.append(Msg("above {limit}", limit=_MAX_AGE))
        if words & _PERCENT_WORDS:
            bad |= (column < 0) | (column > 100)
            rules.append(Msg("outside 0-100"))
        if bad.any():
            examples = ", ".join(str(v) for v in column[bad].head(_EXAMPLES).tolist())
            return _finding(
                IMPOSSIBLE_VALUE,
                name,
                Msg(
                    "values {rules} cannot occur here: {examples}",
                    rules=joined(rules, _OR),
                    examples=examples,
                ),
                int(bad.sum()),
            )
    if column_type == DATETIME and words & _BIRTH_WORDS:
        dates = to_datetime(column)
        bad = dates > pd.Timestamp.now(tz=dates.dt.tz)
        if bad.any():
            return _finding(IMPOSSIBLE_VALUE, name, N_("birth dates lie in the future"), int(bad.sum()))
    return None


def _finding(kind: str, column, detail: str, count: int) -> dict:
    return {
        "kind": kind,
        "column": None if column is None else str(column),
        "detail": detail,
        "count": int(count),
    }
