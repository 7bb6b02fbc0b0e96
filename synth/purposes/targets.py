"""Target shares per purpose, the conditions that realise them, and target-vs-achieved reports.

Targets are met by conditional sampling: the wanted count of every cell (group x label,
or category value) is fixed in advance with the largest-remainder method, and the
generator samples each row under its cell's values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg
from synth.purposes.specs import AugmentationSpec, BiasSpec, PurposeSpec

TOLERANCE = 0.02
# Kinds of target are identifiers; pages show them translated (hence N_).
GROUP_SHARE, LABEL_RATE, VALUE_SHARE = N_("group_share"), N_("label_rate"), N_("value_share")
# The target report's columns (``TargetReport.to_frame``), as pages show them.
TARGET_FIELDS = (
    N_("kind"),
    N_("group"),
    N_("label"),
    N_("target"),
    N_("achieved"),
    N_("gap"),
    N_("resolution"),
)


@dataclass(frozen=True)
class TargetRow:
    """One target and what the synthetic data achieved.

    ``kind`` is ``group_share`` (share of rows in ``group``), ``label_rate`` (share of
    ``label`` within ``group``) or ``value_share`` (share of a category value).
    """

    kind: str
    group: str
    label: str | None
    target: float
    achieved: float
    resolution: float = 0.0  # 1 / rows the share is taken over: the finest step it can move

    @property
    def gap(self) -> float:
        return abs(self.achieved - self.target)

    def within(self, tolerance: float) -> bool:
        return self.gap <= max(tolerance, self.resolution) + 1e-12


@dataclass(frozen=True)
class TargetReport:
    """All targets of one purpose; ``within_tolerance`` when every gap <= ``tolerance``."""

    rows: tuple[TargetRow, ...]
    tolerance: float = TOLERANCE

    @property
    def max_gap(self) -> float:
        return max((r.gap for r in self.rows), default=0.0)

    @property
    def within_tolerance(self) -> bool:
        """Every gap <= tolerance (or <= one row's step, for groups too small to do better)."""
        return all(r.within(self.tolerance) for r in self.rows)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{**r.__dict__, "gap": r.gap} for r in self.rows],
            columns=["kind", "group", "label", "target", "achieved", "gap", "resolution"],
        )


def _name(key) -> str:
    return " & ".join(map(str, key)) if isinstance(key, tuple) else str(key)


def _tuple(key) -> tuple:
    return key if isinstance(key, tuple) else (key,)


def _indexed(cells: pd.DataFrame, columns: list[str], share: pd.Series) -> pd.Series:
    index = pd.MultiIndex.from_frame(cells[columns])
    shares = pd.Series(share.to_numpy(dtype=float), index=index)
    return shares[shares > 0]


def cell_shares(spec: PurposeSpec, train: pd.DataFrame) -> pd.Series:
    """Wanted share of each cell: a Series on a MultiIndex of the cell's values, summing to 1.

    Empty for privacy (no targets). Rows missing a conditioning value are left out.
    """
    if isinstance(spec, BiasSpec):
        return _bias_shares(spec, train)
    if isinstance(spec, AugmentationSpec):
        return _augmentation_shares(spec, train)
    return pd.Series(dtype=float)


def _bias_shares(spec: BiasSpec, train: pd.DataFrame) -> pd.Series:
    protected = list(spec.protected)
    known = train.dropna(subset=protected + ([spec.label] if spec.label else []))
    if known.empty:
        raise InputError(
            Msg(
                "no training row has values for {columns}",
                columns=str(protected + [spec.label] if spec.label else protected),
            )
        )
    groups = known.groupby(protected, sort=True).size().rename("count").reset_index()
    if spec.target == "equal_groups":
        groups["group_share"] = 1.0 / len(groups)
    elif spec.target == "custom":
        groups["group_share"] = _custom_shares(spec, groups[protected])
    else:
        groups["group_share"] = groups["count"] / groups["count"].sum()
    if spec.label is None:
        return _indexed(groups, protected, groups["group_share"])
    if spec.target == "parity":
        rates = (
            known[spec.label]
            .value_counts(normalize=True)
            .rename("rate")
            .rename_axis(spec.label)
            .reset_index()
        )
        cells = groups.merge(rates, how="cross")
    else:
        rates = known.groupby(protected)[spec.label].value_counts(normalize=True).rename("rate").reset_index()
        cells = groups.merge(rates, on=protected)
    return _indexed(cells, protected + [spec.label], cells["group_share"] * cells["rate"])


def _custom_shares(spec: BiasSpec, groups: pd.DataFrame) -> np.ndarray:
    keys = [tuple(map(str, row)) for row in groups.itertuples(index=False)]
    wanted = {tuple(map(str, _tuple(k))): float(v) for k, v in spec.shares.items()}
    problems = [
        Msg(
            "custom share for unknown group {group}; groups are {groups}",
            group=repr(k),
            groups=str([_name(g) for g in keys]),
        )
        for k in wanted
        if k not in keys
    ]
    total = sum(wanted.values())
    if abs(total - 1.0) > 1e-6:
        problems.append(Msg("custom shares sum to {total:.4f}; make them sum to 1", total=total))
    if any(v < 0 for v in wanted.values()):
        problems.append(N_("custom shares must not be negative"))
    if problems:
        raise InputError(problems)
    return np.array([wanted.get(k, 0.0) for k in keys])


def _augmentation_shares(spec: AugmentationSpec, train: pd.DataFrame) -> pd.Series:
    observed = train[spec.column].dropna().value_counts(normalize=True).sort_index()
    if len(observed) < 2:
        raise InputError(
            Msg(
                "column {column} has fewer than 2 values; augmentation needs a rare value to raise",
                column=repr(spec.column),
            )
        )
    target = spec.target_share if spec.target_share is not None else 1.0 / len(observed)
    rare = observed < target
    if rare.sum() * target >= 1.0:
        raise InputError(
            Msg(
                "{n} rare values of {column} at {share:.2f} each leave no room "
                "for the others; choose a smaller target share",
                n=int(rare.sum()),
                column=repr(spec.column),
                share=float(target),
            )
        )
    shares = observed.copy()
    if rare.any():
        shares[rare] = target
        shares[~rare] = (1.0 - target * rare.sum()) * observed[~rare] / observed[~rare].sum()
    cells = observed.rename_axis(spec.column).reset_index()
    return _indexed(cells, [spec.column], shares)


def allocate(shares: pd.Series, n: int) -> pd.Series:
    """Whole counts per cell summing to ``n``, closest to ``shares * n`` (largest remainder)."""
    exact = shares.to_numpy(dtype=float) * n
    counts = np.floor(exact).astype(int)
    remainder = n - counts.sum()
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:remainder]] += 1
    return pd.Series(counts, index=shares.index)


def _allocate_within_groups(shares: pd.Series, n: int, groups: list[str]) -> pd.Series:
    """Group counts first, then label counts inside each group, so small groups' rates round best."""
    # One protected column is grouped by its name, not a one-item list (deprecated by pandas).
    level = groups[0] if len(groups) == 1 else groups
    group_counts = allocate(shares.groupby(level=level, sort=False).sum(), n)
    parts = [
        allocate(cells / cells.sum(), int(group_counts[key]))
        for key, cells in shares.groupby(level=level, sort=False)
    ]
    return pd.concat(parts)


def conditions_for(spec: PurposeSpec, train: pd.DataFrame, n: int) -> pd.DataFrame | None:
    """One conditions row per wanted sample (None for privacy), cells in order.

    Values carry the training columns' dtypes, so generators compare them exactly.
    """
    shares = cell_shares(spec, train)
    if shares.empty:
        return None
    if isinstance(spec, BiasSpec) and spec.label is not None:
        counts = _allocate_within_groups(shares, n, list(spec.protected))
    else:
        counts = allocate(shares, n)
    cells = counts.index.to_frame(index=False)
    frame = cells.loc[cells.index.repeat(counts.to_numpy())].reset_index(drop=True)
    return frame.astype({c: train[c].dtype for c in frame.columns}, errors="ignore")


def target_report(spec: PurposeSpec, train: pd.DataFrame, synthetic: pd.DataFrame) -> TargetReport:
    """Target vs achieved shares (computed with ``value_counts``) for a purpose's targets."""
    shares = cell_shares(spec, train)
    if shares.empty:
        return TargetReport(rows=())
    rows: list[TargetRow] = []
    if isinstance(spec, AugmentationSpec):
        achieved = synthetic[spec.column].value_counts(normalize=True)
        for key, target in shares.items():
            value = key[0] if isinstance(key, tuple) else key
            rows.append(
                TargetRow(VALUE_SHARE, _name(value), None, float(target), float(achieved.get(value, 0.0)))
            )
        return TargetReport(rows=tuple(rows))
    protected = list(spec.protected)
    group_target = shares.groupby(level=protected, sort=True).sum()
    group_achieved = synthetic.groupby(protected).size() / len(synthetic)
    for key, target in group_target.items():
        rows.append(
            TargetRow(GROUP_SHARE, _name(key), None, float(target), float(group_achieved.get(key, 0.0)))
        )
    if spec.label is not None:
        cell_count = synthetic.groupby(protected + [spec.label]).size()
        for key, share in shares.items():
            group = key[:-1] if len(key) > 2 else key[0]
            size = group_achieved.get(group, 0.0) * len(synthetic)
            rate = float(cell_count.get(key, 0)) / size if size else 0.0
            rows.append(
                TargetRow(
                    LABEL_RATE,
                    _name(group),
                    str(key[-1]),
                    float(share / group_target[group]),
                    rate,
                    1.0 / size if size else 1.0,
                )
            )
    return TargetReport(rows=tuple(rows))
