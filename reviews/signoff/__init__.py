"""Compliance sign-off: the checklist with its evidence, the steward's documentation, the
four-eyes rule and the officer's signed verdict."""

from reviews.signoff.checklist import Checklist, ChecklistItem, checklist_for
from reviews.signoff.documentation import FIELDS, Documentation, documentation_for, save_documentation
from reviews.signoff.four_eyes import check_four_eyes, four_eyes_problem, involvement
from reviews.signoff.records import (
    APPROVE,
    APPROVE_WITH_CONDITIONS,
    REJECT,
    VERDICTS,
    SignoffRecord,
    list_signoffs,
    signoff_for,
)
from reviews.signoff.summary import SignoffView, signable_datasets, signoff_view
from reviews.signoff.verdict import SignoffBlocked, sign

__all__ = [
    "APPROVE",
    "APPROVE_WITH_CONDITIONS",
    "FIELDS",
    "REJECT",
    "VERDICTS",
    "Checklist",
    "ChecklistItem",
    "Documentation",
    "SignoffBlocked",
    "SignoffRecord",
    "SignoffView",
    "check_four_eyes",
    "checklist_for",
    "documentation_for",
    "four_eyes_problem",
    "involvement",
    "list_signoffs",
    "save_documentation",
    "sign",
    "signable_datasets",
    "signoff_for",
    "signoff_view",
]
