"""Bring a real table into the workspace: check the role, read and validate, profile, keep."""

from __future__ import annotations

from pathlib import PurePath

from reviews.store import NewDataset, Store
from reviews.workspace.config import load_settings
from reviews.workspace.permissions import Actor, require
from synth.demo import DEMO_NAME, load_demo
from synth.intake import clean_filename, read_table
from synth.intake.names import clean_name
from synth.profile import profile_table


def import_upload(
    store: Store,
    actor: Actor,
    data: bytes,
    filename: str,
    name: str | None = None,
    max_bytes: int | None = None,
) -> int:
    """Validate, profile and keep an uploaded file; returns the new dataset id.

    Raises ``InputError`` listing every problem with the file; nothing is stored then.
    """
    require(actor, "upload")  # before reading, so a forbidden upload costs nothing
    # A name from the browser may carry newlines or bidi overrides; neither may reach a stored
    # file's name or a page.
    filename = clean_filename(filename)
    name = clean_name(name) if name else None
    limit = max_bytes if max_bytes is not None else load_settings().max_upload_bytes
    result = read_table(data, filename, max_bytes=limit)
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


def import_demo(store: Store, actor: Actor) -> int:
    """Load the built-in demo table (offline, from an installed package)."""
    require(actor, "upload")
    frame = load_demo()
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
