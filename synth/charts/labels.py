"""Chart labels that fit: long names are cut with an ellipsis; the chart's hover text keeps them whole."""

from __future__ import annotations

LIMIT = 24


def short_label(label: object, limit: int = LIMIT) -> str:
    """``label`` as text, cut to ``limit`` characters with an ellipsis."""
    text = str(label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_labels(labels: list, limit: int = LIMIT) -> list[str]:
    """Each label cut; the full names when cutting would make two of them the same."""
    cut = [short_label(label, limit) for label in labels]
    return cut if len(set(cut)) == len(cut) else [str(label) for label in labels]
