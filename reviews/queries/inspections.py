"""Reads of sampling inspections: the inspection rows, every attempt of a dataset, the reviewers'
verdicts on sampled rows and the batches they were saved in."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from reviews.store import Store
from reviews.workspace.schema import inspection_batches, inspection_verdicts, inspections


def inspection_row(store: Store, inspection_id: int) -> dict | None:
    """The inspection's row (``rows`` is the sample, ``result`` the decision), or None."""
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(inspections).where(inspections.c.id == inspection_id))
            .mappings()
            .one_or_none()
        )
    return None if row is None else dict(row)


def latest_inspection(store: Store, dataset_id: int) -> dict | None:
    """The newest inspection of a dataset (the one that counts), or None."""
    with store.engine.connect() as conn:
        row = (
            conn.execute(
                select(inspections)
                .where(inspections.c.dataset_id == dataset_id)
                .order_by(inspections.c.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
    return None if row is None else dict(row)


def inspection_ids(store: Store, status: str | None = None, dataset_id: int | None = None) -> list[int]:
    """Ids of the inspections, oldest first, optionally only those in ``status`` or of one dataset."""
    query = select(inspections.c.id).order_by(inspections.c.id)
    if status:
        query = query.where(inspections.c.status == status)
    if dataset_id is not None:
        query = query.where(inspections.c.dataset_id == dataset_id)
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def verdicts(store: Store, inspection_id: int) -> dict[int, bool]:
    """Row position -> passed; a row's verdict is its latest one, so a reviewer can correct a click."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(inspection_verdicts.c.row, inspection_verdicts.c.passed)
            .where(inspection_verdicts.c.inspection_id == inspection_id)
            .order_by(inspection_verdicts.c.id)
        ).all()
    return {r.row: r.passed for r in rows}


def inspection_judges(store: Store, dataset_id: int) -> Sequence:
    """(reviewer, inspection_id) for everyone who judged rows in an inspection of the dataset."""
    with store.engine.connect() as conn:
        return conn.execute(
            select(inspection_verdicts.c.reviewer, inspection_verdicts.c.inspection_id)
            .distinct()
            .join(inspections, inspections.c.id == inspection_verdicts.c.inspection_id)
            .where(inspections.c.dataset_id == dataset_id)
        ).all()


def inspection_attempts(store: Store, dataset_id: int) -> list[dict]:
    """Every inspection of a dataset, oldest first, each with its ``batches``: all of them are
    evidence, failed ones included."""
    with store.engine.connect() as conn:
        rows = [
            dict(r)
            for r in conn.execute(
                select(inspections).where(inspections.c.dataset_id == dataset_id).order_by(inspections.c.id)
            ).mappings()
        ]
        batches = conn.execute(
            select(inspection_batches)
            .where(inspection_batches.c.inspection_id.in_([r["id"] for r in rows]))
            .order_by(inspection_batches.c.id)
        ).mappings()
        by_inspection: dict[int, list[dict]] = {}
        for batch in batches:
            by_inspection.setdefault(batch["inspection_id"], []).append(dict(batch))
    return [{**r, "batches": by_inspection.get(r["id"], [])} for r in rows]


def inspection_batch_rows(store: Store, inspection_id: int) -> list[dict]:
    """The saved batches of one inspection, oldest first."""
    with store.engine.connect() as conn:
        return [
            dict(r)
            for r in conn.execute(
                select(inspection_batches)
                .where(inspection_batches.c.inspection_id == inspection_id)
                .order_by(inspection_batches.c.id)
            ).mappings()
        ]
