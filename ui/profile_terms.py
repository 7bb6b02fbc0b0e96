"""People's names for the identifiers a table profile uses (types, PII kinds, findings, methods)."""

from __future__ import annotations

from ui.i18n import N_, _

# Keys are the core's identifiers (``synth.profile``); values are what a page shows.
_NAMES = {
    "numerical": N_("number"),
    "categorical": N_("category"),
    "boolean": N_("yes / no"),
    "datetime": N_("date"),
    "id": N_("identifier"),
    "text": N_("free text"),
    "email": N_("email address"),
    "phone": N_("phone number"),
    "cn_resident_id": N_("Chinese resident ID number"),
    "credit_card": N_("card number"),
    "ip_address": N_("IP address"),
    "person_name": N_("person's name"),
    "duplicate_rows": N_("Duplicate rows"),
    "constant_column": N_("Constant column"),
    "high_missingness": N_("Many missing values"),
    "mixed_types": N_("Mixed types"),
    "impossible_value": N_("Impossible values"),
    "iqr": N_("IQR fences (Tukey)"),
    "mad": N_("modified z-score (MAD)"),
    "rare_category": N_("rare categories (< 1 %)"),
}


def term(identifier: str | None) -> str:
    """The translated people's name of ``identifier``; "" for None, the identifier if unknown."""
    if not identifier:
        return ""
    return _(_NAMES.get(identifier, identifier))
