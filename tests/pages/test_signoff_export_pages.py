"""Sign-off and Export pages: an officer signs with the password; the steward exports the bundle."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from reviews.bundle import verify_bundle
from reviews.signoff import signoff_for
from reviews.workspace.permissions import Actor
from reviews.workspace.signing import public_key_pem
from tests.pages.conftest import ROOT, page_text
from tests.pages.conftest import page_as as _page
from tests.support.sessions import sign_in_app
from tests.support.signoff_flow import PASSWORD


def test_officer_signs_and_steward_exports(flow):
    store, built = flow
    at = _page("officer", "officer", "pages/signoff.py")
    assert not at.exception
    assert "The six norms" in page_text(at) and "Sampling inspection" in page_text(at)
    at.radio(key=f"signoff_verdict_{built.accepted_id}").set_value("approve")
    at.text_input(key=f"signoff_password_{built.accepted_id}").input("not-my-password")
    next(b for b in at.button if b.label == "Sign").click().run()
    assert "password is wrong" in at.error[0].value and signoff_for(store, built.accepted_id) is None
    # The failed attempt emptied the form: no verdict chosen, no password kept.
    assert at.radio(key=f"signoff_verdict_{built.accepted_id}").value is None
    assert at.text_input(key=f"signoff_password_{built.accepted_id}").value == ""
    at.radio(key=f"signoff_verdict_{built.accepted_id}").set_value("approve")
    at.text_input(key=f"signoff_password_{built.accepted_id}").input(PASSWORD["officer"])
    next(b for b in at.button if b.label == "Sign").click().run()
    assert not at.exception and signoff_for(store, built.accepted_id).approved

    steward = _page("steward", "steward", "pages/export.py")
    assert "Approved by officer" in page_text(steward)
    steward.button(key="export_prepare").click().run()
    assert not steward.exception
    bundle = steward.session_state["export_bundle"][1]
    report = verify_bundle(bundle, public_key_pem())
    assert report.ok, report.problems


def test_the_steward_cannot_sign_but_writes_documentation(flow):
    store, built = flow
    at = _page("steward", "steward", "pages/signoff.py")
    assert not [b for b in at.button if b.label == "Sign"]
    assert "officers sign off" in page_text(at).lower()
    assert any(b.label == "Save documentation" for b in at.button)


def test_the_verdict_form_belongs_to_one_dataset(flow):
    store, built = flow
    at = _page("officer", "officer", "pages/signoff.py")
    first = at.selectbox(key="signoff_dataset").value
    at.radio(key=f"signoff_verdict_{first}").set_value("reject")
    at.text_area(key=f"signoff_comment_{first}").input("Too many impossible ages.")
    at.text_input(key=f"signoff_password_{first}").input("not-my-password")
    next(b for b in at.button if b.label == "Sign").click().run()
    assert "password is wrong" in at.error[0].value
    other = built.synthetic_id if first != built.synthetic_id else built.accepted_id
    at.selectbox(key="signoff_dataset").set_value(other).run()
    assert not at.exception
    assert at.radio(key=f"signoff_verdict_{other}").value is None
    assert at.text_area(key=f"signoff_comment_{other}").value == ""
    assert at.text_input(key=f"signoff_password_{other}").value == ""
    assert "Too many impossible ages." not in [a.value for a in at.text_area]


def test_the_officer_reads_the_stewards_documentation(flow):
    _store, built = flow
    at = _page("officer", "officer", "pages/signoff.py")
    at.selectbox(key="signoff_dataset").set_value(built.accepted_id).run()
    texts = [t.value for t in at.text]
    assert "Written by the steward about Motivation." in texts
    assert any("written by steward" in c.value for c in at.caption)
    assert not [b for b in at.button if b.label == "Save documentation"]


def test_a_link_opens_signoff_and_compare_on_its_dataset(flow):
    _store, built = flow
    plain = _page("officer", "officer", "pages/signoff.py")
    default = plain.selectbox(key="signoff_dataset").value
    linked = built.synthetic_id if default != built.synthetic_id else built.accepted_id
    assert plain.query_params["dataset"] == str(default)  # the address bar names what is shown

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    sign_in_app(at, Actor("officer", "officer"))
    at.run()
    at.switch_page("pages/signoff.py")
    at.query_params["dataset"] = str(linked)
    at.run()
    assert not at.exception
    assert at.selectbox(key="signoff_dataset").value == linked
    at.selectbox(key="signoff_dataset").set_value(default).run()  # a choice in the page wins now
    assert at.selectbox(key="signoff_dataset").value == default
    assert at.query_params["dataset"] == str(default)

    at.switch_page("pages/compare.py")
    at.query_params["dataset"] = str(built.synthetic_id)
    at.run()
    assert at.selectbox(key="compare_dataset").value == built.synthetic_id

    at.switch_page("pages/signoff.py")
    at.query_params["dataset"] = "999999"
    at.run()
    assert "The link names dataset 999999, which this page cannot show" in page_text(at)
    assert at.query_params["dataset"] == str(at.selectbox(key="signoff_dataset").value)
    assert not at.exception
