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
    assert "email (email address)" in text  # PII found by value and listed on the page
    assert "No column has missing values." in text  # a sentence, not an empty chart


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
    # Arrests from 1997 to 2002: years read as years, not as "1,997".
    numbers = next(d.value for d in at.dataframe if "Minimum" in d.value.columns).set_index("Column")
    assert (numbers.loc["year", "Minimum"], numbers.loc["year", "Maximum"]) == ("1997", "2002")


def test_import_selects_the_new_dataset_and_a_second_copy_asks_first(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    at.button(key="data_load_demo").click().run()
    _upload(at, "people.csv", GOOD_CSV)
    assert not at.exception
    people = next(r for r in queries.list_datasets(workspace) if r.name == "people")
    assert at.selectbox(key="data_dataset").value == people.id  # the profile shown is the new table's
    assert "email (email address)" in page_text(at)

    at.button(key="data_load_demo").click().run()  # the same table again
    assert len(queries.list_datasets(workspace)) == 2, "a second copy is not made without asking"
    assert "already in the workspace as dataset #1" in page_text(at)
    at.button(key="data_copy_existing").click().run()
    assert at.selectbox(key="data_dataset").value == 1
    assert len(queries.list_datasets(workspace)) == 2

    at.button(key="data_load_demo").click().run()
    at.button(key="data_copy_again").click().run()
    assert not at.exception
    records = queries.list_datasets(workspace)
    assert len(records) == 3 and at.selectbox(key="data_dataset").value == records[-1].id


def test_profile_reads_like_a_report(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    _upload(at, "people.csv", GOOD_CSV)
    labels = [m.label for m in at.metric]
    for label in ("Rows", "Columns", "Missing cells", "Duplicate rows", "Quality score", "PII columns"):
        assert label in labels
    columns = next(d.value for d in at.dataframe if "Personal data" in d.value.columns)
    assert not [c for c in columns.columns if "_" in c], "headers are words, not identifiers"
    assert "None" not in columns.astype(str).to_numpy().tolist()
    assert "No column has missing values." in page_text(at)
