"""Find columns holding personal data (PII) by their VALUES, never by their names.

A column called ``email`` that holds no addresses is not PII; a column ``c3`` full of
addresses is. Each detector returns, per value, whether it matches; a column is PII of a
kind when a high share of its (sampled) non-missing values match.

The validators (Luhn, ISO 7064 MOD 11-2 for Chinese resident ID numbers) are vectorised
with numpy here: the libraries that implement them check one string at a time, which is
too slow for whole columns, and the rules are short published algorithms.
"""

from __future__ import annotations

import ipaddress

import numpy as np
import pandas as pd

from synth.i18n import N_
from synth.profile.person_names import name_matches, name_shaped
from synth.profile.values import ColumnValues, is_integer_valued

# Kinds are identifiers; pages show them translated (hence N_).
EMAIL, PHONE, CN_RESIDENT_ID, CREDIT_CARD, IP_ADDRESS, PERSON_NAME = (
    N_("email"),
    N_("phone"),
    N_("cn_resident_id"),
    N_("credit_card"),
    N_("ip_address"),
    N_("person_name"),
)
PII_KINDS = (EMAIL, PHONE, CN_RESIDENT_ID, CREDIT_CARD, IP_ADDRESS, PERSON_NAME)

# Share of non-missing values that must match; names are fuzzier, so they need distinct
# values as well (a 'colour' column of White/Black is not a name column).
PATTERN_SHARE = 0.8
NAME_SHARE = 0.6
_NAME_MIN_DISTINCT = 5
_NAME_DISTINCT_ENOUGH = 20

_EMAIL = r"^[A-Za-z0-9._%+'\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$"
_CN_MOBILE = r"^(?:\+?86[ \-]?)?1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}$"
_CN_LANDLINE = r"^0\d{2,3}-\d{7,8}$"
# North American numbers need a separator: ten bare digits are as likely an account number.
_NANP = (
    r"^(?:\+?1[ .\-]?|001[ .\-])?(?:\(\d{3}\)\s?|\d{3}[ .\-])\d{3}[ .\-]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?$"
)
_INTERNATIONAL = r"^\+\d{1,3}[ .\-]?(?:\(?\d{1,4}\)?[ .\-]?){1,4}\d{2,4}$"
_IPV4 = r"^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$"
_IPV6_CHARS = r"^[0-9A-Fa-f:.]+$"
_CN_ID_SHAPE = r"^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]$"
_MAY_BE_PATTERN_PII = r"[@:]|\d(?:\D*\d){3}"
_SHORTEST_DIGITS_ONLY_PII = 10**10  # a Chinese mobile number without separators: 11 digits
_CN_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_CN_ID_CHECK = np.array(list("10X98765432"))


def detect_pii(series: pd.Series, values: ColumnValues | None = None) -> str | None:
    """Return the PII kind of a column (one of ``PII_KINDS``) or None.

    ``values`` is the column's ``ColumnValues`` when the caller shares it with other tests.
    """
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(series.dtype):
        return None
    if pd.api.types.is_numeric_dtype(series.dtype) and not is_integer_valued(series):
        return None
    if pd.api.types.is_numeric_dtype(series.dtype) and not (series.abs() >= _SHORTEST_DIGITS_ONLY_PII).any():
        # Whole numbers of at most ten digits: every kind needs a letter, a separator, a '+'
        # or at least eleven digits, so no value can match and no pattern needs to run.
        return None
    sample = (values or ColumnValues(series)).sample
    if sample.size == 0:
        return None
    # Each distinct value is tested once and counted as often as it occurs: a column of a few
    # categories costs a few matches, not one per row, and the shares are the same.
    text, share = sample.texts, sample.share
    if share(may_be_pattern_pii(text)) >= PATTERN_SHARE:
        shares = {
            EMAIL: share(text.str.match(_EMAIL)),
            CN_RESIDENT_ID: share(is_cn_resident_id(text)),
            CREDIT_CARD: share(is_credit_card(text)),
            PHONE: share(is_phone(text)),
            IP_ADDRESS: share(is_ip_address(text)),
        }
        kind, best = max(shares.items(), key=lambda item: item[1])
        if best >= PATTERN_SHARE:
            return kind
    distinct = len(text)
    if (
        distinct >= _NAME_MIN_DISTINCT
        and (distinct >= _NAME_DISTINCT_ENOUGH or distinct >= 0.5 * sample.size)
        # A name has a name's shape: most columns stop here, before the name lists are loaded.
        and share(name_shaped(text)) >= NAME_SHARE
        and share(name_matches(text)) >= NAME_SHARE
    ):
        return PERSON_NAME
    return None


def may_be_pattern_pii(text: pd.Series) -> pd.Series:
    """Per value, whether any pattern kind could match it: true wherever one of them is.

    An e-mail has an '@', an IPv6 address colons, and every other kind at least four digits
    (an IPv4 address) and mostly far more; the test is one search, where the kinds are many.
    """
    return text.str.contains(_MAY_BE_PATTERN_PII, regex=True)


def is_phone(text: pd.Series) -> pd.Series:
    """Chinese mobile or landline, North American, or ``+``-prefixed international numbers."""
    hit = text.str.match(_CN_MOBILE) | text.str.match(_CN_LANDLINE) | text.str.match(_NANP)
    international = text.str.match(_INTERNATIONAL)
    digits = text.str.count(r"\d")
    return hit | (international & digits.between(8, 15))


def is_cn_resident_id(text: pd.Series) -> pd.Series:
    """18-character Chinese resident ID numbers whose ISO 7064 MOD 11-2 check character is right."""
    shaped = text.str.match(_CN_ID_SHAPE).fillna(False).astype(bool)
    valid = pd.Series(False, index=text.index)
    if shaped.any():
        ids = text[shaped].str.upper()
        digits = _digit_matrix(ids.str[:17], 17)
        expected = _CN_ID_CHECK[(digits @ _CN_ID_WEIGHTS) % 11]
        valid[shaped] = expected == ids.str[17].to_numpy()
    return valid


def is_credit_card(text: pd.Series) -> pd.Series:
    """12 to 19 digits (spaces or dashes allowed; 12 for Maestro) that pass the Luhn check."""
    compact = text.str.replace(r"[ \-]", "", regex=True)
    shaped = compact.str.fullmatch(r"[1-9]\d{11,18}").fillna(False).astype(bool)
    valid = pd.Series(False, index=text.index)
    if shaped.any():
        # Left zeros do not change a Luhn sum, so right-align every number to 19 digits.
        digits = _digit_matrix(compact[shaped].str.zfill(19), 19)[:, ::-1]
        doubled = digits[:, 1::2] * 2
        total = digits[:, 0::2].sum(axis=1) + (doubled - 9 * (doubled > 9)).sum(axis=1)
        valid[shaped] = total % 10 == 0
    return valid


def is_ip_address(text: pd.Series) -> pd.Series:
    """IPv4 in dotted form, or IPv6 (checked with ``ipaddress`` after a cheap character filter)."""
    v4 = text.str.match(_IPV4).fillna(False).astype(bool)
    maybe_v6 = (~v4 & text.str.match(_IPV6_CHARS).fillna(False) & (text.str.count(":") >= 2)).to_numpy(bool)
    v6 = np.zeros(len(text), dtype=bool)
    v6[maybe_v6] = [_is_ipv6(value) for value in text[maybe_v6]]
    return v4 | pd.Series(v6, index=text.index)


def _is_ipv6(value: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(value), ipaddress.IPv6Address)
    except ValueError:
        return False


def _digit_matrix(text: pd.Series, width: int) -> np.ndarray:
    raw = text.str.cat().encode("ascii")
    return (np.frombuffer(raw, dtype=np.uint8).reshape(-1, width) - ord("0")).astype(np.int64)
