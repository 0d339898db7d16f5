"""
Reports as published: HTML pages.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    GridRow,
    Report,
    Report2014,
    Report2019,
    Report2021,
    _declare,
    _lexer,
    html,
    text,
)
from govdisclosure._cli import main
from govdisclosure.checks import BlankPolicy, Severity, check
from govdisclosure.errors import ParseError
from govdisclosure.strategies import reports
from tests.conftest import SAMPLES, outcome, sample_bytes

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORTS = (Report2014, Report2019, Report2021)


def _sample() -> bytes:
    # Skips outside CI when ../shared is not there; fails in CI.
    return sample_bytes("shanghai-office-2019.html")


class TestShanghai:
    def test_cells_as_transcribed(self) -> None:
        """Every cell equals domain.md §4.1 (the example file), blanks as None."""
        report = html.parse(_sample())
        transcribed = text.parse(
            (EXAMPLES / "shanghai-office-2019.txt").read_text(encoding="utf-8")
        )

        assert isinstance(report, Report2019)
        assert transcribed.table == report.table
        assert transcribed.cell_texts == report.cell_texts

    def test_metadata_and_sections(self) -> None:
        """Body, year, publication date and the six sections are read."""
        report = html.parse(_sample())

        assert ("上海市人民政府办公厅", 2019, "2020-01-31") == (
            report.body,
            report.year,
            str(report.published),
        )
        assert [s.heading[:2] for s in report.sections] == [
            "一、",
            "二、",
            "三、",
            "四、",
            "五、",
            "六、",
        ]
        assert "无。" == report.sections[-1].body

    def test_no_error_by_default(self) -> None:
        """Blank = unknown: no error; the blank 总计 cells are not evaluable."""
        found = check(html.parse(_sample()))

        assert [] == [f for f in found if f.severity is Severity.ERROR]

    def test_blank_as_zero_fails_the_total_column(self) -> None:
        """Blank = 0: T3-D on the 11 outcome rows with data, T3-C on 总计."""
        found = check(
            html.parse(_sample()), blank=BlankPolicy.ZERO, narrative=False
        )

        rules = sorted(f.rule for f in found if f.rule != "B-1")
        assert ["T3-C", *["T3-D"] * 11] == rules
        (t3c,) = [f for f in found if f.rule == "T3-C"]
        assert ("总计", 805, 0) == (
            t3c.cells[0].column,
            t3c.actual,
            t3c.expected,
        )

    def test_full_page_with_navigation(self) -> None:
        """A full page: navigation, layout table and footer around the report."""
        page = (
            '<!DOCTYPE html><html><head><meta charset="gbk"><title>上海</title>'
            "<script>var x = '<table>';</script></head><body>"
            '<div class="nav"><a href="/">首页</a> &gt; <a>政务公开</a></div>'
            "<table><tr><td>网站导航</td><td>联系我们</td></tr></table>"
            + _sample().decode("utf-8")
            + "<div>扫一扫在手机打开当前页</div></body></html>"
        ).encode("gbk")

        report = html.parse(page)

        assert report.table == html.parse(_sample()).table
        assert report.title.startswith("2019年上海市人民政府办公厅")


class TestErrors:
    def test_no_report(self) -> None:
        """A page without a report's table, section or title: what was expected."""
        with pytest.raises(
            ParseError, match="no report found: expected table 三"
        ):
            html.parse("<p>政府信息公开指南</p><p>正文</p>")

    def test_a_title_alone_is_a_report_without_tables(self) -> None:
        """As in the text form: the title's year gives the template; M-1."""
        report = html.parse(
            "<p>某局2021年度政府信息公开工作年度报告</p><p>正文</p>"
        )
        assert isinstance(report, Report2021)
        assert 3 == len(report.missing_tables)

    def test_sections_without_tables_load(self) -> None:
        """Headings but no table: the report loads and M-1 names each table."""
        report = html.parse(
            "<h1>某局2023年度政府信息公开工作年度报告</h1>"
            "<p>一、总体情况</p><p>本年度依法公开。</p>"
            "<p>二、主动公开政府信息情况</p><p>见附件。</p>"
        )

        assert isinstance(report, Report2021)
        assert (
            "proactive",
            "applications",
            "appeals",
        ) == report.missing_tables
        assert 3 == sum(1 for f in check(report) if f.rule == "M-1")

    def test_bad_cell_is_kept_and_named(self) -> None:
        """A cell that is not a number loads as unknown, kept and named (V-1)."""
        page = _sample().decode("utf-8").replace(">821<", ">八百<")

        report = html.parse(page)

        (finding,) = [f for f in check(report) if f.rule == "V-1"]
        assert "八百" in finding.message_zh
        assert None is _declare.get(report.table, finding.cells[0].key)
        assert Severity.ERROR is finding.severity

    @given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
    def test_any_bytes(self, page: bytes) -> None:
        """Any bytes give a report or a ParseError."""
        result = outcome(html.parse, page, ParseError)

        assert isinstance(result, (*REPORTS, ParseError))


_CELL = re.compile(r"<td(?: [^>]*)?>([^<]+)</td>")


def _styled(page: str, data: st.DataObject) -> str:
    """
    The rendered page in the styles of real pages: text runs split over
    ``<span>``s, ``&nbsp;`` padding, ``<br />`` inside labels.
    """

    def restyle(m: re.Match[str]) -> str:
        value = m[1]
        style = data.draw(st.sampled_from(["plain", "spans", "nbsp", "br"]))
        if style == "spans" and len(value) > 1:
            cut = data.draw(st.integers(1, len(value) - 1))
            value = f"<span>{value[:cut]}</span><font>{value[cut:]}</font>"
        elif style == "nbsp":
            value = f"&nbsp;{value}&nbsp;"
        elif style == "br" and not value[:1].isdigit() and len(value) > 1:
            value = f"{value[:1]}<br />{value[1:]}"
        opening = m[0][: m[0].index(">") + 1]
        return f"{opening}<p>{value}</p></td>"

    return _CELL.sub(restyle, page)


@given(reports(blanks=True), st.data())
def test_render_then_parse(report: Report, data: st.DataObject) -> None:
    """html.parse(html.render(r)) == r, in several real-world styles."""
    page = html.render(report)
    styled = _styled(page, data)

    assert report == html.parse(page)
    assert report == html.parse(styled)


@given(reports(template="2021"))
def test_gb18030_bytes_with_meta_charset(report: Report) -> None:
    """GB18030 bytes with a meta charset are decoded by the declaration."""
    page = '<meta charset="gb18030">' + html.render(report)

    assert report == html.parse(page.encode("gb18030"))


def test_merged_or_not() -> None:
    """Heading rows spanning the table, or as a cell and empty cells, and
    header rows with spans or written out: the same report."""
    report = text.parse(
        (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    )
    page = html.render(report)
    assert '<td colspan="4">第二十条第（一）项</td>' in page
    assert '<td rowspan="2">自然人</td>' in page
    unmerged = re.sub(
        r'<td colspan="4">(第二十条第（.）项)</td>',
        r"<td>\1</td><td></td><td></td><td></td>",
        page,
    )
    unmerged = re.sub(r' (?:rowspan|colspan)="\d+"', "", unmerged)
    assert unmerged != page

    assert report == html.parse(page)
    assert report == html.parse(unmerged)


class TestCommandLine:
    def test_check_html_file(self, tmp_path: Path) -> None:
        """check reads .html files, and HTML content under any name."""
        path = tmp_path / "page.txt"
        path.write_bytes(_sample())
        out = io.StringIO()

        assert 0 == main(["check", str(path)], stdout=out)

        assert "上海市人民政府办公厅 2019年 (template 2019)" in out.getvalue()

    def test_convert_html_to_text(self) -> None:
        """convert turns the page into the text form the parser reads back."""
        _sample()  # the sample is there (else: skip, or fail in CI)
        out = io.StringIO()

        main(
            [
                "convert",
                str(SAMPLES / "shanghai-office-2019.html"),
                "--to",
                "text",
            ],
            stdout=out,
        )

        assert html.parse(_sample()) == text.parse(out.getvalue())


def test_render_keeps_raw_texts() -> None:
    """The printed 251000元 survives render and parse."""
    again = html.parse(html.render(html.parse(_sample())))

    assert ["251000元"] == [t.text for t in again.cell_texts]


@pytest.mark.parametrize("blank", [True, False])
def test_unknown_rows_beside_table_four(blank: bool) -> None:
    """Unknown rows with numbers after table 四 (blank or not) stay apart."""
    report = text.parse(
        (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    )
    assert isinstance(report, Report2021)
    if blank:
        report = attrs.evolve(
            report,
            table=attrs.evolve(report.table, appeals=type(report.appeals)()),
        )
    rows = tuple(
        GridRow(table="appeals", label="A", cells=("A", "0")) for _ in range(3)
    )
    report = attrs.evolve(report, extra_rows=rows)

    assert report == html.parse(html.render(report))


#: Markup that real pages put around and inside cells, for the test below.
_SNIPPETS = (
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    '<td rowspan="2">',
    '<td colspan="3">',
    "<sup>1</sup>",
    "<p>",
    "<br>",
    "<span>",
    "</span>",
    "<script>x</script>",
    "<!-- c -->",
    "\t\r\n",
    "<div>",
    "</div>",
    "<li><a>x</a>y</li>",
    "<p data-verbatim>\t</p>",
)


def _never(_element: object) -> bool:
    return False


@contextlib.contextmanager
def _element_by_element() -> Iterator[None]:
    """
    The HTML reader without its shortcuts: every table and every element
    outside tables read through the reader's start, data and end.
    """
    with (
        mock.patch.object(html, "_fast", _never),
        mock.patch.object(html, "_SHORTCUTS", new=False),
    ):
        yield


@given(reports(blanks=True), st.data())
def test_tables_read_at_once_as_element_by_element(
    report: Report, data: st.DataObject
) -> None:
    """
    A table read at once by lxml (no table, mark or script inside; its
    cells' markup stripped) and the text outside tables kept by the walk
    itself give the same document as reading them element by element, on
    rendered pages with markup spliced in anywhere.
    """
    page = html.render(report)
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(page)))
        page = page[:at] + data.draw(st.sampled_from(_SNIPPETS)) + page[at:]

    def document(page: str) -> object:
        read = html.to_document(page)
        return (read.lines, read.rows)

    fast = outcome(document, page, ParseError)
    with _element_by_element():
        slow = outcome(document, page, ParseError)

    assert slow == fast


def test_tables_read_at_once_on_the_samples() -> None:
    """The real pages read alike with and without the reader's shortcuts."""
    pages = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.html"))]
    fast = [html.to_document(page) for page in pages]
    with _element_by_element():
        slow = [html.to_document(page) for page in pages]

    assert len(pages) >= 2
    assert [(d.lines, d.rows) for d in fast] == [
        (d.lines, d.rows) for d in slow
    ]


def test_skipped_elements_leave_no_trace() -> None:
    """
    What ``<noscript>``, ``<script>`` or ``<template>`` hold is not part of
    the page's text: a line around one stays one line.
    """
    page = (
        "<p>某局2021年度政府信息公开工作年度报告</p>"
        "<div>一、总体情况<noscript><div>请启用脚本</div></noscript>"
        "（略）<template><p>x</p></template></div>"
    )

    assert "一、总体情况（略）" in html.to_document(page).lines
    assert not any("请启用" in line for line in html.to_document(page).lines)


def test_a_cell_inside_a_cell_reads_as_element_by_element() -> None:
    """
    A stray ``<td>`` inside a cell's markup (what lxml makes of
    ``<td><<div>/td><td>0</td>``) is a cell of its own, as element by
    element, not part of the cell around it (the fast path steps aside).
    """
    rows = (
        "<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td>"
        "<td>对外公开总数量</td></tr>"
        "<tr><td>规章</td><td></td><td><<div>/td><td>0</td></tr>"
    )
    page = f"<p>第二十条第（一）项</p><table>{rows}</table>"
    fast = html.to_document(page)
    with _element_by_element():
        slow = html.to_document(page)

    assert (fast.lines, fast.rows) == (slow.lines, slow.rows)
    assert "规章 |  | </td> | 0" in fast.lines


#: Blocks of a site around an article: navigation, a metadata table, a
#: numbered menu (a 、 outside the report), labels.
_SITE = (
    "<div><a href='/'>首页</a> <a>政务公开</a> <a>信息公开指南</a></div>",
    "<ul><li><a>政府信息公开年报</a></li><li><a>政策解读</a></li></ul>",
    "<div class='nav'><ul><li>一、机构概况</li><li>二、政策文件</li></ul></div>",
    "<table><tr><td>索引号</td><td>001</td><td>发布机构</td><td>某局</td></tr></table>",
    "<div>发布日期：2022-01-20　来源：某局</div>",
    "<p>三、</p>",
    "<div><span>一</span><span>、</span>总体</div>",
    "<form><div>搜索</div><input></form>",
    "<script>var a = '一、';</script>",
    "<div>主办：某局　网站标识码：1234</div>",
)


@given(reports(blanks=True), st.data())
def test_pages_with_meta_tags_read_alike_kept_to_the_article(
    report: Report, data: st.DataObject
) -> None:
    """
    On a page whose meta tags state the title and date, reading only the
    article's surroundings (leaving out blocks without a 、, and reading
    the page whole when the report is not placed inside them) gives the
    document of reading the whole page, and of reading it element by
    element: for any site around the article, markup spliced in anywhere.
    """
    site = st.lists(st.sampled_from(_SITE), max_size=4).map("".join)
    article = html.render(report)
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(0, len(article)))
        snippet = data.draw(st.sampled_from(_SNIPPETS + _SITE))
        article = article[:at] + snippet + article[at:]
    wrapper = data.draw(st.sampled_from(["div", "section", "span", "td"]))
    page = (
        "<html><head><meta name='ArticleTitle' content='某局2021年度报告'>"
        "<meta name='PubDate' content='2022-01-20'></head><body>"
        f"{data.draw(site)}<div><{wrapper} class='article'>{article}"
        f"</{wrapper}>{data.draw(site)}</div>{data.draw(site)}</body></html>"
    )

    def document(page: str) -> object:
        read = html.to_document(page)
        return (read.lines, read.rows)

    kept_to = outcome(document, page, ParseError)
    with mock.patch.object(html, "_scope", return_value=None):
        whole = outcome(document, page, ParseError)
    with _element_by_element():
        slow = outcome(document, page, ParseError)

    assert kept_to == whole == slow


def test_the_whole_page_sample_is_read_kept_to_its_article() -> None:
    """
    The 平潭 page (meta tags, navigation) is read kept to its article:
    far fewer blocks read, the same document.
    """
    page = sample_bytes("pingtan-2024.html")
    kept_to = html._read_page(page)
    whole = html._read_page(page, prune=False)
    document = html.to_document(page)
    with mock.patch.object(html, "_scope", return_value=None):
        read_whole = html.to_document(page)

    assert kept_to.scope_path is not None
    assert html._placed(kept_to) is not None
    assert len(kept_to.blocks) * 3 < len(whole.blocks)
    assert (document.lines, document.rows) == (
        read_whole.lines,
        read_whole.rows,
    )


@given(
    st.text(
        st.characters(
            codec="utf-8",
            categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"),
        ),
        max_size=60,
    ),
    st.text(max_size=8),
)
def test_a_title_is_matched_as_compacted(line: str, key: str) -> None:
    """
    ``_compacts_to`` (which leaves a long line unnormalized) says what comparing
    the compacted line says, and its bound holds: NFKC joins at most four
    letters into one.
    """
    letters = len("".join(line.split()))

    assert 4 * len(_lexer.compact(line)) >= letters
    assert html._compacts_to(line, key) == (_lexer.compact(line) == key)
    compacted = _lexer.compact(line)
    assert html._compacts_to(line, compacted)


@given(reports(blanks=True), reports(blanks=True))
def test_table_plans_hold_for_any_text_of_their_shape(
    first: Report, second: Report
) -> None:
    """
    A table's rows are placed by the plan of its shape, made once: a page
    read after another (plans made) reads as with no plan made yet.
    """
    pages = [html.render(first), html.render(second)]

    def document(page: str) -> object:
        read = html.to_document(page)
        return (read.lines, read.rows)

    html._PLANS.clear()
    outcome(document, pages[0], ParseError)
    after = outcome(document, pages[1], ParseError)
    html._PLANS.clear()
    fresh = outcome(document, pages[1], ParseError)

    assert after == fresh


def test_table_plans_kept_are_bounded() -> None:
    """
    The memo of table plans holds no plan of a very big table and at most
    ``_PLANS_KEPT`` plans: any pages leave it small.
    """
    html._PLANS.clear()
    big = "".join(
        f"<tr><td>规章</td><td>{n}</td></tr>" for n in range(html._PLAN_CELLS)
    )
    document = html.to_document(f"<p>一、总体情况</p><table>{big}</table>")
    assert document.lines.count("规章 | 7") == 1
    assert not html._PLANS
    for n in range(html._PLANS_KEPT + 3):
        html.to_document(
            "<p>一、总体情况</p><table>"
            + "<tr><td>规章</td><td>1</td></tr>" * (n + 1)
            + "</table>"
        )
        assert 0 < len(html._PLANS) <= html._PLANS_KEPT
