"""SynthReview router: page config, sign-in, role-based navigation and the shared sidebar."""

import streamlit as st

from ui.navigation import pages_for
from ui.sidebar import render_sidebar
from ui.state import current_actor, get_store

st.set_page_config(page_title="SynthReview", page_icon=":material/fact_check:", layout="wide")
actor = current_actor()
render_sidebar(actor)
st.navigation(pages_for(actor, get_store().user_count() > 0)).run()
