"""Evidence in full: references become relative links to the page that shows them, everything else
stays escaped text, and a reference to a page the reader's role cannot open stays text."""

from __future__ import annotations

from tests.support.markdown_tables import links, table_rows
from ui.evidence import evidence_table, linked, named, reference_url


def test_each_kind_of_reference_links_to_its_page():
    assert reference_url("dataset", 3) == "compare?dataset=3"
    assert reference_url("evaluation", 2) == "compare?evaluation=2"
    assert reference_url("inspection", 7) == "inspect?inspection=7"
    assert reference_url("round", 1) == "rounds?round=1"
    text = linked("inspection:7 failed; see evaluation:2 of dataset:3 from round:1.")
    assert links(text) == [
        ("inspection:7", "inspect?inspection=7"),
        ("evaluation:2", "compare?evaluation=2"),
        ("dataset:3", "compare?dataset=3"),
        ("round:1", "rounds?round=1"),
    ]


def test_user_text_cannot_make_links_images_or_html():
    hostile = "![x](http://evil.example/beacon.png) [click](javascript:alert(1)) <img src=x> dataset:4"
    text = linked(hostile)
    assert links(text) == [("dataset:4", "compare?dataset=4")]  # only the reference is a link
    assert "\\<img" in text and "\\!\\[x\\]\\(http" in text  # escaped, shown as typed
    assert linked("dataset:12x and xdataset:3 and dataset:") == "dataset:12x and xdataset:3 and dataset:"


def test_a_reference_to_a_page_the_role_cannot_open_stays_text():
    text = linked("round:1 and dataset:3", role="officer")
    assert links(text) == [("dataset:3", "compare?dataset=3")]
    assert links(linked("round:1", role="steward")) == [("round:1", "rounds?round=1")]


def test_tables_keep_every_cell_whole_and_escaped():
    long = "word " * 200 + "| not a new cell"
    table = evidence_table(["Item", "Evidence"], [["a_b", long], ["c", "evaluation:5"]])
    rows = table_rows(table)
    assert rows == [{"Item": "a_b", "Evidence": long.strip()}, {"Item": "c", "Evidence": "evaluation:5"}]
    assert "\n" not in evidence_table(["x"], [["line one\nline two"]]).split("\n", 2)[2]


def test_references_read_in_the_readers_language_and_stay_links(chinese_widgets):
    assert links(linked("inspection:7 of dataset:3")) == [
        ("抽样检查 \\#7", "inspect?inspection=7"),
        ("数据集 \\#3", "compare?dataset=3"),
    ]
    assert named("round:1 has no answers") == "轮次 \\#1 has no answers"  # a message: named, not linked
