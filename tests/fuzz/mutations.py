"""Grammar-aware mutations of real case files, and the whole pipeline run on one
input, for the fuzz tests and `tools/fuzz_campaign.py`.

An input passes when the pipeline gives decisions (rendered to the terminal, JSON
and a memo) or a WritError with diagnostics; anything else, or running past the
time bound, is a finding.
"""

from __future__ import annotations

import io
import random
import re
import signal
import traceback
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASE_FILES = sorted((ROOT / "cases").rglob("*.writ"))

# Characters that have broken parsers and renderers before: NUL, Python's extra line
# breaks, a BOM, look-alike letters and digits, terminal escapes, Markdown and HTML.
ODD = ["\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\u0430", "\u03bf",
       "\u09ea", "\uff11", "\x1b[31m", "\r", "\t", '"', '"""', ".", "(", ")", ",", "%", "-", "_", "[", "]", "#",
       "<script>", "```", "\n## Short answer\n", "\\", "\\n", "9" * 12, "21474836.48%", "150%", "😀", "İ", "ß"]
_TOKEN = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?%?|\S')


def mutate(text: str, ops: list[tuple[int, int, int]]) -> str:
    """Apply mutations, each (kind, a, b) with a and b picking positions, deterministically."""
    for kind, a, b in ops:
        lines = text.split("\n")
        toks = [m.span() for m in _TOKEN.finditer(text)]
        k = kind % 10
        if k == 0 and lines:  # delete a line
            del lines[a % len(lines)]
            text = "\n".join(lines)
        elif k == 1 and lines:  # duplicate a line
            i = a % len(lines)
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif k == 2 and lines:  # swap two lines
            i, j = a % len(lines), b % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif k == 3 and toks:  # delete a token
            s, e = toks[a % len(toks)]
            text = text[:s] + text[e:]
        elif k == 4 and toks:  # duplicate a token
            s, e = toks[a % len(toks)]
            text = text[:e] + " " + text[s:e] + text[e:]
        elif k == 5 and len(toks) > 1:  # swap two tokens
            (s1, e1), (s2, e2) = sorted([toks[a % len(toks)], toks[b % len(toks)]])
            if e1 <= s2:
                text = text[:s1] + text[s2:e2] + text[e1:s2] + text[s1:e1] + text[e2:]
        elif k == 6:  # insert an odd character or string
            i = a % (len(text) + 1)
            text = text[:i] + ODD[b % len(ODD)] + text[i:]
        elif k == 7:  # truncate
            text = text[: a % (len(text) + 1)]
        elif k == 8 and toks:  # replace a token by an odd one
            s, e = toks[a % len(toks)]
            text = text[:s] + ODD[b % len(ODD)] + text[e:]
        elif k == 9 and lines:  # copy a line somewhere else (a fact into another case)
            lines.insert(b % (len(lines) + 1), lines[a % len(lines)])
            text = "\n".join(lines)
    return text


def random_ops(rng: random.Random, n: int) -> list[tuple[int, int, int]]:
    return [(rng.randrange(10), rng.randrange(1 << 30), rng.randrange(1 << 30)) for _ in range(n)]


class Timeout(Exception):
    pass


@contextmanager
def time_bound(seconds: float):
    """Raise Timeout in this (main) thread after `seconds` of this process's CPU time:
    CPU, not wall-clock, so a busy machine does not pass for a hang."""
    def alarm(signum, frame):
        raise Timeout(f"over {seconds} s of CPU time")

    old = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def run_pipeline(writ, text: str, name: str, base: Path | None = None, explain: bool = True) -> str:
    """Parse, check, decide and render one input: "decided", "diagnosed", or raise."""
    from writ.core.diagnostics import WritError, format_diagnostic
    from writ.decision import Report
    from writ.render.terminal import decision_renderable, make_console, render_memo

    try:
        cases = writ.cases_from_text(text, name, base)
    except WritError as exc:
        assert exc.diagnostics, "a WritError without diagnostics"
        for d in exc.diagnostics:
            format_diagnostic(d, text)
        return "diagnosed"
    decisions = writ.decide_many(cases, explain=explain)
    console = make_console(file=io.StringIO())
    for d in decisions:
        console.print(decision_renderable(d))
        render_memo(d)
    Report(decisions=decisions).model_dump_json()
    return "decided"


def finding(exc: BaseException) -> str:
    """An exception as a finding: its type and the innermost frame in Writ's code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/engine/" in f.filename or "/writ/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name}" if frames else "?"
    return f"{type(exc).__name__} at {where}"
