"""The generated statute module of the whole CCL is what the bundled ccl.json gives."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ccl_all_is_generated_from_the_bundled_ccl():
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "generate_ccl.py"), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_ccl_entry_is_a_constant_of_the_law():
    from writ.api import Writ
    from writ.lists.catalog import Catalog

    law = Writ.load().law
    ccl = Catalog.bundled().ccl()
    missing = [e.eccn for e in ccl.entries.values() if e.constant not in law.constants]
    assert not missing, missing[:10]
    assert len(ccl.entries) == 633
