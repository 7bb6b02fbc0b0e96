"""Numbers as people read them: significant digits, thousands separators, no float noise.

``1999.5`` reads ``1,999.5`` (a number is never cut below its whole part), ``0.1 + 0.2 - 0.3``
reads ``0`` and a missing value reads as nothing. A value of a data column that may hold years,
codes or identifiers is written without separators (``grouped=False``): ``1997``, not ``1,997``.
"""

from __future__ import annotations

import math
from numbers import Number

SIGNIFICANT = 5
# Below this a difference of two computed shares is rounding noise, not a figure.
NOISE = 1e-9


def readable(value: object, digits: int = SIGNIFICANT, *, grouped: bool = True) -> str:
    """``value`` to ``digits`` significant digits (whole part always kept); "" for None or NaN.

    ``grouped``: thousands separators in the whole part (``1,999.5``); without, ``1999.5``.
    """
    separator = "," if grouped else ""
    if value is None or isinstance(value, bool) or not isinstance(value, Number):
        return "" if value is None else str(value)
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return ""
    if math.isinf(number):
        return "∞" if number > 0 else "−∞"
    if isinstance(value, int) or (number.is_integer() and abs(number) < 1e15):
        return f"{int(number):{separator}}"
    if abs(number) < NOISE:
        return "0"
    magnitude = math.floor(math.log10(abs(number))) + 1
    if magnitude < -3:
        return f"{number:.{digits}g}"
    decimals = max(0, digits - magnitude)
    text = f"{number:{separator}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def readable_share(value: object, digits: int = 1) -> str:
    """A share 0..1 as a percentage (``0.1234`` → ``12.3 %``); "" for None or NaN."""
    if value is None or not isinstance(value, Number) or math.isnan(float(value)):  # type: ignore[arg-type]
        return ""
    share = float(value)  # type: ignore[arg-type]
    if abs(share) < NOISE:
        share = 0.0
    return f"{share * 100:.{digits}f} %"
