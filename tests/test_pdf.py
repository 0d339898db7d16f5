"""
The PDF reader: the real 洪泽区 2024 report is the yardstick.
"""

from __future__ import annotations

import contextlib
import sys
import zlib
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import (
    Report2021,
    checks,
    docx,
    html,
    pdf,
    serialization,
    text,
)
from govdisclosure.checks import Severity
from govdisclosure.errors import (
    GovDisclosureError,
    MissingExtraError,
    ParseError,
)

from .conftest import sample_bytes

_SAMPLE = "hongze-2024.pdf"


@pytest.fixture(scope="module")
def hongze() -> Report2021:
    return pdf.parse(sample_bytes(_SAMPLE), template="2021")


def test_title_body_year(hongze: Report2021) -> None:
    """The title split over two lines (a space before 年) is one title."""
    assert (
        "淮安市洪泽区人民政府2024 年政府信息公开工作年度报告" == hongze.title
    )
    assert ("淮安市洪泽区人民政府", 2024) == (hongze.body, hongze.year)
    assert [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ] == [s.heading for s in hongze.sections]
    assert hongze.preamble.startswith("本报告由淮安市洪泽区人民政府办公室")
    assert "- 1 -" not in hongze.sections[0].text  # page numbers left out
    assert "信息处理费 0 元" in hongze.sections[-1].text


def test_table_two(hongze: Report2021) -> None:
    """The figures of table 二 as samples/README.md states them."""
    p = hongze.proactive
    assert (0, 0, 0) == (
        p.regulations.rules.issued,
        p.regulations.rules.repealed,
        p.regulations.rules.in_force,
    )
    assert (3, 0, 8) == (
        p.regulations.normative.issued,
        p.regulations.normative.repealed,
        p.regulations.normative.in_force,
    )
    assert (9487, 2776, 84) == (
        p.licensing.licensing.decisions,
        p.enforcement.penalties.decisions,
        p.enforcement.coercion.decisions,
    )
    assert Decimal(7545) == p.fees.administrative_fees.amount


def test_table_three(hongze: Report2021) -> None:
    """Table 三 across two pages, with the single （六） row."""
    a = hongze.applications
    natural = {
        "received": a.received.natural_person,
        "carried_in": a.carried_in.natural_person,
        "granted": a.granted.natural_person,
        "partly": a.partly_granted.natural_person,
        "withheld": [
            getattr(a.withheld, f).natural_person
            for f in (
                "state_secret",
                "prohibited_by_law",
                "security_stability",
                "third_party",
                "internal_affairs",
                "process_information",
                "enforcement_files",
                "administrative_queries",
            )
        ],
        "unavailable": [
            a.unavailable.not_held.natural_person,
            a.unavailable.needs_creation.natural_person,
            a.unavailable.still_unclear.natural_person,
        ],
        "not_processed": [
            a.not_processed.petitions.natural_person,
            a.not_processed.repeated.natural_person,
            a.not_processed.publications.natural_person,
            a.not_processed.excessive.natural_person,
            a.not_processed.confirmation.natural_person,
        ],
        "other": a.other_total.natural_person,
        "total": a.total.natural_person,
        "carried_over": a.carried_over.natural_person,
    }
    assert {
        "received": 95,
        "carried_in": 0,
        "granted": 50,
        "partly": 9,
        "withheld": [0, 0, 1, 0, 0, 1, 1, 0],
        "unavailable": [31, 1, 0],
        "not_processed": [1, 0, 0, 0, 0],
        "other": 0,
        "total": 95,
        "carried_over": 0,
    } == natural
    assert 95 == a.received.total == a.total.total
    # Every 法人或其他组织 column is 0: 自然人 = 总计.
    assert (0, 0, 0, 0, 0) == (
        a.received.business,
        a.received.research,
        a.received.public_interest,
        a.received.legal_services,
        a.received.other,
    )
    # The three （六） rows of the 2021 template were not printed.
    assert a.other.not_amended.total is None


def test_table_four(hongze: Report2021) -> None:
    """Table 四: 1/1/0/0/2, 1/0/0/0/1, 2/0/1/0/3."""
    ap = hongze.appeals
    assert [(1, 1, 0, 0, 2), (1, 0, 0, 0, 1), (2, 0, 1, 0, 3)] == [
        (o.upheld, o.corrected, o.other, o.pending, o.total)
        for o in (
            ap.reconsideration,
            ap.direct_litigation,
            ap.litigation_after_review,
        )
    ]


def test_checks(hongze: Report2021) -> None:
    """No error, every rule evaluable; the misprinted label is a warning."""
    result = checks.run(hongze)
    assert 0 == result.not_evaluable
    assert result.rules == result.passed
    assert [] == [f for f in result.findings if f.severity is Severity.ERROR]
    labels = [f for f in result.findings if f.rule == "L-1"]
    assert 1 == len(labels)
    assert "2.其他法律行政止公开" in labels[0].message_zh
    assert "2.其他法律行政法规禁止公开" in labels[0].message_zh
    assert "applications.withheld.prohibited_by_law.total" in {
        c.key for c in labels[0].cells
    }


def test_one_row_is_checked_as_the_sum(hongze: Report2021) -> None:
    """The single （六） value stands for the three rows in T3-C."""
    apps = hongze.applications
    wrong = attrs.evolve(apps.other_total, natural_person=1)
    table = attrs.evolve(
        hongze.table, applications=attrs.evolve(apps, other_total=wrong)
    )
    corrupted = attrs.evolve(hongze, table=table)

    errors = [
        f for f in checks.check(corrupted) if f.severity is Severity.ERROR
    ]

    # Its column of T3-C and its row's T3-D break; it is the culprit.
    assert {"T3-C", "T3-D"} == {f.rule for f in errors}
    assert {("applications.other_total.natural_person", 0)} == {
        (f.culprit.key, f.culprit.suggested)
        for f in errors
        if f.culprit is not None
    }


def test_round_trips(hongze: Report2021) -> None:
    """The printed forms (single （六） row, misprinted label) survive."""
    assert hongze == text.parse(text.render(hongze))
    assert hongze == html.parse(html.render(hongze))
    assert hongze == serialization.from_json(serialization.to_json(hongze))
    assert hongze == docx.parse(docx.render(hongze))
    rendered = text.render(hongze)
    assert "| 2.其他法律行政止公开 |" in rendered
    assert "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in rendered


def _minimal_pdf(content: bytes = b"") -> bytes:
    """A one-page PDF whose page draws *content* (no text: a scan)."""
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_scan_needs_ocr() -> None:
    """A PDF without a text layer says so."""
    with pytest.raises(ParseError, match=r"no text layer.*OCR"):
        pdf.parse(_minimal_pdf(b"0 0 m 100 100 l S"))


def test_truncated_and_corrupt() -> None:
    """A truncated or corrupt PDF is a one-line input error."""
    data = sample_bytes(_SAMPLE)
    for broken in (
        data[: len(data) // 3],
        b"%PDF-1.7\n" + b"\x00garbage" * 50,
    ):
        with pytest.raises(ParseError) as info:
            pdf.parse(broken)
        assert "\n" not in info.value.message


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pdfplumber the error names the pip install line."""
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # not installed
    with pytest.raises(
        MissingExtraError, match=r'pip install "govdisclosure\[pdf\]"'
    ):
        pdf.parse(_minimal_pdf())


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_mutated_sample_gives_a_report_or_our_error(
    data: st.DataObject,
) -> None:
    """Flipped, cut or inserted bytes: a report or the library's error."""
    original = sample_bytes(_SAMPLE)
    position = data.draw(st.integers(0, len(original) - 1))
    kind = data.draw(st.sampled_from(("flip", "cut", "insert")))
    if kind == "flip":
        mutated = (
            original[:position]
            + bytes([original[position] ^ 0xFF])
            + original[position + 1 :]
        )
    elif kind == "cut":
        mutated = original[:position]
    else:
        mutated = (
            original[:position]
            + data.draw(st.binary(max_size=64))
            + original[position:]
        )
    with contextlib.suppress(GovDisclosureError):
        pdf.parse(mutated)
