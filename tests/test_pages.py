"""
Whole web pages: the article's metadata, the site around it, hostile
markup.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import attrs
import pytest

from govdisclosure import Report2021, html, text
from govdisclosure._cli import main
from govdisclosure.errors import ParseError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _fragment() -> str:
    report = text.parse((EXAMPLES / "pingtan-2021.txt").read_text("utf-8"))
    return html.render(report)


def _site(head: str, before: str, after: str = "") -> str:
    """The report fragment inside a site's page."""
    body = _fragment().split("\n", 1)[1]  # without its title paragraph
    return (
        f"<html><head>{head}</head><body>"
        "<div class='nav'><a>首页</a> | <a>政务公开</a><p>政府信息公开年报</p></div>"
        f"{before}<div class='article'>{body}</div>"
        "<div class='footer'><p>使用帮助 | 联系我们 | 网站地图 | 关于我们</p>"
        f"<p>版权所有</p>{after}</div></body></html>"
    )


def test_meta_tags() -> None:
    page = _site(
        '<meta name="ArticleTitle" content="某县2021年政府信息公开工作年度报告">'
        '<meta name="PubDate" content="2022-01-28 09:00">',
        "<h1>政府信息公开年报</h1>",
    )
    report = html.parse(page)

    assert "某县2021年政府信息公开工作年度报告" == report.title
    assert ("某县", 2021, "2022-01-28") == (
        report.body,
        report.year,
        str(report.published),
    )
    assert () == report.extra_rows
    assert "使用帮助" not in text.render(report)


def test_labels_above_the_article() -> None:
    page = _site(
        "",
        "<p>标题：某县发展和改革局2021年政府信息公开工作年度报告</p>"
        "<p>发布日期：2022-01-20</p>",
    )
    report = html.parse(page)

    assert "某县发展和改革局" == report.body
    assert "2022-01-20" == str(report.published)


def test_metadata_table_and_title_tag() -> None:
    meta = (
        "<table><tr><td>索引号</td><td>001/2022-00012</td>"
        "<td>发布机构</td><td>某县人民政府办公室</td></tr>"
        "<tr><td>生成日期</td><td>2022-03-15</td><td>文号</td><td></td></tr></table>"
    )
    page = _site(
        "<title>某县人民政府2021年政府信息公开工作年度报告-年报-某县人民政府网</title>",
        meta,
    )
    report = html.parse(page)

    assert "某县人民政府2021年政府信息公开工作年度报告" == report.title
    assert "2022-03-15" == str(report.published)


def test_prose_with_bars_is_prose() -> None:
    """A footer with | after the table is no table row."""
    page = _fragment() + "<p>首页 | 网站地图 | 联系我们 | 关于我们</p>"
    report = html.parse(page)

    assert () == report.extra_rows
    assert "首页 | 网站地图" in report.sections[-1].text


def test_table_nested_in_a_cell() -> None:
    """A CMS artefact: a table inside a cell is the cell's text."""
    page = _fragment().replace(
        "<td>70</td>", "<td><table><tr><td>70</td></tr></table></td>", 1
    )
    assert html.parse(page) == html.parse(_fragment())


def test_report_table_inside_a_layout_table() -> None:
    page = f"<table><tr><td>{_fragment()}</td></tr></table>"
    assert isinstance(html.parse(page), Report2021)


def test_spans_are_bounded() -> None:
    """rowspan/colspan of 1000 cannot blow up time or memory."""
    cell = '<td rowspan="1000" colspan="1000">x</td>'
    page = "<table>" + f"<tr>{cell * 30}</tr>" * 30 + "</table>"
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(ParseError):
        html.parse(page)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 2
    assert peak < 50_000_000


@pytest.mark.parametrize("charset", ["undefined", "iso-8859-1", "utf-16"])
def test_odd_charsets(charset: str) -> None:
    """A charset Python does not know, or one the page is not in."""
    page = f'<meta charset="{charset}">' + _fragment()
    assert html.parse(page.encode("utf-8")) == html.parse(_fragment())


def test_cli_on_an_undefined_charset(tmp_path: Path) -> None:
    """The one-line page from the fuzzing report: no traceback, exit 2."""
    path = tmp_path / "x.html"
    path.write_bytes(
        b'<meta charset="undefined"><table><tr><td>x</td></tr></table>'
    )
    assert 2 == main(["check", str(path)])


def test_a_title_that_names_no_disclosure_report_keeps_everything() -> None:
    """A report titled "…工作报告": its title, preamble and tables stay."""
    report = text.parse((EXAMPLES / "pingtan-2021.txt").read_text("utf-8"))
    renamed = attrs.evolve(report, title="平潭综合实验区2021年度工作报告")
    assert renamed == html.parse(html.render(renamed))


def test_a_report_title_in_the_narrative_is_not_the_start() -> None:
    """A later line naming a report does not cut the title off."""
    report = text.parse((EXAMPLES / "pingtan-2021.txt").read_text("utf-8"))
    cited = attrs.evolve(
        report,
        title="平潭综合实验区年报",
        preamble="参照《某县2020年政府信息公开工作年度报告》编制。",
    )
    assert cited == html.parse(html.render(cited))
