"""``mst``: a differentially private generator, MST from SmartNoise Synth (``smartnoise-synth``).

MST (McKenna, Miklau and Sheldon, 2021; winner of the 2018 NIST DP synthetic data challenge)
measures every one-way marginal and a maximum spanning tree of two-way marginals with Gaussian
noise, picks the tree with the exponential mechanism, and fits a graphical model to the noisy
measurements (Private-PGM); rows are then sampled from that model. We call SmartNoise's
``MSTSynthesizer.MST`` for the measurement, selection and estimation.

The guarantee: the fitted model, and so every row sampled from it, is (ε, δ)-differentially
private with respect to one training row added or removed (the unit of privacy is one row;
a person with several rows is protected less). The whole budget is spent as follows, by
sequential composition:

* preprocessing: each column's domain (numeric bounds, category lists) is declared by the user
  for free, or paid for with a DP mechanism (see ``synth.generators.dp_domain``); the paid
  columns share ``PREPROCESSING_SHARE`` of ε equally, and the paid categorical columns share half
  of δ; a domain is never read from the data for free;
* MST: the rest of ε and δ.

The number of training rows is treated as public (MST estimates with the known total).
The DP noise comes from OpenDP's secure sampler, which cannot be seeded: the same seed does not
give the same rows. What the guarantee does not cover is listed in the README.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager, redirect_stdout
from importlib.metadata import version
from io import StringIO

import numpy as np
import pandas as pd

from synth.errors import GenerationError
from synth.generators.base import NO_TRAINING_ROWS, Progress, check_fitted, check_sample_request, report
from synth.generators.dp_budget import DEFAULT_DELTA, DEFAULT_EPSILON, NEIGHBOURING, UNIT_OF_PRIVACY
from synth.generators.dp_domain import (
    CATEGORICAL,
    PAID,
    ColumnDomain,
    column_kind,
    declared_domain,
    decode,
    encode,
    needs_budget,
    paid_bounds,
    paid_categories,
)
from synth.i18n import Msg

LIBRARY = "smartnoise-synth"
MECHANISM = "MST"
DEFAULT_BINS = 20
PREPROCESSING_SHARE = 0.3  # of ε, for the columns whose domain must be paid for (see the README)
MIN_MST_EPSILON = 0.01


def library_version() -> str:
    return version(LIBRARY)


@contextmanager
def _seeded(seed: int):
    # Seeds what MST draws with numpy (the tree's exponential mechanism, sampling rows); the
    # Gaussian noise comes from OpenDP's secure sampler and is not seedable on purpose.
    state = np.random.get_state()
    np.random.seed(seed % 2**32)
    try:
        yield
    finally:
        np.random.set_state(state)


class MstGenerator:
    """MST with an honest preprocessing budget; ``guarantee`` describes what was spent after ``fit``."""

    name = "mst"

    def __init__(
        self,
        *,
        seed: int,
        epsilon: float = DEFAULT_EPSILON,
        delta: float = DEFAULT_DELTA,
        domain: dict | None = None,
        bins: int = DEFAULT_BINS,
    ):
        self.seed = int(seed)
        self.epsilon = float(epsilon)
        self.delta = float(delta)
        self.declared = dict(domain or {})
        self.bins = int(bins)
        self.forced_rows = 0
        self.guarantee: dict | None = None
        self._train: pd.DataFrame | None = None
        self._domains: list[ColumnDomain] = []
        self._model = None
        self._undo = None

    def fit(self, train: pd.DataFrame, *, progress: Progress | None = None) -> None:
        """Find the public domain (paying where needed), then run MST on the codes."""
        if train.empty:
            raise GenerationError(NO_TRAINING_ROWS)
        unknown = sorted(set(self.declared) - set(map(str, train.columns)))
        if unknown:
            raise GenerationError(
                Msg(
                    "the declared domain names columns that are not in the table: {columns}",
                    columns=", ".join(unknown),
                )
            )
        if train.shape[1] < 2:
            raise GenerationError(Msg("mst needs at least two columns to learn from"))
        if self.delta * len(train) >= 1:
            raise GenerationError(
                Msg(
                    "delta {delta:g} is too large for {rows} training rows: it must be well below "
                    "1 / rows (e.g. 1e-6), or a single row could be released whole",
                    delta=self.delta,
                    rows=len(train),
                )
            )
        self._train = train.reset_index(drop=True)
        report(progress, 0.0, Msg("{name}: finding the public domain", name=self.name))
        with warnings.catch_warnings(), redirect_stdout(StringIO()):
            warnings.simplefilter("ignore")
            self._domains, spent = self._find_domains(self._train)
            eps_mst, delta_mst = self.epsilon - spent["epsilon"], self.delta - spent["delta"]
            report(progress, 0.2, Msg("{name}: measuring noisy marginals and fitting", name=self.name))
            self._run_mst(encode(self._train, self._domains), eps_mst, delta_mst)
        self.guarantee = {
            "mechanism": MECHANISM,
            "library": LIBRARY,
            "library_version": library_version(),
            "epsilon": self.epsilon,
            "delta": self.delta,
            "unit_of_privacy": UNIT_OF_PRIVACY,
            "neighbouring": NEIGHBOURING,
            "row_count_public": True,
            "preprocessing": {
                "epsilon": spent["epsilon"],
                "delta": spent["delta"],
                "columns": {d.name: d.describe() for d in self._domains},
            },
            "mst": {"epsilon": eps_mst, "delta": delta_mst, "bins": self.bins},
        }
        report(progress, 1.0, Msg("{name}: fitted", name=self.name))

    def _find_domains(self, train: pd.DataFrame) -> tuple[list[ColumnDomain], dict]:
        paid = [c for c in train.columns if needs_budget(train[c], self.declared.get(str(c)))]
        paid_categorical = [c for c in paid if column_kind(train[c]) == CATEGORICAL]
        eps_each = self.epsilon * PREPROCESSING_SHARE / len(paid) if paid else 0.0
        delta_each = self.delta / 2 / len(paid_categorical) if paid_categorical else 0.0
        domains = []
        for column in train.columns:
            series = train[column]
            spec = self.declared.get(str(column))
            if spec:
                domains.append(declared_domain(series, spec, self.bins))
            elif column not in paid:  # a boolean: its two values are public
                domains.append(ColumnDomain(str(column), CATEGORICAL, "schema", categories=(False, True)))
            elif column in paid_categorical:
                found = paid_categories(series, eps_each, delta_each)
                domains.append(ColumnDomain(str(column), CATEGORICAL, PAID, categories=found))
            else:
                bounds = paid_bounds(series, eps_each)
                if bounds is None:
                    raise GenerationError(
                        Msg(
                            "mst could not find bounds for {column} within its budget; declare its lower "
                            "and upper bounds, or raise epsilon",
                            column=repr(str(column)),
                        )
                    )
                domains.append(
                    ColumnDomain(
                        str(column),
                        column_kind(series),
                        PAID,
                        lower=bounds[0],
                        upper=bounds[1],
                        bins=self.bins,
                        integral=pd.api.types.is_integer_dtype(series),
                    )
                )
        spent = {"epsilon": eps_each * len(paid), "delta": delta_each * len(paid_categorical)}
        return domains, spent

    def _run_mst(self, codes: np.ndarray, epsilon: float, delta: float) -> None:
        # Imported here: smartnoise-synth brings jax, which takes seconds to load.
        from mbi import Dataset, Domain
        from snsynth.mst.mst import MSTSynthesizer

        if epsilon < MIN_MST_EPSILON:
            raise GenerationError(
                Msg("epsilon {epsilon:g} leaves too little for mst after preprocessing", epsilon=self.epsilon)
            )
        names = [f"c{i}" for i in range(len(self._domains))]
        domain = Domain(names, [d.size for d in self._domains])
        synthesizer = MSTSynthesizer(epsilon=epsilon, delta=delta)
        with _seeded(self.seed):
            synthesizer.MST(Dataset(pd.DataFrame(codes, columns=names), domain=domain), epsilon, delta)
        self._model, self._undo, self._names = synthesizer.synthesizer, synthesizer.undo_compress_fn, names

    def sample(self, n: int, *, conditions: pd.DataFrame | None = None) -> pd.DataFrame:
        """Sample ``n`` rows from the private model (MST cannot condition on values)."""
        train = check_fitted(self._train, self.name)
        check_sample_request(n, conditions, train.columns)
        if conditions is not None and conditions.shape[1]:
            raise GenerationError(
                Msg("mst cannot sample under conditions; use it for the privacy purpose only")
            )
        if n == 0:
            return train.iloc[:0].copy()
        with _seeded(self.seed + 1), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            drawn = self._undo(self._model.synthetic_data(rows=int(n)))
            rng = np.random.default_rng(self.seed + 2)
            # The model emits rows grouped by value; shuffle so that any slice is a fair sample.
            codes = drawn.df[self._names].to_numpy()[rng.permutation(len(drawn.df))]
            rows = decode(codes, self._domains, train, rng)
        return rows[list(train.columns)].reset_index(drop=True)
