"""A long fuzz campaign over the whole pipeline: mutations of the real case files and
random text, the real law loaded once; prints how many inputs ran and every distinct
finding (exception type and the innermost frame in Writ), each with its first input.

    .venv/bin/python tools/fuzz_campaign.py --n 100000 --seed 1 --budget 600

The CI fuzz tests (tests/fuzz/) run the same mutations, bounded to seconds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))

from mutations import CASE_FILES, ODD, Timeout, finding, mutate, random_ops, run_pipeline, time_bound


def _input(rng: random.Random) -> tuple[str, Path | None, str]:
    roll = rng.random()
    if roll < 0.85:
        path = rng.choice(CASE_FILES)
        return mutate(path.read_text(encoding="utf-8"), random_ops(rng, rng.randint(1, 6))), path.parent, path.name
    if roll < 0.95:  # random printable and odd characters after a use line
        alphabet = "abcdefxyzABCXYZ0123456789 .,()%-\"\n_" + "".join(ODD[:16])
        return "use glomag\n" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))), None, "random"
    return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(0, 60))).encode("utf-8", "replace").decode("utf-8", "replace"), None, "codepoints"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="inputs to run at most")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--budget", type=float, default=600, help="seconds to run at most")
    ap.add_argument("--per-input", type=float, default=20, help="CPU seconds one input may take before it counts as a hang")
    ap.add_argument("--no-explain", action="store_true", help="decide without explanations (faster)")
    ap.add_argument("--out", type=Path, default=None, help="write the first input of each finding into this folder")
    args = ap.parse_args()

    from writ.api import Writ

    writ = Writ.load()
    rng = random.Random(args.seed)
    findings: dict[str, tuple[int, str, str]] = {}
    outcomes = {"decided": 0, "diagnosed": 0, "finding": 0}
    start = time.monotonic()
    ran = 0
    while ran < args.n and time.monotonic() - start < args.budget:
        text, base, origin = _input(rng)
        ran += 1
        try:
            with time_bound(args.per_input):
                outcomes[run_pipeline(writ, text, "fuzz.writ", base, explain=not args.no_explain)] += 1
        except Timeout:
            outcomes["finding"] += 1
            key = f"hang over {args.per_input} s"
            count, first_origin, first_text = findings.get(key, (0, origin, text))
            findings[key] = (count + 1, first_origin, first_text)
        except Exception as exc:  # noqa: BLE001 - every other exception is what we are looking for
            outcomes["finding"] += 1
            key = finding(exc)
            count, first_origin, first_text = findings.get(key, (0, origin, text))
            findings[key] = (count + 1, first_origin, first_text)
    elapsed = time.monotonic() - start
    print(f"{ran} inputs in {elapsed:.0f} s (seed {args.seed}): {outcomes['decided']} decided, "
          f"{outcomes['diagnosed']} refused with diagnostics, {outcomes['finding']} findings")
    for i, (key, (count, origin, text)) in enumerate(sorted(findings.items()), start=1):
        print(f"\n{count} x {key}  (first from {origin}):")
        print("    " + repr(text[:600]))
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"finding_{i}.writ").write_text(text, encoding="utf-8", errors="surrogatepass")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
