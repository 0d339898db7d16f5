"""
The check report page (govdisclosure.report, ``python -m govdisclosure
report``): every printed cell once with its key, every finding's cells
marked, the culprit and its suggested value on the page, charts of a
body's years, and, in a real browser (headless Chromium), the page as a
reader sees it, without any network request.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import threading
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import Report, _declare, _review, report, text
from govdisclosure._cli import main
from govdisclosure.checks import Severity, check
from govdisclosure.strategies import reports
from tests.conftest import sample_bytes

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: Where the browser test leaves its screenshot for a person to look at.
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

_CULPRIT_KEY = "applications.withheld.enforcement_files.natural_person"


class _Cells(HTMLParser):
    """The attributes and text of every ``<td data-key>`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, Any]] = []
        self.svg = 0
        self.external: list[str] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(
        self, tag: str, attrs_: list[tuple[str, str | None]]
    ) -> None:
        found = dict(attrs_)
        if tag == "td" and "data-key" in found:
            self._open = {**found, "text": ""}
            self.cells.append(self._open)
        if tag == "svg":
            self.svg += 1
        for name in ("src", "href"):
            value = found.get(name) or ""
            if value.startswith(("http:", "https:", "//")):
                self.external.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data


def _cells(page: str) -> _Cells:
    parser = _Cells()
    parser.feed(page)
    return parser


def _pingtan_with_a_wrong_cell() -> Report:
    source = (EXAMPLES / "pingtan-2021.txt").read_text(encoding="utf-8")
    return text.parse(
        source.replace(
            "| 7.属于行政执法案卷 | 6 | 0 |", "| 7.属于行政执法案卷 | 9 | 0 |"
        )
    )


class TestPage:
    def test_the_culprit_is_marked_with_its_value(self) -> None:
        wrong = _pingtan_with_a_wrong_cell()
        page = report.render(
            [wrong], sources=["pingtan-2021.txt"], charts=False
        )

        (cell,) = [
            c for c in _cells(page).cells if c["data-key"] == _CULPRIT_KEY
        ]
        assert {"error", "culprit"} <= set(cell["class"].split())
        assert "应为 should be 6" in cell["text"]
        assert "✖" in cell["text"]  # a sign, not colour alone
        assert "自然人" == cell["data-column"]
        assert f'href="#r0-{_CULPRIT_KEY}"' in page

    def test_narrative_findings_quote_the_sentence(self) -> None:
        zhuhui = govdisclosure.read(EXAMPLES / "zhuhui-2019.txt")
        page = report.render(zhuhui, charts=False)
        assert "<blockquote>2019年微信回应条数共16条。</blockquote>" in page

    def test_a_missing_table_is_said(self) -> None:
        tableless = text.parse(
            "某局2023年政府信息公开工作年度报告\n一、总体情况\n正文\n"
        )
        page = report.render(tableless, charts=False)
        assert 3 == page.count('class="missing"')

    def test_a_series_has_three_charts_and_its_cross_year_findings(
        self,
    ) -> None:
        pages = [
            govdisclosure.read(EXAMPLES / n)
            for n in ("pingtan-2021.txt", "pingtan-2022.txt")
        ]
        page = report.render(pages, sources=["a", "b"])
        assert 3 == _cells(page).svg
        for chart in ("applications", "disclosure-rate", "appeals"):
            assert f'data-chart="{chart}"' in page
        assert "跨年度核对" in page

    def test_self_contained(self) -> None:
        """Nothing on the page is fetched: no external src or href."""
        page = report.render(
            [
                govdisclosure.read(EXAMPLES / n)
                for n in ("pingtan-2021.txt", "pingtan-2022.txt")
            ]
        )
        assert [] == _cells(page).external
        assert "@import" not in page
        # Only the charts' own clip paths (url(#…)), never a resource.
        assert [] == re.findall(r"url\((?!#)", page)

    def test_the_same_input_gives_the_same_page(self) -> None:
        pages = [
            govdisclosure.read(EXAMPLES / n)
            for n in ("pingtan-2021.txt", "pingtan-2022.txt")
        ]
        assert report.render(pages) == report.render(pages)

    def test_sources_must_match(self) -> None:
        with pytest.raises(ValueError, match="2 sources for 1 reports"):
            report.render([_pingtan_with_a_wrong_cell()], sources=["a", "b"])

    @pytest.mark.parametrize(
        "name",
        [
            "hongze-2024.pdf",
            "pingtan-2024.html",
            "shanghai-office-2019.html",
            "template-2021-blank.docx",
            "zhuhui-2019.txt",
        ],
    )
    def test_real_samples(self, name: str) -> None:
        """Every real sample: each printed cell once, each finding marked."""
        data = sample_bytes(name)
        one = govdisclosure.read(data)
        _assert_page(one, report.render(one, sources=[name], charts=False))

    def test_command_line(self, tmp_path: Path) -> None:
        target = tmp_path / "out.html"
        out, err = io.StringIO(), io.StringIO()
        status = main(
            [
                "report",
                str(EXAMPLES / "pingtan-2021.txt"),
                str(EXAMPLES / "pingtan-2022.txt"),
                "missing.txt",
                "-o",
                str(target),
            ],
            stdout=out,
            stderr=err,
        )
        assert 2 == status  # the missing file; the page is written
        assert "missing.txt" in err.getvalue()
        page = target.read_text(encoding="utf-8")
        assert 3 == _cells(page).svg
        assert str(EXAMPLES / "pingtan-2022.txt") in page


def _assert_page(one: Report, page: str) -> None:
    """Each printed cell once with its key; each finding's cells marked."""
    parsed = _cells(page)
    keys = Counter(c["data-key"] for c in parsed.cells)
    printed = [k for ks in _review.printed_cells(one).values() for k in ks]
    assert Counter(printed) == keys
    by_key = {c["data-key"]: c for c in parsed.cells}
    for finding in check(one):
        kind = report.SEVERITY_CLASSES[finding.severity]
        for ref in finding.cells:
            if ref.key in by_key:
                assert kind in by_key[ref.key].get("class", "").split(), (
                    finding.rule,
                    ref.key,
                )
        if finding.culprit is not None:
            culprit = by_key[finding.culprit.key]
            assert "culprit" in culprit["class"].split()
            assert "should be" in culprit["text"]


@settings(max_examples=25)
@given(reports(blanks=True))
def test_every_cell_once_and_every_finding_marked(one: Report) -> None:
    _assert_page(one, report.render(one, charts=False))


@settings(max_examples=25)
@given(reports(), st.data())
def test_a_corrupted_cell_is_marked(one: Report, data: st.DataObject) -> None:
    """Change a printed count: the cell is marked as in an error."""
    printed = [k for ks in _review.printed_cells(one).values() for k in ks]
    cells = _declare.cell_map(type(one.table))
    key = data.draw(
        st.sampled_from(
            [k for k in printed if cells[k].kind is _declare.Kind.COUNT]
        )
    )
    values = _declare.values(one.table)
    values[key] = (values[key] or 0) + data.draw(st.integers(1, 50))
    wrong = attrs.evolve(
        one,
        table=_declare.build(type(one.table), values),
        cell_texts=[t for t in one.cell_texts if t.key != key],
    )
    page = report.render(wrong, charts=False)
    _assert_page(wrong, page)
    if any(
        f.severity is Severity.ERROR and key in {c.key for c in f.cells}
        for f in check(wrong)
    ):
        (cell,) = [c for c in _cells(page).cells if c["data-key"] == key]
        assert "error" in cell["class"].split()


# --------------------------------------------------------------------------
# In a real browser


#: Hosts Chromium itself talks to (updates, time, accounts), not the page.
_CHROMIUM_OWN = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


class _Proxy:
    """A proxy that records the first line of every request sent to it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(32)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.seen: list[str] = []
        self.stopped = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped:
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                first = conn.recv(400).split(b"\r\n", 1)[0]
                self.seen.append(first.decode("latin-1"))
            except OSError:
                self.seen.append("?")
            conn.close()

    def stop(self) -> list[str]:
        self.stopped = True
        self.thread.join()
        self.server.close()
        return [
            line
            for line in self.seen
            if not any(host in line for host in _CHROMIUM_OWN)
        ]


def _browse(page: Path, *extra: str) -> tuple[str, list[str]]:
    proxy = _Proxy()
    try:
        proc = subprocess.run(
            [
                _chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--proxy-server=http://127.0.0.1:{proxy.port}",
                "--proxy-bypass-list=<-loopback>",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                *extra,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        requests = proxy.stop()
    assert 0 == proc.returncode, proc.stderr[-2000:]
    return proc.stdout, requests


def test_in_chromium(tmp_path: Path) -> None:
    """The DOM Chromium builds marks the culprit, shows its value and the charts."""
    _chromium()
    series = [
        _pingtan_with_a_wrong_cell(),
        govdisclosure.read(EXAMPLES / "pingtan-2022.txt"),
    ]
    page = tmp_path / "report.html"
    page.write_text(
        report.render(
            series, sources=["pingtan-2021 (one cell changed)", "pingtan-2022"]
        ),
        encoding="utf-8",
    )

    dom, requests = _browse(page, "--dump-dom")

    assert [] == requests  # the page fetched nothing
    (cell,) = [
        c
        for c in _cells(dom).cells
        if c["data-key"] == _CULPRIT_KEY and "culprit" in c.get("class", "")
    ]
    assert "应为 should be 6" in cell["text"]
    assert _cells(dom).svg >= 3

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-screenshot.png"
    shot.unlink(missing_ok=True)
    _, requests = _browse(
        page, f"--screenshot={shot}", "--window-size=1100,3000"
    )
    assert [] == requests
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_the_network_detector_works(tmp_path: Path) -> None:
    """A page that does fetch is caught (so that the test above can fail)."""
    _chromium()
    page = tmp_path / "fetching.html"
    page.write_text(
        '<img src="http://example.invalid/x.png">', encoding="utf-8"
    )
    _, requests = _browse(page, "--dump-dom")
    assert any("example.invalid" in line for line in requests)
