"""
Units: the pint registry, exact money, and the dimensional schema lint.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import attrs
import pint
import pytest
from hypothesis import given

from govdisclosure import (
    Meetings,
    Report2014,
    StatisticalTable,
    _declare,
    checks,
)
from govdisclosure.errors import UnitError
from govdisclosure.strategies import amounts
from govdisclosure.units import convert, quantity, registry, unit_of


class TestRegistry:
    def test_counting_units_are_distinct_dimensions(self) -> None:
        """Adding 条 to 件 raises a dimensionality error."""
        q = registry().Quantity

        with pytest.raises(pint.DimensionalityError):
            q(1, "条") + q(1, "件")

    def test_person_times(self) -> None:
        """300 人次 / 3 次 = 100 人."""
        q = registry().Quantity

        assert q(100, "人") == (q(300, "人次") / q(3, "次")).to("人")

    def test_money_is_one_dimension(self) -> None:
        """1 亿元 = 10000 万元 = 10^8 元, exactly."""
        q = registry().Quantity

        assert q(Decimal(10000), "万元") == q(Decimal(1), "亿元").to("万元")
        assert Decimal(100000000) == q(Decimal(1), "亿元").to("元").magnitude


class TestConvert:
    @given(amounts())
    def test_round_trip_is_exact(self, amount: Decimal) -> None:
        """万元 → 元 → 万元 gives back the same amount."""
        there = convert(amount, "万元", "元")

        assert amount == convert(there, "元", "万元")

    def test_huge_amount_is_exact(self) -> None:
        """Conversion never rounds, however many digits."""
        amount = Decimal("1234567890123456789012345678901234567.123456")

        expected = Decimal("12345678901234567890123456789012345671234.56")

        assert expected == convert(amount, "万元", "元")

    def test_unknown_unit(self) -> None:
        """Converting to a non-money unit is a UnitError."""
        with pytest.raises(UnitError, match="条"):
            convert(Decimal(1), "元", "条")


class TestQuantity:
    def test_cell_quantity(self) -> None:
        """quantity() gives a cell with its declared unit."""
        report = Report2014(
            title="T", table=StatisticalTable(meetings=Meetings(trainees=300))
        )

        assert registry().Quantity(300, "人次") == quantity(
            report, "meetings.trainees"
        )

    def test_blank_cell_has_no_quantity(self) -> None:
        """A blank cell gives None, not 0."""
        assert quantity(Report2014(title="T"), "fees") is None

    def test_unknown_key(self) -> None:
        """An unknown key is a UnitError naming it."""
        with pytest.raises(UnitError, match="nope"):
            unit_of(Report2014, "nope")


def _lint(rules: tuple[_declare.Rule, ...]) -> list[str]:
    """Add one of every operand's unit to the target's unit, with pint."""
    q = registry().Quantity
    problems = []
    for rule in rules:
        total = q(0, rule.target.unit)
        for op in rule.operands:
            try:
                total = total + q(1, op.unit)
            except pint.DimensionalityError:
                problems.append(f"{op.key} [{op.unit}] in {rule.target.key}")
    return problems


def test_every_declared_rule_adds_one_unit() -> None:
    """Schema lint: every rule compares cells of the target's dimension."""
    assert [] == _lint(checks.rules(Report2014))


def test_lint_catches_a_unit_mismatch() -> None:
    """The lint finds 条 summed into 件 in a deliberately broken table."""

    @attrs.frozen(kw_only=True)
    class Broken:
        total: int | None = _declare.count(
            "总计", "件", rule=_declare.Sum("X-1", ("posts", "cases"))
        )
        posts: int | None = _declare.count("公开信息数", "条")
        cases: int | None = _declare.count("案件数", "件")

    assert ["posts [条] in total"] == _lint(_declare.rules(Broken))


def test_import_does_not_load_pint() -> None:
    """`import govdisclosure` does not import pint (it is loaded on use)."""
    code = "import sys, govdisclosure; print('pint' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )

    assert "False" == out.stdout.strip()
