"""Pass / warn / fail gates on an evaluation, with thresholds chosen by purpose.

A gate reads one value from the evaluation (a dotted path), compares it, rounded to the 4
significant digits it is shown with, with a threshold (``at_most`` or ``at_least``) and a
looser warning limit, and says why. Defaults per
purpose are in ``DEFAULT_GATES``; an admin overrides any of them with a dict of the same
shape (``{purpose: {gate: {"threshold": x, "warn": y}}}``, or just ``{gate: {...}}``
for the purpose being evaluated), which the store keeps.

Defaults, with the reasoning:

* privacy: every privacy gate compares the synthetic data with real rows the generator never
  saw (the holdout), and decides on a 95% interval bound:

  - exact matches: the upper bound of (synthetic exact-match rate - holdout exact-match rate)
    at most 0.002 (real people share every attribute, so a perfect generator matches as
    often as the holdout does);
  - DCR: the upper bound of (synthetic share closer to training - holdout share) at most
    0.05; a copy or near-copy reads about 1 minus the baseline (0.1-0.2 on Adult);
  - membership inference: the upper bound of the attack's AUC at most 0.6;
  - the WP29 risks: the **lower** bound at most 0.05. The control (holdout) limits how many
    attacks can run, and with 2,000 the interval of a harmless generator's risk is about
    +/-0.1 wide, so "upper bound at most 0.05" would fail perfect generators; the gate fails
    when the attack shows a risk above 0.05 with 95% confidence;
  - fidelity overall at least 0.8 (the purpose is to keep the real distribution).
* bias (correction): the synthetic demographic-parity gap at most 0.05 (warn to 0.10);
  fidelity at least 0.7 (lower, since some columns differ on purpose); utility ratio at
  least 0.85; at most 1% exact copies.
* augmentation: fidelity at least 0.75; every category kept (lowest coverage >= 0.9);
  utility ratio at least 0.9; at most 1% exact copies.
"""

from __future__ import annotations

import copy
import math
import re

from synth.errors import InputError
from synth.i18n import N_, Msg, stored_message, to_data

PURPOSES = ("privacy", "bias", "augmentation")
_ALIASES = {"privacy_protection": "privacy", "bias_correction": "bias", "bias-correction": "bias"}

DEFAULT_GATES: dict[str, dict[str, dict]] = {
    "privacy": {
        "exact_match_excess": {
            "value": "privacy.exact_match.excess.ci95.1",
            "direction": "at_most",
            "threshold": 0.002,
            "warn": 0.005,
            "explanation": N_(
                "upper 95% bound of the synthetic exact-match rate minus the holdout's own rate"
            ),
        },
        "dcr_excess": {
            "value": "privacy.dcr.difference.ci95.1",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_(
                "upper 95% bound of the synthetic share closer to training minus the same share for "
                "unseen real rows (0 = no memorisation)"
            ),
        },
        "membership_inference_auc": {
            "value": "privacy.membership_inference.ci95.1",
            "direction": "at_most",
            "threshold": 0.6,
            "warn": 0.65,
            "explanation": N_(
                "upper 95% bound of the membership-inference attack's AUC (0.5 = cannot tell members)"
            ),
        },
        "singling_out_risk": {
            "value": "privacy.risks.singling_out.ci95.0",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_("lower 95% bound of the WP29 singling-out risk against the holdout control"),
        },
        "linkability_risk": {
            "value": "privacy.risks.linkability.ci95.0",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_("lower 95% bound of the WP29 linkability risk against the holdout control"),
        },
        "inference_risk": {
            "value": "privacy.risks.inference.ci95.0",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_("lower 95% bound of the WP29 inference risk against the holdout control"),
        },
        "fidelity_overall": {
            "value": "fidelity.overall",
            "direction": "at_least",
            "threshold": 0.8,
            "warn": 0.7,
            "explanation": N_("mean of column shapes and column pair trends"),
        },
    },
    "bias": {
        "parity_gap": {
            "value": "summary.max_parity_gap_synthetic",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_(
                "largest demographic-parity difference over the protected attributes, synthetic data"
            ),
        },
        "fidelity_overall": {
            "value": "fidelity.overall",
            "direction": "at_least",
            "threshold": 0.7,
            "warn": 0.6,
            "explanation": N_("mean of column shapes and column pair trends"),
        },
        "utility_ratio": {
            "value": "utility.ratio",
            "direction": "at_least",
            "threshold": 0.85,
            "warn": 0.75,
            "explanation": N_("train-synthetic-test-real score over train-real-test-real"),
        },
        "exact_match_rate": {
            "value": "privacy.exact_match_rate",
            "direction": "at_most",
            "threshold": 0.01,
            "warn": 0.05,
            "explanation": N_("share of synthetic rows identical to a training row"),
        },
    },
    "augmentation": {
        "fidelity_overall": {
            "value": "fidelity.overall",
            "direction": "at_least",
            "threshold": 0.75,
            "warn": 0.65,
            "explanation": N_("mean of column shapes and column pair trends"),
        },
        "category_coverage": {
            "value": "summary.min_category_coverage",
            "direction": "at_least",
            "threshold": 0.9,
            "warn": 0.75,
            "explanation": N_("lowest share of real categories present in the synthetic data, over columns"),
        },
        "utility_ratio": {
            "value": "utility.ratio",
            "direction": "at_least",
            "threshold": 0.9,
            "warn": 0.8,
            "explanation": N_("train-synthetic-test-real score over train-real-test-real"),
        },
        "exact_match_rate": {
            "value": "privacy.exact_match_rate",
            "direction": "at_most",
            "threshold": 0.01,
            "warn": 0.05,
            "explanation": N_("share of synthetic rows identical to a training row"),
        },
    },
}


def normalise_purpose(purpose: str | None) -> str | None:
    """Canonical purpose name, or None; raises ``InputError`` naming the known purposes."""
    if purpose is None:
        return None
    key = _ALIASES.get(purpose.strip().lower(), purpose.strip().lower())
    if key not in PURPOSES:
        raise InputError(
            Msg(
                "unknown purpose '{purpose}'; use one of {purposes}",
                purpose=purpose,
                purposes=", ".join(PURPOSES),
            )
        )
    return key


# Gates that were replaced; thresholds an admin saved for them are ignored, not errors.
RETIRED_GATES = {"privacy": {"exact_match_rate", "dcr_closer_to_training_upper_ci"}}


def gates_for(purpose: str, overrides: dict | None = None) -> dict[str, dict]:
    """The gate table for ``purpose`` with ``overrides`` applied."""
    purpose = normalise_purpose(purpose)
    table = copy.deepcopy(DEFAULT_GATES[purpose])
    if overrides:
        specific = overrides.get(purpose, overrides if not set(overrides) & set(PURPOSES) else {})
        for name, change in specific.items():
            if name in RETIRED_GATES.get(purpose, ()) and name not in table:
                continue
            if name not in table:
                if not isinstance(change, dict) or "value" not in change or "direction" not in change:
                    raise InputError(
                        Msg(
                            "gate '{name}' is new: give its 'value' path, 'direction' and 'threshold'",
                            name=name,
                        )
                    )
                table[name] = {"warn": change.get("threshold"), "explanation": name, **change}
            else:
                table[name].update(
                    change if isinstance(change, dict) else {"threshold": change, "warn": change}
                )
    return table


def _lookup(result: dict, path: str):
    node = result
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


VALUE_FORMAT = ".4g"  # how a gate's value is shown; the comparison uses the same precision


def shown(value: float) -> float:
    """``value`` rounded as the gate shows it (4 significant digits).

    A gate compares what the reader sees: 0.050000000000000044 is shown as 0.05 and so meets
    "<= 0.05". Rounding is relative, so a small non-zero value (1e-05) never becomes 0.
    """
    return float(format(value, VALUE_FORMAT))


def _status(seen: float, threshold: float, warn: float, at_most: bool) -> str:
    def meets(limit: float) -> bool:
        return seen <= limit if at_most else seen >= limit

    return "pass" if meets(threshold) else ("warn" if meets(warn) else "fail")


def evaluate_gates(result: dict, purpose: str, overrides: dict | None = None) -> list[dict]:
    """Each gate of the purpose as ``{name, status, value, threshold, warn, direction, explanation,
    explanation_data}`` (the explanation's translatable form, ``synth.i18n.to_data``)."""
    out = []
    for name, gate in gates_for(purpose, overrides).items():
        value = _lookup(result, gate["value"])
        threshold, warn, at_most = (
            gate["threshold"],
            gate.get("warn", gate["threshold"]),
            gate["direction"] == "at_most",
        )
        if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
            status, why = "warn", _unmeasured(gate["explanation"], gate["value"])
        else:
            status = _status(shown(value), threshold, warn, at_most)
            why = _measured(gate["explanation"], value, threshold, warn, gate["direction"])
        # The JSON result keeps the English text; its message form beside it lets pages translate it.
        out.append(
            {
                "name": name,
                "status": status,
                "value": value,
                "threshold": threshold,
                "warn": warn,
                "direction": gate["direction"],
                "explanation": why,
                "explanation_data": to_data(why),
            }
        )
    return out


# Gate names are identifiers (stored, audited, overridden by name); these are what people read.
GATE_LABELS = {
    "exact_match_rate": N_("exact-match rate"),
    "dcr_closer_to_training_upper_ci": N_("DCR share closer to training (upper 95% bound)"),
    "exact_match_excess": N_("exact matches above the holdout's (upper 95% bound)"),
    "dcr_excess": N_("DCR share above its baseline (upper 95% bound)"),
    "membership_inference_auc": N_("membership-inference AUC (upper 95% bound)"),
    "singling_out_risk": N_("singling-out risk"),
    "linkability_risk": N_("linkability risk"),
    "inference_risk": N_("inference risk"),
    "fidelity_overall": N_("overall fidelity"),
    "parity_gap": N_("demographic-parity gap"),
    "utility_ratio": N_("utility ratio"),
    "category_coverage": N_("category coverage"),
}
DIRECTIONS = {"at_most": N_("at most"), "at_least": N_("at least")}


def gate_label(name: str) -> str:
    """The readable (translatable) name of a gate; a custom gate keeps its own name."""
    return GATE_LABELS.get(name, name)


def _measured(explanation: str, value, threshold, warn, direction: str) -> Msg:
    sign = "<=" if direction == "at_most" else ">="
    return Msg(
        "{explanation}: {value:.4g} (needs {sign} {threshold:g}; warn {sign} {warn:g})",  # .4g: VALUE_FORMAT
        explanation=Msg(explanation),
        value=value,
        sign=sign,
        threshold=threshold,
        warn=warn,
    )


def _unmeasured(explanation: str, path: str) -> Msg:
    return Msg("not measured ({path} is missing); {explanation}", path=path, explanation=Msg(explanation))


_MEASURED = re.compile(r"(?P<base>.*): \S+ \(needs [<>]= \S+; warn [<>]= \S+\)", re.S)
_UNMEASURED = re.compile(r"not measured \((?P<path>.*?) is missing\); (?P<base>.*)", re.S)


def gate_explanation(gate: dict) -> str:
    """A gate's explanation as a translatable message, also for one read back from storage.

    From ``explanation_data`` when the result has it; results stored before it existed are
    rebuilt from the gate's numbers and the explanation's shape. The message is used only when
    its English is exactly the stored text; otherwise the text is returned as it is.
    """
    text = gate.get("explanation") or ""
    message = stored_message(gate, "explanation")
    if isinstance(message, Msg):
        return message
    if (match := _UNMEASURED.fullmatch(text)) is not None:
        rebuilt = _unmeasured(match["base"], match["path"])
    elif (match := _MEASURED.fullmatch(text)) is not None and isinstance(gate.get("value"), (int, float)):
        rebuilt = _measured(
            match["base"],
            gate["value"],
            gate["threshold"],
            gate.get("warn", gate["threshold"]),
            gate.get("direction", "at_most"),
        )
    else:
        return text
    return rebuilt if rebuilt == text else text
