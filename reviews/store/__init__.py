"""The one write path: ``Store`` gathers every state-changing method, each in a transaction
that appends its audit event (see ``reviews.store.base``). Reads live in ``reviews.queries``.
"""

from __future__ import annotations

from reviews.store.base import now
from reviews.store.datasets import DATASET_KINDS, DatasetWrites, NewDataset
from reviews.store.evaluations import EvaluationWrites
from reviews.store.identities import IdentityWrites
from reviews.store.inspections import InspectionWrites
from reviews.store.jobs import JobWrites
from reviews.store.reset import ResetWrites
from reviews.store.rounds import Flag, NewTask, RoundWrites
from reviews.store.sessions import SessionWrites
from reviews.store.settings import SettingWrites
from reviews.store.signin import SigninWrites
from reviews.store.signoff import SignoffWrites
from reviews.store.users import LANGUAGES, UserWrites
from reviews.workspace import artifacts
from reviews.workspace.config import Settings, load_settings
from reviews.workspace.db import make_engine, migrate

__all__ = ["DATASET_KINDS", "LANGUAGES", "Flag", "NewDataset", "NewTask", "Store", "now", "open_store"]


class Store(
    UserWrites,
    SigninWrites,
    IdentityWrites,
    SessionWrites,
    DatasetWrites,
    JobWrites,
    SettingWrites,
    RoundWrites,
    InspectionWrites,
    EvaluationWrites,
    SignoffWrites,
    ResetWrites,
):
    """Database plus artifact folder of one workspace, with every write it allows."""


def open_store(settings: Settings | None = None) -> Store:
    """Open (and migrate) the workspace described by ``settings`` or the environment."""
    settings = settings or load_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    migrate(engine)
    artifacts.remove_partial_files(settings.artifacts)  # leftovers of a write cut short by a crash
    return Store(engine, settings.artifacts)
