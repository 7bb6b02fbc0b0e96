"""SynthReview data and statistics core: intake, profiling, generation, metrics.

This package never imports streamlit, so it is usable from the CLI and from tests.
"""

__version__ = "0.1.0"
