"""
The public Hypothesis strategies yield what they promise.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given

from govdisclosure import (
    ExtraRow,
    Report2014,
    StatisticalTable,
    _declare,
    _lexer,
)
from govdisclosure.checks import BlankPolicy, check
from govdisclosure.strategies import (
    amounts,
    counts,
    extra_rows,
    sections,
    tables,
)
from tests.conftest import rule_findings


@given(counts())
def test_counts_are_non_negative_ints(value: int) -> None:
    """counts() gives non-negative ints."""
    assert type(value) is int
    assert value >= 0


@given(amounts())
def test_amounts_are_exact_and_short(value: Decimal) -> None:
    """amounts() gives non-negative Decimals with at most 8 decimals (held
    with an exponent of at most 3: 1E+3)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    assert value >= 0
    assert -8 <= exponent <= 3


@given(tables(blanks=True))
def test_tables_hold_under_blank_as_zero(table: StatisticalTable) -> None:
    """tables(blanks=True) never breaks a rule, blanks read as 0."""
    report = Report2014(title="T", table=table)

    assert () == rule_findings(check(report, blank=BlankPolicy.ZERO))


@given(tables())
def test_tables_have_no_blanks(table: StatisticalTable) -> None:
    """tables() fills every cell."""
    assert None not in _declare.values(table).values()


@given(extra_rows())
def test_extra_rows_are_unknown(row: ExtraRow) -> None:
    """extra_rows() never uses a label the schema knows."""
    assert _lexer.label_key(row.label) not in _lexer.candidates(
        StatisticalTable
    )


@given(sections())
def test_sections_are_headings(section: object) -> None:
    """sections() headings are numbered like 三、…."""
    assert _lexer.is_heading_line(section.heading)  # type: ignore[attr-defined]
