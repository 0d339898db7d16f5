"""
The auditor's checks: the culprit, money intervals, cross-year rules,
narrative claims, rule counts and the rule catalogue.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govdisclosure import (
    Report,
    Report2014,
    Report2019,
    Report2021,
    _declare,
    _engine,
    cells,
    checks,
    text,
)
from govdisclosure._cli import main
from govdisclosure._declare import Sum, money
from govdisclosure.checks import (
    BlankPolicy,
    RuleKind,
    Severity,
    check,
    check_pair,
    check_series,
    run,
)
from govdisclosure.strategies import amounts, reports
from tests.conftest import rule_findings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _example(name: str) -> Report2019 | Report2021:
    report = text.parse((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(report, Report2019 | Report2021)
    return report


def _with(report: Report, key: str, value: object) -> Report:
    values = _declare.values(report.table)
    values[key] = value  # type: ignore[assignment]
    return attrs.evolve(
        report, table=_declare.build(type(report.table), values)
    )


def _changed(value: int, data: st.DataObject) -> int:
    delta = data.draw(st.integers(1, 1000))
    lower = value >= delta and data.draw(st.booleans())
    return value - delta if lower else value + delta


def _equality_errors(report: Report) -> list[checks.Finding]:
    kinds = {r.id: r.kind for r in checks.rules(type(report))}
    return [
        f
        for f in check(report, narrative=False)
        if f.severity is Severity.ERROR
        and kinds.get(f.rule) in (RuleKind.SUM, RuleKind.BALANCE)
    ]


class TestCulprit:
    @given(reports(), st.data())
    def test_never_blames_another_cell(
        self, report: Report, data: st.DataObject
    ) -> None:
        """One corrupted cell: the culprit is that cell, or it is a suspect."""
        active = _engine.one_row_rules(report.table) or checks.rules(
            type(report)
        )
        ruled = sorted(
            {c.key for r in active for c in (r.target, *r.operands, *r.others)}
        )
        key = data.draw(st.sampled_from(ruled))
        value = _declare.get(report.table, key)
        assert isinstance(value, int)
        corrupted = _with(report, key, _changed(value, data))

        errors = _equality_errors(corrupted)

        assume(errors)
        for f in errors:
            if f.culprit is not None:
                assert (key, value) == (f.culprit.key, f.culprit.suggested)
            else:
                assert key in {c.key for c in f.suspects}

    @given(reports(template="2019") | reports(template="2021"), st.data())
    def test_table_three_cell_is_pinpointed(
        self, report: Report, data: st.DataObject
    ) -> None:
        """A wrong cell of table 三 breaks a row and a column rule: named."""
        # The cells of the form the report is in (（六）其他处理 as one row
        # or as the template's three rows).
        active = _engine.one_row_rules(report.table) or checks.rules(
            type(report)
        )
        ruled = {c.key for r in active for c in (r.target, *r.operands)}
        grid = [
            c
            for c in cells(type(report))
            if c.key.startswith("applications.") and c.key in ruled
        ]
        cell = data.draw(st.sampled_from(grid))
        value = _declare.get(report.table, cell.key)
        assert isinstance(value, int)
        corrupted = _with(report, cell.key, _changed(value, data))

        errors = _equality_errors(corrupted)

        assert len(errors) >= 2
        for f in errors:
            assert f.culprit is not None
            assert (cell.key, cell.column, value) == (
                f.culprit.key,
                f.culprit.column,
                f.culprit.suggested,
            )

    def test_table_four_cell_is_not_guessed(self) -> None:
        """One wrong cell of a T4 block: two cells explain it equally."""
        report = _with(
            _example("pingtan-2021.txt"), "appeals.reconsideration.other", 5
        )

        (finding,) = _equality_errors(report)

        assert finding.culprit is None
        # 维持 1, 纠正 0, 尚未审结 0 cannot go down by 3; 其他 and 总计 can.
        assert [
            "appeals.reconsideration.other",
            "appeals.reconsideration.total",
        ] == [c.key for c in finding.suspects]

    def test_cli_json_carries_the_culprit(self, tmp_path: Path) -> None:
        """check --format json: "culprit" with key, label, value, suggested."""
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        path = tmp_path / "r.txt"
        path.write_text(
            source.replace(
                "| 7.属于行政执法案卷 | 6 | 0 |",
                "| 7.属于行政执法案卷 | 9 | 0 |",
            ),
            encoding="utf-8",
        )
        out = io.StringIO()

        assert 1 == main(["check", "--format", "json", str(path)], stdout=out)

        found = json.loads(out.getvalue())
        assert {"T3-C", "T3-D"} == {
            f["rule"] for f in found if f["severity"] == "error"
        }
        assert {
            "key": "applications.withheld.enforcement_files.natural_person",
            "label": "7.属于行政执法案卷",
            "column": "自然人",
            "value": 9,
            "suggested": 6,
        } == found[0]["culprit"]


@attrs.frozen(kw_only=True)
class _Budget:
    """A test table: money parts and their total."""

    total: Decimal | None = money(
        "合计", "万元", rule=Sum("M-1", ("a", "b", "c"))
    )
    a: Decimal | None = money("甲", "万元")
    b: Decimal | None = money("乙", "万元")
    c: Decimal | None = money("丙", "万元")


def _money_errors(**values: Decimal) -> list[str]:
    outcome = _engine.evaluate(_Budget(**values), BlankPolicy.UNKNOWN)
    return [f.rule for f in outcome.findings]


class TestMoney:
    def test_rounded_total_is_consistent(self) -> None:
        """1.005 + 2.004 + 0 printed as a total of 3.01: within the interval."""
        parts = {
            "a": Decimal("1.005"),
            "b": Decimal("2.004"),
            "c": Decimal("0.000"),
        }

        assert [] == _money_errors(total=Decimal("3.01"), **parts)
        assert ["M-1"] == _money_errors(total=Decimal("3.02"), **parts)

    def test_counts_stay_exact(self) -> None:
        """No tolerance for counts: 1 off is an error."""
        report = _with(
            _example("pingtan-2021.txt"), "appeals.reconsideration.total", 4
        )

        assert ["T4-A"] == [f.rule for f in _equality_errors(report)]

    @given(
        st.lists(amounts(), min_size=3, max_size=3),
        st.lists(st.integers(0, 4), min_size=4, max_size=4),
    )
    def test_printed_roundings_of_exact_values_pass(
        self, parts: list[Decimal], places: list[int]
    ) -> None:
        """Exact parts and total, each printed rounded: never an error."""
        exact = [sum(parts, Decimal(0)), *parts]
        printed = [
            v.quantize(Decimal(1).scaleb(-p))
            for v, p in zip(exact, places, strict=True)
        ]
        total, a, b, c = printed

        assert [] == _money_errors(total=total, a=a, b=b, c=c)

    @given(st.lists(amounts(), min_size=3, max_size=3), st.integers(0, 4))
    def test_off_by_more_than_the_slack_fails(
        self, parts: list[Decimal], places: int
    ) -> None:
        """A total further off than the printed precision allows is an error."""
        a, b, c = (v.quantize(Decimal(1).scaleb(-places)) for v in parts)
        unit = Decimal(1).scaleb(-places)
        total = a + b + c + 3 * unit  # slack is 4 half-units = 2 units

        assert ["M-1"] == _money_errors(total=total, a=a, b=b, c=c)


class TestCrossYear:
    def test_pingtan_2021_to_2022_holds(self) -> None:
        """T3-E and T2-A hold between the two real reports."""
        y1, y2 = _example("pingtan-2021.txt"), _example("pingtan-2022.txt")

        assert () == check_pair(y1, y2)
        assert () == check_series([y2, y1])

    def test_carried_in_must_match(self) -> None:
        """A 上年结转 that differs from last year's 结转下年度 is an error."""
        y1 = _example("pingtan-2021.txt")
        y2: Report = _example("pingtan-2022.txt")
        for column in ("natural_person", "total"):
            y2 = _with(y2, f"applications.carried_in.{column}", 0)

        found = [f for f in check_series([y1, y2]) if f.rule == "T3-E"]

        assert [("自然人", 1, 0), ("总计", 1, 0)] == [
            (f.cells[0].column, f.expected, f.actual) for f in found
        ]
        assert {Severity.ERROR} == {f.severity for f in found}
        assert [(2022, 2021)] == [
            (f.cells[0].year, f.cells[1].year) for f in found[:1]
        ]

    def test_stock_and_flow_is_a_warning(self) -> None:
        """现行有效件数 off by 2 from 665 + 88 - 55: a T2-A warning."""
        y1 = _example("pingtan-2021.txt")
        y2 = _with(
            _example("pingtan-2022.txt"),
            "proactive.regulations.normative.in_force",
            700,
        )

        (finding,) = check_pair(y1, y2)

        assert ("T2-A", Severity.WARNING, 698, 700) == (
            finding.rule,
            finding.severity,
            finding.expected,
            finding.actual,
        )

    def test_item_continuity_2019(self) -> None:
        """2019 template: 上一年项目数量 = last year's + 本年增/减 (warning)."""
        y1: Report = _example("shanghai-office-2019.txt")
        y1 = _with(y1, "proactive.enforcement.penalties.previous_items", 30)
        y1 = _with(y1, "proactive.enforcement.penalties.change", -18)
        y2 = attrs.evolve(y1, title=y1.title.replace("2019", "2020"))
        y2 = _with(y2, "proactive.enforcement.penalties.previous_items", 12)

        found = [f for f in check_pair(y1, y2) if f.rule == "T2-C"]

        # Only the row whose figures moved is off: 12 = 30 - 18 holds there,
        # and every other row had 0 + 0.
        assert [] == found
        y3 = _with(y2, "proactive.enforcement.penalties.previous_items", 13)
        (finding,) = [f for f in check_pair(y1, y3) if f.rule == "T2-C"]
        assert (Severity.WARNING, 12, 13) == (
            finding.severity,
            finding.expected,
            finding.actual,
        )

    def test_only_same_body_and_consecutive_years(self) -> None:
        """Other bodies and gaps of more than a year are not compared."""
        y1 = _example("pingtan-2021.txt")
        other = attrs.evolve(
            _example("pingtan-2022.txt"),
            title="某区2022年度政府信息公开工作年度报告",
        )
        later = attrs.evolve(
            _example("pingtan-2022.txt"),
            title="平潭综合实验区2023年度政府信息公开工作年度报告",
        )

        assert [] == checks.consecutive([y1, other, later])

    def test_cli_runs_cross_year_checks(self, tmp_path: Path) -> None:
        """check FILE FILE: consecutive reports of one body are compared."""
        bad = tmp_path / "2022.txt"
        bad.write_text(
            (EXAMPLES / "pingtan-2022.txt").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        # 2021 now carries 2 applications over (and received one more).
        first = tmp_path / "2021.txt"
        first.write_text(
            (EXAMPLES / "pingtan-2021.txt")
            .read_text(encoding="utf-8")
            .replace(
                "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
                "| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            )
            .replace(
                "| 一、本年新收政府信息公开申请数量 | 64 |",
                "| 一、本年新收政府信息公开申请数量 | 65 |",
            )
            .replace("| 4 | 70 |", "| 4 | 71 |"),
            encoding="utf-8",
        )
        out = io.StringIO()

        status = main(
            ["check", "--format", "json", str(bad), str(first)], stdout=out
        )

        found = json.loads(out.getvalue())
        t3e = [f for f in found if f["rule"] == "T3-E"]
        assert 1 == status
        assert {(str(bad), str(first))} == {
            (f["file"], f["previous_file"]) for f in t3e
        }
        assert ["自然人", "总计"] == [f["cells"][0]["column"] for f in t3e]


class TestNarrative:
    def test_zhuhui(self, zhuhui: str) -> None:
        """珠晖 2019: 热点回应 6256 vs 6261 and 微信回应 16 vs 28."""
        found = [
            f for f in check(text.parse(zhuhui)) if f.sentence is not None
        ]

        assert [
            ("N-2", "responses.hot_topics", 6261, 6256),
            ("N-3", "responses.channels.weibo_wechat", 28, 16),
        ] == [(f.rule, f.cells[0].key, f.expected, f.actual) for f in found]
        assert "6256次" in str(found[0].sentence)
        assert {Severity.WARNING} == {f.severity for f in found}

    def test_received_may_include_carried_in(self) -> None:
        """平潭 2022 says 75 for 新收 74 + 上年结转 1: not a mismatch."""
        assert () == rule_findings(check(_example("pingtan-2022.txt")))

    def test_mismatch_names_sentence_and_cell(self) -> None:
        """A narrative count that matches no reading is a warning."""
        report = _example("pingtan-2021.txt")
        first = report.sections[0]
        changed = attrs.evolve(
            report,
            sections=(
                attrs.evolve(
                    first, body=first.body.replace("收到70件", "收到72件")
                ),
                *report.sections[1:],
            ),
        )

        (finding,) = rule_findings(check(changed))

        assert ("N-4", 70, 72) == (
            finding.rule,
            finding.expected,
            finding.actual,
        )
        assert "收到72件申请" in str(finding.sentence)
        assert () == rule_findings(check(changed, narrative=False))

    def test_blank_cells_make_no_claim(self) -> None:
        """A claim about a blank cell says nothing (nothing is guessed)."""
        report = Report2014(
            title="某区2019年政府信息公开工作年度报告",
            preamble="本年共收到申请5件。",
        )

        assert [] == [f for f in check(report) if f.sentence is not None]


class TestCounts:
    def test_shanghai(self) -> None:
        """上海 2019: the blank 总计 cells make rules not evaluable."""
        result = run(_example("shanghai-office-2019.txt"))

        assert (40, 2, 0, 38) == (
            result.rules,
            result.passed,
            result.failed,
            result.not_evaluable,
        )
        zero = run(
            _example("shanghai-office-2019.txt"), blank=BlankPolicy.ZERO
        )
        assert (40, 28, 12, 0) == (
            zero.rules,
            zero.passed,
            zero.failed,
            zero.not_evaluable,
        )

    @given(reports(blanks=True), st.sampled_from(list(BlankPolicy)))
    def test_counts_add_up(self, report: Report, blank: BlankPolicy) -> None:
        """passed + failed + not evaluable = the report type's rules."""
        result = run(report, blank=blank)
        declared = len(checks.rules(type(report)))
        if isinstance(report, Report2021) and _one_row(report):
            # （六）其他处理 printed as one row: its one row-rule (T3-D)
            # replaces those of the three rows.
            declared -= 2

        assert result.rules == declared
        assert (
            result.rules
            == result.passed + result.failed + result.not_evaluable
        )
        assert result.not_evaluable == sum(
            1 for f in result.findings if f.severity is Severity.NOT_EVALUABLE
        )


class TestCatalogue:
    def test_every_rule_is_described(self) -> None:
        """RULES lists every declared rule id, each with both descriptions."""
        declared = {
            r.id
            for t in (Report2014, Report2019, Report2021)
            for r in checks.rules(t)
        }
        listed = {r.id for r in checks.RULES}

        assert declared <= listed
        assert {"T3-E", "T2-A", "T2-C", "N-1", "N-4", "N-6"} <= listed
        assert all(r.description_zh and r.description_en for r in checks.RULES)

    @pytest.mark.parametrize(
        ("rule", "severity", "templates"),
        [
            ("O-9", Severity.WARNING, ("2014",)),
            ("T3-A", Severity.ERROR, ("2019", "2021")),
            ("T3-E", Severity.ERROR, ("2019", "2021")),
            ("T2-A", Severity.WARNING, ("2021",)),
            ("N-4", Severity.WARNING, ("2014", "2019", "2021")),
        ],
    )
    def test_entries(
        self, rule: str, severity: Severity, templates: tuple[str, ...]
    ) -> None:
        """Severity and template generations come from the declarations."""
        (info,) = [r for r in checks.RULES if r.id == rule]

        assert (severity, templates) == (info.severity, info.templates)


def _one_row(report: Report2021) -> bool:
    """Whether （六）其他处理 is printed as one row (with figures)."""
    apps = report.applications
    own = attrs.astuple(apps.other_total)
    rows = attrs.astuple(apps.other)
    return any(v is not None for v in own) and all(
        v is None for group in rows for v in group
    )
