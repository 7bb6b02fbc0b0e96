"""Words the core hands to the pages as bare identifiers (roles, purposes, statuses...), which the
pages translate with ``_(value)`` at run time.

The core keeps these as plain string constants (they are stored and compared), so extraction
cannot see them; they are declared here once with ``N_`` to land in the catalog. Sentences the
core shows are marked where they are written (``synth.i18n``). ``tests/pages/test_i18n.py`` checks
that every value the core defines (roles, purposes, stages, flag reasons...) is in the catalog.
"""

from __future__ import annotations

from ui.i18n import N_

DATASET_KINDS = (N_("real"), N_("synthetic"), N_("accepted"))
ROLES = (N_("admin"), N_("steward"), N_("reviewer"), N_("officer"))
PURPOSES = (N_("privacy"), N_("bias"), N_("augmentation"))
STAGES = (N_("fine-tuning"), N_("evaluation"), N_("testing"), N_("pre-training"))
ROUND_MODES = (N_("pairwise"), N_("listwise"), N_("blind"))
COLLAPSE_MODES = (N_("replace"), N_("accumulate"))
STATUSES = (
    N_("pass"),
    N_("warn"),
    N_("fail"),
    N_("missing"),
    N_("n/a"),  # gates and checklist items
    N_("open"),
    N_("closed"),
    N_("passed"),
    N_("failed"),  # rounds and inspections
    N_("queued"),
    N_("running"),
    N_("done"),
    N_("cancelled"),  # background jobs
)
VERDICTS = (N_("approve"), N_("approve_with_conditions"), N_("reject"))
# Shown with underscores turned into spaces.
FLAG_REASONS = (
    N_("impossible value"),
    N_("implausible combination"),
    N_("looks copied"),
    N_("formatting"),
    N_("other"),
)
