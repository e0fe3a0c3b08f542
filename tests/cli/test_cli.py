"""The `writ` command line: exit codes, JSON, diagnostics, what-if."""

import json
import subprocess
import sys

from conftest import FIXTURES

CASES = str(FIXTURES / "mini_cases.writ")


def writ(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "writ.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_check_prints_answers_with_citations():
    out = writ("check", CASES)
    assert out.returncode == 0, out.stderr
    assert "YES          Xinjiang Public Security Bureau meets the designation criteria" in out.stdout
    assert "under EO 13818 sec. 1(a)(ii)(A)" in out.stdout
    assert "UNDETERMINED" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 100


def test_check_json_follows_the_published_schema():
    out = writ("check", "--json", CASES)
    report = json.loads(out.stdout)
    schema = json.loads(writ("schema").stdout)
    assert set(report) <= set(schema["properties"])
    first = report["decisions"][0]
    assert first["case"] == "xpsb"
    assert first["results"][0]["answer"] == "yes"
    assert first["results"][0]["grounds"][0]["id"] == "abuse"


def test_test_passes_and_counts():
    out = writ("test", CASES)
    assert out.returncode == 0
    assert out.stdout.strip().splitlines()[-1] == "12 passed, 0 failed"


def test_test_fails_with_exit_1_on_a_wrong_expectation(tmp_path):
    text = (FIXTURES / "mini_cases.writ").read_text().replace("expect not blocked(less).", "expect blocked(less).")
    (tmp_path / "mini.writ").write_text((FIXTURES / "mini.writ").read_text())
    (tmp_path / "cases.writ").write_text(text)
    out = writ("test", str(tmp_path / "cases.writ"))
    assert out.returncode == 1
    assert "FAIL" in out.stdout and "ownership: blocked(less): expected yes, got no" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "11 passed, 1 failed"


def test_errors_are_compiler_style_with_exit_2(tmp_path):
    (tmp_path / "mini.writ").write_text((FIXTURES / "mini.writ").read_text())
    (tmp_path / "bad.writ").write_text('use mini\ncase c "C" as of 2020-07-09\n  entity acme "A".\n  foriegn_person(acme).\n')
    out = writ("check", "bad.writ", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == "bad.writ:4:3: error[E205]: undeclared predicate 'foriegn_person'"
    assert "Traceback" not in out.stderr


def test_what_if_shows_the_change():
    out = writ("what-if", CASES, "--case", "xpsb_unknown", "--set", "serious_abuse(detentions)")
    assert out.returncode == 0, out.stderr
    assert "meets_criteria(xpsb): undetermined -> yes" in out.stdout
    out = writ("what-if", CASES, "--case", "xpsb", "--unset", "detentions is serious human rights abuse")
    assert "meets_criteria(xpsb): yes -> no" in out.stdout


def test_memo_has_the_lawyers_sections():
    out = writ("check", "--memo", CASES)
    for heading in ("## Question", "## Short answer", "## Facts relied on", "## Analysis by provision", "## Open questions"):
        assert heading in out.stdout


def test_output_is_byte_identical_whatever_the_hash_seed():
    import os

    # the mini cases, and a real case with two derivations of equal rank (affiliate_aggregate)
    affiliates = str(FIXTURES.parent.parent / "cases" / "ear" / "affiliates.writ")
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.add(subprocess.run([sys.executable, "-m", "writ.cli", "check", "--json", CASES, affiliates],
                                capture_output=True, text=True, env=env).stdout)
    assert len(outs) == 1 and '"case": "affiliate_aggregate"' in outs.pop()


def test_committed_xpsb_memo_is_what_the_cli_prints():
    # docs/examples/xpsb_2020_memo.md is the example memo the README links to; regenerate it with
    # writ check cases/glomag/xpsb_2020.writ --case xpsb_2020 --memo > docs/examples/xpsb_2020_memo.md
    root = FIXTURES.parent.parent
    out = writ("check", "cases/glomag/xpsb_2020.writ", "--case", "xpsb_2020", "--memo", cwd=root)
    assert out.returncode == 0, out.stderr
    assert out.stdout == (root / "docs" / "examples" / "xpsb_2020_memo.md").read_text(encoding="utf-8")
    assert "## Open questions" in out.stdout and "**Yes.** Grounds: Executive Order 13818, sec. 1(a)(ii)(A)" in out.stdout


def test_what_if_matches_answers_by_question_when_which_questions_change_shape(tmp_path):
    case = tmp_path / "w.writ"
    case.write_text("""use ear
case w "3A981 to Canada" as of 2024-06-01
  transaction sale "a sale".
  item afis "an AFIS".
  sale moves afis.
  afis is of US origin.
  afis is classified as eccn_3a981.
  sale is destined for canada.
  question prohibited_by(sale, G).
  question exception_barred(sale, X).
""", encoding="utf-8")
    out = writ("what-if", str(case), "--set", "destination(sale, china)")
    assert out.returncode == 0, out.stderr
    changed = [line for line in out.stdout.splitlines() if "->" in line]
    assert changed == ["exception_barred(sale, lvs): yes -> yes  (grounds now: p740_2_a_4, p740_3_lvs)",
                       "prohibited_by(sale, gp1): no -> yes",
                       "exception_barred(sale, enc): no -> yes",
                       "exception_barred(sale, tmp): no -> yes"]
