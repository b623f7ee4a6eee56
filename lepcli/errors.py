"""Domain errors and the exit codes a dispatch script can branch on.

Every error a user can cause is a ``LepError`` subclass; ``cli.main`` turns it into one
message on stderr and its exit code. Messages never quote the text a person typed.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    FAILURE = 1  # unexpected internal error
    USAGE = 2  # bad command line (unknown option, missing argument)
    BAD_INPUT = 3  # empty, huge, binary or unreadable text
    NOT_FOUND = 4  # unknown language, phrase id, model, or no match
    CONFIG = 5  # malformed YAML, phrasebook or configuration file
    UNAVAILABLE = 6  # nothing installed/configured can answer (no model, no phrasebook)
    REFUSED = 7  # legal-risk content kept away from machine translation
    MODEL = 8  # corrupt, hostile or unloadable model package
    EXISTS = 9  # output file exists and --force was not given
    CANNOT_WRITE = 10  # the output cannot be written: full disk, read-only, no permission, bad path
    INTERRUPTED = 130  # Ctrl-C


class LepError(Exception):
    """An error with a message for the user, an optional hint and an exit code."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_json(self) -> dict[str, object]:
        return {
            "error": type(self).__name__,
            "message": self.message,
            "hint": self.hint,
            "exit_code": int(self.exit_code),
        }


class BadInput(LepError):
    exit_code = ExitCode.BAD_INPUT


class NotFound(LepError):
    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: str, *, hint: str | None = None, suggestions: list[str] | None = None):
        super().__init__(message, hint=hint)
        self.suggestions = suggestions or []

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data["suggestions"] = self.suggestions
        return data


class ConfigError(LepError):
    """A problem in a YAML file; names the file, line and field where known."""

    exit_code = ExitCode.CONFIG

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.detail = message  # the message without the "file:line: field:" prefix, for checkers' lists
        where = ":".join(str(p) for p in (file, line) if p is not None)
        prefix = f"{where}: " if where else ""
        field_part = f"{field}: " if field else ""
        super().__init__(f"{prefix}{field_part}{message}", hint=hint)

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data.update(file=self.file, line=self.line, field=self.field)
        return data


class Unavailable(LepError):
    exit_code = ExitCode.UNAVAILABLE


class Refused(LepError):
    exit_code = ExitCode.REFUSED
    phrase_id: str | None = None  # the legal phrase withheld, when one matched


class ModelError(LepError):
    exit_code = ExitCode.MODEL


class OutputExists(LepError):
    exit_code = ExitCode.EXISTS


class CannotWrite(LepError, OSError):
    """The operating system refused a write; the message names the path and its reason.

    Also an ``OSError``, so callers that treat a failed cache write as "only costs speed" keep doing so.
    """

    exit_code = ExitCode.CANNOT_WRITE
