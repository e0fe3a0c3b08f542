"""`writ screen` decides each row through the engine (each row's case with its own outcome)."""

import subprocess
import sys


def test_screen_decides_every_row(tmp_path):
    parties = tmp_path / "parties.csv"
    parties.write_text("name,type,country\nHikvision,entity,china\nAcme Widgets,entity,canada\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "writ.cli", "screen", str(parties), "--as-of", "2021-03-01"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rows = out.stdout.splitlines()
    assert rows[1].startswith("Hikvision,entity,china,listed,EL")
    assert rows[2].startswith("Acme Widgets,entity,canada,clear,")
