"""
The national templates: 国办公开办函〔2019〕60号 (试行) and 〔2021〕30号.

Both templates print three tables inside the narrative: 二 (主动公开), 三
(依申请) and 四 (行政复议、行政诉讼).  Table 三 and 四 are the same in both
generations except that 30号 splits （六）其他处理 into three rows; table 二
was rebuilt.  Each row and column is declared exactly once below, with its
verbatim label; the rules T3-A, T3-C, T3-D and T4 are declared on the rows
and cells they constrain.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs

from govdisclosure._declare import (
    Balance,
    Carry,
    Claim,
    Sum,
    count,
    group,
    money,
    row,
)
from govdisclosure._declare import change as signed

__all__ = [
    "Appeals",
    "ApplicantCounts",
    "Applications2019",
    "Applications2021",
    "DecisionCount",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "Enforcement2019",
    "Enforcement2021",
    "FeeAmount",
    "FeeItems",
    "Fees2019",
    "Fees2021",
    "ItemCounts",
    "Licensing2019",
    "Licensing2021",
    "NationalTable2019",
    "NationalTable2021",
    "NotProcessed",
    "OtherProcessing",
    "Outcomes",
    "Proactive2019",
    "Proactive2021",
    "Procurement",
    "ProcurementCounts",
    "Regulations2019",
    "Regulations2021",
    "Unavailable",
    "Withheld",
]

_CONTENT = "信息内容"

# Table 二's block headings and the row labels both generations share,
# written once here.
_ITEM = {n: f"第二十条第（{n}）项" for n in "一五六八九"}
_RULES = "规章"
_LICENSING = "行政许可"
_PENALTIES = "行政处罚"
_COERCION = "行政强制"
_FEES = "行政事业性收费"

# --------------------------------------------------------------------------
# Table 二, 2019 (60号)

#: T2-C: 上一年项目数量 (Y) = 上一年项目数量 (Y-1) + 本年增/减 (Y-1).
_ITEMS_CARRY = Carry("T2-C", ("previous_items", "change"), warning=True)


@attrs.frozen(kw_only=True)
class DocumentCounts2019:
    """
    2019 第二十条第（一）项 columns: documents made, published, in total.
    """

    made: int | None = count("本年新制作数量", "件")
    published: int | None = count("本年新公开数量", "件")
    total_published: int | None = count("对外公开总数量", "件")


@attrs.frozen(kw_only=True)
class ItemCounts:
    """
    2019 第二十条第（五）（六）项 columns: items last year, the change
    this year (signed), and decisions made.
    """

    previous_items: int | None = count(
        "上一年项目数量", "项", carry=_ITEMS_CARRY
    )
    change: int | None = signed("本年增/减", "项")
    decisions: int | None = count("处理决定数量", "件")


@attrs.frozen(kw_only=True)
class FeeItems:
    """
    2019 第二十条第（八）项 columns: fee items last year and the change.
    """

    previous_items: int | None = count(
        "上一年项目数量", "项", carry=_ITEMS_CARRY
    )
    change: int | None = signed("本年增/减", "项")


@attrs.frozen(kw_only=True)
class ProcurementCounts:
    """
    2019 第二十条第（九）项 columns: projects and their total amount (the
    template gives no unit: filers write 元 or 万元 in the cell; the amount
    is kept in 元, exactly).
    """

    projects: int | None = count("采购项目数量", "项")
    amount: Decimal | None = money("采购总金额", "元")


@attrs.frozen(kw_only=True)
class Regulations2019:
    """
    第二十条第（一）项 (2019): 规章 and 规范性文件.
    """

    CORNER: ClassVar[str] = _CONTENT

    rules: DocumentCounts2019 = row(DocumentCounts2019, _RULES)
    normative: DocumentCounts2019 = row(
        DocumentCounts2019, "规范性文件", aliases=("行政规范性文件",)
    )


@attrs.frozen(kw_only=True)
class Licensing2019:
    """
    第二十条第（五）项 (2019): 行政许可 and 其他对外管理服务事项.
    """

    CORNER: ClassVar[str] = _CONTENT

    licensing: ItemCounts = row(ItemCounts, _LICENSING)
    other_services: ItemCounts = row(ItemCounts, "其他对外管理服务事项")


@attrs.frozen(kw_only=True)
class Enforcement2019:
    """
    第二十条第（六）项 (2019): 行政处罚 and 行政强制.
    """

    CORNER: ClassVar[str] = _CONTENT

    penalties: ItemCounts = row(ItemCounts, _PENALTIES)
    coercion: ItemCounts = row(ItemCounts, _COERCION)


@attrs.frozen(kw_only=True)
class Fees2019:
    """
    第二十条第（八）项 (2019): 行政事业性收费.
    """

    CORNER: ClassVar[str] = _CONTENT

    administrative_fees: FeeItems = row(FeeItems, _FEES)


@attrs.frozen(kw_only=True)
class Procurement:
    """
    第二十条第（九）项 (2019): 政府集中采购.
    """

    CORNER: ClassVar[str] = _CONTENT

    procurement: ProcurementCounts = row(ProcurementCounts, "政府集中采购")


@attrs.frozen(kw_only=True)
class Proactive2019:
    """
    Table 二 of the 2019 template (主动公开政府信息情况).
    """

    regulations: Regulations2019 = group(Regulations2019, _ITEM["一"])
    licensing: Licensing2019 = group(Licensing2019, _ITEM["五"])
    enforcement: Enforcement2019 = group(Enforcement2019, _ITEM["六"])
    fees: Fees2019 = group(Fees2019, _ITEM["八"])
    procurement: Procurement = group(Procurement, _ITEM["九"])


# --------------------------------------------------------------------------
# Table 二, 2021 (30号)


@attrs.frozen(kw_only=True)
class DocumentCounts2021:
    """
    2021 第二十条第（一）项 columns: issued, repealed, in force.
    """

    issued: int | None = count("本年制发件数", "件")
    repealed: int | None = count("本年废止件数", "件")
    in_force: int | None = count(
        "现行有效件数",
        "件",
        carry=Carry(
            "T2-A", ("in_force",), ("issued",), ("repealed",), warning=True
        ),
    )


@attrs.frozen(kw_only=True)
class DecisionCount:
    """
    2021 第二十条第（五）（六）项 column: decisions made this year.
    """

    decisions: int | None = count("本年处理决定数量", "件")


@attrs.frozen(kw_only=True)
class FeeAmount:
    """
    2021 第二十条第（八）项 column: fees collected this year, in 万元.
    """

    amount: Decimal | None = money("本年收费金额（单位：万元）", "万元")


@attrs.frozen(kw_only=True)
class Regulations2021:
    """
    第二十条第（一）项 (2021): 规章 and 行政规范性文件.
    """

    CORNER: ClassVar[str] = _CONTENT

    rules: DocumentCounts2021 = row(DocumentCounts2021, _RULES)
    normative: DocumentCounts2021 = row(
        DocumentCounts2021, "行政规范性文件", aliases=("规范性文件",)
    )


@attrs.frozen(kw_only=True)
class Licensing2021:
    """
    第二十条第（五）项 (2021): 行政许可.
    """

    CORNER: ClassVar[str] = _CONTENT

    licensing: DecisionCount = row(DecisionCount, _LICENSING)


@attrs.frozen(kw_only=True)
class Enforcement2021:
    """
    第二十条第（六）项 (2021): 行政处罚 and 行政强制.
    """

    CORNER: ClassVar[str] = _CONTENT

    penalties: DecisionCount = row(DecisionCount, _PENALTIES)
    coercion: DecisionCount = row(DecisionCount, _COERCION)


@attrs.frozen(kw_only=True)
class Fees2021:
    """
    第二十条第（八）项 (2021): 行政事业性收费.
    """

    CORNER: ClassVar[str] = _CONTENT

    administrative_fees: FeeAmount = row(FeeAmount, _FEES)


@attrs.frozen(kw_only=True)
class Proactive2021:
    """
    Table 二 of the 2021 template (主动公开政府信息情况).
    """

    regulations: Regulations2021 = group(Regulations2021, _ITEM["一"])
    licensing: Licensing2021 = group(Licensing2021, _ITEM["五"])
    enforcement: Enforcement2021 = group(Enforcement2021, _ITEM["六"])
    fees: Fees2021 = group(Fees2021, _ITEM["八"])


# --------------------------------------------------------------------------
# Table 三 (both generations)

_LEGAL = "法人或其他组织"


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """
    One row of table 三: applications per kind of applicant, and the total
    (T3-D: 总计 = 自然人 + the five 法人或其他组织 columns).
    """

    CAPTION: ClassVar[str] = "申请人情况"

    natural_person: int | None = count("自然人", "件")
    business: int | None = count("商业企业", "件", band=_LEGAL)
    research: int | None = count("科研机构", "件", band=_LEGAL)
    public_interest: int | None = count("社会公益组织", "件", band=_LEGAL)
    legal_services: int | None = count("法律服务机构", "件", band=_LEGAL)
    other: int | None = count("其他", "件", band=_LEGAL)
    total: int | None = count(
        "总计",
        "件",
        rule=Sum(
            "T3-D",
            (
                "natural_person",
                "business",
                "research",
                "public_interest",
                "legal_services",
                "other",
            ),
        ),
    )


@attrs.frozen(kw_only=True)
class Withheld:
    """
    三（三）不予公开: the eight reasons.
    """

    state_secret: ApplicantCounts = row(ApplicantCounts, "1.属于国家秘密")
    prohibited_by_law: ApplicantCounts = row(
        ApplicantCounts, "2.其他法律行政法规禁止公开"
    )
    security_stability: ApplicantCounts = row(
        ApplicantCounts, "3.危及“三安全一稳定”"
    )
    third_party: ApplicantCounts = row(ApplicantCounts, "4.保护第三方合法权益")
    internal_affairs: ApplicantCounts = row(
        ApplicantCounts, "5.属于三类内部事务信息"
    )
    process_information: ApplicantCounts = row(
        ApplicantCounts, "6.属于四类过程性信息"
    )
    enforcement_files: ApplicantCounts = row(
        ApplicantCounts, "7.属于行政执法案卷"
    )
    administrative_queries: ApplicantCounts = row(
        ApplicantCounts, "8.属于行政查询事项"
    )


@attrs.frozen(kw_only=True)
class Unavailable:
    """
    三（四）无法提供: the three reasons.
    """

    not_held: ApplicantCounts = row(
        ApplicantCounts, "1.本机关不掌握相关政府信息"
    )
    needs_creation: ApplicantCounts = row(
        ApplicantCounts, "2.没有现成信息需要另行制作"
    )
    still_unclear: ApplicantCounts = row(
        ApplicantCounts, "3.补正后申请内容仍不明确"
    )


@attrs.frozen(kw_only=True)
class NotProcessed:
    """
    三（五）不予处理: the five reasons.
    """

    petitions: ApplicantCounts = row(ApplicantCounts, "1.信访举报投诉类申请")
    repeated: ApplicantCounts = row(ApplicantCounts, "2.重复申请")
    publications: ApplicantCounts = row(
        ApplicantCounts, "3.要求提供公开出版物"
    )
    excessive: ApplicantCounts = row(
        ApplicantCounts, "4.无正当理由大量反复申请"
    )
    confirmation: ApplicantCounts = row(
        ApplicantCounts, "5.要求行政机关确认或重新出具已获取信息"
    )


@attrs.frozen(kw_only=True)
class OtherProcessing:
    """
    三（六）其他处理 in the 2021 template: its three rows.
    """

    not_amended: ApplicantCounts = row(
        ApplicantCounts,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    fee_unpaid: ApplicantCounts = row(
        ApplicantCounts,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    other: ApplicantCounts = row(ApplicantCounts, "3.其他")


_T3_NOTE = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
)
_OUTCOMES = (
    "granted",
    "partly_granted",
    "withheld",
    "unavailable",
    "not_processed",
    "other",
)


def _received() -> Any:
    return row(
        ApplicantCounts,
        "一、本年新收政府信息公开申请数量",
        rule=Balance("T3-A", ("carried_in",), ("total", "carried_over")),
    )


def _carried_in() -> Any:
    return row(
        ApplicantCounts,
        "二、上年结转政府信息公开申请数量",
        carry=Carry("T3-E", ("carried_over",)),
    )


def _granted() -> Any:
    return row(ApplicantCounts, "（一）予以公开", heading="三、本年度办理结果")


def _partly_granted() -> Any:
    return row(
        ApplicantCounts,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    )


def _total() -> Any:
    return row(ApplicantCounts, "（七）总计", rule=Sum("T3-C", _OUTCOMES))


def _carried_over() -> Any:
    return row(ApplicantCounts, "四、结转下年度继续办理")


@attrs.frozen(kw_only=True)
class Applications2019:
    """
    Table 三 of the 2019 template (收到和处理政府信息公开申请情况), with a
    single （六）其他处理 row.

    >>> t = Applications2019()
    >>> t.withheld.state_secret.natural_person is None
    True
    """

    CORNER: ClassVar[str] = _T3_NOTE

    received: ApplicantCounts = _received()
    carried_in: ApplicantCounts = _carried_in()
    granted: ApplicantCounts = _granted()
    partly_granted: ApplicantCounts = _partly_granted()
    withheld: Withheld = group(Withheld, "（三）不予公开")
    unavailable: Unavailable = group(Unavailable, "（四）无法提供")
    not_processed: NotProcessed = group(NotProcessed, "（五）不予处理")
    other: ApplicantCounts = row(ApplicantCounts, "（六）其他处理")
    total: ApplicantCounts = _total()
    carried_over: ApplicantCounts = _carried_over()


@attrs.frozen(kw_only=True)
class Applications2021:
    """
    Table 三 of the 2021 template, with （六）其他处理 in three rows.
    """

    CORNER: ClassVar[str] = _T3_NOTE

    received: ApplicantCounts = _received()
    carried_in: ApplicantCounts = _carried_in()
    granted: ApplicantCounts = _granted()
    partly_granted: ApplicantCounts = _partly_granted()
    withheld: Withheld = group(Withheld, "（三）不予公开")
    unavailable: Unavailable = group(Unavailable, "（四）无法提供")
    not_processed: NotProcessed = group(NotProcessed, "（五）不予处理")
    other: OtherProcessing = group(OtherProcessing, "（六）其他处理")
    #: （六）其他处理 printed as one row with figures (the 2019 form, which
    #: some 2021-template reports keep); blank when it is printed as the
    #: template's three rows.  The checks then read it in place of the
    #: three rows.
    other_total: ApplicantCounts = row(
        ApplicantCounts, "（六）其他处理", stands_for="other"
    )
    total: ApplicantCounts = _total()
    carried_over: ApplicantCounts = _carried_over()


# --------------------------------------------------------------------------
# Table 四 (both generations)


@attrs.frozen(kw_only=True)
class Outcomes:
    """
    One block of table 四: results and their total (T4).
    """

    upheld: int | None = count("结果维持", "件")
    corrected: int | None = count("结果纠正", "件")
    other: int | None = count("其他结果", "件")
    pending: int | None = count("尚未审结", "件")
    total: int | None = count(
        "总计",
        "件",
        rule=Sum("T4", ("upheld", "corrected", "other", "pending")),
    )


_LITIGATION = "行政诉讼"


@attrs.frozen(kw_only=True)
class Appeals:
    """
    Table 四: 行政复议, and 行政诉讼 未经复议直接起诉 / 复议后起诉, printed as
    one row of 15 numbers without a label.
    """

    reconsideration: Outcomes = group(
        Outcomes, "行政复议", rule_ids={"T4": "T4-A"}
    )
    direct_litigation: Outcomes = group(
        Outcomes, "未经复议直接起诉", band=_LITIGATION, rule_ids={"T4": "T4-B"}
    )
    litigation_after_review: Outcomes = group(
        Outcomes, "复议后起诉", band=_LITIGATION, rule_ids={"T4": "T4-B"}
    )


# --------------------------------------------------------------------------
# The whole national tables

#: Numbers the narrative states about table cells (warnings when they
#: differ).  "收到申请 N 件" may count 新收 alone or 新收 + 上年结转.
_CLAIMS = (
    Claim(
        "N-4",
        r"(?:收到|受理|接收)(?:[^0-9。；]{0,20}?申请[^0-9。；]{0,10}?|[^0-9。；]{0,10}?"
        r"(?=NUM\s*件[^。；]{0,6}申请))(NUM)\s*件",
        (
            "applications.received.total",
            "applications.received.total+applications.carried_in.total",
        ),
    ),
    Claim(
        "N-7",
        r"新收(?:到)?[^0-9。；，]{0,12}?申请[^0-9。；]{0,6}?(NUM)\s*件",
        ("applications.received.total",),
    ),
    Claim(
        "N-8",
        r"上一?年度?结转[^0-9。；，]{0,12}?(NUM)\s*件",
        ("applications.carried_in.total",),
    ),
    Claim(
        "N-9",
        r"(?:结转(?:至|到)?下一?年度?(?:继续办理|办理)?[^0-9。；，]{0,6}?(NUM)\s*件"
        r"|(NUM)\s*件(?:申请)?(?:结转|转入)(?:至|到)?下一?年度?)",
        ("applications.carried_over.total",),
    ),
    Claim(
        "N-5",
        r"行政复议(?:案件)?[^0-9。；，]{0,6}?(NUM)\s*件",
        ("appeals.reconsideration.total",),
    ),
    Claim(
        "N-6",
        r"行政诉讼(?:案件)?[^0-9。；，]{0,6}?(NUM)\s*件",
        (
            "appeals.direct_litigation.total+appeals.litigation_after_review.total",
        ),
    ),
)


@attrs.frozen(kw_only=True)
class NationalTable2019:
    """
    Tables 二, 三 and 四 of a 2019-template report.

    >>> t = NationalTable2019()
    >>> t.proactive.procurement.procurement.amount is None
    True
    """

    #: The heading of the narrative section each table is printed in, as
    #: the template words it (the numeral places the table).
    SECTIONS: ClassVar[dict[str, str]] = {
        "proactive": "二、主动公开政府信息情况",
        "applications": "三、收到和处理政府信息公开申请情况",
        "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    }
    #: Numbers the narrative states about the tables.
    NARRATIVE: ClassVar[tuple[Claim, ...]] = _CLAIMS

    proactive: Proactive2019 = group(Proactive2019)
    applications: Applications2019 = group(Applications2019)
    appeals: Appeals = row(Appeals)


@attrs.frozen(kw_only=True)
class NationalTable2021:
    """
    Tables 二, 三 and 四 of a 2021-template report.

    >>> t = NationalTable2021()
    >>> t.applications.other.fee_unpaid.total is None
    True
    """

    #: The narrative section (by numeral) each table is printed in.
    SECTIONS: ClassVar[dict[str, str]] = NationalTable2019.SECTIONS
    #: Numbers the narrative states about the tables.
    NARRATIVE: ClassVar[tuple[Claim, ...]] = _CLAIMS

    proactive: Proactive2021 = group(Proactive2021)
    applications: Applications2021 = group(Applications2021)
    appeals: Appeals = row(Appeals)
