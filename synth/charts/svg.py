"""Charts as inline SVG for the HTML report: no script, a few kilobytes each, printable.

The report must open offline and stay small; plotly's JavaScript alone is several megabytes.
Each builder returns one ``<figure>`` holding an ``<svg>`` and a caption. Long labels are cut
with an ellipsis and keep the full text as a tooltip (``<title>``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from synth.charts.labels import short_label as short
from synth.charts.palette import NEUTRAL
from synth.numbers import readable

_FONT = "font-family:inherit;font-size:12px"
_BAR_LABEL = 32  # characters of a bar's label before it is cut ("unseen real rows (baseline)")
_SLANT_REACH = 110  # pixels: 20 characters of about 7 pixels, slanted at 45°


@dataclass(frozen=True)
class Series:
    """One set of bars: a name for the legend, a colour, a value per category and optional 95 % bounds."""

    name: str
    colour: str
    values: Sequence[float | None]
    bounds: Sequence[tuple[float, float] | None] | None = None


def _text(
    x: float, y: float, text: str, anchor: str = "start", extra: str = "", full: str | None = None
) -> str:
    tooltip = f"<title>{html.escape(full)}</title>" if full and full != text else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" style="{_FONT}" {extra}>'
        f"{tooltip}{html.escape(text)}</text>"
    )


def _figure(svg: str, caption: str, width: int, height: int, title: str) -> str:
    return (
        f'<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{html.escape(title, quote=True)}">{svg}</svg>'
        f"<figcaption><strong>{html.escape(title)}.</strong> {html.escape(caption)}</figcaption></figure>"
    )


def _legend(series: Sequence[Series], x: float, y: float) -> str:
    parts = []
    for item in series:
        parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{item.colour}"/>')
        parts.append(_text(x + 16, y, item.name))
        x += 24 + 7 * len(item.name)
    return "".join(parts)


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    caption: str,
    maximum: float = 1.0,
    percent: bool = False,
) -> str:
    """Horizontal bars, one row per category and one bar per series, values from 0 to ``maximum``."""
    longest = max((len(short(c, _BAR_LABEL)) for c in categories), default=4)
    label_width, plot_width, bar, gap = min(240, 7 * longest + 20), 460, 16, 10
    top = 28 if len(series) > 1 else 8
    row = bar * len(series) + gap
    height = top + row * len(categories) + 30
    width = label_width + plot_width + 70
    scale = plot_width / maximum if maximum else 0
    parts = [_legend(series, label_width, 16)] if len(series) > 1 else []
    for tick in range(5):
        x = label_width + plot_width * tick / 4
        tick_value = maximum * tick / 4
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{height - 24}" stroke="#ddd"/>')
        parts.append(
            _text(x, height - 8, f"{tick_value:.0%}" if percent else readable(tick_value, 2), "middle")
        )
    for index, category in enumerate(categories):
        y = top + index * row
        parts.append(_text(label_width - 8, y + row / 2, short(category, _BAR_LABEL), "end", full=category))
        for offset, item in enumerate(series):
            value = item.values[index]
            bar_y = y + offset * bar
            if value is None:
                parts.append(_text(label_width + 4, bar_y + bar - 4, "–", extra=f'fill="{NEUTRAL}"'))
                continue
            length = max(0.0, min(value, maximum)) * scale
            shown = f"{value:.1%}" if percent else readable(value, 3)
            tip = f"{category} · {item.name}: {shown}"
            parts.append(
                f'<rect x="{label_width}" y="{bar_y:.1f}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{item.colour}"><title>{html.escape(tip)}</title></rect>'
            )
            bounds = item.bounds[index] if item.bounds else None
            end = length
            if bounds:
                low, high = (label_width + max(0.0, min(b, maximum)) * scale for b in bounds)
                middle = bar_y + (bar - 2) / 2
                parts.append(
                    f'<path d="M{low:.1f},{middle:.1f}H{high:.1f}M{low:.1f},{middle - 4:.1f}v8'
                    f'M{high:.1f},{middle - 4:.1f}v8" stroke="#222" fill="none"/>'
                )
                end = max(end, high - label_width)
            parts.append(_text(label_width + end + 4, bar_y + bar - 4, shown))
    return _figure("".join(parts), caption, width, height, title)


def heatmap(
    labels: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    *,
    title: str,
    caption: str,
    low_colour: str = "#f7fbff",
    high_colour: str = "#08519c",
    minimum: float = 0.0,
    maximum: float = 1.0,
) -> str:
    """A square matrix with a shared axis: row labels on the left, the same labels slanted on top.

    Cells hold their value; a cell without one (the diagonal of a pair measure) is grey with "–".
    """
    n = len(labels)
    cell = 44 if n <= 12 else max(18, 520 // n)
    left, top = 180, 130
    # The slanted labels on top reach right of their column by about 0.7 of their length.
    width, height = left + cell * n + _SLANT_REACH, top + cell * n + 10 + _SCALE_HEIGHT
    parts = [_colour_scale(left, top + cell * n + 14, low_colour, high_colour, minimum, maximum)]
    for index, label in enumerate(labels):
        x = left + index * cell + cell / 2
        parts.append(
            _text(
                x, top - 8, short(label, 20), extra=f'transform="rotate(-45 {x:.1f} {top - 8})"', full=label
            )
        )
        parts.append(_text(left - 6, top + index * cell + cell / 2 + 4, short(label), "end", full=label))
    for r, values in enumerate(matrix):
        for c, value in enumerate(values):
            x, y = left + c * cell, top + r * cell
            if value is None:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="#eee"/>')
                parts.append(_text(x + cell / 2, y + cell / 2 + 4, "–", "middle", f'fill="{NEUTRAL}"'))
                continue
            share = (
                0.0
                if maximum == minimum
                else (min(max(value, minimum), maximum) - minimum) / (maximum - minimum)
            )
            fill = _mix(low_colour, high_colour, share)
            ink = "#fff" if share > 0.6 else "#111"
            tip = f"{labels[r]} × {labels[c]}: {readable(value, 3)}"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" stroke="#fff">'
                f"<title>{html.escape(tip)}</title></rect>"
            )
            if cell >= 30:
                parts.append(_text(x + cell / 2, y + cell / 2 + 4, f"{value:.2f}", "middle", f'fill="{ink}"'))
    return _figure("".join(parts), caption, width, height, title)


_SCALE_HEIGHT = 36
_SCALE_STEPS = 10


def _colour_scale(x: float, y: float, low: str, high: str, minimum: float, maximum: float) -> str:
    """The heatmap's key: its colours in steps from ``minimum`` to ``maximum``, ends labelled.

    Wide matrices have no room for values in their cells, so the key is what reads them.
    """
    step = 24
    parts = [
        f'<rect x="{x + i * step}" y="{y}" width="{step}" height="10" '
        f'fill="{_mix(low, high, i / (_SCALE_STEPS - 1))}"/>'
        for i in range(_SCALE_STEPS)
    ]
    parts.append(_text(x, y + 24, readable(minimum, 3), "start"))
    parts.append(_text(x + step * _SCALE_STEPS, y + 24, readable(maximum, 3), "end"))
    return "".join(parts)


def histogram(
    edges: Sequence[float],
    series: Sequence[Series],
    *,
    title: str,
    caption: str,
    x_title: str,
    whole_numbers: bool = False,
) -> str:
    """Overlaid histograms (shares of rows per bin) sharing ``edges``.

    ``whole_numbers``: the binned values are all whole numbers, which are often years, codes or
    identifiers, so the axis is written without thousands separators (``1998``, not ``1,998``), as
    ``synth.numbers.readable`` writes such a column's values.
    """
    left, plot_width, plot_height, top = 60, 560, 200, 30
    width, height = left + plot_width + 20, top + plot_height + 50
    totals = [sum(v or 0 for v in s.values) or 1 for s in series]
    shares = [[(v or 0) / total for v in s.values] for s, total in zip(series, totals, strict=True)]
    peak = max((max(s) for s in shares if s), default=1.0) or 1.0
    low, high = edges[0], edges[-1]
    span = (high - low) or 1.0
    parts = [_legend(series, left, 16)]
    for tick in range(5):
        y = top + plot_height * (1 - tick / 4)
        parts.append(f'<line x1="{left}" x2="{left + plot_width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 6, y + 4, f"{peak * tick / 4:.0%}", "end"))
    for item, values in zip(series, shares, strict=True):
        for index, share in enumerate(values):
            x0 = left + (edges[index] - low) / span * plot_width
            x1 = left + (edges[index + 1] - low) / span * plot_width
            bar_height = share / peak * plot_height
            parts.append(
                f'<rect x="{x0:.1f}" y="{top + plot_height - bar_height:.1f}" '
                f'width="{max(x1 - x0 - 1, 1):.1f}" '
                f'height="{bar_height:.1f}" fill="{item.colour}" fill-opacity="0.55"/>'
            )
    for tick in range(5):
        x = left + plot_width * tick / 4
        value = readable(low + span * tick / 4, 2, grouped=not whole_numbers)
        parts.append(_text(x, top + plot_height + 16, value, "middle"))
    parts.append(_text(left + plot_width / 2, height - 6, x_title, "middle"))
    return _figure("".join(parts), caption, width, height, title)


def _mix(low: str, high: str, share: float) -> str:
    a = [int(low[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))
