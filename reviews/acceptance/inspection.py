"""Sampling inspection of accepted rows (a TC260-003 style check): sample, judge, decide.

It passes when the lower bound of the 95% Wilson interval of the pass rate reaches the
required rate (96% by default); the result is kept as sign-off evidence.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from reviews import queries
from reviews.acceptance.sampling import DEFAULT_MIN_LOWER, DEFAULT_SAMPLE, draw_sample
from reviews.errors import NotFound, ReviewsError
from reviews.queries import inspections as inspection_queries
from reviews.store import Store
from reviews.workspace.permissions import SYSTEM, Actor, require
from synth.i18n import N_, Msg


@dataclass(frozen=True)
class InspectionStatus:
    id: int
    dataset_id: int
    status: str
    sample_size: int
    judged: int
    passed_rows: int
    min_lower: float
    result: dict | None


def start_inspection(
    store: Store,
    actor: Actor,
    dataset_id: int,
    size: int | None = DEFAULT_SAMPLE,
    min_lower: float = DEFAULT_MIN_LOWER,
    seed: int = 0,
) -> int:
    """Draw the random sample of an accepted dataset's rows and open the inspection."""
    require(actor, "apply_acceptance")
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind != "accepted":
        raise ReviewsError(N_("Inspect an accepted dataset: apply acceptance on a round first."))
    if not 0 < min_lower < 1:
        raise ReviewsError(N_("The required pass rate must be between 0 and 1, e.g. 0.96."))
    rows = draw_sample(np.arange(dataset.rows), size, seed)
    return store.open_inspection(actor, dataset_id, [int(r) for r in rows], float(min_lower))


def inspection_status(store: Store, inspection_id: int) -> InspectionStatus:
    row = inspection_queries.inspection_row(store, inspection_id)
    if row is None:
        raise NotFound(Msg("No inspection {id}.", id=inspection_id))
    verdicts = inspection_queries.verdicts(store, inspection_id)
    return InspectionStatus(
        row["id"],
        row["dataset_id"],
        row["status"],
        len(row["rows"]),
        len(verdicts),
        sum(verdicts.values()),
        row["min_lower"],
        row["result"],
    )


def list_inspections(store: Store, status: str | None = None) -> list[InspectionStatus]:
    ids = inspection_queries.inspection_ids(store, status=status)
    return [inspection_status(store, i) for i in ids]


def rows_to_judge(store: Store, actor: Actor, inspection_id: int, limit: int = 25) -> pd.DataFrame:
    """The next rows of the sample nobody has judged yet, indexed by their row position."""
    require(actor, "inspect")
    row = inspection_queries.inspection_row(store, inspection_id)
    if row is None:
        raise NotFound(Msg("No inspection {id}.", id=inspection_id))
    judged = inspection_queries.verdicts(store, inspection_id)
    pending = [r for r in row["rows"] if r not in judged][:limit]
    return queries.load_frame(store, row["dataset_id"]).iloc[pending]


def judge(
    store: Store,
    actor: Actor,
    inspection_id: int,
    verdicts: dict[int, bool],
    *,
    started_at: datetime | None = None,
    marked: Collection[int] = (),
) -> InspectionStatus:
    """Record one batch of verdicts; when the whole sample is judged, decide pass or fail.

    ``started_at`` is when the batch's rows were shown, ``marked`` the rows set passing by the
    one action that marks the rest of a screen (see ``Store.record_verdicts``).
    """
    store.record_verdicts(
        actor,
        inspection_id,
        {int(k): bool(v) for k, v in verdicts.items()},
        started_at=started_at,
        marked=marked,
    )
    status = inspection_status(store, inspection_id)
    if status.status == "open" and status.judged == status.sample_size:
        store.close_inspection(SYSTEM, inspection_id)  # the store decides from the stored verdicts
        status = inspection_status(store, inspection_id)
    return status


# The sheet a reviewer fills in: the two verdict columns come first, beside each row, and start
# empty. A row counts as judged only when exactly one of them is ticked.
PASS_COLUMN = "verdict:pass"  # labelled in the reader's words by the page
FAIL_COLUMN = "verdict:fail"


def inspection_sheet(rows: pd.DataFrame, verdicts: dict[int, bool] | None = None) -> pd.DataFrame:
    """The rows to judge behind a ``pass`` and a ``fail`` column, for a checklist editor.

    Both columns are empty unless ``verdicts`` (row position -> passed) ticks one of them.
    """
    verdicts = verdicts or {}
    sheet = rows.copy()
    sheet.insert(0, FAIL_COLUMN, [verdicts.get(int(i)) is False for i in rows.index])
    sheet.insert(0, PASS_COLUMN, [verdicts.get(int(i)) is True for i in rows.index])
    return sheet


def apply_ticks(verdicts: dict[int, bool], ticks: dict[int, dict[str, bool]]) -> dict[int, bool]:
    """The verdicts after boxes were ticked or unticked on a sheet drawn from them.

    ``ticks`` maps a row position to the boxes changed on it. Ticking a box gives the row that
    verdict (the other box is then shown empty); unticking the box of the row's verdict clears it.
    """
    result = dict(verdicts)
    for row, changed in ticks.items():
        for column, ticked in changed.items():
            if column not in (PASS_COLUMN, FAIL_COLUMN):
                continue
            verdict = column == PASS_COLUMN
            if ticked:
                result[int(row)] = verdict
            elif result.get(int(row)) is verdict:
                del result[int(row)]
    return result


def verdicts_from_sheet(sheet: pd.DataFrame) -> dict[int, bool]:
    """Row position -> verdict for every row judged on an edited sheet; unticked rows are left out.

    Raises:
        ReviewsError: a row is ticked both pass and fail.
    """
    both = [int(i) for i in sheet.index if sheet.at[i, PASS_COLUMN] and sheet.at[i, FAIL_COLUMN]]
    if both:
        raise ReviewsError(
            Msg(
                "Rows {rows} are ticked both pass and fail; untick one of the two.",
                rows=", ".join(map(str, both)),
            )
        )
    return {
        int(i): bool(sheet.at[i, PASS_COLUMN])
        for i in sheet.index
        if sheet.at[i, PASS_COLUMN] or sheet.at[i, FAIL_COLUMN]
    }


def mark_rest_passing(sheet: pd.DataFrame) -> tuple[dict[int, bool], list[int]]:
    """The sheet's verdicts with every unjudged row set passing, and which rows that marked."""
    verdicts = verdicts_from_sheet(sheet)
    marked = [int(i) for i in sheet.index if int(i) not in verdicts]
    return {**verdicts, **dict.fromkeys(marked, True)}, marked
