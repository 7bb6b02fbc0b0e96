"""Plotly figure builders. Pure functions of data; pages only render what they return."""
