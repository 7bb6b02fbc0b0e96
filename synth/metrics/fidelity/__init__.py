"""Fidelity: how closely the synthetic table follows the real one, column by column and in pairs."""
