"""drafter's benchmark: ``python bench/run.py`` (one run, a few minutes at most).

Measures, in one run:

1. ``drafter build``, ``check`` and ``preview`` on each example sheet as
   whole processes, against a docxtpl script rendering a comparable draft
   (title, opening, four numbered sections of 8 items, closing, sign-off)
   from a template this script builds with python-docx.  Runs are
   interleaved (each round runs docxtpl and the three commands in a rotating
   order) so load on the machine hits all alike; the table gives the median
   of each and the ratio of the medians.  Targets: ``build`` ≤ 0.9,
   ``check`` and ``preview`` ≤ 1.0 of docxtpl.
2. A batch build of 200 sheets (made by varying the examples) in one
   ``drafter build FOLDER -o OUTDIR``: drafts per second, whole command.
3. ``drafter learn`` on the samples repeated to 2 M characters: seconds and
   peak memory (maximum resident set of the process).
4. ``python -X importtime -m drafter build …``: jieba must not be imported;
   the ten most expensive imports.
5. Steps inside one process (best of a few runs): writing a three-page
   .docx, classifying sections, de-duplicating 300 sample reports, finding
   rare proper nouns in 1 M characters (the bounds the test suite used to
   assert on the wall clock).

Realistic install: children run without PYTHONDONTWRITEBYTECODE, after
warm-up runs, so .pyc files and drafter's per-user cache (compiled
templates, the empty document) exist as they do after a user's first build.
The cache lives in a temporary folder; one row shows a first build with an
empty cache.  The table is printed and written to ``bench/last-run.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SAMPLES = ROOT / "examples" / "samples"
OUT_MD = Path(__file__).resolve().parent / "last-run.md"

BATCH_SHEETS = 200
LEARN_CHARS = 2_000_000
TARGET_RATIO = {"build": 0.9, "check": 1.0, "preview": 1.0}
COMMANDS = ("build", "check", "preview")
TARGET_RATE = 40.0
TARGET_LEARN_S = 5.0
TARGET_LEARN_MB = 300.0


# -- helpers -----------------------------------------------------------------------


def child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a real install has .pyc files
    env["DRAFTER_CACHE_DIR"] = str(cache)
    env.pop("DRAFTER_NO_CACHE", None)
    return env


def drafter_command() -> list[str]:
    """``python -m drafter`` of this interpreter (the same code as the ``drafter`` script)."""
    return [sys.executable, "-m", "drafter"]


def console_script() -> str | None:
    here = Path(sys.executable).parent / ("drafter.exe" if os.name == "nt" else "drafter")
    return str(here) if here.exists() else shutil.which("drafter")


# CPU seconds (user + system) of each process run() ran, by command: a second view
# of the same runs that load on a shared machine disturbs less than wall time.
CPU: dict[str, list[float]] = {}


def run(cmd: list[str], env: dict[str, str], *, cwd: Path | None = None, cpu_key: str = "") -> float:
    """Wall seconds of one process; fails loudly when the command fails.  ``cpu_key`` records its CPU time."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-2000:]}")
    if cpu_key:
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        CPU.setdefault(cpu_key, []).append(used)
    return seconds


def median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cores() -> str:
    n = os.cpu_count() or 1
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = n
    return f"{usable}" if usable == n else f"{usable} of {n}"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("drafter", "python-docx", "docxtpl", "Jinja2", "PyYAML", "rich", "lxml"):
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} -")
    return ", ".join(out)


# -- docxtpl baseline ------------------------------------------------------------------

_CN = "一二三四五六七八九十"

DOCXTPL_SCRIPT = """\
import json, sys
from docxtpl import DocxTemplate
tpl = DocxTemplate(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    context = json.load(f)
tpl.render(context)
tpl.save(sys.argv[3])
"""

DOCXTPL_YAML_SCRIPT = """\
import sys, yaml
from docxtpl import DocxTemplate
with open(sys.argv[2], encoding="utf-8") as f:
    sheet = yaml.safe_load(f)
cats = ["民主建设", "队伍建设", "生活保障", "文体活动"]
def text(item):
    if isinstance(item, str):
        return item
    return "，".join(str(item[k]) for k in ("时间", "活动", "人数", "成果") if k in item) + "。"
context = {
    "title": f"{sheet['单位']}{sheet['年度']}年{sheet.get('文种', '工作总结')}",
    "opening": f"{sheet['年度']}年，{sheet['单位']}在上级工会的领导下开展工作，现将全年工作总结如下。",
    "sections": [{"heading": c, "items": [text(i) for i in sheet.get(c) or []]} for c in cats],
    "cn": list("一二三四五六七八九十"),
    "closing": "新的一年，我们将继续努力。",
    "signoff": sheet["单位"],
    "date": str(sheet.get("落款", {}).get("日期", "")),
}
tpl = DocxTemplate(sys.argv[1])
tpl.render(context)
tpl.save(sys.argv[3])
"""


def make_docxtpl_template(folder: Path) -> tuple[Path, Path]:
    """A docxtpl template of the same shape as a drafter draft, and its context (JSON)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_paragraph("{{ title }}", style="Title")
    d.add_paragraph("{{ opening }}")
    d.add_paragraph("{%p for s in sections %}")
    d.add_paragraph("{{ cn[loop.index0] }}、{{ s.heading }}", style="Heading 1")
    d.add_paragraph("{%p for it in s['items'] %}")
    d.add_paragraph("{{ loop.index }}．{{ it }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{{ closing }}")
    d.add_paragraph("{{ signoff }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("{{ date }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    template = folder / "docxtpl-template.docx"
    d.save(template)

    item = "召开教职工代表大会第三次会议，审议通过绩效工资分配方案和职称推荐量化评分细则，参会代表{n}人。"
    context = {
        "title": "青岚县第二中学工会2025年工作总结",
        "opening": "2025年，在青岚县第二中学党总支和青岚县教育工会的正确领导下，学校工会紧紧围绕学校中心工作，"
        "认真履行维护、建设、参与、教育四项职能，现将一年来的工作总结如下。",
        "sections": [
            {"heading": f"第{_CN[s]}方面工作", "items": [item.format(n=40 + 8 * s + i) for i in range(8)]}
            for s in range(4)
        ],
        "cn": list(_CN),
        "closing": "新的一年，学校工会将在党总支的领导下，团结带领全体教职工，为学校发展作出新的贡献。",
        "signoff": "青岚县第二中学工会",
        "date": "2025年12月29日",
    }
    ctx = folder / "docxtpl-context.json"
    ctx.write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    return template, ctx


# -- 1. single builds -------------------------------------------------------------------------


def bench_single(tmp: Path, env: dict[str, str], pairs: int) -> tuple[list[list[str]], dict[str, float]]:
    template, context = make_docxtpl_template(tmp)
    script = tmp / "docxtpl_render.py"
    script.write_text(DOCXTPL_SCRIPT, encoding="utf-8")
    yscript = tmp / "docxtpl_yaml_render.py"
    yscript.write_text(DOCXTPL_YAML_SCRIPT, encoding="utf-8")
    out = tmp / "single"
    out.mkdir()
    cmd = drafter_command()

    def drafter(command: str, sheet: Path) -> Callable[[], float]:
        target = out / f"{sheet.stem}.docx"

        def go() -> float:
            if command != "build":
                return run([*cmd, command, str(sheet)], env, cpu_key=command)
            target.unlink(missing_ok=True)  # a fresh file each time (no backup of the last one)
            return run([*cmd, "build", str(sheet), "-o", str(target)], env, cpu_key=command)

        return go

    def docxtpl() -> float:
        out_docx = str(tmp / "docxtpl-out.docx")
        return run([sys.executable, str(script), str(template), str(context), out_docx], env, cpu_key="docxtpl")

    def docxtpl_yaml(sheet: Path) -> Callable[[], float]:
        return lambda: run([sys.executable, str(yscript), str(template), str(sheet), str(tmp / "dy.docx")], env)

    # Warm-up: .pyc files, drafter's cache, the page cache.
    for sheet in EXAMPLES:
        for command in COMMANDS:
            drafter(command, sheet)()
    docxtpl()
    docxtpl_yaml(EXAMPLES[0])()
    CPU.clear()

    rows: list[list[str]] = []
    times: dict[str, list[float]] = {c: [] for c in ("docxtpl", *COMMANDS)}
    for sheet in EXAMPLES:
        runs: dict[str, Callable[[], float]] = {"docxtpl": docxtpl, **{c: drafter(c, sheet) for c in COMMANDS}}
        names = list(runs)
        mine: dict[str, list[float]] = {n: [] for n in names}
        for i in range(pairs):
            k = i % len(names)
            for name in names[k:] + names[:k]:  # rotate who goes first
                mine[name].append(runs[name]())
        for name, xs in mine.items():
            times[name] += xs
        ratio = statistics.median(mine["build"]) / statistics.median(mine["docxtpl"])
        cpu_ratio = statistics.median(CPU["build"][-pairs:]) / statistics.median(CPU["docxtpl"][-pairs:])
        rows.append(
            [
                f"build {sheet.name}",
                f"{median_ms(mine['build']):.0f} ms",
                f"{median_ms(mine['docxtpl']):.0f} ms",
                f"{ratio:.2f} (CPU {cpu_ratio:.2f})",
                "ok" if ratio <= TARGET_RATIO["build"] else "MISSED",
            ]
        )
    base = statistics.median(times["docxtpl"])
    summary: dict[str, float] = {"docxtpl_ms": base * 1000}
    for command in COMMANDS:
        ratio = statistics.median(times[command]) / base
        summary[command] = ratio
        target = TARGET_RATIO[command]
        rows.append(
            [
                f"{command}, all {len(EXAMPLES)} sheets ({len(times[command])} rounds)",
                f"{median_ms(times[command]):.0f} ms",
                f"{base * 1000:.0f} ms",
                f"**{ratio:.2f}**",
                f"target ≤ {target:.1f}: " + ("ok" if ratio <= target else "MISSED"),
            ]
        )

    cpu_base = statistics.median(CPU["docxtpl"])
    for command in COMMANDS:
        mine_cpu = statistics.median(CPU[command])
        rows.append(
            [
                f"{command}, CPU time (user + system) of the same runs",
                f"{mine_cpu * 1000:.0f} ms",
                f"{cpu_base * 1000:.0f} ms",
                f"{mine_cpu / cpu_base:.2f}",
                "information",
            ]
        )

    # Extra rows, for information.
    sheet = EXAMPLES[0]
    go = drafter("build", sheet)
    d_times, y_times = [], []
    for _ in range(max(5, pairs // 2)):
        d_times.append(go())
        y_times.append(docxtpl_yaml(sheet)())
    rows.append(
        [
            "docxtpl reading the same YAML sheet (yaml.safe_load)",
            f"{median_ms(d_times):.0f} ms",
            f"{median_ms(y_times):.0f} ms",
            f"{statistics.median(d_times) / statistics.median(y_times):.2f}",
            "information",
        ]
    )
    cold: list[float] = []
    target = out / "cold.docx"
    for i in range(5):
        cold_env = dict(env, DRAFTER_CACHE_DIR=str(tmp / f"cold-cache-{i}"))
        target.unlink(missing_ok=True)
        cold.append(run([*cmd, "build", str(sheet), "-o", str(target)], cold_env))
    rows.append(["build, first run (empty drafter cache)", f"{median_ms(cold):.0f} ms", "", "", "information"])
    h_times = [run([*cmd, "--help"], env) for _ in range(5)]
    rows.append(["`drafter --help`", f"{median_ms(h_times):.0f} ms", "", "", "information"])
    script_path = console_script()
    if script_path:
        s_times = []
        for _ in range(5):
            target.unlink(missing_ok=True)
            s_times.append(run([script_path, "build", str(sheet), "-o", str(target)], env))
        rows.append(["build via the `drafter` console script", f"{median_ms(s_times):.0f} ms", "", "", "information"])
    return rows, summary


# -- 2. batch -------------------------------------------------------------------------------


def make_batch_sheets(folder: Path, n: int) -> None:
    """``n`` sheets: the examples with other unit names and numbers."""
    import yaml

    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    folder.mkdir(parents=True)
    for i in range(n):
        sheet = json.loads(json.dumps(bases[i % len(bases)], default=str))  # deep copy, dates as text
        unit = sheet["单位"]
        stem = unit[:-2] if unit.endswith("工会") else unit
        new_unit = f"{stem}第{i + 1}分会工会" if "县" in stem else f"第{i + 1}{stem}工会"
        sheet["单位"] = new_unit
        if isinstance(sheet.get("落款"), dict) and sheet["落款"].get("署名") == unit:
            sheet["落款"]["署名"] = new_unit
        for key, value in (sheet.get("概况") or {}).items():
            if isinstance(value, int):
                sheet["概况"][key] = value + i % 37
        for cat in ("民主建设", "队伍建设", "生活保障", "文体活动"):
            for item in sheet.get(cat) or []:
                if isinstance(item, dict) and isinstance(item.get("人数"), int):
                    item["人数"] += i % 11
        text = yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False)
        (folder / f"{i + 1:03d}.yaml").write_text(text, encoding="utf-8")


def bench_batch(tmp: Path, env: dict[str, str], repeats: int) -> tuple[list[list[str]], dict[str, float]]:
    sheets = tmp / "batch-sheets"
    make_batch_sheets(sheets, BATCH_SHEETS)
    cmd = drafter_command()
    run([*cmd, "build", str(sheets), "-o", str(tmp / "batch-warm")], env)
    times = []
    for i in range(repeats):
        times.append(run([*cmd, "build", str(sheets), "-o", str(tmp / f"batch-out-{i}")], env))
    produced = len(list((tmp / "batch-out-0").glob("*.docx")))
    if produced != BATCH_SHEETS:
        raise SystemExit(f"batch produced {produced} drafts, expected {BATCH_SHEETS}")
    seconds = statistics.median(times)
    rate = BATCH_SHEETS / seconds
    row = [
        f"batch: {BATCH_SHEETS} sheets, one command, {cores()} cores (median of {repeats})",
        f"{seconds:.2f} s",
        "",
        f"**{rate:.0f} drafts/s**",
        f"target ≥ {TARGET_RATE:.0f}/s: " + ("ok" if rate >= TARGET_RATE else "MISSED"),
    ]
    return [row], {"rate": rate}


# -- 3. learn ---------------------------------------------------------------------------------


def _chars(path: Path) -> int:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030", "utf-16"):
        try:
            return len(data.decode(enc))
        except UnicodeDecodeError:
            continue
    return len(data)


def timed_peak(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak resident MB (of that process alone), exit code, stderr tail."""
    err = tempfile.TemporaryFile()
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t
        code = os.waitstatus_to_exitcode(status)
        p.returncode = code  # reaped here; keep Popen from waiting again
        kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
    else:  # pragma: no cover - no wait4 (Windows)
        code = p.wait()
        seconds = time.perf_counter() - t
        kb = 0
    err.seek(0)
    tail = err.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
    return seconds, kb / 1024, code, tail[0]


def learn_available(env: dict[str, str]) -> bool:
    p = subprocess.run([*drafter_command(), "learn", "--help"], env=env, capture_output=True)
    return p.returncode == 0


def bench_learn(tmp: Path, env: dict[str, str]) -> tuple[list[list[str]], dict[str, float]]:
    if not learn_available(env):
        print("learn: not available")
        return [["learn", "not available", "", "", ""]], {}
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in (".txt", ".docx"))
    per_copy = sum(_chars(p) for p in files)
    copies = -(-LEARN_CHARS // per_copy)
    corpus = tmp / "learn-corpus"
    corpus.mkdir()
    for i in range(copies):
        for p in files:
            shutil.copyfile(p, corpus / f"{i + 1:03d}-{p.name}")
    cmd = drafter_command()
    # Warm-up on the samples as they are (jieba builds its dictionary cache on first use).
    subprocess.run([*cmd, "learn", str(SAMPLES), "-o", str(tmp / "learn-warm")], env=env, capture_output=True)
    seconds, mb, code, tail = timed_peak([*cmd, "learn", str(corpus), "-o", str(tmp / "learn-out")], env)
    chars = per_copy * copies
    if code != 0:
        return [[f"learn {chars / 1e6:.1f} M characters", f"failed ({code}): {tail}", "", "", "MISSED"]], {}
    ok = seconds <= TARGET_LEARN_S and mb <= TARGET_LEARN_MB
    row = [
        f"learn: samples ×{copies} = {chars / 1e6:.2f} M characters",
        f"{seconds:.2f} s",
        f"{mb:.0f} MB peak",
        "",
        f"target ≤ {TARGET_LEARN_S:.0f} s, ≤ {TARGET_LEARN_MB:.0f} MB: " + ("ok" if ok else "MISSED"),
    ]
    return [row], {"learn_s": seconds, "learn_mb": mb}


# -- 4. importtime ------------------------------------------------------------------------------


def bench_imports(tmp: Path, env: dict[str, str]) -> tuple[list[list[str]], list[str], bool]:
    import re

    target = tmp / "importtime.docx"
    target.unlink(missing_ok=True)
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "drafter", "build", str(EXAMPLES[0]), "-o", str(target)],
        env=env,
        capture_output=True,
        text=True,
    )
    if p.returncode != 0:
        raise SystemExit(f"importtime run failed:\n{p.stderr[-2000:]}")
    mods: list[tuple[int, int, str]] = []
    for line in p.stderr.splitlines():
        m = re.match(r"import time:\s*(\d+) \|\s*(\d+) \|( *)(\S+)", line)
        if m:
            mods.append((int(m[1]), int(m[2]), m[4]))
    names = {name for _, _, name in mods}
    jieba = sorted(n for n in names if n == "jieba" or n.startswith("jieba."))
    total_ms = sum(s for s, _, _ in mods) / 1000
    heavy = [n for n in ("typer", "click", "pydantic", "rich") if n in names]
    rows = [
        [
            "build path imports jieba?",
            "no" if not jieba else "YES: " + ", ".join(jieba),
            f"{len(mods)} modules, {total_ms:.0f} ms",
            "",
            ("ok" if not jieba else "MISSED") + (f"; also loaded: {', '.join(heavy)}" if heavy else ""),
        ]
    ]
    top = sorted(mods, reverse=True)[:10]
    lines = [f"| {name} | {s / 1000:.1f} | {c / 1000:.1f} |" for s, c, name in top]
    return rows, lines, not jieba


# -- 5. steps inside one process ---------------------------------------------------------------


def _best(fn: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _step_docx() -> tuple[str, float, float]:
    from drafter.build.pipeline import make_draft
    from drafter.docx.writer import docx_bytes

    _, draft, _ = make_draft(EXAMPLES[0])
    docx_bytes(draft)
    return f"docx_bytes: the draft of {EXAMPLES[0].name} (best of 5)", _best(lambda: docx_bytes(draft), 5), 0.030


def _sample_text() -> str:
    return (SAMPLES / "工会领导工作总结大全10篇.txt").read_text(encoding="utf-8")


def _step_classify() -> tuple[str, float, float]:
    from drafter.learn.classify import classify_many

    paragraphs = [p for p in _sample_text().splitlines() if len(p) > 20]
    pairs = [(p[:12], p) for p in paragraphs] * 20
    classify_many(pairs[:2])  # jieba's dictionary is loaded first
    chars = sum(len(t) for _, t in pairs)
    return (
        f"classify_many: {len(pairs)} sections, {chars / 1e6:.1f} M characters",
        _best(lambda: classify_many(pairs)),
        2.0,
    )


def _step_dedupe() -> tuple[str, float, float]:
    from drafter.learn.corpus.load import corpus_from_text

    page = _sample_text()
    text = "\n".join(page.replace("一是", f"一是（第{k}批）") for k in range(30))
    return "corpus: 300 near-duplicate reports de-duplicated", _best(lambda: corpus_from_text(text), 2), 2.0


def _step_rare_nouns() -> tuple[str, float, float]:
    import re

    from drafter.learn.facts.tokens import rare_proper_nouns

    parts = re.split(r"\n工会领导工作总结篇[一二三四五六七八九十]+\n", _sample_text())
    reports = [p for p in parts[1:] if p.strip()]
    texts = [f"{r}\n（第{i}份）" for i in range(60) for r in reports]
    rare_proper_nouns(reports[:1])  # the dictionary is loaded first
    chars = sum(map(len, texts))
    return f"rare_proper_nouns: {chars / 1e6:.1f} M characters", _best(lambda: rare_proper_nouns(texts), 1), 3.0


def bench_steps() -> list[list[str]]:
    """Steps timed inside this process; a step whose module moved or is missing is shown as such."""
    rows: list[list[str]] = []
    for step in (_step_docx, _step_classify, _step_dedupe, _step_rare_nouns):
        try:
            name, seconds, bound = step()
        except (ImportError, AttributeError) as exc:
            rows.append([step.__name__[6:], f"not available ({exc})", "", "", ""])
            continue
        shown = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
        limit = f"{bound * 1000:.0f} ms" if bound < 1 else f"{bound:.0f} s"
        rows.append([name, shown, "", "", f"target ≤ {limit}: " + ("ok" if seconds <= bound else "MISSED")])
    return rows


# -- main ------------------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=11, help="interleaved pairs per example sheet (≥ 9)")
    ap.add_argument("--batch-repeats", type=int, default=3)
    ap.add_argument("--skip-learn", action="store_true")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--no-write", action="store_true", help=f"do not write {OUT_MD.name}")
    args = ap.parse_args()
    pairs = max(9, args.pairs)

    started = dt.datetime.now()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as name:
        tmp = Path(name)
        env = child_env(tmp / "cache")
        print(f"single builds: {len(EXAMPLES)} sheets × {pairs} interleaved pairs …", file=sys.stderr)
        rows, _ = bench_single(tmp, env, pairs)
        if args.skip_batch:
            rows.append(["batch", "skipped", "", "", ""])
        else:
            print("batch …", file=sys.stderr)
            brows, _ = bench_batch(tmp, env, args.batch_repeats)
            rows += brows
        if args.skip_learn:
            rows.append(["learn", "skipped", "", "", ""])
        else:
            print("learn …", file=sys.stderr)
            lrows, _ = bench_learn(tmp, env)
            rows += lrows
        print("importtime …", file=sys.stderr)
        irows, top, no_jieba = bench_imports(tmp, env)
        rows += irows
        print("steps …", file=sys.stderr)
        rows += bench_steps()

    machine = [
        f"- Machine: {cpu_model()}, {cores()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({sys.executable}); {versions()}",
        f"- Run: {started:%Y-%m-%d %H:%M}, `python bench/run.py --pairs {pairs}`, {time.strftime('%Z')}",
        "- Children run without PYTHONDONTWRITEBYTECODE after warm-up runs (so .pyc files and drafter's "
        "per-user cache exist, as after a user's first build); `drafter` = `python -m drafter`; "
        "each single build writes a new file.",
        "- Baseline: docxtpl rendering a template of the same shape (title, opening, 4 numbered sections "
        "× 8 items, closing, sign-off) in its own process, in the same rounds as build, check and preview "
        "(order rotated each round); ratio = median(drafter command) / median(docxtpl).",
    ]
    md = [
        "# drafter benchmark (last run)",
        "",
        *machine,
        "",
        *table(["measure", "drafter", "docxtpl / other", "ratio / rate", "verdict"], rows),
        "",
        "Ten most expensive imports of `python -X importtime -m drafter build` (ms):",
        "",
        "| module | self | cumulative |",
        "|---|---|---|",
        *top,
        "",
    ]
    text = "\n".join(md)
    print(text)
    if not args.no_write:
        OUT_MD.write_text(text, encoding="utf-8")
        print(f"written to {OUT_MD}", file=sys.stderr)
    return 0 if no_jieba else 1  # timings depend on the machine; jieba on the build path is a bug anywhere


if __name__ == "__main__":
    sys.exit(main())
