"""The ``symboldoc`` command, run as the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import symboldoc

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


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [script(), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_parse_json_is_the_to_dict_form() -> None:
    page = FIXTURES / "older_full.md"
    result = run("parse", "--format", "json", str(page))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(symboldoc.to_dict(symboldoc.load(page))))
    assert data["page"]["score"]["groups"][2]["indicators"][0]["value"] == "1.24T"


def test_parse_json_of_several_files_is_a_list() -> None:
    result = run("parse", "--format", "json", str(FIXTURES / "older_full.md"), str(FIXTURES / "current_cut.md"))
    data = json.loads(result.stdout)
    assert [item["symbol"] for item in data] == ["02853.HK", "MVF.SG"]


def test_check_passes_a_directory_of_pages(tmp_path: Path) -> None:
    for name in ("a.md", "nested/b.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((FIXTURES / "older_full.md").read_bytes())
    (tmp_path / "notes.txt").write_text("not a page")
    result = run("check", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "checked 2 pages: 2 passed, 0 failed"


def test_check_reads_standard_input_as_parse_does() -> None:
    page = (FIXTURES / "current_cut.md").read_bytes()
    passed = run("check", "-", stdin=page)
    assert passed.returncode == 0 and passed.stdout.strip() == "checked 1 page: 1 passed, 0 failed"
    strict = run("check", "--strict", "-", stdin=page)
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[0].startswith("<stdin>:65:1: table: expected 3 cells")
    bad = subprocess.run([script(), "check", "-"], input=b"# ok\n\xff\n", capture_output=True, check=False)
    assert bad.returncode == 1 and bad.stdout.decode().startswith("<stdin>:2:1: UTF-8 text")


def test_check_strict_names_each_problem_and_fails(tmp_path: Path) -> None:
    cut = tmp_path / "cut.md"
    cut.write_bytes((FIXTURES / "current_cut.md").read_bytes())
    lenient = run("check", str(cut))
    assert lenient.returncode == 0 and "1 passed, 0 failed" in lenient.stdout
    strict = run("check", "--strict", str(cut))
    assert strict.returncode == 1
    lines = strict.stdout.strip().splitlines()
    assert lines[0].startswith(f"{cut}:65:1: table: expected 3 cells")
    assert lines[1].startswith(f"{cut}:65:")
    assert lines[-1] == "checked 1 page (strict): 0 passed, 1 failed"


def test_check_reports_bad_paths_one_line_each(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# ok\n\xff\n")
    result = run("check", str(empty), str(tmp_path / "missing.md"), str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"symboldoc: no pages (*.md files) under {empty}",
        f"symboldoc: cannot read {tmp_path / 'missing.md'}: No such file or directory",
    ]
    assert result.stdout.splitlines() == [
        f"{bad}:2:1: UTF-8 text: expected valid UTF-8 (byte 0xff at byte offset 5)",
        "checked 1 page: 0 passed, 1 failed",
    ]
    assert "Traceback" not in result.stderr


def test_schema_is_printed_and_is_a_2020_12_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema == symboldoc.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)


def test_version_and_usage_errors() -> None:
    assert run("--version").stdout.strip() == f"symboldoc {symboldoc.__version__}"
    assert run("-V").stdout.strip() == f"symboldoc {symboldoc.__version__}"
    wrong = run("frobnicate")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr and "Traceback" not in wrong.stderr


def test_check_of_a_directory_fails_on_md_entries_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_bytes((FIXTURES / "older_full.md").read_bytes())
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    (tmp_path / "folder.md").mkdir()  # a directory named like a page is searched, not read
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path / 'broken.md'}:1:1: cannot read: No such file or directory"
    assert lines[1] == f"{tmp_path / 'loop.md'}:1:1: cannot read: Too many levels of symbolic links"
    assert lines[2] == "checked 3 pages: 1 passed, 2 failed"
    assert result.stderr == ""


def test_parse_json_holds_every_front_matter_value(tmp_path: Path) -> None:
    page = tmp_path / "tagged.md"
    page.write_text('---\ntitle: "T"\nblob: !!binary aGk=\nkinds: !!set {a}\nratio: .nan\n---\n\n# T\n')
    result = run("parse", "--format", "json", str(page))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["front_matter"]["extra"] == {"blob": "aGk=", "kinds": ["a"], "ratio": ".nan"}
