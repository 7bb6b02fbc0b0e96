"""Tests of the architecture: import arrows, circles, where SQL may live."""
