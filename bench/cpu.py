"""CPU time of ``drafter build`` processes against docxtpl processes: ``python bench/cpu.py [--rounds N]``.

A focused companion of ``bench/run.py`` for work on start-up cost: each
round runs one ``python -m drafter build SHEET -o OUT.docx`` per example sheet
and one docxtpl render (run.py's script and template) in the same round, and
prints, per sheet and overall, the medians of wall and CPU time (user +
system, which load on a shared machine disturbs less) and their ratios to
docxtpl.  Writes nothing into the repository.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DOCXTPL_SCRIPT, EXAMPLES, child_env, drafter_command, make_docxtpl_template


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one process; fails loudly when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-cpu-") as name:
        tmp = Path(name)
        env = child_env(tmp / "cache")
        template, context = make_docxtpl_template(tmp)
        script = tmp / "docxtpl_render.py"
        script.write_text(DOCXTPL_SCRIPT, encoding="utf-8")
        base_cmd = [sys.executable, str(script), str(template), str(context), str(tmp / "docxtpl-out.docx")]
        out = tmp / "out.docx"

        def build(sheet: Path) -> tuple[float, float]:
            out.unlink(missing_ok=True)
            return timed([*drafter_command(), "build", str(sheet), "-o", str(out)], env)

        for sheet in EXAMPLES:  # warm-up: .pyc files, drafter's cache
            build(sheet)
        timed(base_cmd, env)
        runs: dict[str, list[tuple[float, float]]] = {"docxtpl": []}
        for i in range(args.rounds):
            order = ["docxtpl", *(s.name for s in EXAMPLES)]
            k = i % len(order)
            for who in order[k:] + order[:k]:
                if who == "docxtpl":
                    runs["docxtpl"].append(timed(base_cmd, env))
                else:
                    runs.setdefault(who, []).append(build(next(s for s in EXAMPLES if s.name == who)))

    def med(xs: list[tuple[float, float]], j: int) -> float:
        return statistics.median(x[j] for x in xs)

    base = runs.pop("docxtpl")
    bw, bc = med(base, 0), med(base, 1)
    print(f"{'':32} {'wall ms':>8} {'ratio':>6} {'CPU ms':>8} {'ratio':>6}")
    print(f"{'docxtpl':32} {bw * 1000:8.0f} {'':6} {bc * 1000:8.0f}")
    every: list[tuple[float, float]] = []
    for who, xs in runs.items():
        every += xs
        print(
            f"{who:32} {med(xs, 0) * 1000:8.0f} {med(xs, 0) / bw:6.2f} {med(xs, 1) * 1000:8.0f} {med(xs, 1) / bc:6.2f}"
        )
    aw, ac = med(every, 0), med(every, 1)
    print(f"{'build, all sheets':32} {aw * 1000:8.0f} {aw / bw:6.2f} {ac * 1000:8.0f} {ac / bc:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
