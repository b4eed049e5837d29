"""One small error hierarchy. Each error carries a catalog key and the facts to fill it.

The message says what is wrong, where, and what to do; ``message(lang)`` renders it.
Pages and the CLI turn these into on-screen text in one place each.
"""

from __future__ import annotations

from scoring.i18n import DEFAULT_LANGUAGE, translate


class JudgingError(Exception):
    """Base of every error a user can act on."""

    exit_code = 1

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Return the message in ``lang``."""
        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class NotAllowed(JudgingError):
    """The acting user's role or relation to the record forbids this."""


class NotFound(JudgingError):
    """A named record (user, entry, campaign…) does not exist."""


class InvalidInput(JudgingError):
    """A value given by a user is malformed or out of range."""


class MediaProblem(JudgingError):
    """A media file cannot be read, probed or converted."""


class DocumentProblem(JudgingError):
    """A printable document cannot be made here (e.g. no Chinese font is installed)."""


class DatabaseBusy(JudgingError):
    """Another process holds the database, or a write kept conflicting."""


class DataFolderProblem(JudgingError):
    """The data folder or database file is missing, unreadable, damaged or too new."""
