"""The ``symboldoc`` command, run as the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .pages import FIXTURES


def script() -> str:
    found = shutil.which("symboldoc", path=str(Path(sys.executable).parent)) or shutil.which("symboldoc")
    if found is None:
        pytest.fail("the symboldoc console script is not installed: pip install -e '.[test]'")
    return found


def test_parse_without_arguments_reads_the_bundled_example() -> None:
    result = subprocess.run([script(), "parse"], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("example.md (bundled example): Harborlight Robotics Inc. (HLRB.US)")
    assert "symbol HLRB.US" in out
    assert "locales: en, zh-CN, zh-HK" in out
    assert "chart radar:" in out and "3 dimensions, 17 indicators" in out
    assert out.count("table at line") == 9
    assert "round trip: exact" in out
    assert result.stderr == ""


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "symboldoc", "parse"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0 and "round trip: exact" in result.stdout


def test_parse_files_and_standard_input() -> None:
    page = FIXTURES / "older_full.md"
    result = subprocess.run(
        [script(), "parse", str(page), "-"],
        input=(FIXTURES / "current_cut.md").read_bytes(),
        capture_output=True,
        check=False,
        timeout=60,
    )
    out = result.stdout.decode()
    assert result.returncode == 0
    assert f"{page}: Silverpine Health Services Limited (02853.HK)" in out
    assert "-: Morrow Valley Foods" in out
    assert "table: expected 3 cells" in out  # the cut page's last row, as a warning


def test_missing_file_is_one_line_and_a_failure(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    result = subprocess.run([script(), "parse", str(missing)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"symboldoc: cannot read {missing}: No such file or directory"
    assert "Traceback" not in result.stderr


def test_non_utf8_file_names_line_column_and_byte(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# ok\n\xc3\x28")
    result = subprocess.run([script(), "parse", str(bad)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:2:1: UTF-8 text: expected valid UTF-8")
    assert "byte offset 5" in result.stderr and "Traceback" not in result.stderr


def test_strict_reports_the_first_problem_with_its_place(tmp_path: Path) -> None:
    page = tmp_path / "cut.md"
    page.write_text("| Metric | Value |\n|---|---|\n| Cut", encoding="utf-8")
    result = subprocess.run([script(), "parse", "--strict", str(page)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"{page}:3:1: table: expected 2 cells, as in the header on line 1 (found 1)"


def test_directory_is_reported_not_crashed(tmp_path: Path) -> None:
    result = subprocess.run([script(), "parse", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"symboldoc: cannot read {tmp_path}:")
    assert "Traceback" not in result.stderr
