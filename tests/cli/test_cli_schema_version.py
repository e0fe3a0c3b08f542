"""`writ schema --case` is the committed schema of a case as JSON; `writ --version` names the package's version."""

import json
import subprocess
import sys
from importlib.metadata import version

from conftest import ROOT


def writ(*args):
    return subprocess.run([sys.executable, "-m", "writ.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_the_committed_case_schema_is_the_one_writ_prints():
    out = writ("schema", "--case")
    assert out.returncode == 0, out.stderr
    printed = json.loads(out.stdout)
    assert printed == json.loads((ROOT / "docs" / "schema" / "case.schema.json").read_text(encoding="utf-8")), \
        "regenerate it: writ schema --case > docs/schema/case.schema.json"
    assert printed["title"] == "CaseModel" and "facts" in printed["properties"]


def test_a_bundled_case_as_json_has_the_schemas_fields_and_reads_back():
    from writ import CaseModel

    model = CaseModel.from_text((ROOT / "cases" / "glomag" / "xpsb_2020.writ").read_text(encoding="utf-8").split('"""Negative twin')[0])
    data = json.loads(model.model_dump_json(exclude_defaults=True))
    schema = json.loads(writ("schema", "--case").stdout)
    assert set(data) <= set(schema["properties"]) and set(schema["required"]) <= set(data)
    assert CaseModel.model_validate(data) == model


def test_version():
    out = writ("--version")
    assert (out.returncode, out.stdout.strip()) == (0, f"writ {version('writ')}")
