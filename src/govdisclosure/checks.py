"""
The totals invariants (勾稽关系) of a report, evaluated all at once.

Every rule is declared once, on the cell it constrains (see the schema
modules); :func:`check` evaluates all of them and returns what it found as
:class:`Finding` objects.  It never raises for inconsistent data and never
changes the report.

>>> from govdisclosure import Applications, Report2014, StatisticalTable
>>> report = Report2014(
...     title="某区2019年政府信息公开工作年度报告",
...     table=StatisticalTable(
...         applications=Applications(
...             received=5, in_person=0, fax=0, online=5, letter=0
...         )
...     ),
... )
>>> [f.rule for f in check(report) if f.severity is Severity.ERROR]
[]
>>> derive_totals(report) == report  # O-1 already holds
True

Rules whose cells are blank are *not evaluable* under the default policy:

>>> [f.rule for f in check(report)][:3]
['O-9', 'O-8', 'O-8']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govdisclosure import _declare, _engine, _narrative, _review
from govdisclosure._declare import CrossYearRule, Rule, RuleKind
from govdisclosure._findings import (
    BlankPolicy,
    CellRef,
    Culprit,
    Finding,
    Severity,
)
from govdisclosure._lexer import compact
from govdisclosure._report2014 import Report2014
from govdisclosure._review import BodyKind, body_kind, deadline
from govdisclosure._templates import REPORT_TYPES, Report

__all__ = [
    "JUMP",
    "JUMP_FLOOR",
    "RULES",
    "BlankPolicy",
    "BodyKind",
    "CellRef",
    "Culprit",
    "Finding",
    "Report",
    "Result",
    "Rule",
    "RuleInfo",
    "RuleKind",
    "Severity",
    "body_kind",
    "cell_rules",
    "check",
    "check_pair",
    "check_series",
    "consecutive",
    "deadline",
    "derive_totals",
    "rules",
    "run",
    "same_body",
]


def rules(report_type: type[Report] = Report2014) -> tuple[Rule, ...]:
    """
    The rules declared for a report type, in declaration order (those of
    a row that stands for a group, （六）其他处理 printed as one row in a
    2021-template report, count only in that form).

    >>> [r.id for r in rules()][:4]
    ['O-9', 'O-8', 'O-8', 'O-8']
    """
    table_type = _table_type(report_type)
    stand_in = _declare.stand_in_cells(table_type)
    return tuple(
        r for r in _declare.rules(table_type) if r.target.key not in stand_in
    )


def cell_rules(
    report_type: type[Report] = Report2014,
) -> dict[str, tuple[str, ...]]:
    """
    The ids of the rules each cell of a report type is in (its table
    rules, cross-year rules and narrative claims, in catalogue order), by
    cell key; a cell in no rule is not listed.

    >>> cell_rules()["applications.replies"]
    ('O-3',)
    >>> from govdisclosure import Report2021
    >>> cell_rules(Report2021)["applications.received.total"]
    ('T3-A', 'T3-D', 'N-4', 'N-7')
    """
    table_type = _table_type(report_type)
    found: dict[str, set[str]] = {}

    def note(key: str, rule_id: str) -> None:
        found.setdefault(key, set()).add(rule_id)

    for rule in _declare.rules(table_type):
        for cell in (rule.target, *rule.operands, *rule.others):
            note(cell.key, rule.id)
    for carry in _declare.cross_year_rules(table_type):
        for cell in (carry.target, *carry.plus, *carry.minus):
            note(cell.key, carry.id)
        for key in carry.last:
            note(key, carry.id)
    for claim in _narrative.claims(table_type):
        for reading in claim.readings:
            for key in reading.split("+"):
                note(key, claim.rule)
    return {
        key: tuple(sorted(ids, key=_order))
        for key, ids in found.items()
        if key in _declare.cell_map(table_type)
    }


def _table_type(report_type: type[Report]) -> type[Any]:
    return report_type.TABLE


@attrs.frozen(kw_only=True)
class Result:
    """
    Everything one run of the checks found, with the counts of the
    report's rules: *rules* = *passed* + *failed* + *not_evaluable*
    (narrative claims are not counted as rules; their findings are in
    *findings*).
    """

    findings: tuple[Finding, ...]
    rules: int
    passed: int
    failed: int
    not_evaluable: int


#: A count that grows to this many times last year's, or falls to this
#: fraction of it, is a jump (rule Y-1; the *jump* of :func:`check_pair`).
JUMP = _review.JUMP
#: Rule Y-1 compares counts of at least this in both years (*jump_floor*).
JUMP_FLOOR = _review.JUMP_FLOOR


def run(
    report: Report,
    *,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
    narrative: bool = True,
    kind: BodyKind | None = None,
) -> Result:
    """
    Evaluate every declared rule of *report*, the numbers its narrative
    states about its tables and the reviewers' checks (cells that are not
    numbers, missing tables, sections that say nothing, tables left mostly
    blank, the publication deadline); count the table rules evaluated,
    passed, failed and not evaluable.

    *kind* is the kind of body the report is by, for the publication
    deadline (D-1); by default it is read from the body's name (see
    :func:`body_kind`).

    >>> from govdisclosure import Organisation, StatisticalTable
    >>> r = Report2014(
    ...     title="某区2019年政府信息公开工作年度报告",
    ...     table=StatisticalTable(organisation=Organisation(staff=5, full_time=3)),
    ... )
    >>> result = run(r)
    >>> result.rules, result.passed, result.failed, result.not_evaluable
    (11, 0, 0, 11)
    >>> run(r, blank=BlankPolicy.ZERO).failed
    1
    """
    outcome = _engine.evaluate(report.table, blank)
    found = list(outcome.findings)
    found.extend(_label_findings(report))
    found.extend(_review.value_findings(report))
    found.extend(_review.missing_findings(report))
    found.extend(_review.blank_findings(report))
    if narrative:
        text = "\n".join([report.preamble, *(s.text for s in report.sections)])
        found.extend(_narrative.find(text, report.table))
        found.extend(_review.section_findings(report))
    if kind is None:
        kind = body_kind(report.body)
    found.extend(_review.deadline_findings(report, kind))
    passed = outcome.rules - outcome.failed - outcome.not_evaluable
    return Result(
        findings=tuple(found),
        rules=outcome.rules,
        passed=passed,
        failed=outcome.failed,
        not_evaluable=outcome.not_evaluable,
    )


def _label_findings(report: Report) -> list[Finding]:
    """
    L-1: a warning for every printed row label that is not the template's
    and was matched to the row it stands for by its place and its text.
    """
    if not report.label_texts:
        return []
    table_type = type(report.table)
    rows = {r.key: r for r in _declare.rows(table_type)}
    cells = _declare.cell_map(table_type)
    out = []
    for printed in report.label_texts:
        if printed.key in rows:
            row = rows[printed.key]
            refs = tuple(
                CellRef(
                    c.key, c.label, _declare.get(report.table, c.key), c.column
                )
                for c in row.cells
            )
            declared = row.label or ""
        elif printed.key in cells:
            cell = cells[printed.key]
            refs = (
                CellRef(
                    cell.key, cell.label, _declare.get(report.table, cell.key)
                ),
            )
            declared = cell.label
        else:  # a heading: no cells
            refs = ()
            declared = printed.key
        out.append(
            Finding(
                rule="L-1",
                severity=Severity.WARNING,
                cells=refs,
                expected=None,
                actual=None,
                difference=None,
                message_zh=f"表中标签“{printed.text}”不是模板的“{declared}”，已按其位置和文字对应到该行",
                message_en=f"the printed label {printed.text!r} is not the template's {declared!r}; read as that row by its place and text",
            )
        )
    return out


def check(
    report: Report,
    *,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
    narrative: bool = True,
    kind: BodyKind | None = None,
) -> tuple[Finding, ...]:
    """
    Evaluate every declared rule on *report* and return what is wrong.

    Under the default *blank* policy a rule with a blank operand is
    reported as not evaluable (severity ``NOT_EVALUABLE``), never as a
    failure; with ``BlankPolicy.ZERO`` blank cells count as 0.  Money is
    consistent when the printed amounts could come from exact amounts that
    satisfy the rule (each printed amount stands for the interval of half a
    unit of its last digit); counts are exact.  When one cell explains every
    failing rule, the findings name it as their *culprit*.  With
    *narrative*, numbers that the text states about table cells are
    compared with them (warnings).  The reviewers' checks run too (see
    :func:`run`; *kind* is the body's kind for the deadline).

    >>> from govdisclosure import Organisation, StatisticalTable
    >>> r = Report2014(
    ...     title="某区2019年政府信息公开工作年度报告",
    ...     table=StatisticalTable(
    ...         organisation=Organisation(staff=5, full_time=3, part_time=1)
    ...     ),
    ... )
    >>> [(f.rule, f.expected, f.actual) for f in check(r, blank=BlankPolicy.ZERO)]
    [('O-7', 4, 5), ('B-1', None, 55)]

    (B-1: most of the table's cells are blank, as in this small example.)
    """
    return run(report, blank=blank, narrative=narrative, kind=kind).findings


def check_pair(
    previous: Report,
    current: Report,
    *,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
    jump: float = JUMP,
    jump_floor: int = JUMP_FLOOR,
) -> tuple[Finding, ...]:
    """
    The cross-year rules between two reports of one body, *previous* for
    year Y-1 and *current* for year Y: T3-E (上年结转 = last year's
    结转下年度, per column; an error), T2-A (现行有效件数 stock and flow; a
    warning), T2-C (上一年项目数量 continuity; a warning) and Y-1 (a count
    that grew to *jump* times last year's or more, or fell to 1/*jump* of
    it or less, where both are at least *jump_floor*; a warning).  A rule
    whose cells the other report's template does not have is skipped.

    >>> from govdisclosure import ApplicantCounts, Applications2021, NationalTable2021, Report2021
    >>> def report(year, **rows):
    ...     table = NationalTable2021(applications=Applications2021(**rows))
    ...     return Report2021(title=f"某局{year}年政府信息公开工作年度报告", table=table)
    >>> y1 = report(2021, carried_over=ApplicantCounts(natural_person=1, total=1))
    >>> y2 = report(2022, carried_in=ApplicantCounts(natural_person=0, total=0))
    >>> [(f.rule, f.cells[0].column, f.expected, f.actual) for f in check_pair(y1, y2)
    ...  if f.severity is Severity.ERROR]
    [('T3-E', '自然人', 1, 0), ('T3-E', '总计', 1, 0)]
    """
    last_cells = _declare.cell_map(type(previous.table))
    found: list[Finding] = []
    for rule in _declare.cross_year_rules(type(current.table)):
        if not all(k in last_cells for k in rule.last):
            continue
        finding = _cross_year(rule, previous, current, blank)
        if finding is not None:
            found.append(finding)
    found.extend(
        _review.jump_findings(previous, current, jump=jump, floor=jump_floor)
    )
    return tuple(found)


def _cross_year(
    rule: CrossYearRule, previous: Report, current: Report, blank: BlankPolicy
) -> Finding | None:
    last_cells = _declare.cell_map(type(previous.table))
    y0, y1 = previous.year, current.year
    refs = [
        CellRef(
            rule.target.key,
            rule.target.label,
            _declare.get(current.table, rule.target.key),
            rule.target.column,
            y1,
        ),
        *(
            CellRef(
                k,
                last_cells[k].label,
                _declare.get(previous.table, k),
                last_cells[k].column,
                y0,
            )
            for k in rule.last
        ),
        *(
            CellRef(
                c.key,
                c.label,
                _declare.get(current.table, c.key),
                c.column,
                y1,
            )
            for c in (*rule.plus, *rule.minus)
        ),
    ]
    printed = [r.value for r in refs]
    if None in printed and blank is BlankPolicy.UNKNOWN:
        return Finding(
            rule=rule.id,
            severity=Severity.NOT_EVALUABLE,
            cells=tuple(refs),
            expected=None,
            actual=None,
            difference=None,
            message_zh=f"{rule.target.name}：存在空白单元格，无法跨年度核对",
            message_en=f"{rule.target.key}: not evaluable across years (blank cells)",
        )
    values: list[Any] = [0 if v is None else v for v in printed]
    n_last, n_plus = len(rule.last), len(rule.plus)
    actual = values[0]
    expected = (
        _engine.total(values[1 : 1 + n_last])
        + _engine.total(values[1 + n_last : 1 + n_last + n_plus])
        - _engine.total(values[1 + n_last + n_plus :])
    )
    if actual == expected:
        return None
    last = "+".join(f"{r.name}（{y0}年）" for r in refs[1 : 1 + n_last])
    return Finding(
        rule=rule.id,
        severity=Severity.WARNING if rule.warning else Severity.ERROR,
        cells=tuple(refs),
        expected=expected,
        actual=actual,
        difference=actual - expected,
        message_zh=(
            f"{rule.target.name}（{y1}年）为{actual}，但按上一年度{last}"
            f"推算应为{expected}"
        ),
        message_en=(
            f"{rule.target.key} ({y1}) is {actual}, but last year's "
            f"{' + '.join(rule.last)} ({y0}) gives {expected}"
        ),
    )


def _body_key(report: Report) -> str | None:
    body = report.body
    return compact(body) if body else None


#: Names of the divisions above a body that a title may put before it
#: (江苏省, 淮安市, 黔东南苗族侗族自治州, 锡林郭勒盟, …).
_DIVISIONS = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}?(?:省|市|自治区|自治州|州|地区|盟))+"
)
#: A body's name that starts with its own place (洪泽区…, 昆山市…).
_PLACED = re.compile(
    r"^[\u4e00-\u9fff]{1,10}?(?:区|县|市|旗|镇|乡|街道|自治县|林区|特区)"
)


def same_body(a: str, b: str) -> bool:
    """
    Whether the body names *a* and *b* may name one body: equal, or one is
    the other with the names of the divisions above it written before it
    (淮安市洪泽区人民政府 and 洪泽区人民政府), where the shorter one still
    starts with its own place (so that 教育局 never pairs with 某市教育局).

    >>> same_body("淮安市洪泽区人民政府", "洪泽区人民政府")
    True
    >>> same_body("淮安市教育局", "教育局"), same_body("洪泽区人民政府", "泗阳县人民政府")
    (False, False)
    """
    a, b = compact(a), compact(b)
    if a == b:
        return True
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return (
        long.endswith(short)
        and _PLACED.match(short) is not None
        and _DIVISIONS.fullmatch(long[: -len(short)]) is not None
    )


def _canonical(keys: set[str]) -> dict[str, str]:
    """
    Each body name of *keys* mapped to the one name its spellings share:
    the longest spelling of the same body, when every longer spelling of
    it in *keys* is one chain (淮安市洪泽区… ⊃ 洪泽区…); a shorter name that
    two different bodies could have (鼓楼区人民政府, under 南京市 and
    福州市) stays apart.
    """
    out: dict[str, str] = {}
    for key in keys:
        longer = sorted(
            (
                k
                for k in keys
                if k != key and same_body(k, key) and len(k) > len(key)
            ),
            key=len,
        )
        if longer and all(longer[-1].endswith(k) for k in longer):
            out[key] = longer[-1]
        else:
            out[key] = key
    return out


def consecutive(reports: Sequence[Report]) -> list[tuple[int, int]]:
    """
    The index pairs (previous, current) of *reports* that are reports of
    the same body (as named in the title) for consecutive years.

    A body may name itself with the divisions above it one year and
    without them the next (淮安市洪泽区人民政府 in 2024, 洪泽区人民政府 in
    2023): such spellings are one body (see :func:`same_body`), unless the
    shorter name could be two of the bodies in *reports*.
    """
    keys = [_body_key(r) for r in reports]
    canonical = _canonical({k for k in keys if k is not None})
    by_body: dict[tuple[str, int], int] = {}
    for i, r in enumerate(reports):
        key = keys[i]
        if key is not None and r.year is not None:
            by_body.setdefault((canonical[key], r.year), i)
    return sorted(
        (by_body[(body, year - 1)], i)
        for (body, year), i in by_body.items()
        if (body, year - 1) in by_body
    )


def check_series(
    reports: Iterable[Report],
    *,
    blank: BlankPolicy = BlankPolicy.UNKNOWN,
    jump: float = JUMP,
    jump_floor: int = JUMP_FLOOR,
) -> tuple[Finding, ...]:
    """
    The cross-year findings of every pair of reports of the same body for
    consecutive years (see :func:`check_pair`), in the order of the pairs.
    """
    listed = list(reports)
    found: list[Finding] = []
    for a, b in consecutive(listed):
        found.extend(
            check_pair(
                listed[a],
                listed[b],
                blank=blank,
                jump=jump,
                jump_floor=jump_floor,
            )
        )
    return tuple(found)


@attrs.frozen(kw_only=True)
class RuleInfo:
    """
    One entry of the rule catalogue: the rule's id, what kind of rule it
    is, its severity when broken, the template generations it applies to
    and its description in Chinese and English.
    """

    id: str
    kind: str
    severity: Severity
    templates: tuple[str, ...]
    description_zh: str
    description_en: str


#: What each rule id means (the rules themselves are declared on the cells
#: of the schema modules; a test checks the two agree).
_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "O-1": (
        "收到申请数 = 当面 + 传真 + 网络 + 信函",
        "applications received = the four channels",
    ),
    "O-2": (
        "申请办结数 = 按时办结 + 延期办结",
        "applications concluded = on time + extended",
    ),
    "O-3": (
        "申请答复数 = 八类答复之和",
        "replies = the sum of the eight kinds of reply",
    ),
    "O-4": (
        "不同意公开答复数 = 六类理由之和",
        "refusals = the sum of the six reasons",
    ),
    "O-5": (
        "行政复议数量 = 维持 + 纠错 + 其他",
        "reconsiderations = upheld + corrected + other",
    ),
    "O-6": (
        "行政诉讼数量 = 维持 + 纠错 + 其他",
        "lawsuits = upheld + corrected + other",
    ),
    "O-7": ("工作人员数 = 专职 + 兼职", "staff = full-time + part-time"),
    "O-8": ("“其中”项不大于其所属项", "a 其中 row is at most its parent"),
    "O-9": (
        "主动公开信息数（去重）不大于各渠道之和",
        "items published (de-duplicated) are at most the sum over channels",
    ),
    "T3-A": (
        "每列：新收 + 上年结转 = 办理结果总计 + 结转下年度",
        "per column: received + carried in = concluded + carried over",
    ),
    "T3-C": (
        "每列：（七）总计 = 各项办理结果之和",
        "per column: （七） total = the sum of the outcome rows",
    ),
    "T3-D": (
        "每行：总计 = 自然人 + 五类法人或其他组织",
        "per row: total = natural persons + the five kinds of organisation",
    ),
    "T3-E": (
        "每列：本年上年结转 = 上一年度结转下年度继续办理",
        "per column: carried in (Y) = carried over (Y-1)",
    ),
    "T4-A": (
        "行政复议：总计 = 维持 + 纠正 + 其他 + 尚未审结",
        "administrative reconsideration: total = the four results",
    ),
    "T4-B": (
        "行政诉讼（直接起诉、复议后起诉）：总计 = 四类结果之和",
        "lawsuits (direct, after reconsideration): total = the four results",
    ),
    "T2-A": (
        "现行有效件数 = 上年现行有效 + 本年制发 − 本年废止（推算，仅提示）",
        "documents in force (Y) = in force (Y-1) + issued - repealed (heuristic)",
    ),
    "T2-C": (
        "上一年项目数量 = 上年的上一年项目数量 + 上年本年增/减（推算，仅提示）",
        "items last year (Y) = items (Y-1) + change (Y-1) (heuristic)",
    ),
    "N-1": (
        "叙述中的主动公开信息数与表中一致",
        "the narrative's count of items published matches the table",
    ),
    "N-2": (
        "叙述中的回应热点数与表中一致",
        "the narrative's count of hot topics answered matches the table",
    ),
    "N-3": (
        "叙述中的微博微信回应数与表中一致",
        "the narrative's count of Weibo/WeChat responses matches the table",
    ),
    "N-4": (
        "叙述中的收到申请数与表中一致（新收，或新收 + 上年结转）",
        "the narrative's count of applications matches the table (new, or new + carried in)",
    ),
    "N-5": (
        "叙述中的行政复议数与表中一致",
        "the narrative's count of reconsiderations matches the table",
    ),
    "N-6": (
        "叙述中的行政诉讼数与表中一致",
        "the narrative's count of lawsuits matches the table",
    ),
    "N-7": (
        "叙述中的本年新收申请数与表三“新收”总计一致",
        "the narrative's count of new applications matches table 三's total received",
    ),
    "N-8": (
        "叙述中的上年结转申请数与表三“上年结转”总计一致",
        "the narrative's count of applications carried in matches table 三",
    ),
    "N-9": (
        "叙述中的结转下年度继续办理数与表三一致",
        "the narrative's count of applications carried over matches table 三",
    ),
    "V-1": (
        "表中单元格印的是数字（“见附件”“约30”“-3”不是数字，按未知处理）",
        "a table cell prints a number (见附件, 约30 or -3 is not one; read as unknown)",
    ),
    "M-1": (
        "报告印出模板的每张表（表二、表三、表四，或统计表）",
        "the report prints every table of its template (二, 三, 四, or the statistical table)",
    ),
    "B-1": (
        "表中多数单元格不是空白（未填报）",
        "most cells of a table are not blank (not filled in)",
    ),
    "S-1": (
        "“存在的主要问题及改进情况”有实质内容（不是“无”“暂无”或寥寥数字）",
        "the section on problems and improvements says something (not 无, 暂无 or a few characters)",
    ),
    "S-2": (
        "“其他需要报告的事项”说明收取信息处理费的情况（2021年模板起）",
        "the section of other matters reports the 信息处理费 collected (from the 2021 template)",
    ),
    "D-1": (
        "按时发布：部门于次年1月31日前，县级以上人民政府于3月31日前（条例第四十九条；2018年度及以前均为3月31日）",
        "published on time: a department by 31 January, a government at county level or above by 31 March (art. 49; 31 March for every body up to the 2018 reports)",
    ),
    "Y-1": (
        "相邻年度的数量未突增至5倍以上或骤降至五分之一以下（两年均不少于20；仅提示）",
        "no count grows to 5 times or falls to a fifth of last year's, both at least 20 (heuristic)",
    ),
    "L-1": (
        "表中行标签与模板一致（错字的标签按位置和文字对应，并提示）",
        "a printed row label is the template's (a misprinted one is matched by its place and text, with a warning)",
    ),
}


def _catalogue() -> tuple[RuleInfo, ...]:
    seen: dict[str, dict[str, Any]] = {}

    def add(
        rule_id: str, kind: str, severity: Severity, template: str
    ) -> None:
        entry = seen.setdefault(
            rule_id,
            {"kind": kind, "severity": severity, "templates": []},
        )
        if template not in entry["templates"]:
            entry["templates"].append(template)

    for template, cls in REPORT_TYPES.items():
        table_type = cls.TABLE
        for r in _declare.rules(table_type):
            add(r.id, r.kind.value, _engine.severity_of(r.kind), template)
        for c in _declare.cross_year_rules(table_type):
            severity = Severity.WARNING if c.warning else Severity.ERROR
            add(c.id, "cross-year", severity, template)
        for claim in _narrative.claims(table_type):
            add(claim.rule, "narrative", Severity.WARNING, template)
        add("L-1", "label", Severity.WARNING, template)
        for rule_id, review in _review.RULES.items():
            if review.templates is None or template in review.templates:
                add(rule_id, review.kind, review.severity, template)
    return tuple(
        RuleInfo(
            id=rule_id,
            kind=entry["kind"],
            severity=entry["severity"],
            templates=tuple(entry["templates"]),
            description_zh=_DESCRIPTIONS[rule_id][0],
            description_en=_DESCRIPTIONS[rule_id][1],
        )
        for rule_id, entry in sorted(
            seen.items(), key=lambda kv: _order(kv[0])
        )
    )


def _order(rule_id: str) -> tuple[int, str, int]:
    prefix, _, number = rule_id.partition("-")
    ranks = ("O", "T2", "T3", "T4", "Y", "N", "L", "V", "M", "B", "S", "D")
    rank = ranks.index(prefix) if prefix in ranks else len(ranks)
    digits = re.sub(r"\D", "", number)
    return rank, re.sub(r"\d", "", number), int(digits) if digits else 0


#: The rule catalogue: every rule of every template generation, built from
#: the declarations on first access.
RULES: tuple[RuleInfo, ...]

_RULES: list[tuple[RuleInfo, ...]] = []


def __getattr__(name: str) -> tuple[RuleInfo, ...]:
    # RULES is built from the declarations on first access (import stays light).
    if name == "RULES":
        if not _RULES:
            _RULES.append(_catalogue())
        return _RULES[0]
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def derive_totals(report: Report) -> Report:
    """
    Return a copy of *report* with every declared total set to the sum of
    its parts.

    Parts that are blank count as 0; a total whose parts are all blank is
    left as it is.  Totals of totals are derived bottom-up.  "其中" rows and
    de-duplicated totals are facts, not sums, and are never changed.

    >>> from govdisclosure import Organisation, StatisticalTable
    >>> r = Report2014(
    ...     title="某区2019年政府信息公开工作年度报告",
    ...     table=StatisticalTable(
    ...         organisation=Organisation(full_time=3, part_time=2)
    ...     ),
    ... )
    >>> derive_totals(r).table.organisation.staff
    5
    """
    table = report.table
    values = _declare.values(table)
    one_row = _engine.one_row_rules(table)
    active = (
        None if one_row is None else {(r.id, r.target.key): r for r in one_row}
    )
    for declared in _declare.ordered_rules(type(table)):
        rule = (
            declared
            if active is None
            else active.get((declared.id, declared.target.key))
        )
        if rule is None or rule.kind is not RuleKind.SUM:
            continue
        parts = [values[c.key] for c in rule.operands]
        if all(v is None for v in parts):
            continue
        values[rule.target.key] = _engine.total(
            0 if v is None else v for v in parts
        )
    new_table = _declare.build(type(table), values)
    return attrs.evolve(report, table=new_table)
