"""
Reports in the national templates: :class:`Report2019` and
:class:`Report2021`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import ClassVar

import attrs

from govdisclosure._national import (
    Appeals,
    Applications2019,
    Applications2021,
    NationalTable2019,
    NationalTable2021,
    Proactive2019,
    Proactive2021,
)
from govdisclosure._report2014 import (
    CellText,
    Metadata,
    Section,
    _is_str,
    _one_line,
    _sections,
    _sorted_texts,
    check_missing,
    missing_validator,
    order_missing,
)

__all__ = [
    "GridRow",
    "NationalReport",
    "Report2019",
    "Report2021",
    "Scope",
    "stated_scope",
]


#: The national tables, in print order, by their key in the report's table.
TABLES = tuple(NationalTable2019.SECTIONS)


class Scope(enum.Enum):
    """
    Whether a report covers one body or aggregates the reports of many.
    """

    #: Not stated (the default: nothing is guessed).
    UNKNOWN = "unknown"
    #: The report of one body (e.g. 上海市人民政府办公厅).
    SINGLE = "single"
    #: A report compiled from the reports of several bodies (a city's
    #: report "由…综合各区…的年度报告编制而成").
    AGGREGATE = "aggregate"


#: The words that open a statement that the report was compiled from
#: others' reports (汇总…年度报告…编制).
_OPENERS = ("汇总", "综合", "根据")
_COMPILED = re.compile(
    f"(?:{'|'.join(_OPENERS)})"
    r"[^。]{0,80}(?:年度报告|年报)[^。]{0,20}(?:编制|汇总|形成)"
)


def stated_scope(text: str) -> Scope:
    """
    The scope a report's own wording states: ``AGGREGATE`` when it says it
    was compiled from other bodies' reports, otherwise ``UNKNOWN``.

    >>> stated_scope("本报告由市政府办公厅综合各区人民政府的政府信息公开工作年度报告编制而成。")
    <Scope.AGGREGATE: 'aggregate'>
    >>> stated_scope("本报告由本机关编制。")
    <Scope.UNKNOWN: 'unknown'>
    """
    if not any(opener[0] in text for opener in _OPENERS):
        return Scope.UNKNOWN  # the wording cannot start anywhere
    return (
        Scope.AGGREGATE
        if _COMPILED.search("".join(text.split()))
        else Scope.UNKNOWN
    )


def _strings(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(cells)


@attrs.frozen(kw_only=True)
class GridRow:
    """
    A row of a national table whose label the schema does not know, kept
    as printed: the *table* it was found in (``"proactive"``,
    ``"applications"`` or ``"appeals"``), its label and its cells.
    """

    table: str = attrs.field(validator=attrs.validators.in_(TABLES))
    label: str = attrs.field(validator=_is_str)
    cells: tuple[str, ...] = attrs.field(default=(), converter=_strings)


def _grid_rows(rows: Iterable[GridRow]) -> tuple[GridRow, ...]:
    return tuple(sorted(rows, key=lambda r: TABLES.index(r.table)))


def _missing_national(missing: Iterable[str]) -> tuple[str, ...]:
    return order_missing(TABLES, missing)


@attrs.frozen(kw_only=True)
class NationalReport(Metadata):
    """
    What the reports of both national templates have besides their tables
    (the base of :class:`Report2019` and :class:`Report2021`).
    """

    #: The title line, verbatim (one non-empty line).
    title: str = attrs.field(validator=_one_line)
    #: The lines between the title and the first numbered section.
    preamble: str = attrs.field(default="", validator=_is_str)
    #: The numbered sections 一、总体情况 … 六、其他需要报告的事项, verbatim
    #: (the tables are not part of their text).
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_sections
    )
    #: Whether the report covers one body or many.
    scope: Scope = attrs.field(
        default=Scope.UNKNOWN, validator=attrs.validators.instance_of(Scope)
    )
    #: Table rows the schema does not know, grouped by table (in table
    #: order), in the order read within a table.
    extra_rows: tuple[GridRow, ...] = attrs.field(
        default=(), converter=_grid_rows
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
    #: The tables the report does not print, of ``"proactive"`` (二),
    #: ``"applications"`` (三) and ``"appeals"`` (四), in that order (their
    #: cells are then all blank; rule M-1 reports each).
    missing_tables: tuple[str, ...] = attrs.field(
        default=(),
        converter=_missing_national,
        validator=missing_validator(TABLES),
        metadata={"choices": TABLES},
    )

    def __attrs_post_init__(self) -> None:
        if self.missing_tables:
            check_missing(self)


@attrs.frozen(kw_only=True)
class Report2019(NationalReport):
    """
    A report in the 2019 national template (国办公开办函〔2019〕60号).

    The tables are in :attr:`table`; :attr:`proactive`,
    :attr:`applications` and :attr:`appeals` read them directly:

    >>> from govdisclosure import ApplicantCounts, Applications2019, NationalTable2019
    >>> r = Report2019(
    ...     title="某机关2019年政府信息公开工作年度报告",
    ...     table=NationalTable2019(
    ...         applications=Applications2019(
    ...             received=ApplicantCounts(natural_person=3)
    ...         )
    ...     ),
    ... )
    >>> r.applications.received.natural_person, r.year
    (3, 2019)
    """

    #: The template identifier used in JSON (``"template": "2019"``).
    TEMPLATE: ClassVar[str] = "2019"
    #: The class of the report's tables.
    TABLE: ClassVar[type[NationalTable2019]] = NationalTable2019

    #: Tables 二, 三 and 四.
    table: NationalTable2019 = attrs.field(factory=NationalTable2019)

    @property
    def proactive(self) -> Proactive2019:
        """
        Table 二 (主动公开政府信息情况).
        """
        return self.table.proactive

    @property
    def applications(self) -> Applications2019:
        """
        Table 三 (收到和处理政府信息公开申请情况).
        """
        return self.table.applications

    @property
    def appeals(self) -> Appeals:
        """
        Table 四 (政府信息公开行政复议、行政诉讼情况).
        """
        return self.table.appeals


@attrs.frozen(kw_only=True)
class Report2021(NationalReport):
    """
    A report in the 2021 national template (国办公开办函〔2021〕30号).

    >>> r = Report2021(title="平潭综合实验区2021年度政府信息公开工作年度报告")
    >>> r.body, r.year, r.applications.other.fee_unpaid.natural_person
    ('平潭综合实验区', 2021, None)
    """

    #: The template identifier used in JSON (``"template": "2021"``).
    TEMPLATE: ClassVar[str] = "2021"
    #: The class of the report's tables.
    TABLE: ClassVar[type[NationalTable2021]] = NationalTable2021

    #: Tables 二, 三 and 四.
    table: NationalTable2021 = attrs.field(factory=NationalTable2021)

    @property
    def proactive(self) -> Proactive2021:
        """
        Table 二 (主动公开政府信息情况).
        """
        return self.table.proactive

    @property
    def applications(self) -> Applications2021:
        """
        Table 三 (收到和处理政府信息公开申请情况).
        """
        return self.table.applications

    @property
    def appeals(self) -> Appeals:
        """
        Table 四 (政府信息公开行政复议、行政诉讼情况).
        """
        return self.table.appeals
