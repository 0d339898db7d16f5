"""
The checks reviewers of real reports ask for besides the totals rules
(private; :mod:`govdisclosure.checks` runs them): cells printed as
something else than a number (V-1), tables the report does not print
(M-1), sections that say nothing (S-1, S-2), tables left mostly blank
(B-1), the publication deadline (D-1) and jumps between years (Y-1).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from govdisclosure import _declare, _lexer, _render
from govdisclosure._findings import CellRef, Finding, Severity
from govdisclosure._templates import Report

__all__ = [
    "RULES",
    "BodyKind",
    "ReviewRule",
    "blank_findings",
    "body_kind",
    "deadline",
    "deadline_findings",
    "jump_findings",
    "missing_findings",
    "printed_cells",
    "section_findings",
    "value_findings",
]


class ReviewRule(NamedTuple):
    """
    A reviewers' rule as the catalogue lists it: its kind, its severity and
    the template generations it applies to (``None``: every one).
    """

    kind: str
    severity: Severity
    templates: tuple[str, ...] | None = None


#: The reviewers' rules, declared once: the findings take their severity
#: from here and :data:`govdisclosure.checks.RULES` lists them from here.
RULES: Mapping[str, ReviewRule] = MappingProxyType(
    {
        "V-1": ReviewRule("value", Severity.ERROR),
        "M-1": ReviewRule("table", Severity.ERROR),
        "B-1": ReviewRule("blank", Severity.WARNING),
        "S-1": ReviewRule("section", Severity.WARNING),
        "S-2": ReviewRule("section", Severity.WARNING, ("2021",)),
        "D-1": ReviewRule("deadline", Severity.WARNING),
        "Y-1": ReviewRule("cross-year", Severity.WARNING),
    }
)


def _applies(rule: str, template: str) -> bool:
    templates = RULES[rule].templates
    return templates is None or template in templates


def _ref(report: Report, key: str, year: int | None = None) -> CellRef:
    cell = _declare.cell_map(type(report.table))[key]
    return CellRef(
        key, cell.label, _declare.get(report.table, key), cell.column, year
    )


def value_findings(report: Report) -> list[Finding]:
    """
    V-1: an error for every cell printed as something that is not a
    number (``见附件``, ``约30``, ``-3``): its value is unknown to the
    rules, its printed text is kept and quoted.
    """
    out = []
    for kept in report.cell_texts:
        if _declare.get(report.table, kept.key) is not None:
            continue
        if not _lexer.not_a_number(kept.text):
            continue  # a way of printing a blank (无, —, /)
        ref = _ref(report, kept.key)
        printed = _lexer.shorten(kept.text, 40)
        cell = _declare.cell_map(type(report.table))[kept.key]
        try:
            _lexer.read_any(kept.text, cell, "")
        except _lexer.ValueSyntaxError as exc:
            why = _lexer.shorten(str(exc), 120)
        else:  # a number, but in a unit that the row's unit column denies
            why = f"not in {cell.unit}"
        out.append(
            Finding(
                rule="V-1",
                severity=RULES["V-1"].severity,
                cells=(ref,),
                expected=None,
                actual=None,
                difference=None,
                message_zh=f"{ref.name}印为“{printed}”，不是一个数，按未知处理",
                message_en=f"{ref.key} is printed as {printed!r}, not a number ({why}); read as unknown",
            )
        )
    return out


#: The tables of each template as rule M-1 and B-1 name them.
_TABLE_NAMES = {
    "table": ("统计表", "the statistical table"),
    "proactive": (
        "表二（主动公开政府信息情况）",
        "table 二 (proactive disclosure)",
    ),
    "applications": (
        "表三（收到和处理政府信息公开申请情况）",
        "table 三 (applications)",
    ),
    "appeals": (
        "表四（行政复议、行政诉讼情况）",
        "table 四 (reconsideration and litigation)",
    ),
}


def missing_findings(report: Report) -> list[Finding]:
    """
    M-1: an error for every table the report does not print.
    """
    out = []
    for name in report.missing_tables:
        zh, en = _TABLE_NAMES[name]
        out.append(
            Finding(
                rule="M-1",
                severity=RULES["M-1"].severity,
                cells=(),
                expected=None,
                actual=None,
                difference=None,
                message_zh=f"报告未印出{zh}",
                message_en=f"the report does not print {en}",
            )
        )
    return out


#: Fewer letters than this (punctuation and white space not counted) is
#: a section that says nothing: "无。", "暂无", "本年度无。".
FEW_CHARACTERS = 10
_NOT_LETTERS = re.compile(r"[\W_]+")
#: The heading of 五、存在的主要问题及改进情况 (or 及整改措施, …).
_PROBLEMS = "存在的主要问题"
#: The heading of 六、其他需要报告的事项.
_OTHER = "其他需要报告的事项"
#: What 六 says about the 信息处理费 (收取信息处理费…, 未收取处理费…).
_FEE = re.compile("处理费")


def section_findings(report: Report) -> list[Finding]:
    """
    S-1: a warning when 五、存在的主要问题及改进情况 says nothing (empty,
    "无", "暂无" or fewer than :data:`FEW_CHARACTERS` letters).  S-2 (the
    2021 template): a warning when 六、其他需要报告的事项 does not mention
    the 信息处理费 collected.
    """
    out = []
    for section in report.sections:
        heading = _lexer.compact(section.heading)
        text = section.text.strip()
        letters = _NOT_LETTERS.sub("", text)
        if _PROBLEMS in heading and len(letters) < FEW_CHARACTERS:
            said = _lexer.shorten(text, 40) or "（空）"
            out.append(
                Finding(
                    rule="S-1",
                    severity=RULES["S-1"].severity,
                    cells=(),
                    expected=None,
                    actual=None,
                    difference=None,
                    message_zh=f"“{section.heading}”只写了“{said}”，没有说明存在的问题及改进情况",
                    message_en=f"{section.heading!r} says only {said!r}: no problems or improvements are reported",
                    sentence=text,
                )
            )
        if (
            _applies("S-2", report.TEMPLATE)
            and _OTHER in heading
            and not _FEE.search(_lexer.compact(text))
        ):
            out.append(
                Finding(
                    rule="S-2",
                    severity=RULES["S-2"].severity,
                    cells=(),
                    expected=None,
                    actual=None,
                    difference=None,
                    message_zh=f"“{section.heading}”未说明收取信息处理费的情况",
                    message_en=f"{section.heading!r} does not report the 信息处理费 (information processing fees) collected",
                    sentence=text,
                )
            )
    return out


def printed_cells(report: Report) -> Mapping[str, tuple[str, ...]]:
    """
    The keys of the cells each table of *report* prints, by table name
    (``"table"`` for the old appendix), in the form it prints them (a
    stand-in row or its group, not both).
    """
    table_type: Any = type(report.table)
    return _printed(table_type, _render.skipped(report), report.TEMPLATE)


@functools.lru_cache(maxsize=8)
def _positions(table_type: Any) -> Mapping[str, int]:
    """Each cell's place in :func:`_declare.reader`'s values."""
    return {key: i for i, key in enumerate(_declare.cell_map(table_type))}


@functools.lru_cache(maxsize=64)
def _printed(
    table_type: Any, skip: frozenset[str], template: str
) -> Mapping[str, tuple[str, ...]]:
    out: dict[str, dict[str, None]] = {}
    for entry in _render.without(table_type, skip):
        if isinstance(entry, _declare.Row):
            keys = [c.key for c in entry.cells]
        elif isinstance(entry, _declare.Cell):
            keys = [entry.key]  # a row's cells are listed after it too
        else:
            continue
        name = "table" if template == "2014" else keys[0].split(".")[0]
        out.setdefault(name, {}).update(dict.fromkeys(keys))
    return MappingProxyType({name: tuple(keys) for name, keys in out.items()})


def blank_findings(report: Report) -> list[Finding]:
    """
    B-1: a warning for every printed table most of whose cells are blank
    (no value and nothing printed), the reviewer's "未填报".
    """
    kept = {t.key for t in report.cell_texts}
    table_type: Any = type(report.table)
    values = _declare.reader(table_type)(report.table)
    where = _positions(table_type)
    out = []
    for name, keys in printed_cells(report).items():
        if name in report.missing_tables:
            continue
        blank = sum(
            1 for k in keys if values[where[k]] is None and k not in kept
        )
        if blank * 2 <= len(keys):
            continue
        zh, en = _TABLE_NAMES[name]
        out.append(
            Finding(
                rule="B-1",
                severity=RULES["B-1"].severity,
                cells=(),
                expected=None,
                actual=blank,
                difference=None,
                message_zh=f"{zh}的{len(keys)}个单元格中有{blank}个空白（未填报）",
                message_en=f"{en}: {blank} of its {len(keys)} cells are blank (not filled in)",
            )
        )
    return out


class BodyKind(enum.Enum):
    """
    The kind of body a report is by, for its publication deadline
    (《政府信息公开条例》 第四十九条).
    """

    #: A department of a people's government (…局, …委员会, …办公室):
    #: publishes by 1月31日 of the next year.
    DEPARTMENT = "department"
    #: A people's government at county level or above, or a body of that
    #: rank (…管委会, …实验区): publishes by 3月31日 of the next year.
    GOVERNMENT = "government"


_TOWNSHIP = re.compile(
    r"(?:乡|镇|街道|苏木)(?:人民)?政府$|街道办事处$|街道办$"
)
_GOVERNMENT = re.compile(
    r"(?:人民政府|政府|管委会|管理委员会|实验区|开发区|高新区|新区|示范区|合作区)$"
)
_DEPARTMENT = re.compile(
    r"(?:局|委|委员会|厅|办|办公室|办公厅|署|院|中心|部|所|队|站|处|会|行|馆)$"
)


def body_kind(name: str | None) -> BodyKind | None:
    """
    The kind of body *name* names, from how the name ends; ``None`` when
    the name does not tell (a township or street office, whose deadline
    the 条例 does not set, or a name that ends otherwise).

    A name ending in 人民政府 (or 政府), 管委会/管理委员会 or the name of a
    zone (实验区, 开发区, 高新区, 新区, 示范区, 合作区) is a government; one
    ending in 局, 委(员会), 厅, 办(公室/公厅), 署, 院, 中心, 部, 所, 队, 站,
    处, 会, 行 or 馆 is a department (so 人民政府办公室 is a department).

    >>> body_kind("淮安市洪泽区人民政府"), body_kind("平潭综合实验区")
    (<BodyKind.GOVERNMENT: 'government'>, <BodyKind.GOVERNMENT: 'government'>)
    >>> body_kind("上海市人民政府办公厅"), body_kind("沭阳县发展和改革局")
    (<BodyKind.DEPARTMENT: 'department'>, <BodyKind.DEPARTMENT: 'department'>)
    >>> body_kind("某镇人民政府") is None, body_kind(None) is None
    (True, True)
    """
    if not name:
        return None
    key = _lexer.compact(name)
    if _TOWNSHIP.search(key):
        return None
    if key.endswith(("办公室", "办公厅")):
        return BodyKind.DEPARTMENT
    if _GOVERNMENT.search(key):
        return BodyKind.GOVERNMENT
    if _DEPARTMENT.search(key):
        return BodyKind.DEPARTMENT
    return None


def deadline(year: int, kind: BodyKind | None) -> date | None:
    """
    The last day the report on *year* may be published: for reports on
    2019 on (the 条例 of 2019, 第四十九条), 1月31日 of the next year for a
    department and 3月31日 for a government; before (the 条例 of 2007,
    第三十一条), 3月31日 for every body.  ``None`` when the kind is not
    known and the year is 2019 or later.

    >>> deadline(2023, BodyKind.DEPARTMENT), deadline(2018, None)
    (datetime.date(2024, 1, 31), datetime.date(2019, 3, 31))
    """
    if not 1 <= year < 9999:
        return None
    if year < 2019:
        return date(year + 1, 3, 31)
    if kind is BodyKind.DEPARTMENT:
        return date(year + 1, 1, 31)
    if kind is BodyKind.GOVERNMENT:
        return date(year + 1, 3, 31)
    return None


def deadline_findings(report: Report, kind: BodyKind | None) -> list[Finding]:
    """
    D-1: a warning when the report was published after its deadline (see
    :func:`deadline`); nothing for a report without a date or a year.
    """
    year, published = report.year, report.published
    if year is None or published is None:
        return []
    last = deadline(year, kind)
    if last is None or published <= last:
        return []
    if year < 2019:
        law_zh, law_en = (
            "2007年《政府信息公开条例》第三十一条",
            "art. 31 of the 2007 Regulations",
        )
    else:
        law_zh, law_en = (
            "《政府信息公开条例》第四十九条",
            "art. 49 of the Regulations",
        )
    names = {BodyKind.DEPARTMENT: "部门", BodyKind.GOVERNMENT: "人民政府"}
    who_zh = "行政机关" if kind is None else names[kind]
    who_en = kind.value if kind is not None else "body"
    late = (published - last).days
    return [
        Finding(
            rule="D-1",
            severity=RULES["D-1"].severity,
            cells=(),
            expected=None,
            actual=None,
            difference=None,
            message_zh=(
                f"发布日期{published:%Y年%m月%d日}晚于{law_zh}规定的"
                f"{who_zh}发布期限{last:%Y年%m月%d日}（晚{late}天）"
            ),
            message_en=(
                f"published {published.isoformat()}, {late} day(s) after the "
                f"{who_en} deadline of {last.isoformat()} ({law_en})"
            ),
        )
    ]


#: A count that grows to this many times last year's, or falls to this
#: fraction of it, is a jump (rule Y-1) ...
JUMP = 5.0
#: ... when both years' counts are at least this.
JUMP_FLOOR = 20


def jump_findings(
    previous: Report,
    current: Report,
    *,
    jump: float = JUMP,
    floor: int = JUMP_FLOOR,
) -> list[Finding]:
    """
    Y-1: a warning for every count cell of both reports that grew to
    *jump* times the previous year's or more, or fell to 1/*jump* of it or
    less, where both counts are at least *floor*.
    """
    if jump <= 1:
        msg = f"jump must be more than 1, got {jump!r}"
        raise ValueError(msg)
    last_cells = _declare.cell_map(type(previous.table))
    y0, y1 = previous.year, current.year
    out = []
    for key, cell in _declare.cell_map(type(current.table)).items():
        if cell.kind is not _declare.Kind.COUNT or key not in last_cells:
            continue
        now: Any = _declare.get(current.table, key)
        then: Any = _declare.get(previous.table, key)
        if now is None or then is None or min(now, then) < floor:
            continue
        if not (now >= then * jump or now * jump <= then):
            continue
        ref = _ref(current, key, y1)
        last = _ref(previous, key, y0)
        word_zh = "增至" if now > then else "降至"
        word_en = "grew" if now > then else "fell"
        out.append(
            Finding(
                rule="Y-1",
                severity=RULES["Y-1"].severity,
                cells=(ref, last),
                expected=then,
                actual=now,
                difference=now - then,
                message_zh=(
                    f"{ref.name}由{y0}年的{then}{word_zh}{y1}年的{now}"
                    f"（{now / then:.1f}倍），请核实"
                ),
                message_en=(
                    f"{key} {word_en} from {then} ({y0}) to {now} ({y1}), "
                    f"{now / then:.1f} times; please verify"
                ),
            )
        )
    return out
