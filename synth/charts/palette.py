"""One colour code for the whole app, safe for colour-blind readers (Okabe–Ito palette)."""

REAL = "#0072B2"  # blue
SYNTHETIC = "#E69F00"  # orange
ACCENT = "#009E73"  # bluish green
WARNING = "#D55E00"  # vermillion
NEUTRAL = "#999999"
SEQUENCE = [REAL, SYNTHETIC, ACCENT, WARNING, "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
