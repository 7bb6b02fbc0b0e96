"""The checklist's building blocks: statuses, one item, the whole checklist.

Statuses: ``pass``, ``warn``, ``fail``, ``missing`` (no evidence yet) and ``n/a`` (the item
does not apply, e.g. no fairness gate for a privacy dataset). ``fail`` and ``missing``
block approval unless the officer overrides them with a justification; ``warn`` does not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

PASS, WARN, FAIL, MISSING, NOT_APPLICABLE = "pass", "warn", "fail", "missing", "n/a"
STATUSES = (PASS, WARN, FAIL, MISSING, NOT_APPLICABLE)
BLOCKING = (FAIL, MISSING)
_SEVERITY = {NOT_APPLICABLE: 0, PASS: 1, WARN: 2, MISSING: 3, FAIL: 4}


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the checklist: what it checks, its status and the evidence behind it.

    ``title`` is fixed text (``N_``) and ``evidence`` a ``Msg`` or fixed text: English where they
    are stored and signed (a ``Msg`` is its English text), translated where the page shows them."""

    key: str
    title: str
    group: str  # norms | data | gates | inspection | documentation
    norm: int | None
    status: str
    evidence: str
    links: tuple[str, ...] = ()
    details: dict = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.status in BLOCKING


@dataclass(frozen=True)
class Checklist:
    """Every item for one dataset, plus the evaluation the gate items came from."""

    dataset_id: int
    items: tuple[ChecklistItem, ...]
    evaluation_id: int | None

    @property
    def blocking(self) -> list[ChecklistItem]:
        return [i for i in self.items if i.blocking]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}

    def item(self, key: str) -> ChecklistItem:
        return next(i for i in self.items if i.key == key)

    def to_dict(self) -> dict:
        """What the signed record keeps: English only (see ``english_only``)."""
        return {
            "dataset_id": self.dataset_id,
            "evaluation_id": self.evaluation_id,
            "items": [
                {**asdict(i), "links": list(i.links), "details": english_only(i.details)} for i in self.items
            ],
        }


def english_only(value):
    """``value`` without the translatable forms that stored results keep beside their English text
    (``explanation_data`` beside ``explanation``...): the signed record holds the English, as always."""
    if isinstance(value, dict):
        return {
            k: english_only(v)
            for k, v in value.items()
            if not (k.endswith("_data") and k[: -len("_data")] in value and isinstance(v, (dict, list)))
        }
    if isinstance(value, (list, tuple)):
        return type(value)(english_only(v) for v in value)
    return value


def worst(statuses) -> str:
    """The most severe status of several (``n/a`` when there are none)."""
    return max(statuses, key=_SEVERITY.__getitem__, default=NOT_APPLICABLE)
