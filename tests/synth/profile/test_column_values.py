"""Tests on a column's distinct texts, weighted, give what the same tests give on every sampled cell.

The oracles here are the plain rules: drop missing values, sample 2,000 with pandas, cut text
to 1,000 characters, read each cell as stripped text and test it on its own.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from faker import Faker

from synth.profile import column_types as ct
from synth.profile import person_names, pii
from synth.profile.column_types import infer_type
from synth.profile.person_names import name_matches, name_shaped
from synth.profile.pii import detect_pii
from synth.profile.values import ColumnValues, as_text, present_sample

_MISSING = [None, np.nan, pd.NA, pd.NaT]


def _spread(values: list, rows: int, seed: int, missing: float = 0.1) -> pd.Series:
    """``rows`` cells drawn from ``values``, some of them missing in the four ways pandas knows."""
    rng = np.random.default_rng(seed)
    cells = [values[i] for i in rng.integers(0, len(values), rows)]
    for i in np.flatnonzero(rng.random(rows) < missing):
        cells[i] = _MISSING[i % len(_MISSING)]
    return pd.Series(cells, dtype=object)


def _fake_names(count: int) -> list[str]:
    Faker.seed(3)
    en, zh = Faker("en_US"), Faker("zh_CN")
    names = [en.name() for _ in range(count)] + [zh.name() for _ in range(count // 4)]
    return names + ["Smith, John", "Dr. Mary-Jane O'Neil", "  white  ", "Li Wei", "J. R. R. Tolkien"]


def _columns() -> dict[str, pd.Series]:
    long = "x" * 1500
    booleans = ["Yes", "no", "YES", " yes ", "No ", "y", "是", "TRUE", "false", "1", "0"]
    dates = ["2020-01-02", "2020/1/2", "2020年1月2日", "02.01.2020", "2020-01-02 10:30", "2020-13-45", "soon"]
    dates += [f"2021-{m:02d}-{d:02d}T08:00:00+02:00" for m in range(1, 13) for d in (1, 15, 28)]
    phones = ["+1 (555) 123-4567", "138 1234 5678", "555.123.4567 ext 12", "010-12345678", "+44 20 7946 0958"]
    phones += [f"139{i:08d}" for i in range(200)] + ["12345", "call me"]
    spaced = ["  a b  ", "a b", "a  b", "one two three four five", "\tlead", "trail\n", "   ", "x"]
    integers = ["34", "-7", "007", " 12 ", "1e3", "0", "-0", "123456789012345678901", "99"]
    return {
        "booleans": _spread(booleans[:2], 3000, 1),
        "boolean_words": _spread(booleans, 3000, 2),
        "dates": _spread(dates, 5000, 3),
        "phones": _spread(phones, 4000, 4),
        "emails": _spread([f"p{i}@example.org" for i in range(300)] + ["not an email"], 2500, 5),
        "names": _spread(_fake_names(400), 3000, 6),
        "spaced": _spread(spaced, 2600, 7),
        "free_text": _spread([f" parcel {i} came late " for i in range(3000)] + spaced, 2600, 14),
        "ints_as_text": _spread(integers, 2200, 8),
        "numbering_as_text": pd.Series([str(i) for i in range(1, 2501)], dtype=object),
        "long_cells": _spread([long + "a", long + "b", " " + long, "short", long[:999] + "  y"], 2100, 9),
        "numpy_strings": _spread([np.str_("Lyon"), np.str_(" Paris"), "Paris", "Nice"], 2300, 10),
        "mixed_objects": _spread([1, True, "1", 1.0, "a", 2.5, b"bytes"], 2400, 11),
        "all_missing": pd.Series([None, np.nan] * 30, dtype=object),
        "few_rows": pd.Series(["a", None, " a", "b"], dtype=object),
        "categories": _spread(["x", "y", " z"], 2500, 12).astype("category"),
        "strings": _spread(["Lyon", "Paris "], 2500, 13).astype("string"),
        "big_numbers": pd.Series([13800000000 + i for i in range(2500)], dtype="int64"),
        "big_floats": pd.Series([13800000000.0 + i for i in range(2400)] + [np.nan] * 100),
    }


COLUMNS = _columns()


def _sampled_cells(series: pd.Series) -> list[str]:
    """The plain rule: present values, pandas' sample, text cut to 1,000 characters and stripped."""
    present = series.dropna()
    if len(present) > 2000:
        present = present.sample(2000, random_state=0)
    if series.dtype == object:
        return [str(v[:1000] if isinstance(v, str) else v).strip() for v in present]
    return as_text(present).tolist()


@pytest.mark.parametrize("name", COLUMNS)
def test_the_sample_reads_the_same_cells_in_the_same_order(name):
    series = COLUMNS[name]
    values = ColumnValues(series)
    sample = values.sample
    assert sample.cells().tolist() == _sampled_cells(series)
    assert sample.cells().tolist() == as_text(present_sample(series)).tolist()
    assert sample.texts.is_unique
    assert sample.weights.sum() == sample.size == len(_sampled_cells(series))


@pytest.mark.parametrize("name", COLUMNS)
def test_counts_of_present_and_distinct_values(name):
    series = COLUMNS[name]
    values = ColumnValues(series)
    assert values.present_count == len(series.dropna())
    assert values.distinct == series.dropna().nunique()
    expected = series.dropna().astype(str).value_counts()
    assert values.text_counts.tolist() == expected.tolist()
    assert [str(v) for v in values.text_counts.index] == [str(v) for v in expected.index]


_CELL_TESTS = {
    "date": lambda t: re.match(ct._DATE, t) is not None,
    "spaced": lambda t: re.search(r"\s", t) is not None,
    "plain_integer": lambda t: re.match(ct._PLAIN_INTEGER, t) is not None,
    "boolean_word": lambda t: t.lower() in ct._BOOLEAN_WORDS,
    "email": lambda t: re.match(pii._EMAIL, t) is not None,
}


@pytest.mark.parametrize("name", [n for n in COLUMNS if len(COLUMNS[n].dropna())])
def test_weighted_shares_and_means_equal_the_per_cell_ones(name):
    cells = _sampled_cells(COLUMNS[name])
    sample = ColumnValues(COLUMNS[name]).sample
    for test in _CELL_TESTS.values():
        per_cell = float(np.mean([test(t) for t in cells]))
        assert sample.share([test(t) for t in sample.texts]) == per_cell
    assert sample.mean(sample.texts.str.len()) == float(pd.Series([len(t) for t in cells]).mean())
    text = pd.Series(cells, dtype=object)
    for detector in (pii.is_phone, pii.is_ip_address, pii.is_credit_card, pii.is_cn_resident_id):
        assert sample.share(detector(sample.texts)) == float(detector(text).to_numpy(dtype=bool).mean())


def _text_type_per_cell(series: pd.Series) -> str:
    """The type rule for text columns, every sampled cell tested on its own."""
    present = series.dropna()
    if present.empty:
        return ct.CATEGORICAL
    distinct = present.nunique()
    text = pd.Series(_sampled_cells(series), dtype=object)
    if distinct <= 2 and text.str.lower().isin(ct._BOOLEAN_WORDS).all():
        return ct.BOOLEAN
    if text.str.match(ct._DATE).mean() >= ct._DATE_SHARE and ct._parses_as_dates(text):
        return ct.DATETIME
    distinct_share = distinct / len(present)
    spaced = text.str.contains(r"\s").mean()
    unique_enough = len(present) >= ct._MIN_ROWS_FOR_ID and distinct_share >= ct._ID_DISTINCT_SHARE
    if text.str.match(ct._PLAIN_INTEGER).all():
        widths = text.str.lstrip("-").str.len()
        fixed_width = widths.min() == widths.max() >= ct._CODE_DIGITS
        numbers = pd.to_numeric(present.map(str).str.strip(), errors="coerce")
        if (unique_enough and fixed_width) or (numbers.notna().all() and ct.is_key_numbering(numbers)):
            return ct.ID
    elif unique_enough and spaced < 0.1:
        return ct.ID
    if distinct_share >= ct._TEXT_DISTINCT_SHARE and (spaced >= 0.5 or text.str.len().mean() >= 30):
        return ct.TEXT
    return ct.CATEGORICAL


def _pii_per_cell(series: pd.Series) -> str | None:
    """The PII rule for text columns, every sampled cell tested on its own."""
    text = pd.Series(_sampled_cells(series), dtype=object)
    if text.empty:
        return None
    shares = {
        pii.EMAIL: text.str.match(pii._EMAIL).mean(),
        pii.CN_RESIDENT_ID: pii.is_cn_resident_id(text).mean(),
        pii.CREDIT_CARD: pii.is_credit_card(text).mean(),
        pii.PHONE: pii.is_phone(text).to_numpy(dtype=bool).mean(),
        pii.IP_ADDRESS: pii.is_ip_address(text).mean(),
    }
    kind, best = max(shares.items(), key=lambda item: item[1])
    if best >= pii.PATTERN_SHARE:
        return kind
    distinct = text.nunique()
    if (
        distinct >= pii._NAME_MIN_DISTINCT
        and (distinct >= pii._NAME_DISTINCT_ENOUGH or distinct >= 0.5 * len(text))
        and name_matches(text).mean() >= pii.NAME_SHARE
    ):
        return pii.PERSON_NAME
    return None


_TEXT_COLUMNS = [n for n, s in COLUMNS.items() if not pd.api.types.is_numeric_dtype(s.dtype)]


@pytest.mark.parametrize("name", _TEXT_COLUMNS)
def test_type_and_pii_equal_the_per_cell_rules(name):
    series = COLUMNS[name]
    assert infer_type(series) == _text_type_per_cell(series)
    assert detect_pii(series) == _pii_per_cell(series)
    values = ColumnValues(series)  # shared between both, as the profile does
    assert (detect_pii(series, values), infer_type(series, values)) == (
        detect_pii(series),
        infer_type(series),
    )


def test_the_constructed_columns_reach_every_answer():
    answers = {(infer_type(s), detect_pii(s)) for s in COLUMNS.values()}
    types, kinds = {t for t, _ in answers}, {k for _, k in answers}
    assert {ct.BOOLEAN, ct.DATETIME, ct.ID, ct.TEXT, ct.CATEGORICAL} <= types
    assert {pii.EMAIL, pii.PHONE, pii.PERSON_NAME, None} <= kinds


def test_every_name_has_a_names_shape():
    text = pd.Series(
        _fake_names(300) + ["United-States", "?", "Holand-Netherlands", "x1", "a b c d e", "王", "ab@c", ""],
        dtype=object,
    )
    matches, shaped = name_matches(text), name_shaped(text)
    assert matches.any() and not shaped.all()
    assert not (matches & ~shaped).any()


def test_every_pattern_kind_needs_what_the_prefilter_looks_for():
    examples = ["::1", "fe80::1", "0.0.0.0", "1.2.3.4", "a@b.co", "4111111111111111", "11010519491231002X"]
    examples += [
        "+1 (555) 123-4567",
        "+86 138 1234 5678",
        "+٣٣ ١٢٣ ٤٥٦ ٧٨٩",
        "010-12345678",
        "1.2.3",
        "@",
        ":",
    ]
    cells = [c for s in COLUMNS.values() for c in ColumnValues(s).sample.texts] + examples
    text = pd.Series(cells, dtype=object)
    found = (
        text.str.match(pii._EMAIL)
        | pii.is_cn_resident_id(text)
        | pii.is_credit_card(text)
        | pii.is_phone(text).astype(bool)
        | pii.is_ip_address(text)
    )
    maybe = pii.may_be_pattern_pii(text)
    assert found.sum() > 500 and not maybe.all()
    assert not (found & ~maybe).any()


def _name_per_value(value: str) -> bool:
    cleaned = re.sub(r"[.,]", " ", value.lower())
    words = [w for w in cleaned.split() if w not in person_names._TITLES]
    names = person_names.latin_names()
    latin = bool(re.fullmatch(r"[a-z\u00c0-\u024f'\-\s]+", cleaned)) and 1 <= len(words) <= 4
    latin = latin and (words[0] in names or words[-1] in names)
    single, compound = person_names.chinese_surnames()
    chinese = bool(re.match(r"^[\u4e00-\u9fff]{2,4}$", value)) and (
        value[:1] in single or value[:2] in compound
    )
    return latin or chinese


def test_name_matches_equal_the_per_value_rule():
    values = _fake_names(300) + [
        "United-States",
        "?",
        "Mr. Smith",
        "Dr.",
        "ii iii",
        "a b c d e",
        "王",
        "欧阳娜娜",
        "",
    ]
    text = pd.Series(values, dtype=object)
    assert name_matches(text).tolist() == [_name_per_value(v) for v in values]
