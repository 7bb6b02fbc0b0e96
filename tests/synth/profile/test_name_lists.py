"""Faker's name lists come from a cache file keyed by Faker's version, and are the same lists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from synth.profile import name_lists, person_names

ROOT = Path(__file__).resolve().parents[3]
LISTS_AND_FAKER_LOADED = (
    "import sys; from synth.profile.person_names import latin_names, chinese_surnames; "
    "print(len(latin_names()), len(chinese_surnames()[0]), 'faker' in sys.modules)"
)


def run_profile_names(cache: Path) -> list[str]:
    env = {**os.environ, name_lists.CACHE_DIR_ENV: str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", LISTS_AND_FAKER_LOADED], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_first_process_reads_faker_and_later_ones_do_not(tmp_path):
    first = run_profile_names(tmp_path)
    assert first[2] == "True"
    assert (tmp_path / name_lists.CACHE_FILE).is_file()
    second = run_profile_names(tmp_path)
    assert second == [first[0], first[1], "False"]


def test_cached_lists_equal_what_faker_holds(tmp_path, monkeypatch):
    monkeypatch.setenv(name_lists.CACHE_DIR_ENV, str(tmp_path))
    from_faker = person_names._read_from_faker()
    assert (
        name_lists.cached_name_lists(("latin", "chinese_surnames"), person_names._read_from_faker)
        == from_faker
    )
    again = name_lists.cached_name_lists(("latin", "chinese_surnames"), pytest.fail)  # must not rebuild
    assert again == from_faker
    assert "smith" in from_faker["latin"] and "王" in from_faker["chinese_surnames"]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"faker": "0.0.1", "lists": {"latin": ["nobody"], "chinese_surnames": []}}),
        json.dumps({"faker": "CURRENT", "lists": {"latin": "smith", "chinese_surnames": []}}),
        json.dumps({"faker": "CURRENT", "lists": {"latin": ["smith"]}}),
        json.dumps(["a list"]),
    ],
    ids=["not-json", "other-faker-version", "not-a-list", "a-list-missing", "not-an-object"],
)
def test_a_stale_or_damaged_file_is_replaced_by_faker_lists(tmp_path, monkeypatch, content):
    monkeypatch.setenv(name_lists.CACHE_DIR_ENV, str(tmp_path))
    path = tmp_path / name_lists.CACHE_FILE
    path.write_text(content.replace("CURRENT", name_lists.faker_version()), encoding="utf-8")
    fresh = {"latin": ["ada"], "chinese_surnames": ["李"]}
    assert name_lists.cached_name_lists(("latin", "chinese_surnames"), lambda: fresh) == fresh
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "faker": name_lists.faker_version(),
        "lists": fresh,
    }


def test_a_cache_folder_that_cannot_be_written_still_gives_the_lists(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(name_lists.CACHE_DIR_ENV, str(blocked / "cache"))
    fresh = {"latin": ["ada"], "chinese_surnames": []}
    assert name_lists.cached_name_lists(("latin", "chinese_surnames"), lambda: fresh) == fresh
    assert list(tmp_path.iterdir()) == [blocked]
