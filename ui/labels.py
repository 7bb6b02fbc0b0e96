"""How datasets and statuses are labelled, the same on every page.

Generated datasets are named by the core in English from their parts (``arrests · privacy ·
rules``, ``… (accepted)``, ``arrests · train``); the parts the core adds are translated here, and
a label never says a word twice (the kind or purpose already in the name is not repeated).
"""

from __future__ import annotations

from reviews.queries.datasets import DatasetRecord
from ui.i18n import N_, _

# Name parts the core adds after the parent's name (reviews/jobs/handlers/generate.py).
_GENERATED_PARTS = frozenset({"privacy", "bias", "augmentation", N_("train"), N_("holdout")})
_ACCEPTED_SUFFIX = " (accepted)"


def dataset_name(record: DatasetRecord) -> str:
    """The dataset's name with the parts the core added translated: ``arrests · 隐私 · rules``."""
    return generated_name(record.name, record.kind)


def generated_name(name: str, kind: str) -> str:
    """``name`` (of a dataset of ``kind``) with the parts the core added translated; an accepted
    dataset's "(accepted)" suffix is left to the label, which names the kind."""
    name = name.removesuffix(_ACCEPTED_SUFFIX) if kind == "accepted" else name
    first, *rest = name.split(" · ")
    return " · ".join([first, *(_(part) if part in _GENERATED_PARTS else part for part in rest)])


def dataset_label(record: DatasetRecord) -> str:
    """``#7 arrests · privacy · rules (synthetic, depth 1)``; the purpose only when not in the name."""
    name = dataset_name(record)
    words = [_(record.kind)]
    if record.purpose and _(record.purpose) not in name.split(" · "):
        words.append(_(record.purpose))
    words.append(_("depth {n}").format(n=record.depth))
    return f"#{record.id} {name} ({', '.join(words)})"


# Gates and checklist items share these statuses, so they look the same wherever they appear.
STATUS_ICON = {"pass": "✅", "warn": "⚠️", "fail": "❌", "missing": "⬜", "n/a": "➖"}
