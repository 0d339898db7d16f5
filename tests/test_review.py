"""
The reviewers' checks: V-1 (not a number), M-1 (missing table), B-1
(mostly blank), S-1/S-2 (sections that say nothing), D-1 (deadline),
Y-1 (jumps between years) and the narrative counts N-7..N-9.

Each rule: unit tests on real-looking cases, and Hypothesis properties (a
generated valid report never triggers it; the corruption it is about
always does, naming what it is about).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import (
    CellText,
    Report,
    Report2014,
    Report2019,
    Report2021,
    Section,
    _declare,
    _render,
    html,
    text,
)
from govdisclosure.checks import (
    RULES,
    BodyKind,
    Severity,
    body_kind,
    check,
    check_pair,
    deadline,
)
from govdisclosure.strategies import reports
from tests.conftest import sample_bytes

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

_NEW = {"V-1", "M-1", "B-1", "S-1", "S-2", "D-1", "Y-1", "N-7", "N-8", "N-9"}


def _example(name: str) -> Any:
    return text.parse((EXAMPLES / name).read_text(encoding="utf-8"))


def _rules(report: Report, **options: Any) -> list[str]:
    return [f.rule for f in check(report, **options)]


def _with_section(report: Any, numeral: str, body: str) -> Any:
    sections = tuple(
        attrs.evolve(s, body=body, after="")
        if s.heading.startswith(f"{numeral}、")
        else s
        for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """*n* (below 10,000) in Chinese numerals: 十七, 一百零五, 两千."""
    if n < 10:
        return _DIGITS[n]
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, unit)
        if digit:
            if zero:
                out += "零"
            out += (
                ""
                if (unit == 10 and not out) and digit == 1
                else _DIGITS[digit]
            ) + name
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + _DIGITS[n]
    return out


def test_chinese_numerals_helper() -> None:
    """The test's own writer agrees with textbook forms."""
    assert ["七", "十七", "一百零五", "二千零三十", "九千九百九十九"] == [
        _chinese(n) for n in (7, 17, 105, 2030, 9999)
    ]


class TestCatalogue:
    def test_every_new_rule_is_catalogued(self) -> None:
        """Each rule has an entry with its severity and templates."""
        by_id = {r.id: r for r in RULES}
        assert _NEW <= set(by_id)
        assert Severity.ERROR is by_id["V-1"].severity is by_id["M-1"].severity
        assert ("2021",) == by_id["S-2"].templates
        assert ("2019", "2021") == by_id["N-7"].templates
        assert all(
            by_id[r].description_zh and by_id[r].description_en for r in _NEW
        )


# --------------------------------------------------------------------------
# V-1: a cell that is not a number


class TestNotANumber:
    @pytest.mark.parametrize(
        "printed", ["见附件", "约30", "-3", "1 2", "30左右"]
    )
    def test_the_report_loads_and_the_cell_is_named(
        self, printed: str
    ) -> None:
        """平潭 2021 with one cell misprinted: exit-1 finding, not exit 2."""
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        report = text.parse(
            source.replace("| 行政处罚 | 1282 |", f"| 行政处罚 | {printed} |"),
            template="2021",
        )

        (finding,) = [f for f in check(report) if f.rule == "V-1"]
        assert (
            "proactive.enforcement.penalties.decisions" == finding.cells[0].key
        )
        assert f"“{printed}”" in finding.message_zh
        assert None is report.proactive.enforcement.penalties.decisions
        assert Severity.ERROR is finding.severity
        # The rest of the report is there, and every other rule still runs.
        assert 70 == report.applications.received.total

    @pytest.mark.parametrize("printed", ["无", "—", "/", "-", ""])
    def test_a_blank_is_no_finding(self, printed: str) -> None:
        """无, —, / and an empty cell are blanks, not V-1."""
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        report = text.parse(
            source.replace("| 行政处罚 | 1282 |", f"| 行政处罚 | {printed} |"),
            template="2021",
        )
        assert "V-1" not in _rules(report)

    def test_a_footnote_mark_keeps_the_number(self) -> None:
        """3① is 3, printed with its mark: no V-1."""
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        report = text.parse(
            source.replace("| 行政处罚 | 1282 |", "| 行政处罚 | 1282① |"),
            template="2021",
        )
        assert 1282 == report.proactive.enforcement.penalties.decisions
        assert "V-1" not in _rules(report)


_NOT_NUMBERS = st.builds(
    lambda before, n, after: f"{before}{n}{after}",
    st.sampled_from(["约", "见附件", "-", "不少于", "共", ""]),
    st.integers(0, 999),
    st.sampled_from(["", "左右", "余", "件次"]),
).filter(lambda s: not s.isdigit())


@settings(max_examples=40)
@given(reports(), st.data())
def test_a_cell_that_is_no_number_is_caught_and_named(
    report: Report, data: st.DataObject
) -> None:
    """Any count cell printed as a non-number: V-1 names it, in text and HTML."""
    cells = [
        c
        for c in _declare.cell_map(type(report.table)).values()
        if c.kind is _declare.Kind.COUNT
        and c.key not in {t.key for t in report.cell_texts}
        and _declare.get(report.table, c.key) is not None
    ]
    cell = data.draw(st.sampled_from(cells))
    printed = data.draw(_NOT_NUMBERS)
    values = _declare.values(report.table)
    values[cell.key] = None
    corrupted = attrs.evolve(
        report,
        table=_declare.build(type(report.table), values),
        cell_texts=(*report.cell_texts, _declare_text(cell.key, printed)),
    )
    for form in (text, html):
        read = form.parse(form.render(corrupted))
        named = [f.cells[0].key for f in check(read) if f.rule == "V-1"]
        assert [cell.key] == named
        assert read == corrupted


def _declare_text(key: str, printed: str) -> CellText:
    return CellText(key=key, text=printed)


# --------------------------------------------------------------------------
# M-1: a missing table


class TestMissingTable:
    def test_a_report_without_table_four(self) -> None:
        """平潭 2021 without its table 四: loads; M-1 names table 四."""
        source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
        lines = source.split("\n")
        start = next(
            i for i, line in enumerate(lines) if line.startswith("四、")
        )
        end = next(
            i for i, line in enumerate(lines) if line.startswith("五、")
        )
        kept = [
            line
            for i, line in enumerate(lines)
            if not (start < i < end and "|" in line)
        ]

        report = text.parse("\n".join(kept), template="2021")

        assert ("appeals",) == report.missing_tables
        (finding,) = [f for f in check(report) if f.rule == "M-1"]
        assert "表四" in finding.message_zh
        assert Severity.ERROR is finding.severity
        assert 70 == report.applications.received.total
        # T4 rules are not evaluable, never failures.
        assert not any(
            f.rule.startswith("T4") and f.severity is Severity.ERROR
            for f in check(report)
        )

    def test_a_missing_table_cannot_hold_values(self) -> None:
        """A report that says a table is missing but has its cells: refused."""
        report = _example("pingtan-2021.txt")
        with pytest.raises(ValueError, match="appeals"):
            attrs.evolve(report, missing_tables=("appeals",))
        with pytest.raises(ValueError, match="given twice"):
            Report2021(
                title="某局2023年政府信息公开工作年度报告",
                missing_tables=("appeals", "appeals"),
            )
        with pytest.raises(ValueError, match="not one of"):
            Report2021(
                title="某局2023年政府信息公开工作年度报告",
                missing_tables=("x",),
            )


_TABLES = ("proactive", "applications", "appeals")


def _drop(report: Any, names: tuple[str, ...]) -> Any:
    """*report* without the national tables *names*."""
    prefixes = tuple(f"{n}." for n in names)
    values = {
        k: (None if k.startswith(prefixes) or k in names else v)
        for k, v in _declare.values(report.table).items()
    }
    keep = [t for t in report.cell_texts if not t.key.startswith(prefixes)]
    numbers = tuple(
        type(report.table).SECTIONS[n].partition("、")[0] + "、" for n in names
    )
    sections = [
        attrs.evolve(
            s, body="\n".join(filter(None, (s.body, s.after))), after=""
        )
        if s.heading.startswith(numbers)
        else s
        for s in report.sections
    ]
    return attrs.evolve(
        report,
        sections=sections,
        table=_declare.build(type(report.table), values),
        cell_texts=keep,
        label_texts=[
            t for t in report.label_texts if not t.key.startswith(prefixes)
        ],
        extra_rows=[r for r in report.extra_rows if r.table not in names],
        missing_tables=names,
    )


@settings(max_examples=15)
@given(
    st.sampled_from(["2019", "2021"]).flatmap(lambda t: reports(template=t)),
    st.lists(st.sampled_from(_TABLES), min_size=1, unique=True),
)
def test_a_missing_table_is_read_as_missing_and_named(
    report: Any, names: list[str]
) -> None:
    """Drop tables of a generated report: read back as missing; M-1 each."""
    dropped = _drop(report, tuple(names))

    for form in (text, html):
        # With table 四 alone, 2019 and 2021 print alike: say which.
        read = form.parse(form.render(dropped), template=report.TEMPLATE)
        assert dropped == read
        assert len(names) == sum(1 for f in check(read) if f.rule == "M-1")


# --------------------------------------------------------------------------
# B-1: a table mostly blank


def test_shanghai_table_three_is_mostly_blank(shanghai_html: bytes) -> None:
    """上海 2019 prints zeros as blanks: 126 of table 三's 161 cells."""
    report = html.parse(shanghai_html)

    blank = [f for f in check(report) if f.rule == "B-1"]

    assert ["表三", "表四"] == [f.message_zh[:2] for f in blank]
    assert 126 == blank[0].actual
    assert {Severity.WARNING} == {f.severity for f in blank}


@pytest.fixture
def shanghai_html() -> bytes:
    return sample_bytes("shanghai-office-2019.html")


@settings(max_examples=40)
@given(reports(), st.data())
def test_blanking_most_of_a_table_is_caught(
    report: Report, data: st.DataObject
) -> None:
    """Blank more than half of a table's cells: B-1; half or fewer: none."""
    by_table: dict[str, list[str]] = {}
    for e in _render.entries(report):
        if isinstance(e, _declare.Cell):
            name = (
                "table" if report.TEMPLATE == "2014" else e.key.split(".")[0]
            )
            by_table.setdefault(name, []).append(e.key)
    name = data.draw(st.sampled_from(sorted(by_table)))
    keys = by_table[name]
    count = data.draw(st.integers(0, len(keys)))
    chosen = set(data.draw(st.permutations(keys))[:count])
    values = {
        k: (None if k in chosen else v)
        for k, v in _declare.values(report.table).items()
    }
    blanked = attrs.evolve(
        report,
        table=_declare.build(type(report.table), values),
        cell_texts=[t for t in report.cell_texts if t.key not in chosen],
    )

    found = [f for f in check(blanked) if f.rule == "B-1"]

    assert len(found) == (1 if count * 2 > len(keys) else 0)


# --------------------------------------------------------------------------
# S-1 and S-2: sections that say nothing


class TestSections:
    @pytest.mark.parametrize(
        "said", ["", "无", "无。", "暂无。", "本年度无。"]
    )
    def test_section_five_saying_nothing(self, said: str) -> None:
        report = _with_section(_example("pingtan-2021.txt"), "五", said)
        assert ["S-1"] == [r for r in _rules(report) if r.startswith("S")]

    def test_section_five_saying_something(self) -> None:
        report = _with_section(
            _example("pingtan-2021.txt"),
            "五",
            "一是公开内容不够全面；二是解读形式单一。下一步将加强培训。",
        )
        assert [] == [r for r in _rules(report) if r.startswith("S")]

    @pytest.mark.parametrize(
        ("said", "flagged"),
        [
            ("2021年，无收取信息处理费情况。", False),
            ("本年度未收取处理费。", False),
            ("无。", True),
            ("本机关未收取行政事业性收费。", True),
        ],
    )
    def test_section_six_and_the_fee(self, said: str, flagged: bool) -> None:
        report = _with_section(_example("pingtan-2021.txt"), "六", said)
        assert flagged == ("S-2" in _rules(report))

    def test_the_2019_template_does_not_ask_for_the_fee(self) -> None:
        report = _with_section(
            _example("shanghai-office-2019.txt"), "六", "无。"
        )
        assert "S-2" not in _rules(report)


@given(reports(template="2021"), st.sampled_from(["", "无", "暂无", "无。"]))
def test_empty_sections_are_caught(report: Report2021, said: str) -> None:
    """五 and 六 emptied in a generated report: S-1 and S-2."""
    if not any(s.heading.startswith("五、存在") for s in report.sections):
        report = attrs.evolve(
            report,
            sections=(
                *report.sections,
                _section("五、存在的主要问题及改进情况"),
                _section("六、其他需要报告的事项"),
            ),
        )
    emptied = _with_section(_with_section(report, "五", said), "六", said)
    rules = _rules(emptied)
    assert "S-1" in rules
    assert "S-2" in rules


def _section(heading: str) -> Section:
    return Section(heading=heading, body="")


# --------------------------------------------------------------------------
# D-1: the publication deadline


class TestDeadline:
    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("淮安市洪泽区人民政府", BodyKind.GOVERNMENT),
            ("平潭综合实验区", BodyKind.GOVERNMENT),
            ("某经济技术开发区管委会", BodyKind.GOVERNMENT),
            ("上海市人民政府办公厅", BodyKind.DEPARTMENT),
            ("沭阳县发展和改革局", BodyKind.DEPARTMENT),
            ("某市卫生健康委员会", BodyKind.DEPARTMENT),
            ("某区人民政府办公室", BodyKind.DEPARTMENT),
            ("某镇人民政府", None),
            ("某街道办事处", None),
            ("某某", None),
        ],
    )
    def test_body_kind_from_the_name(
        self, name: str, kind: BodyKind | None
    ) -> None:
        assert kind is body_kind(name)

    @pytest.mark.parametrize(
        ("year", "kind", "last"),
        [
            (2023, BodyKind.DEPARTMENT, date(2024, 1, 31)),
            (2023, BodyKind.GOVERNMENT, date(2024, 3, 31)),
            (2019, BodyKind.DEPARTMENT, date(2020, 1, 31)),
            (2018, BodyKind.DEPARTMENT, date(2019, 3, 31)),
            (2018, None, date(2019, 3, 31)),
            (2023, None, None),
        ],
    )
    def test_deadline(
        self, year: int, kind: BodyKind | None, last: date | None
    ) -> None:
        assert last == deadline(year, kind)

    def test_the_samples_were_on_time(self) -> None:
        """上海市人民政府办公厅 2020-01-31 (department), 平潭: on time."""
        for name in ("shanghai-office-2019.txt", "pingtan-2021.txt"):
            assert "D-1" not in _rules(_example(name))

    def test_a_late_department(self) -> None:
        report = Report2021(
            title="沭阳县发展和改革局2023年政府信息公开工作年度报告",
            preamble="发布日期：2024-02-01",
        )
        (finding,) = [f for f in check(report) if f.rule == "D-1"]
        assert "第四十九条" in finding.message_zh
        assert "2024-01-31" in finding.message_en
        assert "1 day(s)" in finding.message_en
        # The same date is on time for a government (the kind given).
        assert "D-1" not in _rules(report, kind=BodyKind.GOVERNMENT)

    def test_no_date_no_finding(self) -> None:
        report = Report2021(
            title="沭阳县发展和改革局2023年政府信息公开工作年度报告"
        )
        assert "D-1" not in _rules(report)


@given(
    reports(),
    st.sampled_from(list(BodyKind)),
    st.integers(1, 400),
)
def test_a_late_report_is_caught(
    report: Report, kind: BodyKind, late: int
) -> None:
    """Published after its deadline by any number of days: D-1."""
    year = report.year
    assert year is not None
    last = deadline(year, kind)
    assert last is not None
    published = date.fromordinal(last.toordinal() + late)
    stamped = attrs.evolve(
        report,
        preamble=f"发布日期：{published.isoformat()}\n{report.preamble}",
    )
    assert 1 == _rules(stamped, kind=kind).count("D-1")
    on_time = attrs.evolve(
        report, preamble=f"发布日期：{last.isoformat()}\n{report.preamble}"
    )
    assert "D-1" not in _rules(on_time, kind=kind)


# --------------------------------------------------------------------------
# Y-1: jumps between years


class TestJumps:
    def test_pingtan_years_do_not_jump(self) -> None:
        pairs = check_pair(
            _example("pingtan-2021.txt"), _example("pingtan-2022.txt")
        )
        assert [] == [f for f in pairs if f.rule == "Y-1"]

    def test_a_fivefold_rise_is_named_with_both_years(self) -> None:
        y2021 = _example("pingtan-2021.txt")
        source = (EXAMPLES / "pingtan-2022.txt").read_text(encoding="utf-8")
        y2022 = text.parse(source.replace("| 行政处罚 |", "| 行政处罚 |", 1))
        values = _declare.values(y2022.table)
        key = "proactive.enforcement.penalties.decisions"
        before = _declare.get(y2021.table, key)
        assert isinstance(before, int)
        values[key] = 5 * before
        jumped = attrs.evolve(
            y2022, table=_declare.build(type(y2022.table), values)
        )

        (finding,) = [f for f in check_pair(y2021, jumped) if f.rule == "Y-1"]

        assert [(key, 2022), (key, 2021)] == [
            (c.key, c.year) for c in finding.cells
        ]
        assert (1282, 6410) == (finding.expected, finding.actual)
        assert Severity.WARNING is finding.severity
        assert [] == [
            f for f in check_pair(y2021, jumped, jump=6.0) if f.rule == "Y-1"
        ]

    def test_small_counts_do_not_jump(self) -> None:
        """1 → 19: below the floor of 20."""
        a = Report2021(title="某局2022年政府信息公开工作年度报告")
        b = Report2021(title="某局2023年政府信息公开工作年度报告")
        key = "applications.received.total"

        def at(report: Report2021, n: int) -> Report2021:
            values = _declare.values(report.table)
            values[key] = n
            return attrs.evolve(
                report, table=_declare.build(type(report.table), values)
            )

        assert [] == [
            f.rule for f in check_pair(at(a, 1), at(b, 19)) if f.rule == "Y-1"
        ]
        assert ["Y-1"] == [
            f.rule
            for f in check_pair(at(a, 20), at(b, 100))
            if f.rule == "Y-1"
        ]
        assert ["Y-1"] == [
            f.rule
            for f in check_pair(at(a, 100), at(b, 20))
            if f.rule == "Y-1"
        ]
        assert [] == [
            f.rule
            for f in check_pair(at(a, 100), at(b, 21))
            if f.rule == "Y-1"
        ]


@given(reports(), st.floats(0.21, 4.99), st.integers(5, 50))
def test_jumps_are_caught_and_steady_years_are_not(
    report: Report, factor: float, times: int
) -> None:
    """Scale every count by less than 5×: no Y-1; by 5× or more: every count ≥ 20."""
    later = attrs.evolve(
        report,
        title=report.title.replace(
            f"{report.year}年", f"{(report.year or 0) + 1}年", 1
        ),
    )
    counts = [
        c.key
        for c in _declare.cell_map(type(report.table)).values()
        if c.kind is _declare.Kind.COUNT
    ]

    def scaled(by: float) -> Any:
        values = _declare.values(report.table)
        for k in counts:
            value = values[k]
            if isinstance(value, int):
                values[k] = int(value * by)
        return attrs.evolve(
            later,
            table=_declare.build(type(report.table), values),
            cell_texts=(),
        )

    steady = [f for f in check_pair(report, scaled(factor)) if f.rule == "Y-1"]
    assert [] == [
        f
        for f in steady
        if 0.2 < f.actual / f.expected < 5  # type: ignore[operator]
    ]
    jumped = check_pair(report, scaled(times))
    expected = {
        k
        for k in counts
        if (v := _declare.get(report.table, k)) is not None and v >= 20
    }
    assert expected == {f.cells[0].key for f in jumped if f.rule == "Y-1"}


# --------------------------------------------------------------------------
# N-7, N-8, N-9: the narrative's counts of table 三


def _said(report: Any, sentence: str) -> Any:
    return attrs.evolve(
        report,
        preamble=f"{report.preamble}\n{sentence}"
        if report.preamble
        else sentence,
    )


class TestNarrativeCounts:
    def test_all_three_agree_in_pingtan(self) -> None:
        """平潭 2021: 新收 70, 上年结转 0, 结转下年度 1."""
        report = _said(
            _example("pingtan-2021.txt"),
            "本年度新收政府信息公开申请70件，上年结转0件，结转下年度继续办理1件。",
        )
        assert [] == [r for r in _rules(report) if r in {"N-7", "N-8", "N-9"}]

    @pytest.mark.parametrize(
        ("sentence", "rule", "stated"),
        [
            ("本年度新收政府信息公开申请 71 件。", "N-7", 71),
            ("本年度新收政府信息公开申请七十一件。", "N-7", 71),
            ("上年结转政府信息公开申请两件。", "N-8", 2),
            ("结转下年度继续办理3件。", "N-9", 3),
            ("另有3件结转下年度办理。", "N-9", 3),
        ],
    )
    def test_a_wrong_count_is_a_warning(
        self, sentence: str, rule: str, stated: int
    ) -> None:
        report = _said(_example("pingtan-2021.txt"), sentence)
        (finding,) = [f for f in check(report) if f.rule == rule]
        assert stated == finding.actual
        assert Severity.WARNING is finding.severity
        assert finding.sentence is not None
        assert "件" in finding.sentence

    def test_every_occurrence_is_compared(self) -> None:
        report = _said(
            _example("pingtan-2021.txt"),
            "新收申请70件。\n新收申请80件。\n新收申请九十件。",
        )
        assert [80, 90] == [f.actual for f in check(report) if f.rule == "N-7"]


@given(reports(template="2021"), st.booleans(), st.integers(1, 5))
def test_narrative_counts_in_any_numerals(
    report: Report2021, in_chinese: bool, off: int
) -> None:
    """The right count says nothing; a wrong one is N-7, in either numerals."""
    received = report.applications.received.total
    assert received is not None
    if received + off >= 10_000:
        in_chinese = False

    def write(n: int) -> str:
        return _chinese(n) if in_chinese else str(n)

    right = _said(report, f"本年度新收政府信息公开申请{write(received)}件。")
    assert "N-7" not in _rules(right)
    wrong = _said(
        report, f"本年度新收政府信息公开申请{write(received + off)}件。"
    )
    (finding,) = [f for f in check(wrong) if f.rule == "N-7"]
    assert (received, received + off) == (finding.expected, finding.actual)


@given(reports())
def test_generated_reports_trip_none_of_the_reviewers_checks(
    report: Report,
) -> None:
    """A generated valid report: none of the new rules, alone or in a pair."""
    assert set() == _NEW & set(_rules(report))
    later = attrs.evolve(
        report,
        title=report.title.replace(
            f"{report.year}年", f"{(report.year or 0) + 1}年", 1
        ),
    )
    assert [] == [f for f in check_pair(report, later) if f.rule == "Y-1"]


def test_the_old_template_reads_without_table() -> None:
    """A 2015 report without its table is an old-template report, M-1."""
    report = text.parse("某区2015年政府信息公开工作年度报告\n一、概述\n正文\n")
    assert isinstance(report, Report2014)
    assert ("table",) == report.missing_tables
    assert ["M-1"] == [
        f.rule for f in check(report) if f.severity is Severity.ERROR
    ]


def test_a_2020_report_without_tables_is_2019_template() -> None:
    report = text.parse(
        "某区2020年政府信息公开工作年度报告\n一、总体情况\n正文\n"
    )
    assert isinstance(report, Report2019)
