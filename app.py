"""SynthReview router: page config, sign-in, role-based navigation and the shared sidebar."""

from pathlib import Path

import streamlit as st

from ui.navigation import pages_for
from ui.oidc import sign_in_with_provider
from ui.page_timing import timed_page
from ui.sidebar import render_sidebar
from ui.state import current_actor, get_store, sync_cookie

# A file served by the app itself: an icon name or emoji would make the browser fetch the
# favicon from a public font or emoji host.
FAVICON = str(Path(__file__).resolve().parent / "ui" / "assets" / "favicon.png")
st.set_page_config(page_title="SynthReview", page_icon=FAVICON, layout="wide")
actor = current_actor()  # every click re-reads the session and the account behind it
if actor is None:
    actor = sign_in_with_provider()  # someone the identity provider just sent back
render_sidebar(actor)
sync_cookie()
page = st.navigation(pages_for(actor, get_store().user_count() > 0))
# The start page's public url_path is "", so the log names it by the path it was given.
with timed_page(getattr(page, "_url_path", "") or page.url_path, get_store().engine):
    page.run()
