"""Show user-supplied text as text: ``md`` escapes what Markdown would interpret, ``fmt`` fills a
translated sentence with escaped values.

Streamlit renders captions, messages and ``st.markdown`` as Markdown: a column named
``![x](http://host/beacon.png)`` would become an image every viewer's browser fetches, and
``**`` or ``#`` in a dataset name would restyle the page. Every value that came from a user or a
file (column names, values, dataset names, usernames, messages that quote input) goes through
one of these two before such a call; tests/architecture/test_plain_text.py checks it.
"""

from __future__ import annotations

import re
from numbers import Number

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the characters that
# open images, links, HTML, emphasis, code, math, tables or headings anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_\[\]()<>!$~|#])")
# At the start of a line these begin a list, a quote or a heading underline.
_LEADING = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def md(value: object) -> str:
    """``value`` as text that Markdown shows literally, on one line."""
    text = _SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)))
    # "- x" becomes "\- x"; "12. x" becomes "12\. x" (a digit cannot be escaped, its dot can).
    return _LEADING.sub(_escape_leading, text)


def _escape_leading(match: re.Match) -> str:
    space, mark = match.group(1), match.group(2)
    return space + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def fmt(template: str, /, **values: object) -> str:
    """``template.format(**values)`` with every non-number value escaped by ``md``.

    Numbers stay numbers so format specifications (``{share:.1%}``) keep working.
    """
    safe = {k: v if isinstance(v, Number) else md(v) for k, v in values.items()}
    return template.format(**safe)
