"""Show a background job: a live progress bar with Cancel while it runs, its outcome after.

The job lives in the database, so leaving or reloading the page loses nothing: the page finds
the job again and this view picks up where it was.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from reviews.queries.jobs import get_job
from reviews.workspace.permissions import Actor
from ui.feedback import user_errors
from ui.i18n import _, tr
from ui.plain import fmt
from ui.state import get_store

POLL = timedelta(seconds=0.5)  # half the wait between a job ending and the page showing it
# A cancellation is news right after it happens; on a later visit the page starts afresh.
CANCELLED_SHOWN_FOR = timedelta(minutes=2)


def render_job(job_id: int, actor: Actor, key: str) -> dict:
    """Render the job's state; returns the job row as last read."""
    job = get_job(get_store(), job_id)
    if job["status"] in ("queued", "running"):
        _live(job_id, actor, key)
    elif job["status"] == "failed":
        failure = job["error_data"] or job["error"] or job["message_data"] or job["message"]
        st.error(fmt(_("The job failed: {message}"), message=tr(failure)))
    elif job["status"] == "cancelled" and _recent(job.get("finished_at")):
        st.warning(_("The job was cancelled; nothing was kept."))
    return job


def _recent(moment: datetime | None) -> bool:
    if moment is None:
        return True
    if moment.tzinfo is None:  # SQLite hands back naive UTC times
        moment = moment.replace(tzinfo=UTC)
    return datetime.now(UTC) - moment <= CANCELLED_SHOWN_FOR


@st.fragment(run_every=POLL)
def _live(job_id: int, actor: Actor, key: str) -> None:
    job = get_job(get_store(), job_id)
    if job["status"] not in ("queued", "running"):
        st.rerun()  # the whole page now shows the outcome
    label = (
        _("Waiting for a worker…") if job["status"] == "queued" else tr(job["message_data"] or job["message"])
    )
    st.progress(float(job["progress"]), text=label)
    st.caption(_("You can leave this page; the job keeps running and its progress is saved."))
    if st.button(_("Cancel"), key=f"{key}_cancel_{job_id}"):
        with user_errors():
            get_store().request_cancel(actor, job_id)
            st.rerun()
