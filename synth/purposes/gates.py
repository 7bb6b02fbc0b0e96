"""Pass / warn / fail gates on an evaluation, with thresholds chosen by purpose.

A gate reads one value from the evaluation (a dotted path), compares it, rounded to the 4
significant digits it is shown with, with a threshold (``at_most`` or ``at_least``) and a
looser warning limit, and says why. Defaults per
purpose are in ``DEFAULT_GATES``; an admin overrides any of them with a dict of the same
shape (``{purpose: {gate: {"threshold": x, "warn": y}}}``, or just ``{gate: {...}}``
for the purpose being evaluated), which the store keeps.

Defaults, with the reasoning:

* privacy: no synthetic row equals a training row; the DCR share's upper 95% bound is at
  most 0.55 (a memorising generator pushes it towards 1); each WP29 risk at most 0.05;
  fidelity overall at least 0.8 (the purpose is to keep the real distribution).
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
        "exact_match_rate": {
            "value": "privacy.exact_match_rate",
            "direction": "at_most",
            "threshold": 0.0,
            "warn": 0.0,
            "explanation": N_("share of synthetic rows identical to a training row"),
        },
        "dcr_closer_to_training_upper_ci": {
            "value": "privacy.dcr.ci95.1",
            "direction": "at_most",
            "threshold": 0.55,
            "warn": 0.6,
            "explanation": N_(
                "upper 95% bound of the share of synthetic rows closer to training than to holdout "
                "(0.5 = no memorisation)"
            ),
        },
        "singling_out_risk": {
            "value": "privacy.risks.singling_out.value",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_("WP29 singling-out risk against the holdout control"),
        },
        "linkability_risk": {
            "value": "privacy.risks.linkability.value",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_("WP29 linkability risk against the holdout control"),
        },
        "inference_risk": {
            "value": "privacy.risks.inference.value",
            "direction": "at_most",
            "threshold": 0.05,
            "warn": 0.1,
            "explanation": N_("WP29 inference risk against the holdout control"),
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


def gates_for(purpose: str, overrides: dict | None = None) -> dict[str, dict]:
    """The gate table for ``purpose`` with ``overrides`` applied."""
    purpose = normalise_purpose(purpose)
    table = copy.deepcopy(DEFAULT_GATES[purpose])
    if overrides:
        specific = overrides.get(purpose, overrides if not set(overrides) & set(PURPOSES) else {})
        for name, change in specific.items():
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
