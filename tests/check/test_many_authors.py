"""Many files, many authors (issue 14, item 12): a folder of case files by different people is
checked file by file, each seeing what it declares and uses, so one author's constants and
`use` lines cannot break another's; a clash inside one file is still an error."""

import shutil

import pytest

from conftest import FIXTURES

from writ.core.diagnostics import WritError
from writ.decide.engine import Engine
from writ.decide.runner import run_expectations

ABUSER = """use mini

entity acme "{display}".

case {name} "{display}" as of 2020-07-09
  act torture "torture".
  acme is a foreign person.
  {engaged}acme engaged in torture.
  torture is serious human rights abuse.
  expect {verdict}meets_criteria(acme).
"""


def folder(tmp_path, files: dict[str, str]):
    shutil.copy(FIXTURES / "mini.writ", tmp_path / "mini.writ")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return [tmp_path / "mini.writ", tmp_path]  # mini first: files in subfolders find it by its module name


def run(tmp_path, files: dict[str, str]):
    engine = Engine.load(folder(tmp_path, files))
    result = run_expectations(engine, engine.cases)
    return engine, {r.case: (r.actual, r.passed) for r in result.rows}


def test_two_files_declare_the_same_constant_differently_and_both_decide(tmp_path):
    engine, rows = run(tmp_path, {
        "alice.writ": ABUSER.format(name="alice", display="Acme Security Ltd", engaged="", verdict=""),
        "bob.writ": ABUSER.format(name="bob", display="Acme Trading GmbH", engaged="not ", verdict="not "),
    })
    assert rows == {"alice": ("yes", True), "bob": ("no", True)}
    # each case shows its own file's acme
    assert {c.name: shown(engine, c) for c in engine.cases} == {"alice": "Acme Security Ltd", "bob": "Acme Trading GmbH"}


def shown(engine, case) -> str:
    """How the case's answers show its acme, and how a claim typed about it (what-if) resolves."""
    atom = engine.parse_atom("acme is a foreign person", case)
    return engine.law.show(atom.args[0], case.constants)


def test_a_case_constant_may_reuse_a_name_of_a_module_the_case_does_not_use(tmp_path):
    ledger = 'use mini\n\nentity acme "The ledger\'s Acme".\nentity ledger_co "Ledger Co".\n\n' \
             'provision ledger_note "A note"\n  cite "A test memo"\n  text "x"\n  ledger_co is described as "abuser".\n'
    carol = ABUSER.replace('\nentity acme "{display}".\n', "").replace("  act torture", '  entity acme "{display}".\n  act torture')
    _, rows = run(tmp_path, {"ledger.writ": ledger,
                             "carol.writ": carol.format(name="carol", display="Carol's Acme", engaged="", verdict="")})
    assert rows == {"carol": ("yes", True)}


def test_different_use_lines_resolve_beside_each_file(tmp_path):
    # two authors, each with a helpers.writ declaring `module helpers`; each file uses its own
    helper = 'module helpers\nuse mini\n\nentity acme "{display}".\n'
    case = ABUSER.replace("use mini\n\nentity acme \"{display}\".\n", "use mini, helpers\n")
    engine, rows = run(tmp_path, {
        "a/helpers.writ": helper.format(display="A's Acme"),
        "a/case.writ": case.format(name="a_case", display="", engaged="", verdict=""),
        "b/helpers.writ": helper.format(display="B's Acme"),
        "b/case.writ": case.format(name="b_case", display="", engaged="not ", verdict="not "),
    })
    assert rows == {"a_case": ("yes", True), "b_case": ("no", True)}
    assert {c.name: shown(engine, c) for c in engine.cases} == {"a_case": "A's Acme", "b_case": "B's Acme"}


def codes(exc: WritError) -> list[tuple[str, int, str]]:
    return [(d.code, d.span.line, d.message) for d in exc.diagnostics if d.is_error]


def test_a_clash_inside_one_file_is_still_an_error(tmp_path):
    text = ABUSER.format(name="dup", display="Acme", engaged="", verdict="").replace(
        "  act torture", '  entity acme "Acme again".\n  act torture')
    with pytest.raises(WritError) as err:
        Engine.load(folder(tmp_path, {"dup.writ": text}))
    [(code, line, message)] = codes(err.value)
    assert (code, line) == ("E301", 6) and "already declared at" in message


def test_a_file_using_two_files_that_both_declare_a_name_is_told_it_is_ambiguous(tmp_path):
    helper = 'use mini\n\nentity acme "{display}".\n'
    case = ABUSER.replace("use mini\n\nentity acme \"{display}\".\n", "use mini, one, two\n")
    with pytest.raises(WritError) as err:
        Engine.load(folder(tmp_path, {"one.writ": helper.format(display="One"), "two.writ": helper.format(display="Two"),
                                       "both.writ": case.format(name="both", display="", engaged="", verdict="")}))
    assert {c for c, _, m in codes(err.value) if "declared both in" in m} == {"E301"}


def test_law_data_of_an_unused_module_reaching_the_case_own_name_is_an_error(tmp_path):
    # the ledger states "acme is described as abuser", which meets_criteria reads: the case's own
    # acme would silently inherit it, so the shared name is refused, and the fact is named
    ledger = 'use mini\n\nentity acme "The ledger\'s Acme".\n\n' \
             'provision ledger_note "A note"\n  cite "A test memo"\n  text "x"\n  acme is described as "abuser".\n'
    erin = 'use mini\n\ncase erin "Erin" as of 2020-07-09\n  entity acme "Erin\'s Acme".\n  acme is a foreign person.\n' \
           '  expect undetermined meets_criteria(acme).\n'
    with pytest.raises(WritError) as err:
        Engine.load(folder(tmp_path, {"ledger.writ": ledger, "erin.writ": erin}))
    [(code, line, message)] = codes(err.value)
    assert (code, line) == ("E301", 4)
    assert "note_text(acme" in message and "bears on this case's questions" in message


def test_writ_test_over_a_folder_of_two_authors_passes(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from writ.cli.app import app

    folder(tmp_path, {"alice/case.writ": ABUSER.format(name="alice", display="Acme Security Ltd", engaged="", verdict=""),
                      "bob/case.writ": ABUSER.format(name="bob", display="Acme Trading GmbH", engaged="not ", verdict="not ")})
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(app, ["test", "mini.writ", "alice", "bob"])
    assert out.exit_code == 0, out.output
    assert out.stdout.strip().splitlines()[-1] == "2 passed, 0 failed"
