"""The task's comparison table: rows lined up by column, differences marked, data escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from reviews.ranking.row_context import RowReport, ValueContext
from reviews.ranking.task_display import comparison
from ui.comparison_table import comparison_html

HOSTILE = '<img src="http://host/beacon.png" onerror="alert(1)">'


def _report(values: dict[str, object], badges: dict[str, tuple[str, ...]] | None = None) -> RowReport:
    badges = badges or {}
    return RowReport(
        [
            ValueContext(
                c,
                v,
                50.0 if isinstance(v, int) else None,
                None if isinstance(v, int) else 0.25,
                badges.get(c, ()),
            )
            for c, v in values.items()
        ]
    )


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_one_line_per_column_with_each_rows_value_and_differences_marked():
    a = _report({"age": 30, "job": "clerk", "city": "Rome"})
    b = _report({"age": 30, "job": "baker", "city": "Rome"}, {"job": ("rare",)})
    lines = comparison([a, b])
    assert [line.column for line in lines] == ["age", "job", "city"]  # the data's own order
    assert [[c.value for c in line.cells] for line in lines] == [
        [30, 30],
        ["clerk", "baker"],
        ["Rome", "Rome"],
    ]
    assert [(line.differs, line.badged) for line in lines] == [(False, False), (True, True), (False, False)]


def test_wide_tables_put_badges_then_differences_first():
    columns = [f"c{i}" for i in range(30)]
    a = _report({c: "x" for c in columns})
    b = _report({c: ("y" if c in ("c20", "c29") else "x") for c in columns}, {"c25": ("unseen value",)})
    order = [line.column for line in comparison([a, b])]
    assert order[:3] == ["c25", "c20", "c29"] and order[3:] == [c for c in columns if c not in order[:3]]


def test_values_and_column_names_are_escaped_and_shown_whole():
    long_value = "critical account / other credits existing (not at this bank)"
    a = _report({HOSTILE: long_value})
    b = _report({HOSTILE: HOSTILE})
    html = comparison_html(comparison([a, b]), ["Row A", "Row B"])
    parsed = _Tags()
    parsed.feed(html)
    assert "img" not in parsed.tags and "script" not in parsed.tags
    text = "".join(parsed.text)
    assert text.count(HOSTILE) == 2 and long_value in text  # shown literally and never cut
    assert 'class="sr-differs"' in html and "25.0% of real rows" in text
