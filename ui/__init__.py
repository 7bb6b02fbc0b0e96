"""Streamlit glue shared by the pages: session, navigation, sidebar, translation, errors."""
