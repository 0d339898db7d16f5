"""
The old statistical appendix (政府信息公开情况统计表, 国办发〔2014〕32号 lineage).

Each cell is declared exactly once below: key (the attribute name), verbatim
label, unit, aliases and, on totals, the rule (O-1 … O-9) that ties it to
other cells.  Nothing else in the library lists these rows again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from govdisclosure import _declare
from govdisclosure._declare import (
    Claim,
    Dedup,
    Subset,
    Sum,
    count,
    group,
    money,
)
from govdisclosure._lexer import compact

__all__ = [
    "Applications",
    "CellText",
    "DisclosureChannels",
    "ExtraRow",
    "Litigation",
    "Meetings",
    "Metadata",
    "Organisation",
    "ProactiveDisclosure",
    "Reconsideration",
    "Refusals",
    "Report2014",
    "ResponseChannels",
    "Responses",
    "Section",
    "StatisticalTable",
    "is_report_title",
    "labelled_date",
]


@attrs.frozen(kw_only=True)
class DisclosureChannels:
    """
    一（二）通过不同渠道和方式公开政府信息的情况: items published per channel.
    """

    gazette: int | None = count("1.政府公报公开政府信息数", "条")
    website: int | None = count("2.政府网站公开政府信息数", "条")
    weibo: int | None = count("3.政务微博公开政府信息数", "条")
    wechat: int | None = count("4.政务微信公开政府信息数", "条")
    other: int | None = count("5.其他方式公开政府信息数", "条")


_CHANNELS = tuple(
    f"channels.{c}" for c in ("gazette", "website", "weibo", "wechat", "other")
)


@attrs.frozen(kw_only=True)
class ProactiveDisclosure:
    """
    一、主动公开情况.
    """

    items: int | None = count(
        "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
        "条",
        rule=Dedup("O-9", _CHANNELS),
    )
    normative_documents: int | None = count(
        "其中：主动公开规范性文件数", "条", rule=Subset("O-8", "items")
    )
    normative_documents_issued: int | None = count("制发规范性文件总数", "件")
    channels: DisclosureChannels = group(
        DisclosureChannels, "（二）通过不同渠道和方式公开政府信息的情况"
    )


@attrs.frozen(kw_only=True)
class ResponseChannels:
    """
    二（二）通过不同渠道和方式回应解读的情况.
    """

    press_conferences: int | None = count("1.参加或举办新闻发布会总次数", "次")
    press_conferences_by_leaders: int | None = count(
        "其中：主要负责同志参加新闻发布会次数",
        "次",
        rule=Subset("O-8", "press_conferences"),
    )
    online_interviews: int | None = count("2.政府网站在线访谈次数", "次")
    online_interviews_by_leaders: int | None = count(
        "其中：主要负责同志参加政府网站在线访谈次数",
        "次",
        rule=Subset("O-8", "online_interviews"),
    )
    policy_briefs: int | None = count("3.政策解读稿件发布数", "篇")
    weibo_wechat: int | None = count("4.微博微信回应事件数", "次")
    other: int | None = count("5.其他方式回应事件数", "次")


@attrs.frozen(kw_only=True)
class Responses:
    """
    二、回应解读情况.
    """

    hot_topics: int | None = count(
        "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
        "次",
    )
    channels: ResponseChannels = group(
        ResponseChannels, "（二）通过不同渠道和方式回应解读的情况"
    )


@attrs.frozen(kw_only=True)
class Refusals:
    """
    三（三）4.不同意公开答复数 and its six reasons (其中).
    """

    total: int | None = count(
        "4.不同意公开答复数",
        "件",
        rule=Sum(
            "O-4",
            (
                "state_secret",
                "trade_secret",
                "privacy",
                "security",
                "not_government_information",
                "other_legal",
            ),
        ),
    )
    state_secret: int | None = count("其中：涉及国家秘密", "件")
    trade_secret: int | None = count("涉及商业秘密", "件")
    privacy: int | None = count("涉及个人隐私", "件")
    security: int | None = count(
        "危及国家安全、公共安全、经济安全和社会稳定", "件"
    )
    not_government_information: int | None = count(
        "不是《条例》所指政府信息", "件"
    )
    other_legal: int | None = count("法律法规规定的其他情形", "件")


@attrs.frozen(kw_only=True)
class Applications:
    """
    三、依申请公开情况.
    """

    received: int | None = count(
        "（一）收到申请数",
        "件",
        aliases=("收到申请总数",),
        rule=Sum("O-1", ("in_person", "fax", "online", "letter")),
    )
    in_person: int | None = count("1.当面申请数", "件")
    fax: int | None = count("2.传真申请数", "件")
    online: int | None = count("3.网络申请数", "件", aliases=("网上申请数",))
    letter: int | None = count("4.信函申请数", "件")
    concluded: int | None = count(
        "（二）申请办结数", "件", rule=Sum("O-2", ("on_time", "extended"))
    )
    on_time: int | None = count("1.按时办结数", "件")
    extended: int | None = count("2.延期办结数", "件")
    replies: int | None = count(
        "（三）申请答复数",
        "件",
        aliases=("对申请的答复总数",),
        rule=Sum(
            "O-3",
            (
                "already_public",
                "granted",
                "partly_granted",
                "refusals.total",
                "not_held",
                "nonexistent",
                "amendment_requested",
                "redirected",
            ),
        ),
    )
    already_public: int | None = count("1.属于已主动公开范围数", "件")
    granted: int | None = count("2.同意公开答复数", "件")
    partly_granted: int | None = count("3.同意部分公开答复数", "件")
    refusals: Refusals = group(Refusals)
    not_held: int | None = count("5.不属于本行政机关公开数", "件")
    nonexistent: int | None = count("6.申请信息不存在数", "件")
    amendment_requested: int | None = count("7.告知作出更改补充数", "件")
    redirected: int | None = count("8.告知通过其他途径办理数", "件")


@attrs.frozen(kw_only=True)
class Reconsideration:
    """
    四、行政复议数量 and its three outcomes.
    """

    total: int | None = count(
        "四、行政复议数量",
        "件",
        rule=Sum("O-5", ("upheld", "corrected", "other")),
    )
    upheld: int | None = count("（一）维持具体行政行为数", "件")
    corrected: int | None = count("（二）被依法纠错数", "件")
    other: int | None = count("（三）其他情形数", "件")


@attrs.frozen(kw_only=True)
class Litigation:
    """
    五、行政诉讼数量 and its three outcomes.
    """

    total: int | None = count(
        "五、行政诉讼数量",
        "件",
        rule=Sum("O-6", ("upheld", "corrected", "other")),
    )
    upheld: int | None = count(
        "（一）维持具体行政行为或者驳回原告诉讼请求数", "件"
    )
    corrected: int | None = count("（二）被依法纠错数", "件")
    other: int | None = count("（三）其他情形数", "件")


@attrs.frozen(kw_only=True)
class Organisation:
    """
    八、机构建设和保障经费情况.
    """

    offices: int | None = count("（一）政府信息公开工作专门机构数", "个")
    reading_points: int | None = count("（二）设置政府信息公开查阅点数", "个")
    staff: int | None = count(
        "（三）从事政府信息公开工作人员数",
        "人",
        rule=Sum("O-7", ("full_time", "part_time")),
    )
    full_time: int | None = count(
        "1.专职人员数（不包括政府公报及政府网站工作人员数）", "人"
    )
    part_time: int | None = count("2.兼职人员数", "人")
    budget: Decimal | None = money(
        "（四）政府信息公开专项经费"
        "（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
        "万元",
    )


@attrs.frozen(kw_only=True)
class Meetings:
    """
    九、政府信息公开会议和培训情况.
    """

    meetings: int | None = count(
        "（一）召开政府信息公开工作会议或专题会议数", "次"
    )
    training_sessions: int | None = count("（二）举办各类培训班数", "次")
    trainees: int | None = count("（三）接受培训人员数", "人次")


@attrs.frozen(kw_only=True)
class StatisticalTable:
    """
    The whole 政府信息公开情况统计表, every cell blank unless given.

    >>> table = StatisticalTable(applications=Applications(received=5))
    >>> table.applications.received, table.applications.fax
    (5, None)
    """

    #: Numbers the narrative states about table cells (warnings when they
    #: differ from the table).
    NARRATIVE: ClassVar[tuple[Claim, ...]] = (
        Claim(
            "N-1",
            r"主动公开[^0-9。；，,]{0,12}?信息[^0-9。；]{0,6}?(NUM)\s*条",
            ("proactive.items",),
        ),
        Claim(
            "N-2",
            r"回应公众关注热点或重大舆情数?[^0-9。]{0,40}?(NUM)\s*[次件]",
            ("responses.hot_topics",),
        ),
        Claim(
            "N-3",
            r"微[博信]回应[^0-9。]{0,10}?(NUM)\s*[条次件]",
            ("responses.channels.weibo_wechat",),
        ),
        Claim(
            "N-4",
            r"收到(?:政府信息公开|依申请公开)?(?:申请)?[^0-9。；]{0,10}?(NUM)\s*件",
            ("applications.received",),
        ),
    )

    proactive: ProactiveDisclosure = group(
        ProactiveDisclosure, "一、主动公开情况"
    )
    responses: Responses = group(Responses, "二、回应解读情况")
    applications: Applications = group(Applications, "三、依申请公开情况")
    reconsideration: Reconsideration = group(Reconsideration)
    litigation: Litigation = group(Litigation)
    complaints: int | None = count("六、举报投诉数量", "件")
    fees: Decimal | None = money("七、依申请公开信息收取的费用", "万元")
    organisation: Organisation = group(
        Organisation, "八、机构建设和保障经费情况"
    )
    meetings: Meetings = group(Meetings, "九、政府信息公开会议和培训情况")


@attrs.frozen(kw_only=True)
class Section:
    """
    A numbered narrative section, e.g. ``一、概述``, kept verbatim.

    *heading* is the heading line; *body* is the text under it (lines
    joined with ``"\\n"``).  In the national templates, whose tables are
    printed inside sections 二, 三 and 四, *body* is the text before the
    section's table and *after* the text after it (a note under the table,
    say); elsewhere *after* is empty.

    >>> Section(heading="三、收到和处理政府信息公开申请情况", body="本年度…", after="注：…").text
    '本年度…\\n注：…'
    """

    heading: str
    body: str = ""
    after: str = ""

    @property
    def text(self) -> str:
        """
        All the section's text: *body*, then *after*.
        """
        if self.after and self.body:
            return f"{self.body}\n{self.after}"
        return self.after or self.body


@attrs.frozen(kw_only=True)
class ExtraRow:
    """
    A table row whose label the schema does not know, kept as printed.
    """

    label: str
    unit: str = ""
    value: str = ""


@attrs.frozen(kw_only=True)
class CellText:
    """
    The printed text of a cell when it is not the plain number (``无``,
    ``—``, ``1,234``, ``3000元``), so that nothing printed is lost.
    """

    key: str
    text: str


_is_str = attrs.validators.instance_of(str)


def _one_line(
    _inst: object, _attr: attrs.Attribute[str], value: object
) -> None:
    if (
        not isinstance(value, str)
        or not value
        or value != value.strip()
        or "\n" in value
        or "\r" in value
    ):
        msg = (
            "title must be one non-empty line of text without surrounding "
            f"white space, got {value!r}"
        )
        raise ValueError(msg)


def _sorted_texts(texts: Iterable[CellText]) -> tuple[CellText, ...]:
    return tuple(sorted(texts, key=lambda t: t.key))


def _sections(sections: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(sections)


def order_missing(
    names: tuple[str, ...], missing: Iterable[str]
) -> tuple[str, ...]:
    """
    A report's *missing_tables* in the order of *names*; a name given twice,
    or one that is not one of *names*, is left for the validator.
    """
    given = tuple(missing)
    if len(set(given)) != len(given):
        return given  # the validator names the repeated table
    known = [n for n in names if n in given]
    return (*known, *(m for m in given if m not in names))


def _missing_2014(missing: Iterable[str]) -> tuple[str, ...]:
    return order_missing(("table",), missing)


def missing_validator(
    names: tuple[str, ...],
) -> Callable[[Any, attrs.Attribute[tuple[str, ...]], tuple[str, ...]], None]:
    """
    A validator of a report's *missing_tables*: each one of *names*.
    """

    def validate(
        _inst: Any, _attr: attrs.Attribute[tuple[str, ...]], value: Any
    ) -> None:
        for n, name in enumerate(value):
            if name not in names:
                msg = f"missing_tables: {name!r} is not one of {', '.join(names)}"
                raise ValueError(msg)
            if name in value[:n]:
                msg = f"missing_tables: {name!r} is given twice"
                raise ValueError(msg)

    return validate


def check_missing(report: Any) -> None:
    """
    A table the report does not print has nothing in it: no value, no
    printed text or label, no unknown row (else writing the report would
    lose them).

    Raises:
        ValueError: naming the table and what it holds.
    """
    for name in report.missing_tables:
        prefix = "" if name == "table" else f"{name}."
        for cell in _declare.cell_map(type(report.table)).values():
            if (
                cell.key.startswith(prefix)
                and _declare.get(report.table, cell.key) is not None
            ):
                msg = f"missing_tables: {name!r} is missing but its cell {cell.key} has a value"
                raise ValueError(msg)
        for kept in (*report.cell_texts, *report.label_texts):
            if kept.key.startswith(prefix) or kept.key == name:
                msg = f"missing_tables: {name!r} is missing but {kept.key} has printed text"
                raise ValueError(msg)
        for row in report.extra_rows:
            if getattr(row, "table", "table") == name:
                msg = f"missing_tables: {name!r} is missing but has an unknown row {row.label!r}"
                raise ValueError(msg)
        heading = getattr(report.table, "SECTIONS", {}).get(name, "")
        number = heading.partition("、")[0]
        for section in report.sections:
            if section.after and section.heading.startswith(f"{number}、"):
                msg = f"missing_tables: {name!r} is missing, so its section {section.heading!r} has no text after it"
                raise ValueError(msg)


def _extra_rows(rows: Iterable[ExtraRow]) -> tuple[ExtraRow, ...]:
    return tuple(rows)


_TITLE = re.compile(
    r"^(?P<body>.+?)(?P<year>(?:19|20)\d\d)\s*年\s*(?:度)?.*?(?:信息公开|政务公开).*?报告"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d\d)\s*年\s*(?:度)?(?P<body>.+?)(?:政府信息公开|政务公开).*?报告"
)
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2}))"
)
_LABELLED_DATE = re.compile(r"(?:发布|印发|公开|成文)(?:日期|时间)[:：]")


class Metadata:
    """
    What every report says about itself, read from its title and text so
    that it can never disagree with them (a mixin of the report classes).
    """

    title: str
    preamble: str
    sections: tuple[Section, ...]

    @property
    def body(self) -> str | None:
        """
        The issuing body, as named in the title (``None`` if it is not).

        >>> Report2014(title="2019年上海市人民政府办公厅政府信息公开工作年度报告").body
        '上海市人民政府办公厅'
        """
        m = _title(self.title)
        return m["body"] if m else None

    @property
    def year(self) -> int | None:
        """
        The year reported on, as named in the title (``None`` if it is not).
        """
        m = _title(self.title)
        return int(m["year"]) if m else None

    @property
    def published(self) -> date | None:
        """
        The publication date, as the report states it: a date labelled
        发布日期 (or 印发/公开/成文日期) in the preamble, else a date alone on
        a line of the preamble (``（2020年1月20日）``), else a date alone on
        the last line of the last section (where reports are signed off),
        else ``None`` -- never a date from the running text.
        """
        lines = self.preamble.splitlines()
        for line in lines:
            found = labelled_date(line)
            if found is not None:
                return found
        for line in lines:
            if _alone(line):
                return _first_date(line)
        if self.sections:
            tail = self.sections[-1].text.strip().splitlines()
            if tail and _alone(tail[-1]):
                return _first_date(tail[-1])
        return None


def labelled_date(line: str) -> date | None:
    """
    The date a line states under a label (发布日期, 印发/公开/成文日期 or
    时间), else ``None``.

    >>> labelled_date("来源：某县人民政府办公室　发布日期：2022-01-20")
    datetime.date(2022, 1, 20)
    >>> labelled_date("2022年1月20日") is None
    True
    """
    m = _LABELLED_DATE.search(line)
    return _first_date(line[m.end() :]) if m else None


def is_report_title(text: str) -> bool:
    """
    Whether *text* reads as a report's title: a body, a year and
    信息公开/政务公开 … 报告.

    >>> is_report_title("平潭综合实验区2024年度政府信息公开工作年度报告")
    True
    >>> is_report_title("政府信息公开年报")
    False
    """
    return len(text) <= 200 and _title(text) is not None


def _title(title: str) -> re.Match[str] | None:
    t = compact(title)
    return _TITLE.match(t) or _TITLE_YEAR_FIRST.match(t)


def _alone(line: str) -> bool:
    t = compact(line).strip("()（）")
    m = _DATE.fullmatch(t)
    return m is not None and _first_date(t) is not None


def _first_date(text: str) -> date | None:
    for m in _DATE.finditer(unicodedata.normalize("NFKC", text)):
        month, day = m["m"] or m["m2"], m["d"] or m["d2"]
        try:
            return date(int(m["y"]), int(month), int(day))
        except ValueError:
            continue
    return None


@attrs.frozen(kw_only=True)
class Report2014(Metadata):
    """
    A report whose appendix is the old statistical table.

    The issuing body, year and publication date are read from the title and
    preamble, so they can never disagree with the text:

    >>> report = Report2014(
    ...     title="珠晖区人民政府2019年政府信息公开工作年度报告",
    ...     preamble="(2020年1 月 20日)",
    ... )
    >>> report.body, report.year, report.published
    ('珠晖区人民政府', 2019, datetime.date(2020, 1, 20))
    """

    #: The template identifier used in JSON (``"template": "2014"``).
    TEMPLATE: ClassVar[str] = "2014"
    #: The class of the report's table.
    TABLE: ClassVar[type[StatisticalTable]] = StatisticalTable

    #: The title line, verbatim (one non-empty line).
    title: str = attrs.field(validator=_one_line)
    #: The lines between the title and the first numbered section.
    preamble: str = attrs.field(default="", validator=_is_str)
    #: The numbered narrative sections, in order.
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_sections
    )
    #: The statistical table.
    table: StatisticalTable = attrs.field(factory=StatisticalTable)
    #: Table rows the schema does not know, in the order read.
    extra_rows: tuple[ExtraRow, ...] = attrs.field(
        default=(), converter=_extra_rows
    )
    #: Printed text of cells that was not the plain number, by key.
    cell_texts: tuple[CellText, ...] = attrs.field(
        default=(), converter=_sorted_texts
    )
    #: Printed row labels that are not the template's (a typo, a dropped
    #: or added character), by the key of the row they were matched to.
    label_texts: tuple[CellText, ...] = attrs.field(
        default=(), converter=_sorted_texts
    )
    #: Lines after the table (page furniture such as "扫一扫…"), verbatim.
    trailer: str = attrs.field(default="", validator=_is_str)
    #: ``("table",)`` when the report prints no statistical table (its
    #: cells are then all blank; rule M-1 reports it), else ``()``.
    missing_tables: tuple[str, ...] = attrs.field(
        default=(),
        converter=_missing_2014,
        validator=missing_validator(("table",)),
        metadata={"choices": ("table",)},
    )

    def __attrs_post_init__(self) -> None:
        if self.missing_tables:
            check_missing(self)
            if self.trailer:
                msg = (
                    "missing_tables: a report without its table has no trailer"
                )
                raise ValueError(msg)
