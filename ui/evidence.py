"""Evidence shown in full: references such as ``evaluation:2`` become links to the page that
shows them, named in the reader's language (the stored evidence keeps ``evaluation:2``), and
tables of evidence are Markdown tables, whose cells wrap instead of cutting off.

Safe by construction: every value is escaped by ``ui.plain.md`` first, and a link is only ever
made from a fixed page path and the reference's digits, as a relative link inside the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ui.i18n import N_, _
from ui.navigation import roles_for
from ui.plain import md

# reference kind -> (page url path, query parameter the page reads)
TARGETS = {
    "dataset": ("compare", "dataset"),
    "evaluation": ("compare", "evaluation"),
    "inspection": ("inspect", "inspection"),
    "round": ("rounds", "round"),
}
# How a reference reads: in English as the evidence writes it.
NAMES = {
    "dataset": N_("dataset:{n}"),
    "evaluation": N_("evaluation:{n}"),
    "inspection": N_("inspection:{n}"),
    "round": N_("round:{n}"),
}
_REFERENCE = re.compile(r"\b(dataset|evaluation|inspection|round):(\d+)\b")


def reference_url(kind: str, number: int) -> str:
    """The relative link of one reference, e.g. ``compare?dataset=3``."""
    page, parameter = TARGETS[kind]
    return f"{page}?{parameter}={int(number)}"


def _name(match: re.Match) -> str:
    return md(_(NAMES[match.group(1)]).format(n=int(match.group(2))))


def named(value: object) -> str:
    """``value`` escaped for Markdown, each reference named in the reader's language, not linked
    (for messages, which may reach a reader whose role cannot open the page)."""
    return _REFERENCE.sub(_name, md(value))


def linked(value: object, role: str | None = None) -> str:
    """``value`` escaped for Markdown, with each reference a link to its page.

    With ``role``, a reference whose page that role may not open stays plain text.
    """

    def link(match: re.Match) -> str:
        kind, number = match.group(1), int(match.group(2))
        name = _name(match)
        roles = roles_for(TARGETS[kind][0])
        if role is not None and roles is not None and role not in roles:
            return name
        return f"[{name}]({reference_url(kind, number)})"

    return _REFERENCE.sub(link, md(value))


def evidence_table(
    header: Sequence[object], rows: Sequence[Sequence[object]], role: str | None = None
) -> str:
    """A Markdown table of ``rows`` under ``header``: every cell escaped, references linked."""
    lines = [
        "| " + " | ".join(md(h) for h in header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(linked(cell, role) for cell in row) + " |" for row in rows),
    ]
    return "\n".join(lines)
