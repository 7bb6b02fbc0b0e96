r"""Errors of the review side. Pages and the CLI catch ``ReviewsError`` and show its message.

Messages are English text that stays translatable (``synth.i18n``): fixed ones marked with
``N_``, the rest ``Msg``\ s.
"""

from __future__ import annotations


class ReviewsError(Exception):
    """Base of every error the review side raises on purpose; its message is for the user."""


class PermissionDenied(ReviewsError):
    """The acting user's role may not do this."""


class NotFound(ReviewsError):
    """A user, dataset or other record does not exist."""


class Conflict(ReviewsError):
    """The change clashes with what is stored (a duplicate name, a finished job...)."""


class AuthenticationFailed(ReviewsError):
    """Wrong username or password."""
