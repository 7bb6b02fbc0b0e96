"""The Data page: upload with validation, the demo load, and the rendered profile."""

from __future__ import annotations

from reviews import queries
from tests.pages.conftest import app_as, page_text

GOOD_CSV = (
    "name,email,age,city\n"
    + "\n".join(
        f"p{i},user{i}@example.org,{20 + i % 50},{['Oslo', 'Lima', 'Pune'][i % 3]}" for i in range(60)
    )
).encode()


def _upload(at, filename: str, content: bytes):
    at.file_uploader(key="data_upload_file").set_value((filename, content, "text/csv"))
    submit = next(b for b in at.button if b.label == "Import")
    submit.click().run()
    return at


def test_upload_profiles_and_stores(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    _upload(at, "people.csv", GOOD_CSV)
    assert not at.exception and not at.error
    records = queries.list_datasets(workspace)
    assert [r.name for r in records] == ["people"]
    text = page_text(at)
    assert "Imported and profiled." in text
    assert "email (email)" in text  # PII found by value and listed on the page
    assert any("Missing share per column" in str(c.proto.spec) for c in at.get("plotly_chart"))


def test_bad_upload_lists_every_problem_and_keeps_nothing(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    _upload(at, "bad.csv", b"a,a,\n1,2,\n")
    assert at.error, "a bad file must give an error on the page"
    message = at.error[0].value
    assert "more than once" in message and "only one data row" in message and "no name" in message
    assert queries.list_datasets(workspace) == []
    assert not at.exception


def test_empty_upload_is_refused_clearly(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    _upload(at, "empty.csv", b"")
    assert "empty" in at.error[0].value.lower()


def test_demo_load_shows_profile(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    at.button(key="data_load_demo").click().run()
    assert not at.exception
    (record,) = queries.list_datasets(workspace)
    assert record.rows == 5226 and record.name == "arrests"
    assert "Quality score" in [m.label for m in at.metric]
    assert at.selectbox(key="data_profile_column").options
