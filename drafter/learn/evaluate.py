"""Scoring the learner's outline against hand labels (tests/data/seed-labels.yaml).

A labelled top-level heading counts as found when a top-level section of the
same report shares its first 8 characters after normalising width, spaces,
punctuation and placeholders (labels copy ``xx`` where the learner writes
〔X〕).  Matching is one to one, in order.  Category accuracy is measured over
the found headings, strictly and leniently (the label's ``also`` accepted).  An
umbrella part (``"umbrella": true``, a container whose children are listed as
top-level parts of their own) counts as predicted only when a label matches it.

Run ``python -m drafter.learn.evaluate [SAMPLES…] [--labels FILE]`` to print
the scores for the bundled samples.
"""

from __future__ import annotations

import argparse
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from drafter.learn.corpus.cleaning import clean_text

KEY_LENGTH = 8
CATEGORY_ORDER: tuple[str, ...] = ("民主建设", "队伍建设", "生活保障", "文体活动", "其他")


def heading_key(text: str, length: int = KEY_LENGTH) -> str:
    """First ``length`` letters/digits of a heading, width, spaces, punctuation and placeholders normalised."""
    text = unicodedata.normalize("NFKC", clean_text(text))
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")
    return kept[:length].lower()


@dataclass
class ReportScore:
    index: int
    found: int
    total: int
    predicted: int  # top-level sections the learner found
    missed: list[str] = field(default_factory=list)
    kind_expected: str | None = None
    kind_predicted: str | None = None
    duplicate_expected: int | None = None
    duplicate_predicted: int | None = None

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass
class Scores:
    reports: list[ReportScore]
    heading_found: int = 0
    heading_total: int = 0
    predicted_total: int = 0
    category_correct: int = 0
    category_lenient: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # label -> predicted -> count
    kind_correct: int = 0
    kind_total: int = 0
    duplicates_correct: int = 0  # reports whose duplicate_of (None or an index) matches the label
    duplicates_total: int = 0

    @property
    def heading_recall(self) -> float:
        return self.heading_found / self.heading_total if self.heading_total else 1.0

    @property
    def heading_precision(self) -> float:
        return self.heading_found / self.predicted_total if self.predicted_total else 1.0

    @property
    def category_accuracy(self) -> float:
        return self.category_correct / self.heading_found if self.heading_found else 0.0

    @property
    def category_lenient_accuracy(self) -> float:
        return self.category_lenient / self.heading_found if self.heading_found else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_correct / self.kind_total if self.kind_total else 1.0


def _top_level(sections: list[dict]) -> list[dict]:
    return [s for s in sections if int(s.get("level", 1)) == 1]


def score(predicted: dict, labels_path: Path, source: str | None = None) -> Scores:
    """Compare an outline JSON document with the labels in ``labels_path``.

    Label entry N (``report: N``) is compared with the predicted report whose
    ``index`` is N; with ``source``, with the Nth report whose source ends with
    that file name instead.
    """
    labels = yaml.safe_load(Path(labels_path).read_text(encoding="utf-8")) or []
    reports = predicted.get("reports", [])
    if source is not None:
        chosen = [r for r in reports if str(r.get("source", "")).endswith(source)]
        by_number = {n: r for n, r in enumerate(chosen, 1)}
    else:
        by_number = {int(r["index"]): r for r in reports}
    scores = Scores(reports=[])
    for entry in labels:
        number = int(entry["report"])
        report = by_number.get(number)
        sections = _top_level(report["sections"]) if report else []
        keys = [heading_key(s["heading"]) for s in sections]
        used = [False] * len(sections)
        result = ReportScore(number, 0, len(entry.get("sections") or []), len(sections))
        for labelled in entry.get("sections") or []:
            key = heading_key(labelled["heading"])
            match = next((i for i, k in enumerate(keys) if not used[i] and k == key), None)
            if match is None:
                result.missed.append(labelled["heading"])
                continue
            used[match] = True
            result.found += 1
            expected = labelled["category"]
            got = sections[match].get("category", "其他")
            row = scores.confusion.setdefault(expected, {})
            row[got] = row.get(got, 0) + 1
            if got == expected:
                scores.category_correct += 1
            if got == expected or got == labelled.get("also"):
                scores.category_lenient += 1
        result.kind_expected = entry.get("kind")
        result.kind_predicted = report.get("kind") if report else None
        if result.kind_expected is not None:
            scores.kind_total += 1
            scores.kind_correct += result.kind_expected == result.kind_predicted
        result.duplicate_expected = entry.get("duplicate_of")
        result.duplicate_predicted = report.get("duplicate_of") if report else None
        scores.duplicates_total += 1
        scores.duplicates_correct += result.duplicate_expected == result.duplicate_predicted
        # An umbrella part is a container: listed, and matched when a label names it, but not a wrong guess when not.
        result.predicted -= sum(1 for i, s in enumerate(sections) if s.get("umbrella") and not used[i])
        scores.heading_found += result.found
        scores.heading_total += result.total
        scores.predicted_total += result.predicted
        scores.reports.append(result)
    return scores


def format_scores(scores: Scores) -> str:
    """A plain-text report of the scores (Chinese labels, for the terminal)."""
    lines = [
        f"标题召回率  {scores.heading_found}/{scores.heading_total} = {scores.heading_recall:.3f}"
        f"（预测顶层章节 {scores.predicted_total} 个，精确率 {scores.heading_precision:.3f}）",
        f"类别准确率  {scores.category_correct}/{scores.heading_found} = {scores.category_accuracy:.3f}"
        f"（接受 also 时 {scores.category_lenient_accuracy:.3f}）",
        f"文种判断    {scores.kind_correct}/{scores.kind_total}",
        f"重复检测    {scores.duplicates_correct}/{scores.duplicates_total} 篇一致",
        "",
        "篇  找到/标注  预测  文种（标注→判断）                    重复（标注→判断）",
    ]
    for r in scores.reports:
        kind = f"{r.kind_expected}→{r.kind_predicted}"
        dup = f"{r.duplicate_expected}→{r.duplicate_predicted}"
        lines.append(f"{r.index:<3} {r.found:>3}/{r.total:<5}  {r.predicted:>4}  {kind:<36} {dup}")
        for missed in r.missed:
            lines.append(f"      未找到：{missed}")
    cats = [c for c in CATEGORY_ORDER if c in scores.confusion or any(c in row for row in scores.confusion.values())]
    extra = sorted({c for row in scores.confusion.values() for c in row} | set(scores.confusion) - set(cats))
    cats += [c for c in extra if c not in cats]
    if cats:
        lines += ["", "混淆表（行 = 标注，列 = 预测）", "          " + "".join(f"{c:<6}" for c in cats)]
        for expected in cats:
            row = scores.confusion.get(expected, {})
            lines.append(f"{expected:<6}    " + "".join(f"{row.get(c, 0):<8}" for c in cats))
    return "\n".join(lines)


def evaluate_samples(samples: list[Path], labels_path: Path) -> Scores:
    """Load, outline and classify ``samples`` as ``drafter outline --json`` does, and score them."""
    from drafter.learn.classify import classify_outlines
    from drafter.learn.corpus.load import load_samples
    from drafter.learn.outline import outline_corpus, to_json

    outlined = outline_corpus(load_samples(samples))
    classify_outlines(outlined)
    return score(to_json(outlined), labels_path)


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - developer tool
    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description="Score the learner's outline against hand labels.")
    parser.add_argument("samples", nargs="*", type=Path, default=[root / "examples" / "samples"])
    parser.add_argument("--labels", type=Path, default=root / "tests" / "data" / "seed-labels.yaml")
    args = parser.parse_args(argv)
    print(format_scores(evaluate_samples(args.samples, args.labels)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
