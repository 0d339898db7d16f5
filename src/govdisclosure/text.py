"""
Reports in their plain-text form: :func:`parse` and :func:`render`.

The form is the one text extraction gives for a report with the old
statistical appendix (see ``zhuhui-2019.txt``)::

    report     = title, {preamble line}, {section}, table, {trailer line} ;
    title      = non-blank line ;
    section    = heading, {body line} ;         (* heading: "一、…" … "十一、…" *)
    table      = [header row], row, {row} ;     (* the first line with "|" *)
    row        = label, "|", unit, "|", value, ["|"] ;
    header row = ("指 标" | "统计指标" | …), "|", …  ;

Rows are matched to the schema by label (enumerators such as ``（一）``,
``1、`` or ``1.``, notes in parentheses, white space, NBSP and full-width
forms are ignored; aliases are accepted).  A row the schema does not know
is kept as an :class:`~govdisclosure.ExtraRow`.  Values may carry commas,
full-width digits, or a unit; ``无``, ``—`` and blank cells are blank
(``None``), and any printed text that is not the plain number is kept.

>>> report = parse('''某区2019年政府信息公开工作年度报告
... 一、概述
... 本年度共收到申请5件。
... 二、附表
... 指标 | 单位 | 数量 |
... （一）收到申请数 | 件 | 5 |
... 1.当面申请数 | 件 | 0 |
... 3.网络申请数 | 件 | 5 |
... ''')
>>> report.year, report.table.applications.received
(2019, 5)
>>> report.table.applications.fax is None
True
>>> parse(render(report)) == report
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, overload

from govdisclosure import _mapper, _render
from govdisclosure._document import (
    Builder,
    Document,
    LinePlaces,
    Lines,
    row_texts,
)
from govdisclosure._lexer import split_row
from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import Report2019, Report2021
from govdisclosure._templates import Report, check_template
from govdisclosure.errors import ParseError

__all__ = ["detect_template", "parse", "render", "to_document"]


@overload
def parse(text: str, *, template: Literal["2014"]) -> Report2014: ...
@overload
def parse(text: str, *, template: Literal["2019"]) -> Report2019: ...
@overload
def parse(text: str, *, template: Literal["2021"]) -> Report2021: ...
@overload
def parse(text: str, *, template: str | None = None) -> Report: ...
def parse(text: str, *, template: str | None = None) -> Report:
    """
    Read a report from its plain-text form.

    The template generation is detected from the text (see
    :func:`detect_template`) unless *template* (``"2014"``, ``"2019"`` or
    ``"2021"``) is given.

    A report whose table lines are written like those of a report read
    before (the same rows, labels and header lines; only the numbers
    differ, as in an archive written out by one tool) is read through the
    compiled layout of the earlier one, several times faster; the result
    is always the one the full parser gives.

    Raises:
        ParseError: naming the line and what was expected; no other
            exception escapes for any string.
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text (str), got {type(text).__name__}")
    check_template(template)
    return _read_text(text, template)


def _read_text(text: str, template: str | None) -> Report:
    if "\t" not in text and "---" not in text:
        # Neither tab-separated rows nor a Markdown table: the pipe form.
        return _mapper.parse_text(text, template, _mapper.LAYOUTS)
    lines = _mapper.split_lines(text)
    markdown, tabbed = _kinds(lines)
    if not markdown and not tabbed:
        return _mapper.parse_text(text, template, _mapper.LAYOUTS)
    return _mapper.read_document(
        _document(lines, markdown=markdown, tabbed=tabbed), template
    )


#: A Markdown table's delimiter row (``|---|:--:|``).
_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
#: A Markdown (ATX) heading's marks.
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+")
#: What may indent a prose line (a tab there does not make a row).
_INDENT = " \t\u3000"


def _is_delimiter(line: str) -> bool:
    return "|" in line and "-" in line and _DELIMITER.match(line) is not None


def _is_tabbed(line: str) -> bool:
    return "|" not in line and "\t" in line.lstrip(_INDENT).rstrip("\r\n")


def _kinds(lines: Sequence[str]) -> tuple[bool, bool]:
    """
    Whether *lines* hold Markdown tables (a delimiter row), and whether
    they hold tab-separated rows.
    """
    markdown = tabbed = piped = False
    for line in lines:
        if "|" in line:
            piped = True
            if "-" in line and not markdown:
                markdown = _is_delimiter(line)
        elif "\t" in line and not tabbed:
            tabbed = _is_tabbed(line)
    # Tabs make rows only in a text without pipe rows (in the pipe form a
    # tab is part of the prose).
    return markdown, tabbed and not piped


#: What :func:`_lines` makes of a line: the cells of a row, or the text
#: of a prose line (``None``: a Markdown delimiter row, which is nothing).
_Line = tuple[str, ...] | list[str] | str | None


def _lines(
    lines: Iterable[str], *, markdown: bool, tabbed: bool
) -> Iterator[_Line]:
    """
    Each line of text in any of its forms: pipe rows, tab-separated rows
    (a line with a tab after its indentation; a trailing tab ends the row,
    as a trailing ``|`` does), Markdown tables and, in Markdown, ATX
    headings (``## 一、总体情况``, whose text is the heading).
    """
    for line in lines:
        if "|" in line:
            if markdown and _is_delimiter(line):
                yield None  # Markdown's delimiter row: no cells
            else:
                yield split_row(line)
        elif tabbed and "\t" in line and _is_tabbed(line):
            cells = [c.strip() for c in line.rstrip("\r\n").split("\t")]
            if len(cells) > 1 and not cells[-1]:
                cells.pop()
            yield cells
        else:
            yield _ATX.sub("", line) if markdown else line


def _document(
    lines: Sequence[str], *, markdown: bool, tabbed: bool = True
) -> Document:
    """The document of text in any of its forms (see :func:`_lines`)."""
    if isinstance(lines, Lines):
        return _big_document(lines, markdown=markdown, tabbed=tabbed)
    builder = Builder()
    read = _lines(lines, markdown=markdown, tabbed=tabbed)
    for number, item in enumerate(read, 1):
        if isinstance(item, str):
            builder.prose(item, f"line {number}")
        elif item is not None:
            builder.row(item, f"line {number}")
    return builder.document()


def _big_document(lines: Lines, *, markdown: bool, tabbed: bool) -> Document:
    """
    :func:`_document` of a big text: its lines stay in the text, the rows
    (written anew) and Markdown's bare headings patched in; a Markdown
    delimiter row is a blank line there.
    """
    rows: dict[int, tuple[str, ...]] = {}
    patched: dict[int, str] = {}
    read = _lines(lines, markdown=markdown, tabbed=tabbed)
    for index, (line, item) in enumerate(zip(lines, read, strict=True)):
        if item is None:
            patched[index] = ""
        elif not isinstance(item, str):
            rows[index] = row_texts(item)
            patched[index] = " | ".join(rows[index])
        elif item != line:
            patched[index] = item
    return Document(
        lines.patched(patched), rows, rows.keys(), LinePlaces(len(lines))
    )


def to_document(text: str) -> Document:
    """
    The :class:`~govdisclosure._document.Document` of *text* (pipe,
    tab-separated or Markdown): what :func:`parse` maps onto the schema.

    >>> to_document("某局报告\\n| 规章 | 0 | 0 | 0 |").rows
    {1: ('规章', '0', '0', '0')}
    """
    lines = _mapper.split_lines(text)
    markdown, tabbed = _kinds(lines)
    return _document(lines, markdown=markdown, tabbed=tabbed)


def detect_template(text: str) -> str:
    """
    The template generation of a report in text form: ``"2014"`` (the old
    statistical table), ``"2019"`` or ``"2021"`` (the national templates).

    The table rows and header labels are matched against each template's
    declared labels; the template matching the most distinct labels wins.
    A tie is broken by the year in the first line (2019 and 2020 reports
    use the 2019 template; later ones the 2021 template); rows of at most
    three cells that match nothing are read as the old table.

    >>> detect_template("某局2021年度报告\\n| 行政规范性文件 | 3 | 0 | 12 |")
    '2021'
    >>> detect_template("某局2019年度报告\\n| 政府集中采购 | 6 | 251000元 |")
    '2019'
    """
    document = to_document(text)
    return _mapper.choose(
        document.lines, _mapper.candidate_templates(document.rows)
    )


def render(report: Report) -> str:
    """
    Write *report* in the plain-text form that :func:`parse` reads.

    Cells print their kept raw text when it still reads as their value,
    otherwise the plain number; blank cells print nothing.  A national
    report's tables are printed in the pipe form, each after the narrative
    of its section (二, 三, 四), or at the end when that section is absent.

    >>> r = Report2014(title="某区2019年政府信息公开工作年度报告")
    >>> print(render(r).splitlines()[2])
    一、主动公开情况 | — | |
    """
    if isinstance(report, Report2019 | Report2021):
        return _render.render_national(report)
    return _render.render_2014(report)
