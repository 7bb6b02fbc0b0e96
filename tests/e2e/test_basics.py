"""In a real browser: sign-in, the demo data's profile, role limits by URL, a bad upload, Chinese."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import shot, sign_in
from tests.e2e.flow import choose, go, wait_idle

pytestmark = pytest.mark.e2e


def test_steward_sees_demo_profile_with_charts(app_server, new_page):
    page = new_page()
    sign_in(page, app_server, "steward", "steward-demo")
    page.get_by_role("link", name="Data").click()
    page.get_by_text("Quality score").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.get_by_text("Demo workspace").is_visible()
    shot(page, "basics_01_demo_profile")


def test_reviewer_cannot_open_steward_pages_by_url(app_server, new_page):
    page = new_page()
    sign_in(page, app_server, "reviewer", "reviewer-demo")
    assert page.get_by_role("link", name="Data").count() == 0
    page.goto(f"{app_server}/data")
    page.wait_for_timeout(2500)
    assert page.get_by_text("Upload a file").count() == 0
    assert page.get_by_text("CSV, TSV, Parquet").count() == 0
    shot(page, "basics_02_reviewer_by_url")


def upload_broken_file(page, tmp_path, import_label: str) -> None:
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"a,a\n1,2\n")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("broken.csv").wait_for()  # uploads are asynchronous: submit only once it arrived
    wait_idle(page)
    page.get_by_role("button", name=import_label).click()


def test_bad_upload_shows_clear_error(app_server, new_page, tmp_path):
    page = new_page()
    sign_in(page, app_server, "steward", "steward-demo")
    page.get_by_role("link", name="Data").click()
    upload_broken_file(page, tmp_path, "Import")
    page.get_by_text("The file cannot be used").wait_for(timeout=60_000)
    assert page.get_by_text("more than once").is_visible()
    shot(page, "basics_03_bad_upload")


def test_switching_to_chinese_translates_pages_charts_and_errors(app_server, new_page, tmp_path):
    page = new_page()
    sign_in(page, app_server, "steward", "steward-demo")
    choose(page, "Language", "简体中文")
    page.get_by_role("button", name="退出登录").wait_for()
    go(page, "数据")
    page.get_by_text("质量得分").wait_for()
    page.get_by_text(re.compile(r"\S 的分布$")).first.wait_for()  # a chart title, drawn by plotly
    assert page.get_by_text(re.compile(r"^Distribution of ")).count() == 0
    # the missing-values part is a chart or, when nothing is missing, a sentence: Chinese either way
    page.get_by_text(re.compile("各列缺失比例|没有任何列存在缺失值")).first.wait_for()
    assert page.get_by_text(re.compile("Missing share per column|No column has missing values")).count() == 0
    shot(page, "basics_04_chinese_profile")
    upload_broken_file(page, tmp_path, "导入")
    page.get_by_text("该文件无法使用").wait_for(timeout=60_000)
    assert page.get_by_text("列名重复出现").is_visible()  # the core's message, translated
    assert page.get_by_text("more than once").count() == 0
    shot(page, "basics_05_chinese_bad_upload")
