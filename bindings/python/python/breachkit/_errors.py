"""The exception hierarchy of breachkit.

Every message names the field and the rule that failed, never a value from the document.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

__all__ = [
    "BreachkitError",
    "ValidationError",
    "RulesError",
    "ReportError",
    "RegisterError",
    "ConflictError",
]


class BreachkitError(Exception):
    """The root of every error breachkit raises on purpose."""


class ValidationError(BreachkitError, ValueError):
    """An incident document could not be read: syntax, size, nesting, shape or version.

    ``errors()`` lists each problem as ``{"code", "path", "message"}``; ``path`` is a JSON
    pointer. Neither the message nor the list holds a value from the document.
    """

    def __init__(self, message: str, errors: Sequence[Mapping[str, str]] = ()) -> None:
        super().__init__(message)
        self._errors: List[Dict[str, str]] = [dict(e) for e in errors]

    def errors(self) -> List[Dict[str, str]]:
        """Every problem, as ``{"code", "path", "message"}`` dicts (a fresh copy)."""
        return [dict(e) for e in self._errors]

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self._errors))


class RulesError(BreachkitError):
    """A rule file (a counsel's reading loaded on top of the built-in rules) is invalid.

    ``file`` is the name given for the rule file; ``path`` a JSON pointer into it, when known.
    """

    def __init__(self, message: str, file: Optional[str] = None, path: Optional[str] = None) -> None:
        super().__init__(message)
        self.file = file
        self.path = path

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.file, self.path))


class ReportError(BreachkitError, ValueError):
    """A report could not be drafted: an unknown kind, language or format, an entity or group
    the incident lacks, nothing to draft, or a broken template file.

    ``code`` is stable (``unknown_kind``, ``unknown_language``, ``unknown_format``,
    ``no_such_entity``, ``no_such_group``, ``nothing_to_draft``, ``template``); ``key`` is the
    template key at fault, when known. Neither holds a value from the incident.
    """

    def __init__(self, message: str, code: Optional[str] = None, key: Optional[str] = None) -> None:
        super().__init__(message)
        self.code = code
        self.key = key

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.code, self.key))


class RegisterError(BreachkitError):
    """The breach register refused or failed an operation.

    ``code`` is stable (``conflict``, ``not_found``, ``out_of_order``, ``invalid_document``,
    ``database``, ``open``, ``corrupt``, ``schema_too_new``, ``invalid_name``). The message
    names the operation and the rule, never a value from the register.
    """

    def __init__(self, message: str, code: Optional[str] = None) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.code))


class ConflictError(RegisterError):
    """A revision was written on top of one that is no longer the latest: someone else wrote in
    between, and nothing was written. ``expected`` is the revision the change was based on,
    ``latest`` the latest one in the register."""

    def __init__(self, message: str, expected: int = 0, latest: int = 0) -> None:
        super().__init__(message, "conflict")
        self.expected = expected
        self.latest = latest

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.expected, self.latest))
