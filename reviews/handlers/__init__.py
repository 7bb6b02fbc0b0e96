"""Job handlers, one module per kind of background work; importing this registers them all."""

from reviews.handlers import collapse, evaluate, generate  # noqa: F401
