"""Every kind of background job in one explicit table: the permission it needs and what runs it.

A leaf module: it imports nothing of the workspace, so the store (which checks the permission
when a job is queued) and the worker (which looks up the runner) can both use it without an
import circle. Runners are named, not imported, and are loaded when a job of that kind runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

GENERATE = "generate"
EVALUATE = "evaluate"
COLLAPSE_TABLE = "collapse_table"
CURATE = "curate"
COLLAPSE_CURATED = "collapse_curated"


@dataclass(frozen=True)
class JobKind:
    """One kind of background work."""

    name: str
    permission: str  # what the requesting user must be allowed to do; never chosen by a caller
    # "module:function" (imported when a job runs), or the function itself; it is called as
    # function(store, job, actor, progress) -> dict.
    runner: str | Callable


KINDS: dict[str, JobKind] = {
    kind.name: kind
    for kind in (
        JobKind(GENERATE, "generate", "reviews.jobs.handlers.generate:run_generation_job"),
        JobKind(EVALUATE, "evaluate", "reviews.jobs.handlers.evaluate:run_evaluation"),
        JobKind(COLLAPSE_TABLE, "simulate", "reviews.jobs.handlers.collapse:run_collapse_table"),
        JobKind(CURATE, "generate", "reviews.jobs.handlers.curate:run_curation_job"),
        JobKind(COLLAPSE_CURATED, "simulate", "reviews.jobs.handlers.collapse:run_collapse_curated"),
    )
}


def job_kind(name: str) -> JobKind:
    """The kind called ``name``; ``KeyError`` for a kind nobody registered (a programming error)."""
    return KINDS[name]


def runner(name: str) -> Callable:
    """Import and return the function that runs jobs of kind ``name``."""
    target = job_kind(name).runner
    if callable(target):
        return target
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)
