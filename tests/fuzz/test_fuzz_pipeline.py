"""Fuzzing in CI: random text and mutations of the real case files through the whole
pipeline (parse, check, decide with the real law, render), bounded to tens of seconds.
Every input gives decisions or a WritError with diagnostics; never another exception,
never a hang. `tools/fuzz_campaign.py` runs the same for longer."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mutations import CASE_FILES, Timeout, mutate, run_pipeline, time_bound
from writ.api import Writ

PER_INPUT_SECONDS = 20  # CPU seconds; a real case decides and explains in well under one
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def writ() -> Writ:
    return Writ.load()  # the real law, loaded once


def _run(writ, text: str, base: Path | None) -> None:
    try:
        with time_bound(PER_INPUT_SECONDS):
            run_pipeline(writ, text, "fuzz.writ", base)
    except Timeout:
        pytest.fail(f"no answer within {PER_INPUT_SECONDS} s for:\n{text[:2000]}")


ops = st.lists(st.tuples(st.integers(0, 9), st.integers(0, 1 << 30), st.integers(0, 1 << 30)), min_size=1, max_size=4)


@SETTINGS
@given(path=st.sampled_from(CASE_FILES), ops=ops)
def test_mutated_real_cases(writ, path, ops):
    _run(writ, mutate(path.read_text(encoding="utf-8"), ops), path.parent)


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_after_a_use_line(writ, text):
    _run(writ, "use glomag\n" + text, None)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["case", "c", '"T"', "as", "of", "2020-01-01", "entity", "person", "acme", "xpsb",
                                       "owns", "(", ")", ",", ".", "50%", "blocked", "question", "expect", "not", "unknown",
                                       "is", "a", "foreign", "from", "until", "2019-01-01", "X", "\n", "listed_sdn", "glomag"]),
                      max_size=40))
def test_token_soup(writ, words):
    _run(writ, "use glomag\n" + " ".join(words), None)


def test_the_campaign_script_counts_and_reports(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, str(root / "tools" / "fuzz_campaign.py"), "--n", "3", "--seed", "5", "--budget", "60",
                          "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("3 inputs in ") and "0 findings" in run.stdout
