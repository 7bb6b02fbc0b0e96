"""The sign-off checklist, one module per norm or evidence kind; ``checklist_for`` builds it.

Each item is filled in from what earlier steps stored; ``items`` defines the statuses and which
of them block approval.
"""

from reviews.signoff.checklist.build import checklist_for
from reviews.signoff.checklist.evidence import evaluation_for
from reviews.signoff.checklist.gates import GATE_CATEGORIES, gate_category
from reviews.signoff.checklist.items import (
    BLOCKING,
    FAIL,
    MISSING,
    NOT_APPLICABLE,
    PASS,
    STATUSES,
    WARN,
    Checklist,
    ChecklistItem,
    english_only,
    worst,
)

__all__ = [
    "BLOCKING",
    "FAIL",
    "GATE_CATEGORIES",
    "MISSING",
    "NOT_APPLICABLE",
    "PASS",
    "STATUSES",
    "WARN",
    "Checklist",
    "ChecklistItem",
    "checklist_for",
    "english_only",
    "evaluation_for",
    "gate_category",
    "worst",
]
