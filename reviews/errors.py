r"""Errors of the review side. Pages and the CLI catch ``ReviewsError`` and show its message.

Messages are English text that stays translatable (``synth.i18n``): fixed ones marked with
``N_``, the rest ``Msg``\ s. Every exception class of ``reviews`` lives here, one level deep:

    ReviewsError            a user mistake or refusal; the message says what to do
      PermissionDenied      the acting user's role may not do this
      NotFound              the record does not exist
      Conflict              the change clashes with what is stored
        AlreadyImported     the same table is already in the workspace (import asks first)
        SignoffBlocked      approval while checklist items fail, without an override
      AuthenticationFailed  wrong username or password, or a disabled account
        SignInExpired       a single sign-on too old to start a session
      NotApproved           export of a dataset whose latest sign-off is not an approval
      UnsafeBundle          a bundle ZIP refused before it is read
      StoreBusy             the database stayed busy for a write even after retrying
    JobCancelled            not an error: stops a running job when it is cancelled
      WorkerStopping        ... or when its worker shuts down
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


class AlreadyImported(Conflict):
    """The same table (same sha256) is already in the workspace; ``existing`` holds its dataset ids."""

    def __init__(self, message: str, existing: list[int]):
        super().__init__(message)
        self.existing = existing


class AuthenticationFailed(ReviewsError):
    """Wrong username or password."""


class SignInExpired(AuthenticationFailed):
    """A single sign-on whose provider sign-in is too old to start a session: sign in again."""


class SignoffBlocked(Conflict):
    """Approval while checklist items fail or lack evidence, without an override."""


class NotApproved(ReviewsError):
    """Export asked for a dataset whose latest sign-off is not an approval."""


class UnsafeBundle(ReviewsError):
    """The ZIP is refused before it is read: too many members, a path outside it, or a bomb."""


class StoreBusy(ReviewsError):
    """The database stayed too busy for a write, even after retrying; nothing was changed."""


class JobCancelled(Exception):
    """Raised inside a job's progress callback when someone asked to cancel it.

    Control flow rather than a mistake, so not a ``ReviewsError``: the worker records the job
    as cancelled, and no handler that catches user errors swallows it.
    """


class WorkerStopping(JobCancelled):
    """Raised inside a job's progress callback when its worker was asked to shut down."""
