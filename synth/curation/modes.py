"""How curated generation picks among K candidates; a leaf, so a command's ``--help`` can list them."""

CURATION_MODES = ("softmax", "best_of_k")
