"""
The Word reader and writer: the official blank template is the yardstick.
"""

from __future__ import annotations

import contextlib
import io
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from govdisclosure import (
    Report,
    Report2021,
    _declare,
    _engine,
    _lexer,
    checks,
    docx,
    text,
)
from govdisclosure.errors import (
    GovDisclosureError,
    MissingExtraError,
    ParseError,
)
from govdisclosure.strategies import reports

from .conftest import sample_bytes

_BLANK = "template-2021-blank.docx"
_SLOW = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_blank_template() -> None:
    """The official template reads as an empty 2021 report."""
    report = docx.parse(sample_bytes(_BLANK))

    assert isinstance(report, Report2021)
    assert "政府信息公开工作年度报告格式模板" == report.title
    assert 6 == len(report.sections)
    assert ((), ()) == (report.extra_rows, report.label_texts)
    values = _declare.values(report.table)
    assert all(v is None for v in values.values())
    result = checks.run(report)
    assert result.rules == result.not_evaluable


def _fill(template: bytes, report: Report2021) -> bytes:
    """
    The blank template with *report*'s figures typed into its value cells
    with python-docx, row by row as an office would.
    """
    import docx as python_docx  # noqa: PLC0415 - the test's own writer

    document = python_docx.Document(io.BytesIO(template))
    stand_ins = {row.key for row, _ in _declare.stand_ins(type(report.table))}
    rows = {
        _lexer.compact(r.label): r
        for r in _declare.rows(type(report.table))
        if r.label is not None and r.key not in stand_ins
    }
    unlabelled = [
        r for r in _declare.rows(type(report.table)) if r.label is None
    ]
    for table in document.tables:
        for row in table.rows:
            distinct: list[Any] = []
            for cell in row.cells:
                if not distinct or cell._tc is not distinct[-1]._tc:
                    distinct.append(cell)
            texts = [c.text.strip() for c in distinct]
            labelled = [
                k for k, t in enumerate(texts) if _lexer.compact(t) in rows
            ]
            if labelled:
                entry = rows[_lexer.compact(texts[labelled[-1]])]
                targets = distinct[labelled[-1] + 1 :]
            elif len(distinct) == len(unlabelled[0].cells) and not any(texts):
                entry = unlabelled[0]
                targets = distinct
            else:
                continue
            for cell, declared in zip(targets, entry.cells, strict=False):
                value = _declare.get(report.table, declared.key)
                cell.text = (
                    ""
                    if value is None
                    else format(value, "f")
                    if isinstance(value, Decimal)
                    else str(value)
                )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@_SLOW
@given(reports(template="2021", blanks=True))
def test_filled_template_reads_back(report: Report2021) -> None:
    """The template filled with any figures reads back to those figures."""
    assume(_engine.one_row_rules(report.table) is None)  # three （六） rows
    filled = _fill(sample_bytes(_BLANK), report)

    read = docx.parse(filled)

    assert report.table == read.table
    # ... the same figures as the report's pipe form gives.
    assert text.parse(text.render(report)).table == read.table


@_SLOW
@given(reports(blanks=True))
def test_render_round_trip(report: Report) -> None:
    """docx.parse(docx.render(r)) == r, for every template generation."""
    assert report == docx.parse(docx.render(report))


def test_render_keeps_the_template_merges() -> None:
    """Heading rows span the table; header cells are merged as printed."""
    import docx as python_docx  # noqa: PLC0415 - the test's own reader

    report = docx.parse(sample_bytes(_BLANK))
    document = python_docx.Document(io.BytesIO(docx.render(report)))
    table_two = document.tables[0]
    first = table_two.rows[0].cells
    assert 1 == len({c._tc for c in first})
    assert "第二十条第（一）项" == first[0].text


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04not a zip", b"", b"PK\x03\x04" + b"\x00" * 100],
)
def test_damaged(data: bytes) -> None:
    """A damaged document is a one-line input error."""
    with pytest.raises(ParseError) as info:
        docx.parse(data)
    assert "\n" not in str(info.value)


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without python-docx the error names the pip install line."""
    monkeypatch.setitem(sys.modules, "docx", None)  # not installed
    with pytest.raises(
        MissingExtraError, match=r'pip install "govdisclosure\[docx\]"'
    ):
        docx.parse(b"PK\x03\x04")


@settings(max_examples=8, deadline=None)
@given(reports(template="2021"))
def test_mutated_documents_give_a_report_or_our_error(
    report: Report2021,
) -> None:
    """Cut documents: a report or the library's error, never a traceback."""
    data = docx.render(report)
    for cut in (len(data) // 2, len(data) - 10, 100):
        with contextlib.suppress(GovDisclosureError):
            docx.parse(data[:cut])
