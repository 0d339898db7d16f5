"""
Reports as Word documents (``.docx``), read and written with python-docx
(the extra ``docx``: ``pip install "govdisclosure[docx]"``).

:func:`parse` reads the document's body in order: its paragraphs are the
narrative, its tables are read with their merged cells as Word stores them
(``gridSpan`` across columns, ``vMerge`` down rows: a merged cell counts
once, where it starts, as in the official template's table 三, whose label
block spans three columns), and the result is one
:class:`~govdisclosure._document.Document`, mapped onto the schema like
every other form.  Headers, footers, comments and text boxes are not read.

:func:`render` writes a report as a Word document with the template's
headings and tables (heading rows across the table, header rows with their
merged cells, a single-value row's cell across the empty columns), so that
an office can produce its tables from data; :func:`parse` reads it back to
the same report.

>>> from pathlib import Path
>>> from govdisclosure import text
>>> report = text.parse(Path("examples/pingtan-2021.txt").read_text(encoding="utf-8"))
>>> parse(render(report)) == report
True
"""

from __future__ import annotations

import io
from typing import Any, Literal, overload

from govdisclosure import _extras, _lexer, _mapper, _render
from govdisclosure._document import Builder, Document, grid_rows
from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import Report, check_template
from govdisclosure.errors import GovDisclosureError, ParseError

__all__ = ["parse", "render", "to_document"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@overload
def parse(data: bytes, *, template: Literal["2014"]) -> Report2014: ...
@overload
def parse(data: bytes, *, template: Literal["2019"]) -> Report2019: ...
@overload
def parse(data: bytes, *, template: Literal["2021"]) -> Report2021: ...
@overload
def parse(data: bytes, *, template: str | None = None) -> Report: ...
def parse(data: bytes, *, template: str | None = None) -> Report:
    """
    Read the report in the Word document *data* (the bytes of a ``.docx``).

    The template generation is detected unless *template* is given.

    Raises:
        ParseError: for bytes that are no Word document (or a damaged
            one), or a report that cannot be read (naming the table and
            row).
        MissingExtraError: when python-docx is not installed.
    """
    check_template(template)
    return _mapper.read_document(to_document(data), template)


def to_document(data: bytes) -> Document:
    """
    The :class:`~govdisclosure._document.Document` of the Word document
    *data*: its paragraphs and table rows, in the order of its body.

    Raises:
        ParseError: as :func:`parse`.
        MissingExtraError: when python-docx is not installed.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ParseError(f"expected .docx bytes, got {type(data).__name__}")
    docx = _extras.require("docx", "docx", "reading a Word document")
    try:
        body = docx.Document(io.BytesIO(bytes(data))).element.body
        return _body(body)
    except GovDisclosureError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile, lxml and python-docx raise many kinds
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ParseError(
            f"cannot read the Word document (not a .docx, or damaged): "
            f"{_lexer.shorten(reason, 120)}"
        ) from None


def _text(element: Any) -> str:
    """
    The text of a paragraph: its runs' text, a tab as a tab and a break as
    a new line.
    """
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _body(body: Any) -> Document:
    builder = Builder()
    paragraph = tables = 0
    for child in body.iterchildren(f"{_W}p", f"{_W}tbl"):
        if child.tag == f"{_W}p":
            paragraph += 1
            text = _text(child)
            for line in text.split("\n"):
                builder.prose(line, f"paragraph {paragraph}")
            continue
        tables += 1
        grid = _grid(child)
        for r, cells in grid_rows(grid, _mapper.is_label):
            builder.row(cells, f"table {tables}, row {r + 1}")
    return builder.document()


def _grid(table: Any) -> list[list[str | None]]:
    """
    A Word table as a grid: a cell's text where it starts, ``None`` where
    a merged cell (``gridSpan``, ``vMerge``) covers a position.
    """
    grid: list[list[str | None]] = []
    for tr in table.iterchildren(f"{_W}tr"):
        row: list[str | None] = []
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            row.extend([None] * _int(before.get(f"{_W}val")))
        for tc in tr.iterchildren(f"{_W}tc"):
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            width = _int(span.get(f"{_W}val")) if span is not None else 1
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            covered = merge is not None and merge.get(f"{_W}val") in (
                None,
                "continue",
            )
            text = "\n".join(_text(p) for p in tc.iter(f"{_W}p")).strip()
            row.append(None if covered else text)
            row.extend([None] * (width - 1))
        grid.append(row)
    return grid


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 64))
    except ValueError:
        return 1


def render(report: Report) -> bytes:
    """
    The report as a Word document (the bytes of a ``.docx``): the title,
    the narrative as paragraphs and the tables laid out as the template
    prints them, with merged cells.

    Raises:
        MissingExtraError: when python-docx is not installed.
    """
    docx = _extras.require("docx", "docx", "writing a Word document")
    document = docx.Document()
    _Writer(document).report(report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, document: Any) -> None:
        self.document = document

    def prose(self, block: str) -> str:
        for line in block.split("\n"):
            self.document.add_paragraph(line)
        return ""

    def report(self, report: Report) -> None:
        if isinstance(report, Report2014):
            _render.render_2014(report, self.rows_2014, self.prose)
        else:
            _render.render_national(report, self.grid, self.prose)

    def rows_2014(self, rows: list[list[str]]) -> list[str]:
        self.table([[_render.Spanned(c) for c in row] for row in rows])
        return []

    def grid(self, report: Report2019 | Report2021, name: str) -> list[str]:
        self.table(_render.grid_spec(report, name))
        return []

    def table(self, spec: list[list[_render.Spanned]]) -> None:
        """
        A Word table of *spec*, with its spans merged.
        """
        width = 0
        placed: list[tuple[int, int, _render.Spanned]] = []
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(spec):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                placed.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
                width = max(width, c)
        table = self.document.add_table(rows=len(spec), cols=width)
        table.style = "Table Grid"
        for r, c, cell in placed:
            target = table.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(
                    table.cell(r + cell.rowspan - 1, c + cell.colspan - 1)
                )
            target.text = cell.text
        for r, tr in enumerate(table._tbl.tr_lst):  # noqa: SLF001
            # A shorter row (an unknown row as printed) keeps its cells
            # only: Word allows rows with fewer cells than the grid.
            used = max((c for (rr, c) in taken if rr == r), default=-1) + 1
            for tc in tr.tc_lst[used - width :] if used < width else ():
                tr.remove(tc)
