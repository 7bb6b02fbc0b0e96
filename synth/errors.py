"""Errors of the data core. Pages and the CLI catch ``SynthError`` and show its message.

Messages are English ``Msg``/``N_`` texts (see ``synth.i18n``): the CLI prints them as they
are, the pages show them translated. Every exception class of ``synth`` lives here, one level
deep (two for the intake's own cases of an unusable input):

    SynthError              a user mistake; the message says what to do
      InputError            a table or argument that cannot be used (``problems`` lists all)
        LimitExceeded       a file over one of the reading limits
        UnsupportedFormat   a file format that cannot be read
      LineageError          generation past the allowed depth
      PurposeError          purposes mixed, or a purpose's settings inconsistent
      GenerationError       a generator failed to fit or sample
"""

from __future__ import annotations

from collections.abc import Sequence


class SynthError(Exception):
    """Base of every error the data core raises on purpose; its message is for the user."""


class InputError(SynthError):
    """A table or argument the user supplied cannot be used.

    Validation collects every problem first and raises once, so ``problems`` lists all of
    them; each says what is wrong and how to fix it.
    """

    def __init__(self, problems: Sequence[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


class LineageError(SynthError):
    """Generation would go past the allowed depth of synthetic-on-synthetic rounds."""


class PurposeError(SynthError):
    """Datasets of different purposes were combined, or a purpose's settings are inconsistent."""


class GenerationError(SynthError):
    """A generator failed to fit or sample."""


class LimitExceeded(InputError):
    """A file goes over one of the reading limits; nothing of it is kept."""


class UnsupportedFormat(InputError):
    """The file's extension or content is not one of the readable formats; its message says the fix."""
