"""Recognise columns of person names by their values, using Faker's locale name lists.

Faker is the maintained source of per-locale first and last names; we only read its lists
(through ``synth.profile.name_lists``, which keeps them in a cache file).
Matching a single value against a name list says little (``White`` is a surname and a
colour), so callers judge the share of matching values over many distinct values.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from synth.profile.name_lists import NameLists, cached_name_lists

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "jr", "sr", "ii", "iii", "iv", "md", "phd"}
_LATIN_LOCALES = ("en_US", "en_GB", "es_MX", "es_ES", "fr_FR", "de_DE", "it_IT", "pt_BR")
_CHINESE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@lru_cache(maxsize=1)
def _name_lists() -> NameLists:
    return cached_name_lists(("latin", "chinese_surnames"), _read_from_faker)


def _read_from_faker() -> NameLists:
    import importlib

    names: set[str] = set()
    for locale in _LATIN_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        names.update(n.lower() for n in provider.first_names)
        names.update(n.lower() for n in provider.last_names)
    zh = importlib.import_module("faker.providers.person.zh_CN").Provider
    names.update(n.lower() for n in zh.first_romanized_names)
    names.update(n.lower() for n in zh.last_romanized_names)
    latin = sorted(n for n in names if n.isalpha() or "-" in n or "'" in n)
    return {"latin": latin, "chinese_surnames": list(zh.last_names)}


@lru_cache(maxsize=1)
def latin_names() -> frozenset[str]:
    """Lower-case first and last names of the Latin-script locales, plus romanised Chinese names."""
    return frozenset(_name_lists()["latin"])


@lru_cache(maxsize=1)
def chinese_surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-character and two-character (compound) Chinese surnames from Faker's zh_CN list."""
    surnames = _name_lists()["chinese_surnames"]
    return frozenset(s for s in surnames if len(s) == 1), frozenset(s for s in surnames if len(s) == 2)


def name_matches(text: pd.Series) -> pd.Series:
    """Per value, whether it looks like a person's name (Latin script or Chinese characters).

    A Latin value of one to four words matches when its first or last word (titles removed)
    is a known first or last name; ``Last, First`` is handled the same way. A Chinese value
    of two to four characters matches when it starts with a known surname.
    """
    return _latin_match(text) | _chinese_match(text)


def name_shaped(text: pd.Series) -> pd.Series:
    """Per value, whether it has a name's shape: true wherever ``name_matches`` is, and more.

    The shape needs no name list, so a column whose values mostly lack it is no name column
    without Faker's lists being loaded.
    """
    return _latin_shaped(*_latin_words(text)) | text.str.match(_CHINESE_NAME)


def _latin_words(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each value lower-cased with ``.`` and ``,`` as spaces, and its words without titles."""
    cleaned = text.str.lower().str.replace(r"[.,]", " ", regex=True)
    words = cleaned.str.split()
    return cleaned, words.map(lambda ws: [w for w in ws if w not in _TITLES])


def _latin_shaped(cleaned: pd.Series, words: pd.Series) -> pd.Series:
    """Letters, apostrophes, hyphens and spaces only, in one to four words besides titles."""
    alphabetic = cleaned.str.fullmatch(r"[a-z\u00c0-\u024f'\-\s]+")
    return alphabetic.fillna(False) & words.str.len().between(1, 4)


def _latin_match(text: pd.Series) -> pd.Series:
    names = latin_names()
    cleaned, words = _latin_words(text)
    first = _is_in(words.str[0], names)
    last = _is_in(words.str[-1], names)
    return _latin_shaped(cleaned, words) & (first | last)


def _chinese_match(text: pd.Series) -> pd.Series:
    shaped = text.str.match(_CHINESE_NAME).fillna(False).astype(bool)
    if not shaped.any():
        return shaped
    single, compound = chinese_surnames()
    return shaped & (_is_in(text.str[:1], single) | _is_in(text.str[:2], compound))


def _is_in(values: pd.Series, names: frozenset[str]) -> pd.Series:
    """``values.isin(names)``, looked up in the set itself: ``isin`` copies the set each call."""
    return pd.Series([value in names for value in values], index=values.index, dtype=bool)
