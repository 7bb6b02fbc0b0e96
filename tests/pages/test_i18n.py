"""The Chinese catalog covers every interface string, and switching the language works.

The catalog is checked against an extraction made from the source now (with ``babel.cfg``),
so a string added to a page without its translation fails here.
"""

from __future__ import annotations

import string
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from reviews import queries
from reviews.workspace.permissions import Actor
from tests.pages.conftest import PASSWORDS, ROLES, app_as
from tests.support.sessions import sign_in_app
from ui.i18n import LANGUAGES, catalog, language_of

ROOT = Path(__file__).resolve().parents[2]
ZH_PO = ROOT / "locales" / "zh" / "LC_MESSAGES" / "messages.po"


def extracted_msgids() -> set[str]:
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {"_": None, "N_": None, "Msg": None}
    return {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=keywords
        )
        if message
    }


@pytest.fixture(scope="module")
def msgids() -> set[str]:
    found = extracted_msgids()
    assert len(found) > 300, "extraction found too few strings; is babel.cfg still pointing at the pages?"
    return found


@pytest.fixture(scope="module")
def zh_messages() -> dict:
    with ZH_PO.open("rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


def placeholders(text: str) -> Counter:
    """The ``{name:spec}`` fields of a format string, counted."""
    return Counter(
        (name, spec) for _literal, name, spec, _conv in string.Formatter().parse(text) if name is not None
    )


def test_every_interface_string_has_a_chinese_translation(msgids, zh_messages):
    untranslated = sorted(m for m in msgids if m not in zh_messages or not zh_messages[m].string)
    fuzzy = sorted(m for m in msgids if m in zh_messages and zh_messages[m].fuzzy)
    assert not untranslated, f"run pybabel extract/update and translate: {untranslated}"
    assert not fuzzy, f"review these fuzzy translations and drop the fuzzy flag: {fuzzy}"


def test_translations_keep_the_placeholders(msgids, zh_messages):
    differing = [
        (m, zh_messages[m].string)
        for m in msgids
        if m in zh_messages
        and zh_messages[m].string
        and placeholders(m) != placeholders(zh_messages[m].string)
    ]
    assert not differing


def test_translations_are_chinese(msgids, zh_messages):
    # Names and codes (SynthReview, DCR...) may stay as they are, but nearly all must change.
    translated = [m for m in msgids if m in zh_messages and zh_messages[m].string]
    unchanged = [m for m in translated if zh_messages[m].string == m]
    assert len(unchanged) <= 2, unchanged
    assert all(
        any("\u4e00" <= ch <= "\u9fff" for ch in zh_messages[m].string)
        for m in translated
        if m not in unchanged
    )


def test_values_from_the_core_are_in_the_catalog(msgids):
    """Pages pass these values through ``_()``; ui/i18n_terms.py must declare each one."""
    from reviews.queries.overview import NEXT_STEPS
    from reviews.ranking.rounds import MODES
    from reviews.signoff.checklist import STATUSES
    from reviews.signoff.documentation import FIELDS, GROUP_TITLES
    from reviews.signoff.records import VERDICTS
    from reviews.store.rounds import FLAG_REASONS
    from reviews.workspace.permissions import ROLES
    from synth.purposes import PURPOSES
    from synth.stages import STAGES

    values = {
        *ROLES,
        *MODES,
        *STATUSES,
        *VERDICTS,
        *PURPOSES,
        *STAGES,
        *GROUP_TITLES.values(),
        *(r.replace("_", " ") for r in FLAG_REASONS),
        *(step for _key, step in NEXT_STEPS.values()),
        *(f.label for f in FIELDS),
        *(f.help for f in FIELDS),
        "real",
        "synthetic",
        "accepted",
    }
    assert sorted(values - msgids) == []


def test_browser_locales_map_to_our_languages():
    assert language_of("zh-CN") == "zh"
    assert language_of("zh_TW") == "zh"
    assert language_of("en-GB") == "en"
    assert language_of("fr-FR") == "en"
    assert language_of(None) == "en"
    assert set(LANGUAGES) == {"en", "zh"}


def test_the_html_report_uses_the_translation():
    from synth.metrics.report_html import render_html

    result = {
        "purpose": "privacy",
        "rows": {"synthetic": 3},
        "fidelity": {
            "overall": 0.9,
            "column_shapes_score": 0.9,
            "column_pair_trends_score": 0.8,
            "column_shapes": {},
            "column_pair_trends": [],
        },
        "gates": [{"status": "pass", "name": "fidelity", "value": 0.9, "explanation": "ok"}],
        "privacy": {"exact_match_rate": 0.0},
    }
    english = render_html(result, title="T")
    chinese = render_html(result, title="T", translate=lambda s: catalog("zh").get(s, s))
    assert "<h2>Privacy</h2>" in english and "<h2>Gates</h2>" in english
    assert "<h2>隐私</h2>" in chinese and "<h2>门槛</h2>" in chinese and "完全匹配率" in chinese
    assert "<h2>Privacy</h2>" not in chinese


def test_switching_the_sidebar_to_chinese_translates_the_pages(workspace):  # noqa: F811
    at = app_as("steward")
    assert "Next step" in [h.value for h in at.subheader]
    at.selectbox(key="sidebar_language").set_value("zh").run()
    assert not at.exception
    assert at.session_state["language"] == "zh"
    assert [h.value for h in at.subheader] == ["下一步"]
    assert at.info[0].value == "请在“数据”页面加载真实数据表（或演示数据）以生成数据画像。"
    at.switch_page("pages/data.py")
    at.run()
    assert [t.value for t in at.title] == ["数据"]
    assert "Datasets" not in [h.value for h in at.subheader]


def test_the_chosen_language_is_stored_and_used_at_the_next_sign_in(workspace):  # noqa: F811
    # The sidebar stores a changed choice on the run after the switch.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    sign_in_app(at, Actor("steward", "steward"))
    at.session_state["language"] = "zh"
    at.session_state["language_dirty"] = True
    at.run()
    assert at.sidebar.button(key="sidebar_sign_out").label == "退出登录"
    assert at.sidebar.selectbox(key="sidebar_language").label == "语言"
    assert queries.user_language(workspace, "steward") == "zh"

    later = app_as(None)
    later.text_input(key="login_username").input("steward")
    later.text_input(key="login_password").input(PASSWORDS["steward"])
    later.button[0].click().run()
    assert not later.exception
    assert later.session_state["language"] == "zh"


def _sign_in_from(locale: str, username: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = {"locale": locale}
    at.run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PASSWORDS[username])
    at.button[0].click().run()
    at.switch_page("pages/home.py")
    at.run()
    assert not at.exception
    return at


def test_until_a_user_chooses_a_language_the_browser_decides(workspace):  # noqa: F811
    assert queries.user_language(workspace, "steward") is None
    at = _sign_in_from("zh-CN", "steward")
    assert [h.value for h in at.subheader] == ["下一步"]
    assert queries.user_language(workspace, "steward") is None  # nothing was chosen, nothing stored
    workspace.set_language(Actor("steward", "steward"), "en")
    at = _sign_in_from("zh-CN", "steward")
    assert [h.value for h in at.subheader] == ["Next step"]


def test_before_sign_in_the_browser_language_is_used(workspace):  # noqa: F811
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = {"locale": "zh-CN"}
    at.run()
    assert [t.value for t in at.title] == ["登录 SynthReview"]
    english = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    english.context = {"locale": "de-DE"}
    english.run()
    assert [t.value for t in english.title] == ["Sign in to SynthReview"]


PAGES_BY_USER = [
    ("steward", p)
    for p in ("data", "generate", "compare", "rounds", "signoff", "export", "collapse", "audit")
] + [("reviewer", "review"), ("reviewer", "inspect"), ("officer", "grants"), ("admin", "users")]


@pytest.mark.parametrize(("username", "page"), PAGES_BY_USER)
def test_every_page_renders_in_chinese(workspace, synthetic_dataset, username, page):  # noqa: F811
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    sign_in_app(at, Actor(username, ROLES[username]))
    at.session_state["language"] = "zh"
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    titles = [t.value for t in at.title]
    assert titles and all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles), titles
