"""
Derived metrics, aggregation and comparison.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import (
    Organisation,
    Report,
    Report2014,
    Report2019,
    Report2021,
    StatisticalTable,
    _declare,
    text,
    units,
)
from govdisclosure._cli import main
from govdisclosure.analysis import Change, aggregate, compare
from govdisclosure.checks import BlankPolicy, Severity, check
from govdisclosure.errors import GovDisclosureError
from govdisclosure.metrics import METRICS, applicable, compute, value_of
from govdisclosure.strategies import reports

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TYPES: list[type[Report]] = [Report2014, Report2019, Report2021]


def _example(name: str) -> Report:
    return text.parse((EXAMPLES / name).read_text(encoding="utf-8"))


def _zero(report_type: type[Report]) -> Report:
    table_type = report_type.TABLE
    zeros = {k: 0 for k, c in _declare.cell_map(table_type).items()}
    for key, cell in _declare.cell_map(table_type).items():
        if cell.kind.value == "money":
            zeros[key] = Decimal(0)  # type: ignore[assignment]
    return report_type(title="零", table=_declare.build(table_type, zeros))


class TestCatalogue:
    @pytest.mark.parametrize("report_type", TYPES)
    def test_terms_are_cells(self, report_type: type[Report]) -> None:
        """Every term of every applicable metric names a declared cell."""
        cells = _declare.cell_map(report_type.TABLE)
        for metric in applicable(report_type):
            top, bottom = metric.terms(report_type.TABLE)
            assert top
            assert bottom
            assert {k for _, k in (*top, *bottom)} <= set(cells)

    @pytest.mark.parametrize("report_type", TYPES)
    def test_units_follow_from_the_cells(
        self, report_type: type[Report]
    ) -> None:
        """The declared unit is the numerator's unit over the denominator's."""
        ureg = units.registry()
        cells = _declare.cell_map(report_type.TABLE)
        for metric in applicable(report_type):
            top, bottom = metric.terms(report_type.TABLE)
            (num,) = {cells[k].unit for _, k in top}
            (den,) = {cells[k].unit for _, k in bottom}
            derived = ureg.Quantity(1, num) / ureg.Quantity(1, den)
            assert derived.to(metric.unit).magnitude == 1, metric.key

    def test_every_metric_applies_somewhere(self) -> None:
        """No metric is declared for a template that does not exist."""
        assert all(
            set(m.templates) <= {"2014", "2019", "2021"} for m in METRICS
        )
        assert len({m.key for m in METRICS}) == len(METRICS)


class TestValues:
    def test_pingtan_2021(self) -> None:
        """The rates of 平潭 2021, from domain.md §4.3's figures."""
        got = {v.key: v.value for v in compute(_example("pingtan-2021.txt"))}

        assert {
            "disclosure_rate": Fraction(30 + 5, 69),
            "withheld_rate": Fraction(1 + 6 + 1, 69),
            "unavailable_rate": Fraction(25, 69),
            "carry_over_rate": Fraction(1, 70 + 0),
            "organisation_share": Fraction(70 - 64, 70),
            "reconsideration_correction_rate": Fraction(0, 3 - 0),
            "litigation_correction_rate": Fraction(0, 12),
        } == got

    def test_zero_denominator_is_not_defined(self) -> None:
        """No 行政复议 at all: the rate is not defined, not 0 or 100 %."""
        report = _example("pingtan-2022.txt")
        empty = attrs.evolve(
            report,
            table=_declare.build(
                type(report.table),
                {
                    **_declare.values(report.table),
                    **{
                        f"appeals.reconsideration.{c}": 0
                        for c in (
                            "upheld",
                            "corrected",
                            "other",
                            "pending",
                            "total",
                        )
                    },
                },
            ),
        )

        value = value_of(empty, "reconsideration_correction_rate")

        assert (None, "zero denominator") == (value.value, value.reason)

    def test_blank_follows_the_policy(self) -> None:
        """A blank cell: not defined by default, read as 0 under ZERO."""
        report = Report2014(
            title="T",
            table=StatisticalTable(
                organisation=Organisation(staff=4, budget=Decimal("2.5"))
            ),
        )

        assert "blank cell" == value_of(report, "on_time_rate").reason
        assert Fraction(5, 8) == value_of(report, "budget_per_staff").value
        zero = value_of(report, "items_per_staff", blank=BlankPolicy.ZERO)
        assert Fraction(0) == zero.value

    def test_quantity_carries_the_unit(self) -> None:
        """The pint quantity converts: 万元/人 to 元/人 exactly."""
        report = Report2014(
            title="T",
            table=StatisticalTable(
                organisation=Organisation(staff=4, budget=Decimal("2.5"))
            ),
        )

        q = value_of(report, "budget_per_staff").quantity()

        assert q is not None
        assert Decimal(6250) == q.to("元/人").magnitude

    def test_unknown_metric(self) -> None:
        """A metric of another template is a KeyError."""
        with pytest.raises(KeyError):
            value_of(_example("pingtan-2021.txt"), "on_time_rate")


@given(reports())
def test_rates_lie_between_0_and_1(report: Report) -> None:
    """On a consistent report every defined rate is in [0, 1]."""
    for v in compute(report):
        if v.metric.rate and v.value is not None:
            assert 0 <= v.value <= 1, v.key


@given(reports(template="2014"), st.integers(1, 10**6))
def test_money_in_yuan_gives_the_same_metric(
    report: Report2014, staff: int
) -> None:
    """Budget per staff is the same whether the budget is read in 元 or 万元."""
    org = attrs.evolve(report.table.organisation, staff=staff)
    report = attrs.evolve(
        report, table=attrs.evolve(report.table, organisation=org)
    )
    budget = report.table.organisation.budget
    assert budget is not None

    per_staff = value_of(report, "budget_per_staff").quantity()
    assert per_staff is not None

    in_yuan = units.convert(budget, "万元", "元") / staff
    assert abs(per_staff.to("元/人").magnitude - in_yuan) <= Decimal("1e-6")


class TestAggregate:
    @given(
        st.sampled_from(["2014", "2019", "2021"]).flatmap(
            lambda t: st.lists(reports(template=t), min_size=1, max_size=4)
        )
    )
    def test_aggregate_of_valid_is_valid(self, listed: list[Report]) -> None:
        """Summing consistent reports gives a consistent report."""
        total = aggregate(listed)

        assert [] == [
            f
            for f in check(total, narrative=False)
            if f.severity is not Severity.NOT_EVALUABLE
        ]

    @given(
        st.sampled_from(["2014", "2019", "2021"]).flatmap(
            lambda t: st.lists(
                reports(template=t, blanks=True), min_size=3, max_size=3
            )
        ),
        st.sampled_from(list(BlankPolicy)),
    )
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def test_associative_and_commutative(
        self, listed: list[Report], blank: BlankPolicy
    ) -> None:
        """(a+b)+c = a+(b+c) = c+b+a, blanks included."""
        a, b, c = listed
        whole = aggregate([a, b, c], blank=blank).table

        assert (
            whole
            == aggregate(
                [aggregate([a, b], blank=blank), c], blank=blank
            ).table
        )
        assert (
            whole
            == aggregate(
                [a, aggregate([b, c], blank=blank)], blank=blank
            ).table
        )
        assert whole == aggregate([c, b, a], blank=blank).table

    @given(reports())
    def test_zero_report_is_neutral(self, report: Report) -> None:
        """Adding an all-zero report changes no cell."""
        assert report.table == aggregate([report, _zero(type(report))]).table

    @given(reports(template="2021"), reports(template="2021"))
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def test_money_is_exact(self, a: Report2021, b: Report2021) -> None:
        """Fees add up exactly (Decimal, no rounding)."""
        fa = a.proactive.fees.administrative_fees.amount
        fb = b.proactive.fees.administrative_fees.amount
        assert fa is not None
        assert fb is not None

        total = aggregate([a, b]).proactive.fees.administrative_fees.amount

        assert fa + fb == total

    def test_blank_policy(self) -> None:
        """Blank + 5 is blank by default, 5 under ZERO."""
        a = Report2014(title="A", table=StatisticalTable(complaints=5))
        b = Report2014(title="B")

        assert aggregate([a, b]).table.complaints is None
        assert 5 == aggregate([a, b], blank=BlankPolicy.ZERO).table.complaints

    def test_templates_must_match(self) -> None:
        """A 2019 and a 2021 report are not summed."""
        with pytest.raises(GovDisclosureError, match="different templates"):
            aggregate(
                [
                    _example("shanghai-office-2019.txt"),
                    _example("pingtan-2021.txt"),
                ]
            )
        with pytest.raises(GovDisclosureError, match="at least one"):
            aggregate([])


class TestCompare:
    def test_pingtan_years(self) -> None:
        """新收 70 → 74: +4, +5.7 %; metrics compared too."""
        result = compare(
            _example("pingtan-2021.txt"), _example("pingtan-2022.txt")
        )

        change = result.cell("applications.received.total")
        assert (70, 74, 4, Fraction(4, 70)) == (
            change.change.before,
            change.change.after,
            change.change.change,
            change.change.relative,
        )
        assert (
            "一、本年新收政府信息公开申请数量·总计较上年上升5.7%"
            == change.describe()
        )
        rate = result.metric("disclosure_rate")
        assert (Fraction(35, 69), Fraction(30, 75)) == (
            rate.before,
            rate.after,
        )

    def test_zero_base_is_not_defined(self) -> None:
        """From 0 the relative change is not defined; the phrase says so."""
        change = Change.of(0, 5)

        assert change.relative is None
        assert "甲较上年增加5（上年为0）" == change.phrase("甲")
        assert "甲与上年持平" == Change.of(3, 3).phrase("甲")
        assert "甲较上年下降50.0%" == Change.of(4, 2).phrase("甲")

    def test_across_templates(self) -> None:
        """2019 vs 2021: the shared cells (table 三 but （六）) are compared."""
        result = compare(
            _example("shanghai-office-2019.txt"), _example("pingtan-2021.txt")
        )
        keys = {c.key for c in result.cells}

        assert "applications.received.natural_person" in keys
        assert "applications.other.natural_person" not in keys
        assert "proactive.fees.administrative_fees.amount" not in keys


class TestCommandLine:
    def test_json(self) -> None:
        """metrics FILE: one object per metric with the contract keys."""
        out = io.StringIO()

        assert 0 == main(
            ["metrics", str(EXAMPLES / "pingtan-2021.txt")], stdout=out
        )

        first = json.loads(out.getvalue())[0]
        assert {"key", "name_zh", "name_en", "value", "unit"} <= set(first)
        assert ("disclosure_rate", "公开率", "1") == (
            first["key"],
            first["name_zh"],
            first["unit"],
        )
        # 35/69 does not terminate: 12 decimals, and the exact fraction.
        assert ("0.507246376812", "35/69") == (
            first["value"],
            first["fraction"],
        )

    def test_csv_and_not_defined(self) -> None:
        """--format csv; a metric that is not defined has an empty value."""
        out = io.StringIO()

        main(
            [
                "metrics",
                "--format",
                "csv",
                str(EXAMPLES / "zhuhui-2019-table.txt"),
            ],
            stdout=out,
        )

        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert ["file", "key", "name_zh", "name_en", "value", "unit"] == list(
            rows[0]
        )
        by_key = {r["key"]: r for r in rows}
        assert "1" == by_key["on_time_rate"]["value"]
        assert "100" == by_key["trainees_per_session"]["value"]


class TestChangeEdges:
    def test_blank_is_not_compared(self) -> None:
        """A blank on either side: no change, no relative change."""
        change = Change.of(None, 5)

        assert (None, None) == (change.change, change.relative)
        assert change.percent() is None
        assert "甲无法比较（存在空白）" == change.phrase("甲")

    def test_unknown_keys(self) -> None:
        """Cells or metrics not in both reports are a KeyError."""
        result = compare(
            _example("pingtan-2021.txt"), _example("pingtan-2022.txt")
        )

        with pytest.raises(KeyError):
            result.cell("applications.nope")
        with pytest.raises(KeyError):
            result.metric("on_time_rate")

    def test_metric_without_value(self) -> None:
        """A metric that is not defined has no decimal and no quantity."""
        value = value_of(Report2014(title="T"), "online_share")

        assert (None, None, "blank cell") == (
            value.decimal(),
            value.quantity(),
            value.reason,
        )


def test_metrics_command_bad_file(tmp_path: Path) -> None:
    """metrics on an unreadable file: exit 2, the others still computed."""
    out, err = io.StringIO(), io.StringIO()

    status = main(
        [
            "metrics",
            str(tmp_path / "missing.txt"),
            str(EXAMPLES / "pingtan-2021.txt"),
        ],
        stdout=out,
        stderr=err,
    )

    assert 2 == status
    assert "missing.txt" in err.getvalue()
    assert {"pingtan-2021.txt"} == {
        Path(row["file"]).name for row in json.loads(out.getvalue())
    }
