"""Bring a real table into the workspace: check the role, read and validate, profile, keep."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from reviews.errors import AlreadyImported
from reviews.queries.datasets import datasets_with_sha256
from reviews.store import NewDataset, Store
from reviews.workspace import artifacts
from reviews.workspace.config import load_settings
from reviews.workspace.permissions import Actor, require
from synth.demo import DEMO_NAME, load_demo
from synth.i18n import Msg
from synth.intake import clean_filename, read_table
from synth.intake.names import clean_name
from synth.profile import profile_table

if TYPE_CHECKING:
    import pandas as pd


def import_upload(
    store: Store,
    actor: Actor,
    data: bytes,
    filename: str,
    name: str | None = None,
    max_bytes: int | None = None,
    *,
    allow_copy: bool = True,
) -> int:
    """Validate, profile and keep an uploaded file; returns the new dataset id.

    Raises ``InputError`` listing every problem with the file; nothing is stored then. With
    ``allow_copy=False``, raises ``AlreadyImported`` when the same table is already stored.
    """
    require(actor, "upload")  # before reading, so a forbidden upload costs nothing
    # A name from the browser may carry newlines or bidi overrides; neither may reach a stored
    # file's name or a page.
    filename = clean_filename(filename)
    name = clean_name(name) if name else None
    limit = max_bytes if max_bytes is not None else load_settings().max_upload_bytes
    result = read_table(data, filename, max_bytes=limit)
    if not allow_copy:
        _refuse_copy(store, result.frame)
    profile = profile_table(result.frame).to_dict(messages=True)  # stored as JSON, shown translated later
    profile["intake"] = {
        "format": result.format,
        "encoding": result.encoding,
        "delimiter": result.delimiter,
        "missing_markers": result.missing_markers,
    }
    return store.add_dataset(
        actor,
        NewDataset(
            name=name or PurePath(filename).stem,
            frame=result.frame,
            kind="real",
            profile=profile,
            labels={"source_file": filename},
            source_bytes=data,
            source_suffix=PurePath(filename).suffix.lower(),
        ),
    )


def import_demo(store: Store, actor: Actor, *, allow_copy: bool = True) -> int:
    """Load the built-in demo table (offline, from an installed package); ``allow_copy`` as for uploads."""
    require(actor, "upload")
    frame = load_demo()
    if not allow_copy:
        _refuse_copy(store, frame)
    return store.add_dataset(
        actor,
        NewDataset(
            name=DEMO_NAME,
            frame=frame,
            kind="real",
            profile=profile_table(frame).to_dict(messages=True),
            labels={"source_file": "scikit-lego load_arrests", "demo": True},
        ),
    )


def _refuse_copy(store: Store, frame: pd.DataFrame) -> None:
    # The store names a table by the sha256 of its Parquet form, so the same table has the same one.
    existing = datasets_with_sha256(store, artifacts.sha256_hex(artifacts.frame_to_parquet_bytes(frame)))
    if existing:
        raise AlreadyImported(
            Msg(
                "This table is already in the workspace as dataset #{dataset_id}.",
                dataset_id=existing[0],
            ),
            existing,
        )
