"""Faker's person-name lists, kept in a cache file so that profiling need not import Faker.

Importing Faker scans its hundreds of locale folders, about a tenth of a second: as long as
the rest of profiling a 30,000-row table. The lists the profile reads are taken from the
installed Faker once, then kept as JSON in the user's cache folder (or ``$SYNTHREVIEW_CACHE_DIR``)
under Faker's version. A file of another version, or one that cannot be read, is ignored
and written again; where nothing can be written, the lists are simply read from Faker.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

CACHE_DIR_ENV = "SYNTHREVIEW_CACHE_DIR"
CACHE_FILE = "faker-name-lists.json"

NameLists = dict[str, list[str]]


def cache_dir() -> Path:
    """Where cached files go: ``$SYNTHREVIEW_CACHE_DIR``, else the user's cache folder."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("synthreview"))


def faker_version() -> str:
    from importlib.metadata import version

    return version("Faker")


def cached_name_lists(keys: tuple[str, ...], read_from_faker: Callable[[], NameLists]) -> NameLists:
    """The lists ``read_from_faker`` gives (one per key) for the installed Faker, from the cache
    when it holds them for this version."""
    path = cache_dir() / CACHE_FILE
    installed = faker_version()
    kept = _read(path)
    if kept is not None and kept.get("faker") == installed and set(kept["lists"]) == set(keys):
        return kept["lists"]
    lists = read_from_faker()
    _write(path, {"faker": installed, "lists": lists})
    return lists


def _read(path: Path) -> dict | None:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lists = payload.get("lists") if isinstance(payload, dict) else None
    if not isinstance(lists, dict) or not all(
        isinstance(names, list) and all(isinstance(n, str) for n in names) for names in lists.values()
    ):
        return None
    return payload


def _write(path: Path, payload: dict) -> None:
    # Written beside the target and renamed over it: a reader never sees half a file.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
