"""
The command line: output formats, exit statuses, conversion.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure import serialization, text
from govdisclosure._cli import main


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def sample_file(zhuhui: str, tmp_path: Path) -> Path:
    path = tmp_path / "zhuhui.txt"
    path.write_text(zhuhui, encoding="utf-8")
    return path


class TestCheck:
    def test_text_output(self, sample_file: Path) -> None:
        """The readable table names the rule, label and figures; exit 1."""
        status, out, err = _run("check", str(sample_file))

        assert (1, "") == (status, err)
        assert "O-3" in out
        assert "（三）申请答复数" in out
        assert "1 error(s), 2 warning(s), 0 not evaluable" in out
        assert "11 rules: 10 passed, 1 failed, 0 not evaluable" in out
        assert "likely culprit" in out

    def test_json_output(self, sample_file: Path) -> None:
        """--format json prints a list of findings with the contract keys."""
        status, out, _ = _run("check", "--format", "json", str(sample_file))

        finding, *narrative = json.loads(out)
        assert ["N-2", "N-3"] == [f["rule"] for f in narrative]
        assert 1 == status
        assert ("O-3", "error") == (finding["rule"], finding["severity"])
        assert {
            "key": "applications.replies",
            "label": "（三）申请答复数",
            "column": None,
            "value": 0,
            "year": None,
        } == finding["cells"][0]
        assert {
            "key": "applications.replies",
            "label": "（三）申请答复数",
            "column": None,
            "value": 0,
            "suggested": 5,
        } == finding["culprit"]
        assert ([], None, None) == (
            finding["suspects"],
            finding["sentence"],
            finding["previous_file"],
        )
        assert "申请答复数" in finding["message"]
        assert (5, 0, -5) == (
            finding["expected"],
            finding["actual"],
            finding["difference"],
        )

    def test_clean_report_exits_0(self, zhuhui: str, tmp_path: Path) -> None:
        """A report without errors exits 0."""
        fixed = zhuhui.replace(
            "(三)申请答复数 | 件 | 0 |", "(三)申请答复数 | 件 | 5 |"
        )
        path = tmp_path / "fixed.txt"
        path.write_text(fixed, encoding="utf-8")

        status, out, _ = _run("check", str(path))

        assert 0 == status
        assert "0 error(s)" in out

    def test_unreadable_files_exit_2(
        self, sample_file: Path, tmp_path: Path
    ) -> None:
        """Missing, directory, binary and unparseable files: exit 2, one line each."""
        binary = tmp_path / "x.bin"
        binary.write_bytes(b"\x00\x01")
        bad = tmp_path / "bad.txt"
        bad.write_text(
            "标题\n| （一）收到申请数 | 件 | 1 | 2 |\n", encoding="utf-8"
        )

        status, out, err = _run(
            "check",
            str(tmp_path / "missing.txt"),
            str(tmp_path),
            str(binary),
            str(bad),
            str(sample_file),
        )

        assert 2 == status
        lines = err.splitlines()
        assert 4 == len(lines)
        assert all(line.startswith("govdisclosure: ") for line in lines)
        assert "line 2" in lines[3]
        assert "O-3" in out  # the good file was still checked

    def test_gb18030_file(self, zhuhui: str, tmp_path: Path) -> None:
        """A GB18030-encoded file is decoded."""
        path = tmp_path / "gbk.txt"
        path.write_bytes(zhuhui.encode("gb18030"))

        status, out, _ = _run("check", str(path))

        assert 1 == status
        assert "珠晖区人民政府" in out

    def test_unknown_rows_are_reported(self, tmp_path: Path) -> None:
        """Rows the schema does not know are listed in the text output."""
        path = tmp_path / "r.txt"
        path.write_text(
            "某区2019年政府信息公开工作年度报告\n网站访问量 | 人次 | 9 |\n",
            encoding="utf-8",
        )

        status, out, _ = _run("check", str(path))

        assert 0 == status
        assert "unknown row kept (未识别的行): 网站访问量 | 人次 | 9" in out

    def test_blank_policy_option(self, tmp_path: Path) -> None:
        """--blank zero reads blank cells as 0."""
        path = tmp_path / "r.txt"
        path.write_text(
            "某区2019年政府信息公开工作年度报告\n| 2.传真申请数 | 件 | 2 |\n",
            encoding="utf-8",
        )

        assert 0 == _run("check", str(path))[0]
        assert 1 == _run("check", "--blank", "zero", str(path))[0]


class TestConvert:
    def test_to_json_and_back(self, sample_file: Path, tmp_path: Path) -> None:
        """convert --to json writes JSON that reads back as the same report."""
        status, out, _ = _run("convert", str(sample_file), "--to", "json")
        path = tmp_path / "r.json"
        path.write_text(out, encoding="utf-8")

        assert 0 == status
        assert text.parse(
            sample_file.read_text(encoding="utf-8")
        ) == serialization.from_json(out)
        status, back, _ = _run("convert", str(path), "--to", "text")
        assert text.parse(back) == serialization.from_json(out)

    def test_bad_input(self, tmp_path: Path) -> None:
        """A file that cannot be read gives exit 2 and no traceback."""
        status, _, err = _run(
            "convert", str(tmp_path / "nope"), "--to", "json"
        )

        assert 2 == status
        assert "Traceback" not in err


_EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class TestNational:
    def test_detected_and_clean(self) -> None:
        """平潭 2021 is read as a 2021 report with no finding; exit 0."""
        status, out, _ = _run("check", str(_EXAMPLES / "pingtan-2021.txt"))

        assert 0 == status
        assert "(template 2021)" in out
        # The example's 五 is an excerpt, "（节录）……": S-1 says so.
        assert "S-1" in out
        assert "0 error(s), 1 warning(s), 0 not evaluable" in out
        assert "42 rules: 42 passed" in out

    def test_json_names_row_and_column(self) -> None:
        """上海 2019, blank = 0: findings name row label and column label."""
        status, out, _ = _run(
            "check",
            "--format",
            "json",
            "--blank",
            "zero",
            str(_EXAMPLES / "shanghai-office-2019.txt"),
        )

        found = json.loads(out)
        assert 1 == status
        t3c = [f for f in found if f["rule"] == "T3-C"]
        assert [
            {
                "key": "applications.total.total",
                "label": "（七）总计",
                "column": "总计",
                "value": 805,
                "year": None,
            }
        ] == [f["cells"][0] for f in t3c]

    def test_template_option(self, tmp_path: Path) -> None:
        """--template forces the generation; a wrong one gives findings."""
        path = _EXAMPLES / "pingtan-2021.txt"
        status, out, _ = _run("check", "--template", "2019", str(path))
        # The 2021 fee amount (万元) falls in the 2019 table's count cell.
        assert 1 == status
        assert "V-1" in out
        assert "24252.311082" in out

        status, out, _ = _run(
            "convert", "--template", "2021", str(path), "--to", "json"
        )
        assert 0 == status
        assert "2021" == json.loads(out)["template"]
        doc = tmp_path / "r.json"
        doc.write_text(out, encoding="utf-8")
        status, _, err = _run("check", "--template", "2019", str(doc))
        assert 2 == status
        assert "not 2019" in err


def test_module_entry_point(sample_file: Path) -> None:
    """`python -m govdisclosure check` runs as a real process."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govdisclosure",
            "check",
            "--format",
            "json",
            str(sample_file),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert 1 == proc.returncode
    assert "O-3" == json.loads(proc.stdout)[0]["rule"]


class TestFirstHour:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the package's version and exits 0."""
        with pytest.raises(SystemExit) as info:
            main(["--version"])
        assert 0 == info.value.code
        assert (
            f"govdisclosure {govdisclosure.__version__}"
            in capsys.readouterr().out
        )

    def test_a_folder_is_its_report_files(self, tmp_path: Path) -> None:
        """A folder stands for its report files, subfolders too, sorted."""
        (tmp_path / "b").mkdir()
        (tmp_path / ".hidden").mkdir()
        for target in (tmp_path / "a.txt", tmp_path / "b" / "c.txt"):
            target.write_bytes((_EXAMPLES / "pingtan-2021.txt").read_bytes())
        (tmp_path / ".hidden" / "d.txt").write_text("x", encoding="utf-8")
        (tmp_path / "notes.xlsx").write_bytes(b"PK")

        status, out, err = _run("check", str(tmp_path))

        assert (0, "") == (status, err)
        assert [f"{tmp_path / 'a.txt'}:", f"{tmp_path / 'b' / 'c.txt'}:"] == [
            line.split(" ")[0]
            for line in out.splitlines()
            if line.startswith("/")
        ]
        assert "2 file(s)" in out

    def test_an_empty_folder_is_unreadable(self, tmp_path: Path) -> None:
        status, _, err = _run("check", str(tmp_path))
        assert 2 == status
        assert str(tmp_path) in err

    @pytest.mark.parametrize(
        ("severity", "shown"),
        [
            ("error", set()),
            ("warning", {"B-1"}),
            ("all", {"B-1", "T3-D", "T3-C", "T3-A", "T4-A", "T4-B"}),
        ],
    )
    def test_severity(self, severity: str, shown: set[str]) -> None:
        """上海 2019: not evaluable rules only under --severity all."""
        status, out, _ = _run(
            "check",
            "--format",
            "json",
            "--severity",
            severity,
            str(_EXAMPLES / "shanghai-office-2019.html"),
        )
        assert 0 == status
        assert shown == {f["rule"] for f in json.loads(out)}

    def test_default_text_hides_not_evaluable_but_counts_it(self) -> None:
        _, out, _ = _run("check", str(_EXAMPLES / "shanghai-office-2019.html"))
        assert "not-evaluable" not in out
        assert "38 not evaluable" in out

    def test_exit_zero(self) -> None:
        """--exit-zero: findings shown, status 0; unreadable is still 2."""
        path = str(_EXAMPLES / "zhuhui-2019-table.txt")
        assert 1 == _run("check", path)[0]
        status, out, _ = _run("check", "--exit-zero", path)
        assert 0 == status
        assert "O-3" in out
        assert 2 == _run("check", "--exit-zero", path, "missing.txt")[0]

    def test_convert_several_to_json_lines(self) -> None:
        paths = [
            str(_EXAMPLES / name)
            for name in (
                "pingtan-2021.txt",
                "hongze-2024.pdf",
                "pingtan-2024.html",
            )
        ]
        status, out, err = _run("convert", *paths, "--to", "json")
        assert (0, "") == (status, err)
        lines = out.splitlines()
        assert [govdisclosure.read(p) for p in paths] == [
            serialization.from_json(line) for line in lines
        ]

    def test_convert_several_to_one_csv(self) -> None:
        paths = [
            str(_EXAMPLES / n) for n in ("pingtan-2021.txt", "zhuhui-2019.txt")
        ]
        status, out, _ = _run("convert", *paths, "--to", "csv")
        assert 0 == status
        back = serialization.read_csv(io.StringIO(out))
        assert govdisclosure.read(paths[0]).table == back[0].table
        assert 2 == len(back)

    def test_convert_several_to_one_page_is_refused(self) -> None:
        paths = [
            str(_EXAMPLES / n) for n in ("pingtan-2021.txt", "zhuhui-2019.txt")
        ]
        status, _, err = _run("convert", *paths, "--to", "html")
        assert 2 == status
        assert "--to json" in err

    def test_convert_help_names_every_form(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with pytest.raises(SystemExit):
            main(["convert", "--help"])
        shown = " ".join(capsys.readouterr().out.split())
        assert "PDF, Word (.docx), HTML, JSON or text" in shown
        assert "JSON Lines" in shown
