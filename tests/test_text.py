"""
The plain-text form: the real sample, tolerance, round-trips, totality.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    CellText,
    ExtraRow,
    Report,
    Report2014,
    Report2019,
    Report2021,
    cells,
    text,
)
from govdisclosure.checks import Severity, check
from govdisclosure.errors import ParseError
from govdisclosure.strategies import reports
from govdisclosure.text import render
from tests.conftest import outcome, sample_text

_HEAD = (
    "某区2019年政府信息公开工作年度报告\n十一、附表\n指 标 | 单位 | 数量 |\n"
)


def parse(source: str) -> Report2014:
    """
    text.parse, for a text in the old template (detected, not forced).
    """
    report = text.parse(source)
    assert isinstance(report, Report2014)
    return report


def _any(source: str) -> Report:
    return text.parse(source)


class TestSample:
    def test_metadata(self, zhuhui: str) -> None:
        """Title, body, year and publication date of 珠晖 2019."""
        report = parse(zhuhui)

        assert (
            "珠晖区人民政府2019年政府信息公开工作年度报告(文字版)",
            "珠晖区人民政府",
            2019,
            date(2020, 1, 20),
        ) == (report.title, report.body, report.year, report.published)

    def test_sections(self, zhuhui: str) -> None:
        """The eleven numbered sections are read in order, verbatim."""
        report = parse(zhuhui)

        assert 11 == len(report.sections)
        assert "一、概述" == report.sections[0].heading
        assert "十一、附表" == report.sections[-1].heading
        assert "无" == report.sections[4].body
        assert report.sections[7].body.endswith("安排了专项经费3万元。")

    def test_every_row_is_known(self, zhuhui: str) -> None:
        """Every table row maps to a declared cell; nothing is extra."""
        report = parse(zhuhui)

        assert () == report.extra_rows
        assert () == report.cell_texts
        assert "扫一扫在手机打开当前页" == report.trailer

    def test_cells(self, zhuhui: str) -> None:
        """Spot values, read from the table as printed in the sample."""
        t = parse(zhuhui).table

        assert (10752, 328, 6261, 28, 12) == (
            t.proactive.items,
            t.proactive.channels.wechat,
            t.responses.hot_topics,
            t.responses.channels.weibo_wechat,
            t.responses.channels.policy_briefs,
        )
        assert (5, 5, 0, 4, 1) == (
            t.applications.received,
            t.applications.online,
            t.applications.replies,
            t.applications.granted,
            t.applications.partly_granted,
        )
        assert (Decimal(0), Decimal(3), 5, 300) == (
            t.fees,
            t.organisation.budget,
            t.organisation.staff,
            t.meetings.trainees,
        )

    def test_no_cell_is_blank(self, zhuhui: str) -> None:
        """The sample prints a value in every one of the table's cells."""
        report = parse(zhuhui)

        blank = [
            c.key for c in cells(Report2014) if _get(report, c.key) is None
        ]
        assert [] == blank

    def test_round_trip(self, zhuhui: str) -> None:
        """parse(render(parse(sample))) == parse(sample)."""
        report = parse(zhuhui)

        assert report == parse(render(report))


def _get(report: Report2014, key: str) -> object:
    obj: object = report.table
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


class TestTolerance:
    def test_full_width_commas_nbsp(self) -> None:
        """Full-width digits, NBSP and commas are read; raw text kept."""
        report = parse(
            _HEAD
            + "（一）主动公开政府信息数 | 条 | １２３ |\n"
            + "2.政府网站公开政府信息数 | 条 | 10,752 |\n"
            + "1.当面申请数\u00a0| 件 | \u00a05 |\n"
        )

        assert (123, 10752, 5) == (
            report.table.proactive.items,
            report.table.proactive.channels.website,
            report.table.applications.in_person,
        )
        assert (
            CellText(key="proactive.channels.website", text="10,752"),
            CellText(key="proactive.items", text="１２３"),
        ) == report.cell_texts

    def test_enumerator_and_note_drift(self) -> None:
        """'1、' vs '1.', '(一)' vs '（一）', notes and aliases all match."""
        report = parse(
            _HEAD
            + "(三)申请答复数 | 件 | 2 |\n"
            + "2、同意公开答复数 | 件 | 2 |\n"
            + "1、专职人员数 | 人 | 1 |\n"
            + "网上申请数 | 件 | 3 |\n"
        )

        assert (2, 2, 1, 3) == (
            report.table.applications.replies,
            report.table.applications.granted,
            report.table.organisation.full_time,
            report.table.applications.online,
        )

    @pytest.mark.parametrize("printed", ["无", "—", "-", "／", "不适用"])
    def test_no_number_is_blank_with_raw_text(self, printed: str) -> None:
        """无, dashes and 不适用 are blank (None), with the text kept."""
        report = parse(_HEAD + f"六、举报投诉数量 | 件 | {printed} |\n")

        assert report.table.complaints is None
        assert (CellText(key="complaints", text=printed),) == report.cell_texts
        assert report == parse(render(report))

    def test_money_in_yuan_is_converted_exactly(self) -> None:
        """A fee printed in 元 is read as 万元, and renders back the same."""
        report = parse(_HEAD + "七、依申请公开信息收取的费用 | 元 | 400 |\n")

        assert Decimal("0.04") == report.table.fees
        assert report == parse(render(report))

    def test_ambiguous_labels_use_context(self) -> None:
        """（二）被依法纠错数 goes to the section it is printed under."""
        report = parse(
            _HEAD
            + "四、行政复议数量 | 件 | 1 |\n"
            + "（二）被依法纠错数 | 件 | 1 |\n"
            + "五、行政诉讼数量 | 件 | 2 |\n"
            + "（二）被依法纠错数 | 件 | 2 |\n"
        )

        assert (1, 2) == (
            report.table.reconsideration.corrected,
            report.table.litigation.corrected,
        )

    def test_unknown_rows_are_kept(self) -> None:
        """A row the schema does not know is kept, not dropped."""
        report = parse(_HEAD + "网站专栏页面访问量 | 人次 | 1200 |\n")

        assert (
            ExtraRow(label="网站专栏页面访问量", unit="人次", value="1200"),
        ) == report.extra_rows
        assert report == parse(render(report))


class TestErrors:
    @pytest.mark.parametrize(
        ("row", "message"),
        [
            ("（一）收到申请数 | 件 | 3 | 4 |", "found 4 cells"),
            ("一、主动公开情况 | — | 7 |", "heading and takes no value"),
        ],
    )
    def test_bad_row_names_its_line(self, row: str, message: str) -> None:
        """A bad cell is a ParseError naming line 4 and the problem."""
        with pytest.raises(ParseError, match=message) as info:
            parse(_HEAD + row + "\n")

        assert (4, row) == (info.value.line, info.value.source)

    @pytest.mark.parametrize(
        ("row", "key", "kept", "why"),
        [
            (
                "（一）收到申请数 | 件 | abc |",
                "received",
                "abc",
                "cannot read 'abc'",
            ),
            ("（一）收到申请数 | 件 | -3 |", "received", "-3", "negative"),
            (
                "（一）收到申请数 | 件 | 2.5 |",
                "received",
                "2.5",
                "cannot read '2.5'",
            ),
            (
                "（一）收到申请数 | 条 | 3 |",
                "received",
                "3条",
                "counted in 件",
            ),
            (
                "（一）收到申请数 | 件 | 见附件 |",
                "received",
                "见附件",
                "见附件",
            ),
            (
                "七、依申请公开信息收取的费用 | 件 | 3 |",
                "fees",
                "3件",
                "not a unit of money",
            ),
        ],
    )
    def test_a_cell_that_is_no_number_is_kept_and_named(
        self, row: str, key: str, kept: str, why: str
    ) -> None:
        """The report loads: the cell is unknown, its text kept, V-1 says why."""
        report = parse(_HEAD + row + "\n")

        (finding,) = [f for f in check(report) if f.rule == "V-1"]
        cell = finding.cells[0]
        assert cell.key.endswith(key)
        assert None is cell.value
        assert [kept] == [
            t.text for t in report.cell_texts if t.key == cell.key
        ]
        assert why in finding.message_en
        assert Severity.ERROR is finding.severity
        assert report == parse(text.render(report))  # and it is printed again

    def test_duplicate_row(self) -> None:
        """The same cell given twice is an error naming both lines."""
        with pytest.raises(ParseError, match="first on line 4") as info:
            parse(
                _HEAD
                + "六、举报投诉数量 | 件 | 1 |\n六、举报投诉数量 | 件 | 1 |\n"
            )

        assert 5 == info.value.line

    def test_no_table_and_no_title(self) -> None:
        """Text without a table or a report's title: what was expected."""
        with pytest.raises(ParseError, match="no table found") as info:
            parse("一份说明\n一、概述\n正文\n")
        assert 1 == info.value.line

    @pytest.mark.parametrize(
        ("year", "template"),
        [(2015, "2014"), (2019, "2019"), (2020, "2019"), (2023, "2021")],
    )
    def test_no_table_takes_the_title_year(
        self, year: int, template: str
    ) -> None:
        """Without a table, the title's year gives the template; M-1 says so."""
        report = text.parse(
            f"某区{year}年政府信息公开工作年度报告\n一、概述\n正文\n"
        )

        assert template == report.TEMPLATE
        missing = [f for f in check(report) if f.rule == "M-1"]
        assert len(report.missing_tables) == len(missing) > 0
        assert {Severity.ERROR} == {f.severity for f in missing}
        assert report == text.parse(text.render(report))

    @pytest.mark.parametrize("source", ["", "  \n\n", "一、概述\n| a |"])
    def test_no_title(self, source: str) -> None:
        """Empty text, or a heading first, is an error about the title."""
        with pytest.raises(ParseError, match="title"):
            text.parse(source)

    def test_not_text(self) -> None:
        """Bytes are rejected with a ParseError, not a TypeError."""
        with pytest.raises(ParseError, match="expected text"):
            text.parse(b"abc")  # type: ignore[call-overload]


@given(reports(template="2014", blanks=True))
def test_round_trip(report: Report2014) -> None:
    """parse(render(r)) == r for every generated report."""
    assert report == parse(render(report))


_ROWISH = st.lists(
    st.sampled_from(
        [
            "| ",
            " | ",
            "件",
            "万元",
            "（一）收到申请数",
            "无",
            "-",
            "1",
            "0.5",
            "一、",
            "\n",
            "十一、附表\n",
            "\u00a0",
            "，",
            "指标",
        ]
    )
    | st.text(max_size=5),
    max_size=30,
).map("".join)


@given(st.data())
def test_parse_is_total_on_edited_sample(data: st.DataObject) -> None:
    """Random line edits of the real sample: a report or a ParseError."""
    lines = sample_text("zhuhui-2019.txt").split("\n")
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = data.draw(
            st.sampled_from(
                [
                    "",
                    "|",
                    lines[i][::-1],
                    lines[i] + " | 1 |",
                    "一、" + lines[i],
                ]
            )
            | st.text(max_size=10)
        )
    result = outcome(_any, "\n".join(lines), ParseError)

    assert isinstance(
        result, Report2014 | Report2019 | Report2021 | ParseError
    )


@given(st.text() | _ROWISH)
def test_parse_is_total(source: str) -> None:
    """Any string gives a report or a ParseError, nothing else."""
    result = outcome(_any, source, ParseError)

    assert isinstance(
        result, Report2014 | Report2019 | Report2021 | ParseError
    )
