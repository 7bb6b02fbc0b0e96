"""Store writes for datasets: content-addressed files plus their catalogue entry."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Connection, insert, select

from reviews.errors import ReviewsError
from reviews.store.base import StoreBase, now, retried
from reviews.workspace import artifacts
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import datasets
from synth.i18n import Msg

DATASET_KINDS = ("real", "synthetic", "accepted")
PERMISSION_BY_KIND = {"real": "upload", "synthetic": "generate", "accepted": "apply_acceptance"}


@dataclass(frozen=True)
class NewDataset:
    """What a caller hands the store to keep a table: the frame plus its catalogue entry."""

    name: str
    frame: pd.DataFrame
    kind: str = "real"
    parent_id: int | None = None
    depth: int = 0
    purpose: str | None = None
    labels: dict | None = None
    lineage: dict | None = None
    profile: dict | None = None
    train_id: int | None = None
    holdout_id: int | None = None
    source_bytes: bytes | None = None
    source_suffix: str = ""


class DatasetWrites(StoreBase):
    @retried
    def add_dataset(self, actor: Actor, new: NewDataset, action: str = "dataset.import") -> int:
        """Keep a table as Parquet named by its sha256 (plus the source bytes) and catalogue it."""
        if new.kind not in DATASET_KINDS:
            raise ReviewsError(Msg("Unknown dataset kind {kind}.", kind=repr(new.kind)))
        require(actor, PERMISSION_BY_KIND[new.kind])
        with self._files_for(new) as (sha, relative, source_relative), self._transaction() as conn:
            return self._insert_dataset(conn, actor, new, sha, relative, source_relative, action)

    @retried
    def add_generation(
        self, actor: Actor, train: NewDataset, holdout: NewDataset, synthetic: list[NewDataset]
    ) -> tuple[int, int, list[int]]:
        """Keep a generation's train and holdout parts and one dataset per purpose, all or nothing."""
        require(actor, "generate")
        with ExitStack() as files:
            parts = [files.enter_context(self._files_for(new)) for new in (train, holdout, *synthetic)]
            with self._transaction() as conn:
                train_id = self._insert_dataset(conn, actor, train, *parts[0], "dataset.split")
                holdout_id = self._insert_dataset(conn, actor, holdout, *parts[1], "dataset.split")
                synthetic_ids = [
                    self._insert_dataset(
                        conn,
                        actor,
                        replace(new, train_id=train_id, holdout_id=holdout_id),
                        *files_,
                        "dataset.generate",
                    )
                    for new, files_ in zip(synthetic, parts[2:])
                ]
        return train_id, holdout_id, synthetic_ids

    @contextmanager
    def _files_for(self, new: NewDataset) -> Iterator[tuple[str, str, str | None]]:
        # Files are written first, atomically; if what follows fails, files this call created
        # are removed again, so a failed import leaves nothing behind. Files are shared by
        # content, so a replica importing the same bytes at the same moment may rely on one:
        # cleanup spares files a catalogue row uses, and a successful write restores its files.
        parquet = artifacts.frame_to_parquet_bytes(new.frame)
        sha = artifacts.sha256_hex(parquet)
        relative = f"datasets/{sha}.parquet"
        contents = {relative: parquet}
        source_relative = None
        if new.source_bytes is not None:
            source_relative = f"datasets/{sha}.source{new.source_suffix}"
            contents[source_relative] = new.source_bytes
        created: list[str] = []
        try:
            for path, data in contents.items():
                if artifacts.write_atomic(self.artifact_root / path, data):
                    created.append(path)
            yield sha, relative, source_relative
        except BaseException:
            self._remove_unused(created)
            raise
        for path, data in contents.items():
            artifacts.write_atomic(
                self.artifact_root / path, data
            )  # no-op unless a concurrent cleanup removed it

    def _remove_unused(self, paths: list[str]) -> None:
        if not paths:
            return
        with self.engine.connect() as conn:
            used = set(
                conn.execute(
                    select(datasets.c.artifact_path).where(datasets.c.artifact_path.in_(paths))
                ).scalars()
            )
            used |= set(
                conn.execute(
                    select(datasets.c.source_path).where(datasets.c.source_path.in_(paths))
                ).scalars()
            )
        for path in paths:
            if path not in used:
                (self.artifact_root / path).unlink(missing_ok=True)

    def _insert_dataset(
        self,
        conn: Connection,
        actor: Actor,
        new: NewDataset,
        sha: str,
        relative: str,
        source_relative: str | None,
        action: str,
    ) -> int:
        dataset_id = conn.execute(
            insert(datasets).values(
                name=new.name,
                sha256=sha,
                kind=new.kind,
                parent_id=new.parent_id,
                depth=new.depth,
                purpose=new.purpose,
                labels=new.labels or {},
                lineage=new.lineage,
                profile=new.profile,
                rows=len(new.frame),
                columns=new.frame.shape[1],
                train_id=new.train_id,
                holdout_id=new.holdout_id,
                created_by=actor.username,
                created_at=now(),
                artifact_path=relative,
                source_path=source_relative,
            )
        ).inserted_primary_key[0]
        self._append_event(
            conn,
            actor.username,
            action,
            f"dataset:{dataset_id}",
            {
                "name": new.name,
                "sha256": sha,
                "kind": new.kind,
                "rows": len(new.frame),
                "parent_id": new.parent_id,
                "depth": new.depth,
                "purpose": new.purpose,
            },
        )
        return int(dataset_id)
