"""Direct identifiers and quasi-identifiers.

Direct identifiers name a person alone: PII found by value, or an id-like unique column.
Quasi-identifiers (age, sex, race, zip code, occupation, date of birth...) do not, but
together they can re-identify someone. For these, the column name is a fair guide (a
profile cannot tell an age from any other small number by value alone); value rules add
zip codes, sex codes and birth-date-like columns under any name.
"""

from __future__ import annotations

import re

import pandas as pd

from synth.profile.column_types import DATETIME, ID, to_datetime
from synth.profile.values import as_text, present_sample

QUASI_IDENTIFIER_WORDS = frozenset(
    {
        "age",
        "sex",
        "gender",
        "race",
        "colour",
        "color",
        "ethnicity",
        "ethnic",
        "zip",
        "zipcode",
        "postcode",
        "postal",
        "occupation",
        "job",
        "profession",
        "marital",
        "dob",
        "birth",
        "birthdate",
        "birthday",
        "birthplace",
        "nationality",
        "native",
        "citizen",
        "citizenship",
        "country",
        "religion",
        "education",
        "relationship",
        "workclass",
        "city",
        "county",
        "province",
        "district",
        "address",
        "employer",
    }
)
QUASI_IDENTIFIER_CHINESE = (
    "年龄",
    "性别",
    "民族",
    "种族",
    "邮编",
    "邮政",
    "职业",
    "婚姻",
    "出生",
    "生日",
    "籍贯",
    "国籍",
    "学历",
    "教育",
    "宗教",
    "地址",
    "城市",
    "省份",
)
# Single letters (M/F) are left out: they code many other things, e.g. misdemeanour/felony.
_SEX_VALUES = {"male", "female", "man", "woman", "男", "女"}
_ZIP = r"^\d{5}(?:-\d{4})?$"
_MIN_ZIPS = 10


def name_words(name: str) -> list[str]:
    """Lower-case words of a column name: ``maritalStatus`` and ``marital-status`` give marital, status."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(name))
    return [w for w in re.split(r"[^0-9a-zA-Z]+", spaced.lower()) if w]


def is_direct_identifier(pii: str | None, column_type: str) -> bool:
    """PII, or a column whose values are (nearly) unique keys."""
    return pii is not None or column_type == ID


def is_quasi_identifier(name: str, series: pd.Series, column_type: str) -> bool:
    """True when the column could help re-identify a person in combination with others."""
    if any(word in QUASI_IDENTIFIER_WORDS for word in name_words(name)):
        return True
    if any(word in str(name) for word in QUASI_IDENTIFIER_CHINESE):
        return True
    sample = present_sample(series)
    if sample.empty:
        return False
    if column_type == DATETIME:
        return _looks_like_birth_dates(sample)
    text = as_text(sample)
    if text.str.lower().isin(_SEX_VALUES).all() and text.nunique() >= 2:
        return True
    return bool(text.str.match(_ZIP).mean() >= 0.9 and text.nunique() >= _MIN_ZIPS)


def _looks_like_birth_dates(sample: pd.Series) -> bool:
    # Birth dates lie years in the past and span decades; event dates cluster in recent years.
    dates = to_datetime(sample).dropna()
    if dates.empty:
        return False
    years = dates.dt.year
    now = pd.Timestamp.now().year
    return bool(years.median() <= now - 15 and years.max() <= now and years.max() - years.min() >= 30)
