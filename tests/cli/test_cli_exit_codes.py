"""Issue 13, the command line's part: exit codes that say what happened, and what-if refusing what it cannot do."""

import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

CASES = str(FIXTURES / "mini_cases.writ")


def writ(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "writ.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_check_exits_1_when_an_expectation_fails(tmp_path):
    text = (FIXTURES / "mini_cases.writ").read_text().replace("expect not blocked(less).", "expect blocked(less).")
    (tmp_path / "mini.writ").write_text((FIXTURES / "mini.writ").read_text())
    (tmp_path / "cases.writ").write_text(text)
    out = writ("check", str(tmp_path / "cases.writ"))
    assert out.returncode == 1, out.stderr
    assert "internal error" not in out.stderr and "YES" in out.stdout  # every case is still decided and shown
    assert writ("check", CASES).returncode == 0


@pytest.mark.parametrize("command", ["check", "test"])
def test_an_empty_file_or_a_folder_without_cases_exits_2_and_says_so(tmp_path, command):
    (tmp_path / "empty.writ").write_text("", encoding="utf-8")
    (tmp_path / "law").mkdir()
    (tmp_path / "law" / "mini.writ").write_text((FIXTURES / "mini.writ").read_text())
    for target in (tmp_path / "empty.writ", tmp_path / "law"):
        out = writ(command, str(target))
        assert out.returncode == 2, (target, out.stdout, out.stderr)
        assert f"no cases found in {target}" in out.stderr


def test_what_if_refuses_a_claim_that_holds_a_second_case():
    out = writ("what-if", CASES, "--case", "xpsb", "--set", 'serious_abuse(detentions). case c2 as of 2020-01-01 entity z "Z"')
    assert out.returncode == 2, out.stderr
    assert "internal error" not in out.stderr
    assert "error[E330]: 'serious_abuse(detentions). case c2 as of 2020-01-01 entity z \"Z\"' is not one fact" in out.stderr
    assert "not a case" in out.stderr


def test_what_if_refuses_to_change_a_fact_the_law_states():
    # the Entity List entry is the law's own data (a provision states it): unsetting it in a
    # what-if used to be ignored without a word ("no answer changes")
    path = str(ROOT / "cases" / "xinjiang" / "facial_recognition.writ")
    out = writ("what-if", path, "--case", "xinjiang_cameras_2021", "--unset", "entity_listed(hikvision, china)")
    assert out.returncode == 2, out.stdout
    assert "no answer changes" not in out.stdout
    assert "error[E331]: 'entity_listed(hikvision, china)' is law data (provision " in out.stderr
    assert "hint: change the facts of the case; to try another version of the law, edit a copy of the statutes" in out.stderr
