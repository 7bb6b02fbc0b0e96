"""Where the workspace lives, read from the environment each time so tests can redirect it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = ".synthreview"
DEFAULT_MAX_UPLOAD_MB = 200


@dataclass(frozen=True)
class Settings:
    """Deployment settings: home folder, database URL, artifact folder, upload limit."""

    home: Path
    database_url: str
    artifacts: Path
    max_upload_bytes: int
    demo: bool


def load_settings() -> Settings:
    """Read ``SYNTHREVIEW_*`` variables, falling back to a SQLite file under the home folder."""
    home = Path(os.environ.get("SYNTHREVIEW_HOME", DEFAULT_HOME)).expanduser().resolve()
    url = os.environ.get("SYNTHREVIEW_DATABASE_URL") or f"sqlite:///{home / 'synthreview.db'}"
    artifacts = Path(os.environ.get("SYNTHREVIEW_ARTIFACTS") or home / "artifacts").expanduser().resolve()
    max_mb = float(os.environ.get("SYNTHREVIEW_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB))
    demo = os.environ.get("SYNTHREVIEW_DEMO", "") == "1"
    return Settings(home, url, artifacts, int(max_mb * 1024 * 1024), demo)
