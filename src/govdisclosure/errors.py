"""
The exceptions that ``govdisclosure`` raises.

Every exception the library raises on bad *input* is a
:class:`GovDisclosureError`, so one ``except`` clause catches them all.
Inconsistent *data* (a total that does not add up) is never an exception:
:func:`govdisclosure.checks.check` returns it as findings.
"""

from __future__ import annotations

__all__ = [
    "GovDisclosureError",
    "ParseError",
    "SerializationError",
    "UnitError",
]


class GovDisclosureError(Exception):
    """
    Base class of every exception raised by ``govdisclosure``.
    """


class ParseError(GovDisclosureError, ValueError):
    """
    Raised when text cannot be read as a report.

    It names the 1-based *line* (``0`` when the problem is not on one line),
    carries that line's text as *source*, and says what was expected.

    >>> err = ParseError("expected a title", line=3, source="| x |")
    >>> print(err)
    line 3: expected a title
        | x |
    """

    message: str
    line: int
    source: str

    def __init__(
        self, message: str, *, line: int = 0, source: str = ""
    ) -> None:
        self.message = message
        self.line = line
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        shown = f"\n    {self.source}" if self.source else ""
        return f"{where}{self.message}{shown}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_parse_error, (self.message, self.line, self.source))


def _rebuild_parse_error(message: str, line: int, source: str) -> ParseError:
    return ParseError(message, line=line, source=source)


class SerializationError(GovDisclosureError, ValueError):
    """
    Raised when a dict or JSON document is not a valid report.

    *errors* lists every bad value found, each as ``"<problem> @ <path>"``
    with a JSONPath-like path such as ``$.table.applications.received``.

    >>> err = SerializationError(["expected int @ $.table.fees"])
    >>> err.errors
    ('expected int @ $.table.fees',)
    """

    errors: tuple[str, ...]

    def __init__(self, errors: list[str] | tuple[str, ...]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(self.errors) or "invalid report")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))


class UnitError(GovDisclosureError, ValueError):
    """
    Raised for an unknown unit or a conversion between incompatible units.

    >>> str(UnitError("条 cannot be converted to 件"))
    '条 cannot be converted to 件'
    """
