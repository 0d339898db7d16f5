"""
A check report as one self-contained HTML page: each report's tables laid
out as the template prints them, the cells of every finding marked (the
culprit with the value that would make every sum hold), the findings with
links to their cells, the metrics, and, for a body's series of years,
charts (matplotlib, the ``plot`` extra) with the cross-year findings.

The page has its CSS and its charts (SVG) inline and fetches nothing: it
works offline, as an e-mail attachment and printed on A4.

>>> from pathlib import Path
>>> from govdisclosure import text
>>> report = text.parse(Path("examples/zhuhui-2019-table.txt").read_text(encoding="utf-8"))
>>> page = render([report], sources=["zhuhui-2019-table.txt"])
>>> 'data-key="applications.replies"' in page, 'class="suggested"' in page
(True, True)
"""

from __future__ import annotations

import functools
import html
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from govdisclosure import (
    _declare,
    _extras,
    _lexer,
    _render,
    _review,
    checks,
    metrics,
)
from govdisclosure._declare import Cell, Header, Heading, Row
from govdisclosure._findings import BlankPolicy, Finding, Severity
from govdisclosure._report2014 import Report2014
from govdisclosure._report_national import NationalReport
from govdisclosure._templates import REPORT_TYPES, Report

__all__ = ["SEVERITY_CLASSES", "render"]

#: The CSS class of a cell in a finding of each severity (``culprit`` is
#: added on the one cell that explains every failing rule).
SEVERITY_CLASSES = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.NOT_EVALUABLE: "not-evaluable",
}
#: The sign printed in a marked cell, so that colour is never the only one.
_SIGNS = {"error": "✖", "warning": "⚠", "not-evaluable": "?"}
_ORDER = ("error", "warning", "not-evaluable")

_CSS = """
:root { --error: #b00020; --warning: #8a5a00; --grey: #666; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", sans-serif; margin: 1rem auto; max-width: 72rem;
  padding: 0 .75rem; line-height: 1.45; color: #111; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem;
  border-bottom: 2px solid #333; } h3 { font-size: 1.05rem; }
.en { color: #444; font-size: .92em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr;
  gap: .1rem 1rem; }
dl.meta dt { font-weight: bold; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border: 1px solid #999; padding: .2rem .35rem; vertical-align: top; }
th { background: #f2f2f2; font-weight: normal; text-align: left; }
td[data-key] { text-align: right; white-space: nowrap; min-width: 2.2rem; }
td.error { background: #fde7ea; outline: 3px double var(--error);
  outline-offset: -3px; }
td.warning { background: #fff4d6; outline: 2px dashed var(--warning);
  outline-offset: -2px; }
td.not-evaluable { background: repeating-linear-gradient(45deg, #fff,
  #fff 4px, #eee 4px, #eee 8px); outline: 1px dotted var(--grey);
  outline-offset: -2px; }
td.culprit { outline: 4px solid var(--error); outline-offset: -4px;
  font-weight: bold; }
.sign { font-size: .8em; margin-left: .2em; }
td.error .sign { color: var(--error); }
td.warning .sign { color: var(--warning); }
.suggested { display: block; font-size: .8em; color: var(--error);
  font-weight: bold; white-space: nowrap; }
ol.findings li { margin-bottom: .6rem; }
ol.findings li.error::marker { color: var(--error); }
.rule { font-family: monospace; font-weight: bold; }
.severity { text-transform: uppercase; font-size: .75em; padding: 0 .3em;
  border: 1px solid currentColor; }
li.error .severity { color: var(--error); }
li.warning .severity { color: var(--warning); }
li.not-evaluable .severity { color: var(--grey); }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .6rem;
  border-left: 3px solid #bbb; color: #333; }
.missing { color: var(--error); font-style: italic; }
figure.chart { margin: 1rem 0; } figure.chart svg { max-width: 100%;
  height: auto; }
.legend span { margin-right: 1rem; }
@media (max-width: 40rem) { body { padding: 0 .3rem; }
  table { font-size: .75rem; } }
@page { size: A4; margin: 12mm; }
@media print { body { max-width: none; margin: 0; padding: 0; }
  .table-wrap { overflow: visible; } table { font-size: 7.5pt; }
  th, td { padding: 1px 2px; } tr { break-inside: avoid; }
  h2 { break-before: page; } h2:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _id(n: int, key: str) -> str:
    return f"r{n}-{key}"


class _Marks:
    """
    What the findings of one report say about its cells: the severity
    classes of each cell, the culprit's suggested value, and the findings
    each cell is in.
    """

    def __init__(self, found: Sequence[Finding], year: int | None) -> None:
        self.classes: dict[str, set[str]] = {}
        self.suggested: dict[str, int | Decimal] = {}
        self.findings: dict[str, list[int]] = {}
        for i, finding in enumerate(found):
            kind = SEVERITY_CLASSES[finding.severity]
            for ref in finding.cells:
                if ref.year is not None and ref.year != year:
                    continue  # a cell of the other year's report
                self.classes.setdefault(ref.key, set()).add(kind)
                self.findings.setdefault(ref.key, []).append(i)
            if finding.culprit is not None:
                culprit = finding.culprit
                self.classes.setdefault(culprit.key, set()).add("culprit")
                self.suggested[culprit.key] = culprit.suggested

    def cell(
        self, n: int, report: Report, cell: Cell, colspan: int = 1
    ) -> str:
        key = cell.key
        classes = self.classes.get(key, set())
        ordered = [c for c in _ORDER if c in classes]
        if "culprit" in classes:
            ordered.append("culprit")
        attributes = [f'id="{_e(_id(n, key))}"', f'data-key="{_e(key)}"']
        if cell.column is not None:
            attributes.append(f'data-column="{_e(cell.column)}"')
        if ordered:
            attributes.append(f'class="{" ".join(ordered)}"')
            titles = ", ".join(f"#{i + 1}" for i in self.findings.get(key, []))
            attributes.append(f'title="{_e(cell.name)}: {titles}"')
        if colspan > 1:
            attributes.append(f'colspan="{colspan}"')
        body = _e(_render.shown(report, cell))
        if ordered and ordered[0] in _SIGNS:
            sign = _SIGNS[ordered[0]]
            body += (
                f'<span class="sign" aria-label="{ordered[0]}">{sign}</span>'
            )
        if key in self.suggested:
            value = self.suggested[key]
            shown = _lexer_plain(value)
            body += (
                f'<span class="suggested">应为 should be {_e(shown)}</span>'
            )
        return f"<td {' '.join(attributes)}>{body}</td>"


def _lexer_plain(value: int | Decimal) -> str:
    return _lexer.plain(value) if isinstance(value, Decimal) else str(value)


def _spanned(tag: str, cell: _render.Spanned) -> str:
    spans = ""
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    return f"<{tag}{spans}>{_e(cell.text)}</{tag}>"


def _grid(report: Any, name: str, marks: _Marks, n: int) -> list[str]:
    """One national table as the template prints it, cells keyed."""
    entries = _render.table_entries(report, name)
    width = max(len(e.cells) for e in entries if isinstance(e, Row))
    rows: list[str] = []
    for entry in entries:
        if isinstance(entry, Heading):
            rows.append(
                f'<tr><th colspan="{width + 1}" class="heading">'
                f"{_e(entry.label)}</th></tr>"
            )
        elif isinstance(entry, Header):
            rows.extend(
                "<tr>" + "".join(_spanned("th", c) for c in line) + "</tr>"
                for line in _render.header_spec(entry, width)
            )
        elif isinstance(entry, Row):
            cells = [marks.cell(n, report, c) for c in entry.cells]
            last = entry.cells[-1]
            cells[-1] = marks.cell(
                n, report, last, 1 + width - len(entry.cells)
            )
            label = (
                [] if entry.label is None else [f"<th>{_e(entry.label)}</th>"]
            )
            rows.append("<tr>" + "".join([*label, *cells]) + "</tr>")
    rows.extend(
        '<tr class="extra">'
        + "".join(f"<td>{_e(c)}</td>" for c in (row.label, *row.cells))
        + "</tr>"
        for row in report.extra_rows
        if row.table == name
    )
    return ['<div class="table-wrap"><table>', *rows, "</table></div>"]


def _table_2014(report: Report2014, marks: _Marks, n: int) -> list[str]:
    rows = ["<tr><th>指 标</th><th>单位</th><th>数量</th></tr>"]
    for entry in _render.entries(report):
        if isinstance(entry, Heading):
            rows.append(
                f'<tr><th colspan="3" class="heading">{_e(entry.label)}</th></tr>'
            )
        elif isinstance(entry, Cell):
            rows.append(
                f"<tr><th>{_e(entry.label)}</th><td>{_e(entry.unit)}</td>"
                f"{marks.cell(n, report, entry)}</tr>"
            )
    rows.extend(
        f'<tr class="extra"><td>{_e(r.label)}</td><td>{_e(r.unit)}</td>'
        f"<td>{_e(r.value)}</td></tr>"
        for r in report.extra_rows
    )
    return ['<div class="table-wrap"><table>', *rows, "</table></div>"]


_LEGEND = (
    '<p class="legend">'
    "<span>✖ 错误 error</span><span>⚠ 提示 warning</span>"
    "<span>? 无法核对 not evaluable</span>"
    "<span><strong>应为 should be</strong>: 疑似错误单元格的建议值 "
    "the value that makes every sum hold</span></p>"
)

_MISSING = (
    '<p class="missing">报告未印出此表 '
    '<span class="en">(the report does not print this table)</span></p>'
)


def _tables(report: Report, marks: _Marks, n: int) -> list[str]:
    if isinstance(report, Report2014):
        if report.missing_tables:
            return [_MISSING]
        return _table_2014(report, marks, n)
    out: list[str] = []
    for name, heading in type(report.table).SECTIONS.items():
        out.append(f"<h3>{_e(heading)}</h3>")
        if name in report.missing_tables:
            out.append(_MISSING)
        else:
            out.extend(_grid(report, name, marks, n))
    return out


def _findings(found: Sequence[Finding], n: int, shown: set[str]) -> list[str]:
    if not found:
        return ['<p>没有发现问题 <span class="en">(no findings)</span></p>']
    out = ['<ol class="findings">']
    for i, f in enumerate(found):
        kind = SEVERITY_CLASSES[f.severity]
        links = ", ".join(
            f'<a href="#{_e(_id(n, c.key))}">{_e(c.name)}</a>'
            if c.key in shown and c.year in (None, f.cells[0].year)
            else _e(c.name)
            for c in f.cells
        )
        parts = [
            f'<li id="f{n}-{i + 1}" class="{kind}">',
            f'<span class="rule">{_e(f.rule)}</span> ',
            f'<span class="severity">{_e(f.severity.value)}</span> ',
            f'{_e(f.message_zh)}<br><span class="en">{_e(f.message_en)}</span>',
        ]
        if f.sentence:
            parts.append(f"<blockquote>{_e(f.sentence)}</blockquote>")
        if links:
            parts.append(f"<div>单元格 cells: {links}</div>")
        if f.culprit is not None:
            c = f.culprit
            parts.append(
                f'<div>疑似错误单元格 likely culprit: <a href="#{_e(_id(n, c.key))}">'
                f"{_e(c.name)}</a>, printed {_e(c.value)}, would hold as "
                f"<strong>{_e(_lexer_plain(c.suggested))}</strong></div>"
            )
        parts.append("</li>")
        out.append("".join(parts))
    out.append("</ol>")
    return out


def _metrics(report: Report, blank: BlankPolicy) -> list[str]:
    rows = []
    for v in metrics.compute(report, blank=blank):
        value = v.decimal()
        shown = (
            "—" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")
        )
        rows.append(
            f'<tr><th>{_e(v.metric.name_zh)} <span class="en">'
            f"{_e(v.metric.name_en)}</span></th>"
            f'<td data-metric="{_e(v.key)}">{_e(shown)}</td>'
            f"<td>{_e('' if v.unit == '1' else v.unit)}</td></tr>"
        )
    if not rows:
        return []
    return [
        '<h3>指标 <span class="en">Metrics</span></h3>',
        '<div class="table-wrap"><table class="metrics">',
        *rows,
        "</table></div>",
    ]


def _one(report: Report, source: str, n: int, blank: BlankPolicy) -> list[str]:
    found = checks.check(report, blank=blank)
    marks = _Marks(found, report.year)
    printed = {key for keys in _printed(report).values() for key in keys}
    published = report.published
    meta = [
        ("来源 source", source),
        ("机关 body", report.body or "—"),
        ("年度 year", report.year if report.year is not None else "—"),
        ("发布日期 published", published.isoformat() if published else "—"),
        ("模板 template", report.TEMPLATE),
    ]
    counts = {s: sum(1 for f in found if f.severity is s) for s in Severity}
    summary = (
        f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} "
        f"warning(s), {counts[Severity.NOT_EVALUABLE]} not evaluable"
    )
    return [
        f'<section class="report" id="report-{n}">',
        f"<h2>{_e(report.title)}</h2>",
        '<dl class="meta">',
        *(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta),
        "</dl>",
        *_tables(report, marks, n),
        f'<h3>发现 <span class="en">Findings: {_e(summary)}</span></h3>',
        *_findings(found, n, printed),
        *_metrics(report, blank),
        "</section>",
    ]


def _printed(report: Report) -> Mapping[str, tuple[str, ...]]:
    return _review.printed_cells(report)


# --------------------------------------------------------------------------
# A body's series of years


def _groups(reports: Sequence[Report]) -> list[list[int]]:
    """The indexes of each body's reports for consecutive years, by year."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in checks.consecutive(reports):
        parent[root(b)] = root(a)
    members: dict[int, list[int]] = {}
    for i in range(len(reports)):
        members.setdefault(root(i), []).append(i)
    return [
        sorted(m, key=lambda i: reports[i].year or 0)
        for m in members.values()
        if len(m) > 1
    ]


#: What the stacked chart of outcomes adds up, per template generation.
_OUTCOMES: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "2014": (
        (
            "granted",
            "予以公开",
            ("applications.granted", "applications.already_public"),
        ),
        ("partly", "部分公开", ("applications.partly_granted",)),
        ("withheld", "不予公开", ("applications.refusals.total",)),
        (
            "unavailable",
            "无法提供",
            ("applications.not_held", "applications.nonexistent"),
        ),
        (
            "other",
            "其他",
            ("applications.amendment_requested", "applications.redirected"),
        ),
    ),
}


def _national_outcomes(
    template: str,
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    keys = _declare.cell_map(REPORT_TYPES[template].TABLE)

    def totals(prefix: str) -> tuple[str, ...]:
        return tuple(
            k for k in keys if k.startswith(prefix) and k.endswith(".total")
        )

    return (
        ("granted", "予以公开", totals("applications.granted.")),
        ("partly", "部分公开", totals("applications.partly_granted.")),
        ("withheld", "不予公开", totals("applications.withheld.")),
        ("unavailable", "无法提供", totals("applications.unavailable.")),
        ("not_processed", "不予处理", totals("applications.not_processed.")),
        ("other", "其他处理", totals("applications.other.")),
    )


@functools.cache
def _outcomes(template: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    if template in _OUTCOMES:
        return _OUTCOMES[template]
    return _national_outcomes(template)


def _sum(report: Report, keys: Iterable[str]) -> int | None:
    values = [_declare.get(report.table, k) for k in keys]
    known = [v for v in values if isinstance(v, int)]
    return sum(known) if known else None


def _received(report: Report) -> int | None:
    key = (
        "applications.received"
        if isinstance(report, Report2014)
        else "applications.received.total"
    )
    return _sum(report, [key])


def _appeals(report: Report) -> tuple[int | None, int | None]:
    if isinstance(report, Report2014):
        return (
            _sum(report, ["reconsideration.total"]),
            _sum(report, ["litigation.total"]),
        )
    return (
        _sum(report, ["appeals.reconsideration.total"]),
        _sum(
            report,
            [
                "appeals.direct_litigation.total",
                "appeals.litigation_after_review.total",
            ],
        ),
    )


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # The RDF metadata names matplotlib's site: not needed on the page.
    start, end = svg.find("<metadata>"), svg.find("</metadata>")
    if 0 <= start < end:
        svg = svg[:start] + svg[end + len("</metadata>") :]
    return svg


def _charts(series: Sequence[Report], blank: BlankPolicy) -> list[str]:
    """The three charts of a body's years, as inline SVG figures."""
    matplotlib = _extras.require(
        "matplotlib", "plot", "charts of a body's years"
    )
    figure_module = _extras.require("matplotlib.figure", "plot", "charts")
    matplotlib.rcParams["svg.hashsalt"] = "govdisclosure"
    matplotlib.rcParams["svg.fonttype"] = "none"
    years = [str(r.year) for r in series]
    out: list[str] = []

    # 1. applications received, and the outcomes stacked.
    fig = figure_module.Figure(figsize=(7, 3.2))
    ax = fig.subplots()
    bottom = [0] * len(series)
    labels = [label for label, _, _ in _outcomes(series[-1].TEMPLATE)]
    for label in labels:
        heights = []
        for r in series:
            keys = next(
                (k for name, _, k in _outcomes(r.TEMPLATE) if name == label),
                (),
            )
            heights.append(_sum(r, keys) or 0)
        ax.bar(years, heights, bottom=bottom, label=label)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    received = [_received(r) for r in series]
    ax.plot(
        years,
        _gaps(received),
        "k^-",
        label="received (new)",
    )
    ax.set_ylabel("applications")
    ax.legend(fontsize="small", ncols=2)
    fig.tight_layout()
    out.append(
        _figure(
            fig,
            "applications",
            "收到申请及办理结果（按年度，堆叠）",
            "applications received and their outcomes per year (stacked)",
        )
    )

    # 2. the disclosure rate.
    fig = figure_module.Figure(figsize=(7, 2.6))
    ax = fig.subplots()
    rates: list[float | None] = []
    for r in series:
        value: Fraction | None = metrics.value_of(
            r, "disclosure_rate", blank=blank
        ).value
        rates.append(None if value is None else float(value) * 100)
    ax.plot(years, _gaps(rates), "o-", label="disclosure rate")
    ax.set_ylabel("%")
    ax.set_ylim(0, 100)
    fig.tight_layout()
    out.append(
        _figure(
            fig,
            "disclosure-rate",
            "公开率（予以公开 + 部分公开）/ 办理结果总计",
            "disclosure rate per year",
        )
    )

    # 3. reconsideration and litigation.
    fig = figure_module.Figure(figsize=(7, 2.6))
    ax = fig.subplots()
    pairs = [_appeals(r) for r in series]
    ax.plot(
        years,
        _gaps(a for a, _ in pairs),
        "s-",
        label="reconsideration",
    )
    ax.plot(
        years,
        _gaps(b for _, b in pairs),
        "d--",
        label="litigation",
    )
    ax.set_ylabel("cases")
    ax.legend(fontsize="small")
    fig.tight_layout()
    out.append(
        _figure(
            fig,
            "appeals",
            "行政复议、行政诉讼（按年度）",
            "administrative reconsideration and litigation per year",
        )
    )
    return out


def _gaps(values: Iterable[float | None]) -> list[float]:
    """A series to plot: a blank year is a gap in the line (NaN)."""
    return [math.nan if v is None else float(v) for v in values]


def _figure(fig: Any, name: str, zh: str, en: str) -> str:
    return (
        f'<figure class="chart" data-chart="{name}">{_svg(fig)}'
        f'<figcaption>{_e(zh)} <span class="en">({_e(en)})</span>'
        "</figcaption></figure>"
    )


def _series(
    reports: Sequence[Report],
    sources: Sequence[str],
    blank: BlankPolicy,
    charts: bool,
) -> list[str]:
    out: list[str] = []
    pairs = checks.consecutive(reports)
    for group in _groups(reports):
        # One report a year (the first given, when a year is given twice).
        by_year: dict[int | None, int] = {}
        for i in group:
            by_year.setdefault(reports[i].year, i)
        series = [reports[i] for i in by_year.values()]
        first = series[0]
        out.append('<section class="series">')
        out.append(
            f"<h2>{_e(first.body or first.title)}: "
            f"{_e(series[0].year)}–{_e(series[-1].year)}</h2>"
        )
        if charts:
            out.extend(_charts(series, blank))
        found: list[tuple[int, int, Finding]] = []
        members = set(group)
        for a, b in (p for p in pairs if p[0] in members):
            found.extend(
                (a, b, f)
                for f in checks.check_pair(reports[a], reports[b], blank=blank)
                if f.severity is not Severity.NOT_EVALUABLE
            )
        out.append('<h3>跨年度核对 <span class="en">Across years</span></h3>')
        if not found:
            out.append(
                '<p>没有发现问题 <span class="en">(no findings)</span></p>'
            )
        else:
            out.append('<ol class="findings">')
            for a, b, f in found:
                kind = SEVERITY_CLASSES[f.severity]
                out.append(
                    f'<li class="{kind}"><span class="rule">{_e(f.rule)}</span> '
                    f'<span class="severity">{_e(f.severity.value)}</span> '
                    f'{_e(f.message_zh)}<br><span class="en">{_e(f.message_en)}</span>'
                    f"<div>{_e(sources[a])} → "
                    f'<a href="#report-{b}">{_e(sources[b])}</a></div></li>'
                )
            out.append("</ol>")
        out.append("</section>")
    return out


def render(
    reports: Report | Iterable[Report],
    *,
    sources: Sequence[str] | None = None,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
    charts: bool = True,
    title: str = "政府信息公开工作年度报告核查 Check report",
) -> str:
    """
    The check report of *reports* as one self-contained HTML page.

    Each report gets its title, body, year, publication date and source
    (*sources*, the file names, else its number), its tables laid out as
    the template prints them (every cell a ``<td data-key="KEY">``, with
    ``data-column`` in a grid; a cell in a finding has the class of the
    finding's severity, ``error``, ``warning`` or ``not-evaluable``, and a
    sign; the culprit cell the class ``culprit`` and its suggested value),
    its findings with links to their cells, and its metrics.  The reports
    of one body for consecutive years get charts (with *charts*; they need
    matplotlib, the ``plot`` extra) and their cross-year findings.

    Raises:
        ValueError: when *sources* and *reports* differ in number.
        MissingExtraError: when charts are drawn without matplotlib.
    """
    listed: list[Report] = (
        [reports]
        if isinstance(reports, Report2014 | NationalReport)
        else list(reports)
    )
    names = (
        [f"#{i + 1}" for i in range(len(listed))]
        if sources is None
        else list(sources)
    )
    if len(names) != len(listed):
        msg = f"{len(names)} sources for {len(listed)} reports"
        raise ValueError(msg)
    body: list[str] = []
    for n, (report, source) in enumerate(zip(listed, names, strict=True)):
        body.extend(_one(report, source, n, blank))
    body.extend(_series(listed, names, blank, charts))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            f"<h1>{_e(title)}</h1>",
            _LEGEND,
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
