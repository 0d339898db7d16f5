"""
Reports published as PDF files, read with pdfplumber (the extra ``pdf``:
``pip install "govdisclosure[pdf]"``).

Each page gives its tables (pdfplumber finds the cells from the ruling
lines) and its lines of text, in the order they stand on the page; the
result is one :class:`~govdisclosure._document.Document`, mapped onto the
schema like every other form.  What real PDFs do is handled there:

- a table continues on the next page without its header, with its merged
  label column empty: rows are matched by their labels, never by position;
- a label broken over lines, or printed one character per line (a
  vertical label), is joined, and stray spaces inside a label are ignored;
- the title split over two lines (``淮安市洪泽区人民政府`` /
  ``2024 年政府信息公开工作年度报告``) is joined;
- boxes of prose, which pdfplumber also reports as one-column "tables",
  are prose: the narrative comes from the page's text, and a page number
  alone on a line (``- 1 -``, ``第 1 页``) is left out.

A PDF without a text layer (a scan) is refused with a message saying it
needs OCR first; an encrypted, truncated or corrupt file is a one-line
:class:`~govdisclosure.errors.ParseError`.

>>> from pathlib import Path
>>> from govdisclosure import checks
>>> sample = Path("examples/hongze-2024.pdf")
>>> report = parse(sample.read_bytes())
>>> report.body, report.year, report.applications.received.total
('淮安市洪泽区人民政府', 2024, 95)
>>> [f.rule for f in checks.check(report)]  # a misprinted label; 17 vs 95
['L-1', 'N-4']
"""

from __future__ import annotations

import io
import re
from typing import Any, Literal, overload

from govdisclosure import _extras, _lexer, _mapper
from govdisclosure._document import Builder, Document, grid_rows
from govdisclosure._report2014 import Report2014, is_report_title
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import Report, check_template
from govdisclosure.errors import GovDisclosureError, ParseError

__all__ = ["parse", "to_document"]

#: A page number alone on a line: ``- 1 -``, ``— 2 —``, ``第 3 页``,
#: ``第 3 页 共 5 页``, ``3 / 5``.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


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
    Read the report in the PDF file *data*.

    The template generation is detected unless *template* is given.

    Raises:
        ParseError: for a PDF that cannot be opened (encrypted, truncated,
            corrupt), one without a text layer, or a report that cannot be
            read (naming the page, table and row).
        MissingExtraError: when pdfplumber is not installed.
    """
    check_template(template)
    return _mapper.read_document(to_document(data), template)


def to_document(data: bytes) -> Document:
    """
    The :class:`~govdisclosure._document.Document` of the PDF file *data*:
    every page's prose lines and table rows, in reading order.

    Raises:
        ParseError: as :func:`parse`.
        MissingExtraError: when pdfplumber is not installed.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ParseError(f"expected PDF bytes, got {type(data).__name__}")
    pdfplumber = _extras.require("pdfplumber", "pdf", "reading a PDF")
    items: list[tuple[str, str | list[str]]] = []
    try:
        with pdfplumber.open(io.BytesIO(bytes(data))) as pdf:
            chars = 0
            for number, page in enumerate(pdf.pages, 1):
                chars += len(page.chars)
                items.extend(_page(page, number))
    except GovDisclosureError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds
        reason = _lexer.shorten(
            " ".join(str(exc).split()) or type(exc).__name__, 120
        )
        raise ParseError(
            f"cannot read the PDF (encrypted, truncated or corrupt?): {reason}"
        ) from None
    if not chars:
        raise ParseError(
            "the PDF has no text layer (a scanned image): run OCR on it "
            "first, then read the text"
        )
    return _build(items)


def _build(items: list[tuple[str, str | list[str]]]) -> Document:
    builder = Builder()
    # The title may be split over the first lines.
    prose = [k for k, (_, item) in enumerate(items) if isinstance(item, str)]
    skip: set[int] = set()
    if prose and not is_report_title(str(items[prose[0]][1])):
        joined = ""
        for k in prose[:3]:
            joined += str(items[k][1]).strip()
            skip.add(k)
            if is_report_title(joined):
                builder.prose(joined, items[prose[0]][0])
                break
        else:
            skip.clear()
    for k, (place, item) in enumerate(items):
        if k in skip:
            continue
        if isinstance(item, str):
            builder.prose(item, place)
        else:
            builder.row(item, place)
    return builder.document()


def _is_table_label(text: str) -> bool:
    """
    Whether a row's single cell is a label of a report table (a heading
    row such as 第二十条第（一）项), not a line of a prose box.
    """
    if _lexer.HEADING.match(text) and len(_lexer.compact(text)) > 12:
        return False  # a section heading, which is prose
    return _lexer.label_key(text) in _mapper.vocabulary()


def _page(page: Any, number: int) -> list[tuple[str, str | list[str]]]:
    """
    The page's prose lines and table rows, top to bottom, each with its
    place.
    """
    placed: list[tuple[float, int, str, str | list[str]]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for t, table in enumerate(page.find_tables(), 1):
        texts: list[list[str | None]] = table.extract()
        tops = [row.bbox for row in table.rows]
        kept: list[int] = []
        for r, printed in enumerate(texts):
            filled = [c for c in printed if c and c.strip()]
            if len(filled) > 1 or (filled and _is_table_label(filled[0])):
                kept.append(r)
        if not kept:
            continue  # a box of prose
        grid = [texts[r] for r in kept]
        for k, row_cells in grid_rows(grid, _mapper.is_label):
            r = kept[k]
            x0, top, x1, bottom = tops[r]
            boxes.append((x0, top, x1, bottom))
            placed.append(
                (
                    top,
                    len(placed),
                    f"page {number}, table {t}, row {r + 1}",
                    row_cells,
                )
            )
    for line in page.extract_text_lines(return_chars=False):
        text = line["text"]
        if _PAGE_NUMBER.match(text):
            continue
        middle = (line["top"] + line["bottom"]) / 2
        if any(
            top <= middle <= bottom and line["x0"] < x1 and line["x1"] > x0
            for x0, top, x1, bottom in boxes
        ):
            continue  # inside a table row: read from the table
        placed.append((line["top"], len(placed), f"page {number}", text))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [(place, item) for _, _, place, item in placed]
