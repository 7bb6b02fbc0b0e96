"""The task's rows side by side as one compact HTML table.

One line per column of the data, one column per shown row. Every value is shown whole (cells
wrap, nothing is cut off), with where it sits in the real data and its badges in the same cell.
Lines whose values differ between rows are tinted, so the eye goes to what tells them apart.

Everything that came from the data (column names, values, badges) is escaped with
``html.escape`` before it is put in the markup; the table is passed to ``st.html``, which
renders HTML but never Markdown and never runs scripts.
"""

from __future__ import annotations

from html import escape

from reviews.ranking.row_context import ValueContext
from reviews.ranking.task_display import ComparisonLine, value_text, where_in_real
from ui.i18n import _, tr

STYLE = """<style>
.sr-cmp{width:100%;border-collapse:collapse;font-size:13px;line-height:1.25;table-layout:fixed}
.sr-cmp th,.sr-cmp td{border-bottom:1px solid rgba(49,51,63,.12);padding:2px 6px;text-align:left;
 vertical-align:top;overflow-wrap:anywhere;word-break:break-word;white-space:normal}
.sr-cmp thead th{font-weight:600;border-bottom:2px solid rgba(49,51,63,.3)}
.sr-cmp th.sr-col{font-weight:500;color:#31333f;width:var(--sr-col-width)}
.sr-cmp tr.sr-differs td,.sr-cmp tr.sr-differs th{background:#fff6d6}
.sr-cmp .sr-where{color:#6b6f7b;font-size:11.5px;margin-left:6px;white-space:nowrap}
.sr-cmp .sr-badge{display:inline-block;background:#ffe1e1;color:#9b1c1c;border-radius:4px;
 padding:0 4px;margin-left:4px;font-size:11px}
.sr-cmp.sr-compact{font-size:12.5px;line-height:1.2}
.sr-cmp.sr-compact th,.sr-cmp.sr-compact td{padding:1px 4px}
.sr-cmp.sr-compact .sr-where{margin-left:4px}
.sr-cmp .sr-missing{color:#9b9ba5;font-style:italic}
.sr-note{color:#6b6f7b;font-size:13px;margin:4px 0 0}
</style>"""


# The task page needs every pixel of a 1440x900 screen: less empty space above and below it.
PAGE_STYLE = """<style>
.stMainBlockContainer{padding-top:2.5rem;padding-bottom:1rem}
.stMainBlockContainer h1{font-size:1.75rem;padding:0}
</style>"""


# From this many rows side by side the real-data context is written short (see ``legend``).
COMPACT_ROWS = 3


def _cell(value: ValueContext, compact: bool) -> str:
    text = value_text(value)
    shown = escape(text) if text else f'<span class="sr-missing">{escape(_("missing"))}</span>'
    where = tr(where_in_real(value, compact))
    parts = [shown]
    if where:
        parts.append(f'<span class="sr-where">{escape(where)}</span>')
    parts += [f'<span class="sr-badge">{escape(tr(badge))}</span>' for badge in value.badges]
    return "".join(parts)


def comparison_html(lines: list[ComparisonLine], headers: list[str], note: str = "") -> str:
    """The comparison table as escaped HTML, headed by the rows' labels (already translated).

    ``note`` (plain text, translated) is written under the table.
    """
    compact = len(headers) >= COMPACT_ROWS
    column_width = "22%" if not compact else "13%"
    classes = "sr-cmp sr-compact" if compact else "sr-cmp"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for line in lines:
        cells = "".join(f"<td>{_cell(value, compact)}</td>" for value in line.cells)
        marker = ' class="sr-differs"' if line.differs else ""
        body.append(f'<tr{marker}><th class="sr-col" scope="row">{escape(line.column)}</th>{cells}</tr>')
    return (
        f'{STYLE}<table class="{classes}" style="--sr-col-width:{column_width}">'
        f'<thead><tr><th class="sr-col">{escape(_("column"))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>" + (f'<p class="sr-note">{escape(note)}</p>' if note else "")
    )
