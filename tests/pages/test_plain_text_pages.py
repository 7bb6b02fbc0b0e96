"""User data is shown as text: a column or dataset name written as a Markdown image fetches nothing."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from reviews import queries
from tests.pages.conftest import app_as, page_text
from ui.plain import fmt, md

BEACON = "![x](http://host/beacon.png)"
# Markdown as Streamlit renders it (CommonMark plus tables and strikethrough).
_RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_EXTERNAL_IMG = re.compile(r"<img[^>]*src=\"(?:https?:)?//", re.IGNORECASE)


def _external_images(markdown: str) -> list[str]:
    return _EXTERNAL_IMG.findall(_RENDERER.render(markdown))


def test_the_check_sees_an_image_when_nothing_is_escaped():
    assert _external_images(f"Columns: {BEACON}")  # the probe's finding, before the fix


def test_md_and_fmt_show_the_beacon_as_text():
    for text in (md(BEACON), fmt("Columns: {c} ({n:.1f})", c=BEACON, n=2.0)):
        html = _RENDERER.render(text)
        assert not _external_images(text) and "<a " not in html
        assert "![x](http://host/beacon.png)" in html  # shown literally, character for character


def test_md_keeps_a_hostile_name_on_one_line_and_inert():
    for hostile in (
        "# Heading\n\n**bold**",
        "<img src=http://h/x.png>",
        "[link](javascript:alert(1))",
        "$x^2$",
    ):
        html = _RENDERER.render(md(hostile))
        assert "<h1" not in html and "<strong" not in html and "<a " not in html and "<img" not in html


def test_beacon_column_name_on_the_data_page_renders_no_external_image(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    rows = "\n".join(f"{i},{['a', 'b', 'c'][i % 3]},x{i}@example.org" for i in range(40))
    content = f'id,"{BEACON}",email\n{rows}\n'.encode()
    at.file_uploader(key="data_upload_file").set_value((f"{BEACON}.csv", content, "text/csv"))
    at.text_input(key="data_upload_name").set_value(f"{BEACON} **bold**")
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception and not at.error
    assert queries.list_datasets(workspace)
    assert not _external_images(page_text(at, raw=True))
    picker = at.selectbox(key="data_profile_column")
    picker.set_value(next(o for o in picker.options if "beacon" in o)).run()
    text = page_text(at, raw=True)
    assert not at.exception and md(BEACON) in text  # the chart's text summary names the column, as text
    assert BEACON in page_text(at)  # and a reader sees it character for character
    assert not _external_images(text)
