"""Home: what is in the workspace and what to do next."""

import streamlit as st

from reviews.queries.overview import workspace_overview
from ui.guard import page_actor
from ui.i18n import _
from ui.labels import dataset_name
from ui.plain import md
from ui.state import get_store

KIND_TITLES = {
    "real": _("Real datasets"),
    "synthetic": _("Synthetic datasets"),
    "accepted": _("Accepted datasets"),
}

actor = page_actor("home")
overview = workspace_overview(get_store(), actor)
st.title(_("SynthReview"))
st.caption(_("Compliance review of synthetic tabular data, under six norms for its responsible use."))
for col, (kind, title) in zip(st.columns(3), KIND_TITLES.items()):
    col.metric(title, overview.datasets_by_kind[kind])
st.subheader(_("Next step"))
st.info(md(_(overview.next_step)))
if overview.latest:
    st.subheader(_("Latest datasets"))
    st.dataframe(
        [
            {
                _("Name"): dataset_name(d),
                _("Kind"): _(d.kind),
                _("Rows"): d.rows,
                _("Created by"): d.created_by,
                _("Created"): d.created_at,
            }
            for d in overview.latest
        ],
        hide_index=True,
        key="home_latest",
    )
