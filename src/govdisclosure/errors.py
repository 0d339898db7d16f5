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
    "MissingExtraError",
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
    carries that line's text as *source* (cut to 200 characters), and says
    what was expected.  *where* names the place in a source that has no
    lines of its own (``"page 3, table 2, row 5"`` of a PDF, a table row of
    an HTML page); it is shown instead of the line number.

    >>> err = ParseError("expected a title", line=3, source="| x |")
    >>> print(err)
    line 3: expected a title
        | x |
    """

    message: str
    line: int
    source: str
    where: str

    def __init__(
        self, message: str, *, line: int = 0, source: str = "", where: str = ""
    ) -> None:
        self.message = message
        self.line = line
        self.source = source
        self.where = where
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """
        Where the problem is: *where*, else ``"line N"``, else ``""``.
        """
        return self.where or (f"line {self.line}" if self.line else "")

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        shown = f"\n    {self.source}" if self.source else ""
        return f"{where}{self.message}{shown}"

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_parse_error,
            (self.message, self.line, self.source, self.where),
        )


def _rebuild_parse_error(
    message: str, line: int, source: str, where: str = ""
) -> ParseError:
    return ParseError(message, line=line, source=source, where=where)


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


class MissingExtraError(GovDisclosureError, ImportError):
    """
    Raised when a feature needs an optional extra that is not installed; the
    message names the ``pip install`` line, and *extra* the extra.

    >>> print(MissingExtraError("reading a PDF", "pdf", "pdfplumber"))
    reading a PDF needs pdfplumber: pip install "govdisclosure[pdf]"
    """

    purpose: str
    extra: str
    package: str

    def __init__(self, purpose: str, extra: str, package: str) -> None:
        self.purpose = purpose
        self.extra = extra
        self.package = package
        super().__init__(
            f'{purpose} needs {package}: pip install "govdisclosure[{extra}]"'
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.purpose, self.extra, self.package))
