"""
The national templates (2019 and 2021): schema, checks, the pipe form, the
real transcriptions of domain.md §4 and the properties.
"""

from __future__ import annotations

import collections
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    ApplicantCounts,
    Applications2021,
    GridRow,
    NationalTable2021,
    Report,
    Report2014,
    Report2019,
    Report2021,
    Scope,
    _declare,
    _engine,
    cells,
    checks,
    serialization,
    text,
)
from govdisclosure.checks import (
    BlankPolicy,
    Finding,
    RuleKind,
    Severity,
    check,
    rules,
)
from govdisclosure.errors import ParseError
from govdisclosure.strategies import reports
from tests.conftest import rule_findings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

#: Table 三's columns in template order (domain.md §2.3).
COLUMNS = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]


def _example(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def _national(source: str) -> Report2019 | Report2021:
    report = text.parse(source)
    assert isinstance(report, Report2019 | Report2021)
    return report


def _errors(found: tuple[Finding, ...]) -> list[Finding]:
    """
    The findings of the rules (errors and warnings) but B-1 and S-1.
    """
    return [
        f
        for f in rule_findings(found)
        if f.severity is not Severity.NOT_EVALUABLE
    ]


def _with(report: Report, key: str, value: object) -> Report:
    values = _declare.values(report.table)
    values[key] = value  # type: ignore[assignment]
    return attrs.evolve(
        report, table=_declare.build(type(report.table), values)
    )


class TestSchema:
    @pytest.mark.parametrize(
        ("report_type", "rows"), [(Report2019, 23), (Report2021, 26)]
    )
    def test_table_three_has_every_row_and_column(
        self, report_type: type[Report], rows: int
    ) -> None:
        """Table 三: 23 rows (2019) or 25 (2021) and the one-row （六）
        其他处理 some 2021 reports print × the 7 columns."""
        found = [
            c for c in cells(report_type) if c.key.startswith("applications.")
        ]

        assert rows * 7 == len(found)
        assert COLUMNS == [c.column for c in found[:7]]

    @pytest.mark.parametrize("report_type", [Report2019, Report2021])
    def test_table_four_is_fifteen_cells(
        self, report_type: type[Report]
    ) -> None:
        """Table 四: 复议 ×5, 直接起诉 ×5, 复议后起诉 ×5, in template order."""
        found = [c for c in cells(report_type) if c.key.startswith("appeals.")]

        assert [
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ] * 3 == [c.column for c in found]

    @pytest.mark.parametrize(
        ("report_type", "counts"),
        [
            (
                Report2019,
                {"T3-A": 7, "T3-C": 7, "T3-D": 23, "T4-A": 1, "T4-B": 2},
            ),
            (
                Report2021,
                {"T3-A": 7, "T3-C": 7, "T3-D": 25, "T4-A": 1, "T4-B": 2},
            ),
        ],
    )
    def test_rule_catalogue(
        self, report_type: type[Report], counts: dict[str, int]
    ) -> None:
        """T3-A and T3-C per column, T3-D per row, T4 per block."""
        found = collections.Counter(r.id for r in rules(report_type))

        assert counts == dict(found)

    def test_t3c_sums_every_outcome_row(self) -> None:
        """（七）总计 = （一）+（二）+ 8 + 3 + 5 reasons + （六） (3 rows in 2021)."""
        t3c = [r for r in rules(Report2021) if r.id == "T3-C"]

        assert {21} == {len(r.operands) for r in t3c}
        assert COLUMNS == [r.target.column for r in t3c]

    def test_typed_access(self) -> None:
        """Cells read naturally: report.applications.withheld.state_secret…"""
        report = Report2021(
            title="T",
            table=NationalTable2021(
                applications=Applications2021(
                    received=ApplicantCounts(natural_person=3)
                )
            ),
        )

        assert 3 == report.applications.received.natural_person
        assert report.applications.withheld.state_secret.natural_person is None

    def test_change_is_signed_and_strict(self) -> None:
        """本年增/减 may be negative; a count may not; neither takes a float."""
        ok = text.parse(
            _example("shanghai-office-2019.txt").replace(
                "| 行政处罚 | 0 | 0 | 0 |", "| 行政处罚 | 0 | -18 | 0 |"
            )
        )
        assert isinstance(ok, Report2019)
        assert -18 == ok.proactive.enforcement.penalties.change
        with pytest.raises(TypeError):
            attrs.evolve(
                ok.proactive.enforcement.penalties,
                change=1.5,  # type: ignore[arg-type]
            )

    def test_grid_row_table_is_checked(self) -> None:
        """An unknown row must say which national table it belongs to."""
        with pytest.raises(ValueError, match="must be in"):
            GridRow(table="tables", label="x")


class TestPingtan2021:
    """domain.md §4.3: the bundled example, in the issue's pipe form."""

    def test_cells(self) -> None:
        """Table 二, 三 and 四 as transcribed."""
        r = _national(_example("pingtan-2021.txt"))

        assert isinstance(r, Report2021)
        assert ("平潭综合实验区", 2021) == (r.body, r.year)
        assert (69, 3, 665) == attrs.astuple(r.proactive.regulations.normative)
        assert 2293 == r.proactive.licensing.licensing.decisions
        assert Decimal("24252.311082") == (
            r.proactive.fees.administrative_fees.amount
        )
        assert (64, 0, 0, 2, 0, 4, 70) == attrs.astuple(
            r.applications.received
        )
        assert (22, 0, 0, 0, 0, 3, 25) == attrs.astuple(
            r.applications.unavailable.not_held
        )
        assert (1, 0, 0, 0, 0, 0, 1) == attrs.astuple(
            r.applications.other.other
        )
        assert (63, 0, 0, 2, 0, 4, 69) == attrs.astuple(r.applications.total)
        assert (1, 0, 2, 0, 3) == attrs.astuple(r.appeals.reconsideration)
        assert (12, 0, 0, 0, 12) == attrs.astuple(r.appeals.direct_litigation)

    @pytest.mark.parametrize("blank", list(BlankPolicy))
    def test_no_findings(self, blank: BlankPolicy) -> None:
        """Every rule holds (domain.md: T3-A, T3-C, T3-D, T4 ✓)."""
        assert () == rule_findings(
            check(_national(_example("pingtan-2021.txt")), blank=blank)
        )

    def test_render_writes_the_pipe_form(self) -> None:
        """render(parse(example)) is the example, byte for byte."""
        source = _example("pingtan-2021.txt")

        assert source == text.render(text.parse(source))

    def test_text_after_a_table_stays_after_it(self) -> None:
        """A note under table 三 is kept as the section's `after` text."""
        lines = _example("pingtan-2021.txt").split("\n")
        last = max(i for i, line in enumerate(lines) if "结转下年度" in line)
        note = "注：本表统计时间为2021年1月1日至12月31日。"
        lines.insert(last + 1, note)
        source = "\n".join(lines)

        report = _national(source)
        (section,) = [
            s for s in report.sections if s.heading.startswith("三、")
        ]

        assert ("", note) == (section.body, section.after)
        assert note in section.text
        assert source == text.render(report)
        assert report == serialization.from_json(serialization.to_json(report))

    def test_claims_after_a_table_are_checked(self) -> None:
        """Narrative claims are read in the text after a table too."""
        lines = _example("pingtan-2021.txt").split("\n")
        last = max(i for i, line in enumerate(lines) if "结转下年度" in line)
        lines.insert(last + 1, "本年度共收到72件申请。")

        found = rule_findings(check(_national("\n".join(lines))))

        assert ["N-4"] == [f.rule for f in found]

    def test_carried_over_matches_2022(self) -> None:
        """T3-E across years: 2021 结转下年度 = 2022 上年结转, per column."""
        y2021 = _national(_example("pingtan-2021.txt"))
        y2022 = _national(_example("pingtan-2022.txt"))

        assert attrs.astuple(y2021.applications.carried_over) == attrs.astuple(
            y2022.applications.carried_in
        )


class TestPingtan2022:
    """domain.md §4.4."""

    def test_cells_and_no_findings(self) -> None:
        """The heading typo 行政法复议 does not stop table 四 being read."""
        r = _national(_example("pingtan-2022.txt"))

        assert isinstance(r, Report2021)
        assert (0, 1, 1, 0, 2) == attrs.astuple(r.appeals.reconsideration)
        assert (1, 0, 0, 0, 1) == attrs.astuple(r.appeals.direct_litigation)
        assert (
            Decimal("9116.36") == r.proactive.fees.administrative_fees.amount
        )
        assert (72, 3, 0, 0, 0, 0, 75) == attrs.astuple(r.applications.total)
        assert () == rule_findings(check(r, blank=BlankPolicy.ZERO))


class TestShanghai2019:
    """domain.md §4.1: blanks kept, and the 总计 column failures under 0."""

    def test_cells(self) -> None:
        """Values, blanks as None, 采购总金额 with its printed 元."""
        r = _national(_example("shanghai-office-2019.txt"))

        assert isinstance(r, Report2019)
        assert (821, 35, None, None, 2, 1, 859) == attrs.astuple(
            r.applications.received
        )
        assert (258, 12, None, None, 1, 1, None) == attrs.astuple(
            r.applications.granted
        )
        assert (5, None, None, 2, 7) == attrs.astuple(
            r.appeals.reconsideration
        )
        assert Decimal(251000) == r.proactive.procurement.procurement.amount
        assert {"proactive.procurement.procurement.amount": "251000元"} == {
            t.key: t.text for t in r.cell_texts
        }

    def test_no_error_when_blank_is_unknown(self) -> None:
        """Under the default policy the blank 总计 cells are not errors."""
        found = check(_national(_example("shanghai-office-2019.txt")))

        assert [] == _errors(found)
        assert found  # the blank 总计 cells make rules not evaluable

    def test_blank_as_zero_fails_the_total_column(self) -> None:
        """Blank = 0: T3-D on each outcome row with data, T3-C on 总计."""
        r = _national(_example("shanghai-office-2019.txt"))

        found = _errors(check(r, blank=BlankPolicy.ZERO))

        # The outcome leaf rows with any data (domain.md §4.1 table).
        with_data = {
            "（一）予以公开": 272,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": 3,
            "1.属于国家秘密": 14,
            "5.属于三类内部事务信息": 5,
            "6.属于四类过程性信息": 4,
            "8.属于行政查询事项": 12,
            "1.本机关不掌握相关政府信息": 265,
            "2.没有现成信息需要另行制作": 47,
            "3.补正后申请内容仍不明确": 25,
            "1.信访举报投诉类申请": 149,
            "2.重复申请": 9,
        }
        t3d = {
            (f.cells[0].label, f.cells[0].column): f.expected
            for f in found
            if f.rule == "T3-D"
        }
        assert {(k, "总计"): v for k, v in with_data.items()} == t3d
        (t3c,) = [f for f in found if f.rule == "T3-C"]
        assert ("（七）总计", "总计", 805, 0) == (
            t3c.cells[0].label,
            t3c.cells[0].column,
            t3c.actual,
            t3c.expected,
        )
        assert len(found) == len(with_data) + 1

    def test_blank_as_zero_is_named_blank(self) -> None:
        """A blank cell read as 0 is called blank in the messages."""
        r = _national(_example("shanghai-office-2019.txt"))
        found = _errors(check(r, blank=BlankPolicy.ZERO))

        granted = next(
            f
            for f in found
            if f.rule == "T3-D" and f.cells[0].label == "（一）予以公开"
        )
        (t3c,) = [f for f in found if f.rule == "T3-C"]

        # The row's 总计 is blank: named so, not "0".
        assert granted.message_zh.startswith(
            "（一）予以公开·总计为空白（按0计），但各分项之和为272"
        )
        assert "is blank (read as 0)" in granted.message_en
        # 805 is printed; its blank parts are read as 0, and said to be.
        assert t3c.message_zh.startswith("（七）总计·总计为805，")
        assert t3c.message_zh.endswith("；其中空白单元格按0计）")
        assert t3c.message_en.endswith("(blank cells read as 0)")

    def test_round_trips(self) -> None:
        """Text and JSON round-trips keep blanks and the printed 元."""
        r = _national(_example("shanghai-office-2019.txt"))

        assert r == text.parse(text.render(r))
        assert r == serialization.from_json(serialization.to_json(r))


_T3_ROW = "| （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30 |"


class TestTolerance:
    """The label and number drift of real reports (issue: Text form)."""

    @staticmethod
    def _parse(
        rows: str, title: str = "某局2021年度政府信息公开工作年度报告"
    ) -> Report:
        return text.parse(
            f"{title}\n三、收到和处理政府信息公开申请情况\n{rows}\n"
        )

    @pytest.mark.parametrize(
        "rows",
        [
            "| （三）5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            (
                "| （三）不予公开 | | | | | | | |\n"
                "| 5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
            ),
            "| 属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "| （三）5、属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "| 5.属于三类内部\u00a0事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "| 5.属于三类内部事务信息 | \u00a01 | 0\u00a0 | 0 | 0 | 0 | 0 | 1 |",
        ],
    )
    def test_sub_row_labels(self, rows: str) -> None:
        """Group and number prefix optional; NBSP and 、 tolerated."""
        r = self._parse(rows)

        assert isinstance(r, Report2021)
        assert (1, 0, 0, 0, 0, 0, 1) == attrs.astuple(
            r.applications.withheld.internal_affairs
        )

    def test_headers_may_be_absent(self) -> None:
        """Without header rows, cells are read in template column order."""
        r = self._parse(_T3_ROW)

        assert isinstance(r, Report2021)
        assert (27, 0, 0, 2, 0, 1, 30) == attrs.astuple(r.applications.granted)

    def test_note_in_parentheses_is_optional(self) -> None:
        """（二）部分公开 with or without its printed note."""
        r = self._parse("| （二）部分公开 | 5 | | | | | | 5 |")

        assert isinstance(r, Report2021)
        assert (5, None, None, None, None, None, 5) == attrs.astuple(
            r.applications.partly_granted
        )

    def test_normative_documents_alias(self) -> None:
        """规范性文件 in a 2021 report is 行政规范性文件."""
        r = text.parse(
            "某局2023年度报告\n二、主动公开政府信息情况\n"
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "| 规范性文件 | 3 | 1 | 20 |\n"
        )

        assert isinstance(r, Report2021)
        assert (3, 1, 20) == attrs.astuple(r.proactive.regulations.normative)

    def test_money_with_unit_in_the_cell(self) -> None:
        """采购总金额 "75394432.52元" and "25.1万元" are kept exactly in 元."""
        base = _example("shanghai-office-2019.txt")
        for printed, value in (
            ("75394432.52元", Decimal("75394432.52")),
            ("25.1万元", Decimal(251000)),
        ):
            r = text.parse(base.replace("251000元", printed))

            assert isinstance(r, Report2019)
            assert value == r.proactive.procurement.procurement.amount
            assert r == text.parse(text.render(r))

    def test_single_other_row_of_2019(self) -> None:
        """The 2019 （六）其他处理 row holds values (one leaf row)."""
        source = _example("shanghai-office-2019.txt").replace(
            "| （六）其他处理 | | | | | | | |",
            "| （六）其他处理 | 2 | | | | | | 2 |",
        )
        r = text.parse(source)

        assert isinstance(r, Report2019)
        assert 2 == r.applications.other.natural_person

    def test_unknown_rows_are_kept(self) -> None:
        """A row the template does not have is kept with its table."""
        r = self._parse(_T3_ROW + "\n| （八）其他情形 | 1 | | | | | | 1 |")

        assert (
            GridRow(
                table="applications",
                label="（八）其他情形",
                cells=("1", "", "", "", "", "", "1"),
            ),
        ) == r.extra_rows
        assert r == text.parse(text.render(r))


class TestErrors:
    @pytest.mark.parametrize(
        ("row", "message"),
        [
            ("| （一）予以公开 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |", "7 column"),
            ("| （三）不予公开 | 1 | | | | | | |", "heading"),
            (_T3_ROW + "\n" + _T3_ROW, "given twice"),
        ],
    )
    def test_bad_rows_name_the_line(self, row: str, message: str) -> None:
        """A ParseError names the line and what is wrong."""
        source = (
            f"某局2021年度报告\n三、收到和处理政府信息公开申请情况\n{row}\n"
        )

        with pytest.raises(ParseError, match=message) as info:
            text.parse(source)

        assert info.value.line in (3, 4)

    @pytest.mark.parametrize(
        ("printed", "why"),
        [("x", "cannot read 'x'"), ("-1", "negative"), ("约30", "约30")],
    )
    def test_a_cell_that_is_no_number_is_named(
        self, printed: str, why: str
    ) -> None:
        """The report loads; V-1 names the cell and what was printed."""
        source = (
            "某局2021年度报告\n三、收到和处理政府信息公开申请情况\n"
            f"| （一）予以公开 | {printed} | | | | | | |\n"
        )

        report = text.parse(source, template="2021")

        (finding,) = [f for f in check(report) if f.rule == "V-1"]
        assert "applications.granted.natural_person" == finding.cells[0].key
        assert None is report.applications.granted.natural_person
        assert why in finding.message_en
        assert f"“{printed}”" in finding.message_zh
        assert Severity.ERROR is finding.severity

    def test_forcing_the_wrong_template(self) -> None:
        """The 2021 fee cell is not a 2019 count: V-1 says so."""
        report = text.parse(_example("pingtan-2021.txt"), template="2019")

        (finding,) = [f for f in check(report) if f.rule == "V-1"]
        assert "24252.311082" in finding.message_zh

    def test_unknown_template(self) -> None:
        """An unknown template name is a ParseError listing the known ones."""
        with pytest.raises(ParseError, match="2014, 2019, 2021"):
            text.parse("T\n", template="2020")


class TestDetection:
    @pytest.mark.parametrize(
        ("name", "template"),
        [
            ("pingtan-2021.txt", "2021"),
            ("pingtan-2022.txt", "2021"),
            ("shanghai-office-2019.txt", "2019"),
        ],
    )
    def test_examples(self, name: str, template: str) -> None:
        """The template is detected from the rows."""
        assert template == text.detect_template(_example(name))

    def test_old_table(self, zhuhui: str) -> None:
        """The old statistical table is detected as 2014."""
        assert "2014" == text.detect_template(zhuhui)

    def test_tie_broken_by_year(self) -> None:
        """Only table 三 rows common to both: the title's year decides."""
        for year, template in (("2020", "2019"), ("2022", "2021")):
            source = f"某局{year}年度报告\n{_T3_ROW}\n"

            assert template == text.detect_template(source)

    def test_scope_from_wording(self) -> None:
        """A report that says it was compiled from others is an aggregate."""
        source = _example("pingtan-2021.txt").replace(
            "（节录，",
            "本报告由区管委会办公室综合各部门的政府信息公开工作年度报告编制而成。\n（节录，",
        )

        assert Scope.AGGREGATE == _national(source).scope
        assert Scope.UNKNOWN == _national(_example("pingtan-2021.txt")).scope


_NATIONAL = reports(template="2019") | reports(template="2021")
_NATIONAL_BLANKS = reports(template="2019", blanks=True) | reports(
    template="2021", blanks=True
)


@given(_NATIONAL)
def test_valid_reports_pass(report: Report) -> None:
    """Generated valid national reports pass every check."""
    assert () == check(report)


@given(_NATIONAL_BLANKS)
def test_blanks_are_never_wrong(report: Report) -> None:
    """With blanks: no failure under either policy."""
    assert [] == _errors(check(report))
    assert () == rule_findings(check(report, blank=BlankPolicy.ZERO))


@given(_NATIONAL, st.data())
def test_corrupting_a_cell_of_tables_three_and_four_is_caught(
    report: Report, data: st.DataObject
) -> None:
    """Any single changed cell of table 三 or 四 gives an error naming it."""
    # The cells of the form the report is in (（六）其他处理 as one row or
    # as the template's three rows).
    active = _engine.one_row_rules(report.table) or checks.rules(type(report))
    ruled = {c.key for r in active for c in (r.target, *r.operands)}
    grid = [
        c
        for c in cells(type(report))
        if c.key.startswith(("applications.", "appeals.")) and c.key in ruled
    ]
    cell = data.draw(st.sampled_from(grid))
    value = _declare.get(report.table, cell.key)
    assert isinstance(value, int)
    delta = data.draw(st.integers(1, 1000))
    new = (
        value - delta
        if value >= delta and data.draw(st.booleans())
        else value + delta
    )

    found = _errors(check(_with(report, cell.key, new)))

    assert found
    assert all(f.severity is Severity.ERROR for f in found)
    assert any(cell.key in {c.key for c in f.cells} for f in found)


@given(_NATIONAL_BLANKS)
def test_text_round_trip(report: Report) -> None:
    """parse(render(r)) == r, with the template detected."""
    assert report == text.parse(text.render(report))


@given(_NATIONAL_BLANKS)
def test_json_round_trip(report: Report) -> None:
    """from_json(to_json(r)) == r, blanks, signs and money included."""
    assert report == serialization.from_json(serialization.to_json(report))


@given(_NATIONAL_BLANKS)
def test_blank_cells_survive(report: Report) -> None:
    """Blank cells stay blank (None, not 0) through text and JSON."""
    blank = {k for k, v in _declare.values(report.table).items() if v is None}
    for back in (
        text.parse(text.render(report)),
        serialization.from_json(serialization.to_json(report)),
    ):
        assert blank == {
            k for k, v in _declare.values(back.table).items() if v is None
        }


def test_scope_round_trips_in_json() -> None:
    """JSON carries every scope, including SINGLE (text cannot say it)."""
    for scope in Scope:
        r = Report2021(title="T", scope=scope)

        assert r == serialization.from_json(serialization.to_json(r))


def test_rule_kinds() -> None:
    """T3-A is a balance, the others sums (no national rule is a bound)."""
    kinds = {r.id: r.kind for r in rules(Report2021)}

    assert RuleKind.BALANCE == kinds["T3-A"]
    assert {RuleKind.SUM} == {k for i, k in kinds.items() if i != "T3-A"}


def test_old_template_unchanged(zhuhui: str) -> None:
    """The old table still parses as before (no national row matched)."""
    assert isinstance(text.parse(zhuhui), Report2014)
