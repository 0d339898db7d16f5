"""
The checks engine: rules from declarations, findings as data.
"""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    Applications,
    Organisation,
    Report,
    Report2014,
    StatisticalTable,
    _declare,
    _engine,
    text,
)
from govdisclosure.checks import (
    BlankPolicy,
    Finding,
    RuleKind,
    Severity,
    check,
    derive_totals,
    rules,
)
from govdisclosure.strategies import reports
from tests.conftest import rule_findings


def _with(report: Report, key: str, value: object) -> Report:
    values = _declare.values(report.table)
    values[key] = value  # type: ignore[assignment]
    table = _declare.build(type(report.table), values)
    return attrs.evolve(report, table=table)


def _int(report: Report, key: str) -> int:
    value = _declare.get(report.table, key)
    assert isinstance(value, int)
    return value


def _errors(found: tuple[Finding, ...]) -> list[Finding]:
    """
    The findings of the rules (errors and warnings) but B-1 and S-1.
    """
    return [
        f
        for f in rule_findings(found)
        if f.severity is not Severity.NOT_EVALUABLE
    ]


class TestSample:
    def test_zhuhui_replies(self, zhuhui: str) -> None:
        """On 珠晖 2019 the only error is 申请答复数 0 vs its parts 4 + 1."""
        found = check(text.parse(zhuhui))

        assert [("O-3", Severity.ERROR, 5, 0, -5)] == [
            (f.rule, f.severity, f.expected, f.actual, f.difference)
            for f in found
            if f.severity is Severity.ERROR
        ]
        target, *parts = found[0].cells
        assert ("applications.replies", "（三）申请答复数") == (
            target.key,
            target.label,
        )
        assert {
            "applications.granted": 4,
            "applications.partly_granted": 1,
        } == {c.key: c.value for c in parts if c.value}
        assert "申请答复数" in found[0].message_zh
        assert "applications.replies" in found[0].message_en


class TestRules:
    def test_catalogue(self) -> None:
        """O-1 … O-9 are declared with the documented shapes."""
        shape = {(r.id, r.kind, r.target.key) for r in rules(Report2014)}

        assert {
            ("O-1", RuleKind.SUM, "applications.received"),
            ("O-2", RuleKind.SUM, "applications.concluded"),
            ("O-3", RuleKind.SUM, "applications.replies"),
            ("O-4", RuleKind.SUM, "applications.refusals.total"),
            ("O-5", RuleKind.SUM, "reconsideration.total"),
            ("O-6", RuleKind.SUM, "litigation.total"),
            ("O-7", RuleKind.SUM, "organisation.staff"),
            ("O-8", RuleKind.SUBSET, "proactive.normative_documents"),
            (
                "O-8",
                RuleKind.SUBSET,
                "responses.channels.press_conferences_by_leaders",
            ),
            (
                "O-8",
                RuleKind.SUBSET,
                "responses.channels.online_interviews_by_leaders",
            ),
            ("O-9", RuleKind.DEDUP, "proactive.items"),
        } == shape

    def test_dedup_is_a_warning(self) -> None:
        """Channels below the de-duplicated total is only a warning."""
        report: Report = Report2014(title="T")
        report = _with(report, "proactive.items", 10)
        for channel in ("gazette", "website", "weibo", "wechat", "other"):
            report = _with(report, f"proactive.channels.{channel}", 1)

        (finding,) = _errors(check(report))

        assert ("O-9", Severity.WARNING, 5, 10) == (
            finding.rule,
            finding.severity,
            finding.expected,
            finding.actual,
        )


class TestBlankPolicy:
    def test_blank_operand_is_not_evaluable(self) -> None:
        """By default a blank part makes the rule not evaluable."""
        report = Report2014(
            title="T",
            table=StatisticalTable(
                organisation=Organisation(staff=5, full_time=5)
            ),
        )

        (finding,) = [f for f in check(report) if f.rule == "O-7"]

        assert (Severity.NOT_EVALUABLE, None) == (
            finding.severity,
            finding.expected,
        )
        assert "2.兼职人员数" in finding.message_zh

    def test_blank_as_zero(self) -> None:
        """With BlankPolicy.ZERO the same report passes."""
        report = Report2014(
            title="T",
            table=StatisticalTable(
                organisation=Organisation(staff=5, full_time=5)
            ),
        )

        assert () == rule_findings(check(report, blank=BlankPolicy.ZERO))
        assert all(
            f.severity is Severity.NOT_EVALUABLE
            for f in rule_findings(check(report))
        )

    def test_blank_as_zero_can_fail(self) -> None:
        """With BlankPolicy.ZERO a blank total with parts is an error."""
        report = Report2014(
            title="T",
            table=StatisticalTable(applications=Applications(fax=2)),
        )

        (finding,) = rule_findings(check(report, blank=BlankPolicy.ZERO))

        assert ("O-1", 2, 0) == (
            finding.rule,
            finding.expected,
            finding.actual,
        )


@given(reports())
def test_valid_reports_pass(report: Report) -> None:
    """Generated valid reports pass every check."""
    assert () == check(report)


@given(reports(blanks=True))
def test_valid_reports_with_blanks_are_never_wrong(report: Report) -> None:
    """With blanks: no failure, under either policy."""
    assert [] == _errors(check(report))
    assert () == rule_findings(check(report, blank=BlankPolicy.ZERO))


@given(reports(), st.data())
def test_corrupting_a_cell_is_caught(
    report: Report, data: st.DataObject
) -> None:
    """Corrupting any cell that takes part in a rule breaks that rule."""
    active = _engine.one_row_rules(report.table) or rules(type(report))
    rule = data.draw(st.sampled_from(active))
    cell = data.draw(
        st.sampled_from((rule.target, *rule.operands, *rule.others))
    )
    value = _declare.get(report.table, cell.key)
    assert isinstance(value, int)
    if rule.kind in (RuleKind.SUM, RuleKind.BALANCE):
        delta = data.draw(st.integers(1, 1000))
        new = (
            value - delta
            if value >= delta and data.draw(st.booleans())
            else value + delta
        )
    elif cell is rule.target:
        bound = sum(_int(report, c.key) for c in rule.operands)
        new = bound + data.draw(st.integers(1, 1000))
    else:
        # Lowering an operand below the target breaks an upper bound.
        target = _declare.get(report.table, rule.target.key)
        assert isinstance(target, int)
        others = sum(
            _int(report, c.key) for c in rule.operands if c is not cell
        )
        if target <= others:
            new = value  # no single lowering of this operand can break it
        else:
            new = data.draw(st.integers(0, target - others - 1))
    corrupted = _with(report, cell.key, new)

    found = {(f.rule, f.cells[0].key) for f in check(corrupted)}

    if new != value:
        assert (rule.id, rule.target.key) in found


@given(reports(template="2014"))
def test_check_does_not_change_the_report(report: Report2014) -> None:
    """check() leaves the report as it was."""
    before = attrs.evolve(report)

    check(_with(report, "applications.received", 10**9))

    assert before == report


class TestDeriveTotals:
    @given(reports(blanks=True))
    def test_idempotent(self, report: Report) -> None:
        """Deriving twice is deriving once."""
        once = derive_totals(report)

        assert once == derive_totals(once)

    @given(reports(), st.data())
    def test_repairs_any_total(
        self, report: Report, data: st.DataObject
    ) -> None:
        """Whatever the printed totals, the derived report checks clean."""
        # The rules of the form the report is in: （六）其他处理 printed as
        # one row has that row's rules instead of the three rows'.
        active = _engine.one_row_rules(report.table) or rules(type(report))
        sums = [r for r in active if r.kind is RuleKind.SUM]
        for rule in sums:
            report = _with(
                report, rule.target.key, data.draw(st.integers(0, 99))
            )

        assert () == check(derive_totals(report))

    def test_sample(self, zhuhui: str) -> None:
        """On 珠晖 2019 the derived 申请答复数 is 5 and nothing else moves."""
        report = text.parse(zhuhui, template="2014")

        derived = derive_totals(report)

        assert isinstance(derived, Report2014)
        assert 5 == derived.table.applications.replies
        assert _with(report, "applications.replies", 5) == derived
