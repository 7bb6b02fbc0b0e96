"""Review, Review rounds and Inspect pages, driven through AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from reviews import queries
from reviews.acceptance.apply import apply_acceptance
from reviews.acceptance.inspection import inspection_status, start_inspection
from reviews.queries import inspections as queries_inspections
from reviews.queries import rounds as round_queries
from reviews.queries.inspections import inspection_batch_rows
from reviews.ranking import rounds
from reviews.workspace.permissions import Actor
from tests.pages.conftest import ROOT, app_as, page_text
from tests.support.sessions import sign_in_app

STEWARD = Actor("steward", "steward")


def _html(at) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def _answer_on_page(username: str, tasks: int, flag: bool = False) -> None:
    """Press the answer bar's buttons as the keys would: (F, 1,) 2, Enter."""
    at = app_as(username, "pages/review.py", timeout=120)
    for n in range(tasks):
        assert not at.exception, at.exception
        if flag and n == 0:
            at.button(key="review_flag").click().run()
            at.button(key="review_row_0").click().run()
            assert [e.label for e in at.expander] == ["Flagged as implausible: Row A (reason and note)"]
        at.button(key="review_row_1").click().run()
        at.button(key="review_submit").click().run()
    assert not at.exception


def test_two_reviewers_rank_and_the_steward_sees_the_model(workspace, synthetic_dataset):
    at = app_as("steward", "pages/rounds.py", timeout=120)
    at.number_input(key="rounds_new_batch").set_value(3)
    next(b for b in at.button if b.label == "Open round").click().run()
    assert "Round 1 is open" in page_text(at)
    (round_,) = round_queries.list_rounds(workspace)

    reviewer = app_as("reviewer", "pages/review.py", timeout=120)
    assert "0 of 3 tasks answered" in reviewer.get("progress")[0].proto.text
    assert "th percentile" in _html(reviewer)  # values carry real-data context

    _answer_on_page("reviewer", 3, flag=True)
    _answer_on_page("reviewer2", 3)
    assert round_queries.get_round(workspace, round_.id).current_batch == 2
    assert len(round_queries.flags(workspace, round_.id)) == 1
    # A reviewer never sees another reviewer's answers: the next task shows only rows and context.
    nxt = app_as("reviewer2", "pages/review.py", timeout=120)
    shown = page_text(nxt) + _html(nxt)
    assert "reviewer2" not in shown and "reviewer " not in shown.replace("other reviewers", "")

    steward = app_as("steward", "pages/rounds.py", timeout=120)
    assert not steward.exception
    labels = [m.label for m in steward.metric]
    assert "Krippendorff's alpha" in labels and "Would be accepted" in labels
    next(b for b in steward.button if b.label == "Apply acceptance").click().run()
    assert "Accepted rows kept as dataset" in page_text(steward)
    assert [d.kind for d in queries.list_datasets(workspace)].count("accepted") == 1


def _open_inspection(workspace, synthetic_dataset) -> tuple[int, int]:
    """A round answered by both reviewers, every row accepted, an inspection of 30 rows opened;
    returns (accepted dataset id, inspection id)."""
    round_id = rounds.open_round(
        workspace, STEWARD, synthetic_dataset, rounds.RoundConfig(batch_size=3, overlap=2)
    )
    for name in ("reviewer", "reviewer2"):
        actor = Actor(name, "reviewer")
        while (view := rounds.next_task(workspace, actor, round_id)) is not None:
            rounds.submit(workspace, actor, round_id, view.task_id, ranking=view.rows)
    accepted_id = apply_acceptance(workspace, STEWARD, round_id, -1e9)
    return accepted_id, start_inspection(workspace, STEWARD, accepted_id, size=30)


def test_reviewer_inspects_on_the_inspect_page(workspace, synthetic_dataset):
    _accepted, inspection_id = _open_inspection(workspace, synthetic_dataset)
    at = app_as("reviewer", "pages/inspect.py", timeout=120)
    # Nothing starts as passed: saving an untouched screen records nothing and says what to do.
    next(b for b in at.button if b.label == "Save the judged rows").click().run()
    assert "Tick pass or fail beside at least one row" in page_text(at)
    assert inspection_status(workspace, inspection_id).judged == 0
    mark = "Mark every row left unjudged on this screen as passing"
    for _ in range(2):
        assert not at.exception
        next(b for b in at.button if b.label == mark).click().run()
    status = inspection_status(workspace, inspection_id)
    assert status.judged == 30 and status.status == "failed"  # 30 rows cannot prove a 96% lower bound
    assert status.result["lower_bound"] < 0.96
    batches = inspection_batch_rows(workspace, inspection_id)
    assert [(b["rows"], b["marked_rows"]) for b in batches] == [(20, 20), (10, 10)]
    assert all(b["seconds"] is not None for b in batches)


def test_reviewer_inspects_with_the_keys(workspace, synthetic_dataset):
    """The key bar's buttons, pressed as their keys would be: P, P, K, F, J, P, K, Backspace, Enter."""
    _accepted, inspection_id = _open_inspection(workspace, synthetic_dataset)
    at = app_as("reviewer", "pages/inspect.py", timeout=120)
    shown = [int(i) for i in at.session_state[f"inspect_{inspection_id}_0"].rows.index]
    for key in ("pass", "pass", "previous", "fail", "next", "pass", "previous", "clear"):
        at.button(key=f"inspect_{key}").click().run()
        assert not at.exception, at.exception
    assert "Row" in page_text(at) and "1 passed, 1 failed, 18 not judged yet" in page_text(at)
    at.button(key="inspect_save").click().run()
    assert queries_inspections.verdicts(workspace, inspection_id) == {shown[0]: True, shown[1]: False}
    (batch,) = inspection_batch_rows(workspace, inspection_id)
    assert batch["rows"] == 2 and batch["marked_rows"] == 0 and batch["seconds"] is not None
    assert "2/30 judged" in at.get("progress")[0].proto.text


def test_an_officer_reads_an_inspection_record_from_its_link(workspace, synthetic_dataset):
    accepted_id, inspection_id = _open_inspection(workspace, synthetic_dataset)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in_app(at, Actor("officer", "officer"))
    at.query_params["inspection"] = str(inspection_id)
    at.run()
    at.switch_page("pages/inspect.py")
    at.run()
    assert not at.exception
    text = page_text(at)
    assert (
        f"[inspection:{inspection_id}](inspect?inspection={inspection_id}) of "
        f"[dataset:{accepted_id}](compare?dataset={accepted_id}): open."
    ) in text
    assert "No batch saved yet." in text and "Save the judged rows" not in [b.label for b in at.button]


def test_review_page_without_rounds(workspace):
    at = app_as("reviewer", "pages/review.py")
    assert "No review round has tasks for you yet." in page_text(at)


def test_skipping_a_task_says_so(workspace, synthetic_dataset):
    rounds.open_round(workspace, STEWARD, synthetic_dataset, rounds.RoundConfig(batch_size=3, overlap=2))
    at = app_as("reviewer", "pages/review.py", timeout=120)
    at.button(key="review_skip").click().run()
    assert "Task skipped." in at.get("progress")[0].proto.text
    at.button(key="review_submit").click().run()  # nothing chosen yet: nothing is stored
    assert "Rank every row before submitting" in page_text(at)
    at.button(key="review_row_1").click().run()
    at.button(key="review_submit").click().run()
    assert "Answer saved." in at.get("progress")[0].proto.text
