"""The tutorial's files and commands, run as the tutorial shows them, so it cannot rot.

Each ```writ block with a title is written to that file; each ```console block
whose command is `writ ...` is run beside them, and the lines shown under it must
appear in the output, in order (`...` stands for lines left out)."""

import re
import subprocess
import sys

from conftest import ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"
PROMPT = re.compile(r"^(\[y\]es, \[n\]o, \[\?\] do not know, \[q\]uit:) (\S+)$")
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.S | re.M)


def _blocks():
    for m in FENCE.finditer(TUTORIAL.read_text(encoding="utf-8")):
        yield m.group(1), m.group(2), m.group(3)


def _shown_in_order(shown: list[str], actual: list[str]) -> bool:
    """Each run of shown lines between `...` appears contiguously, after the previous run."""
    runs, run = [], []
    for line in shown:
        if line.strip() == "...":
            runs.append(run)
            run = []
        else:
            run.append(line.rstrip())
    runs.append(run)
    at = 0
    for run in (r for r in runs if r):
        while at + len(run) <= len(actual) and actual[at:at + len(run)] != run:
            at += 1
        if at + len(run) > len(actual):
            return False
        at += len(run)
    return True


def test_tutorial_cases_decide_as_shown(tmp_path):
    files = commands = 0
    for language, info, body in _blocks():
        title = re.search(r'title="([^"]+)"', info)
        if language == "writ" and title:
            (tmp_path / title.group(1)).write_text(body, encoding="utf-8")
            files += 1
    for language, _, body in _blocks():
        lines = body.rstrip("\n").splitlines()
        if language != "console" or not lines[0].startswith("$ writ "):
            continue  # installation steps are not re-run here
        args = lines[0][len("$ writ "):].split()
        # `writ ask` prompts: the reply shown after a prompt is typed in, and is not echoed back
        replies = [m.group(2) for line in lines[1:] if (m := PROMPT.match(line))]
        shown = []
        for line in lines[1:]:
            if not line.strip() and shown and PROMPT.match(shown[-1]):
                shown[-1] = PROMPT.sub(r"\1", shown[-1])  # the blank line is the terminal echoing the reply's Enter
                continue
            shown.append(line)
        shown = [PROMPT.sub(r"\1", line) for line in shown]
        out = subprocess.run([sys.executable, "-m", "writ.cli", *args], cwd=tmp_path, capture_output=True, text=True,
                             input="".join(r + "\n" for r in replies))
        assert out.returncode == 0, out.stdout + out.stderr
        actual = [line.rstrip() for line in out.stdout.splitlines()]
        assert _shown_in_order([line.rstrip() for line in shown], actual), f"$ writ {' '.join(args)} printed:\n" + "\n".join(actual)
        commands += 1
    assert files >= 3 and commands >= 3


def test_the_matcher_notices_a_wrong_line():
    assert _shown_in_order(["a", "...", "c"], ["a", "b", "c"])
    assert not _shown_in_order(["a", "c"], ["a", "b", "c"])
    assert not _shown_in_order(["c", "...", "a"], ["a", "b", "c"])
