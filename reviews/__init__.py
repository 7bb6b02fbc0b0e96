"""SynthReview human side: store, users, rankings, acceptance, sign-off, audit, export.

This package never imports streamlit.
"""
