"""The learn pipeline: samples → corpus → outline → classify → skeleton → templates.

One function per stage lives in its own module; this one only runs them in
order, reports progress and gathers the numbers for the summary table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.contract import CATEGORIES, OTHER
from drafter.learn.skeleton import SkeletonResult

if TYPE_CHECKING:
    from drafter.learn.corpus.load import Corpus
    from drafter.learn.outline import OutlinedReport

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class LearnSummary:
    files: int
    reports: int
    duplicates: int
    characters: int
    joins: int
    noise: dict[str, int]
    sections: Counter[str]  # parts per category (top-level sections, an umbrella's children; duplicates excluded)
    kept: int  # phrases kept (learned)
    builtin: int  # slots filled with built-in wording
    rejected: Counter[str]  # kind of reason (the reason without its 「detail」) → count
    out: Path
    written: int = 0
    rejected_example: dict[str, str] = field(default_factory=dict)  # kind of reason → the first detail seen


@dataclass
class Learned:
    """Everything the learner found, before writing (also what ``outline`` prints)."""

    outlined: list[OutlinedReport]  # every part carries its category and the classifier's reasons
    skeleton: SkeletonResult | None
    corpus: Corpus
    texts: list[str]  # the title and text of each report that is not a near-duplicate


def _noop(stage: str, done: int, total: int) -> None:
    return None


def analyse(paths: list[Path], progress: Progress | None = None, *, skeleton: bool = True) -> Learned:
    """Run every stage but the template writer."""
    from drafter.errors import print_errors
    from drafter.learn.classify import classify_outlines
    from drafter.learn.corpus.load import load_samples
    from drafter.learn.outline import outline_corpus

    report = progress or _noop
    corpus = load_samples(paths, progress=lambda d, t: report("读取样本", d, t))
    print_errors(list(corpus.stats.warnings))
    outlined = outline_corpus(corpus)
    report("分析结构", len(outlined), len(outlined))
    classify_outlines(outlined)
    parts = sum(1 for o in outlined for _ in o.parts())
    report("章节分类", parts, parts)
    texts = [f"{o.report.title or ''}\n{o.report.text}" for o in outlined if not o.report.duplicate_of]
    result = None
    if skeleton:
        result = _skeleton(outlined, texts)
        report("提炼措辞", 1, 1)
    return Learned(outlined, result, corpus, texts)


def _skeleton(outlined: list[OutlinedReport], texts: list[str]) -> SkeletonResult:
    from drafter.learn import generic
    from drafter.learn.classify import classify
    from drafter.learn.corpus import spun
    from drafter.learn.facts.spot import why_not_generic
    from drafter.learn.facts.tokens import rare_proper_nouns
    from drafter.learn.skeleton import build_skeletons

    rare = rare_proper_nouns(texts)
    evidence = generic.Evidence(tuple(texts))

    def check(phrase: str) -> str | None:
        return why_not_generic(phrase, rare_proper_nouns=rare) or generic.why_not_generic(phrase, evidence)

    return build_skeletons(
        outlined,
        lambda s: s.category,
        check=check,
        repair=spun.repair,
        spun_ok=spun.sentence_ok,
        topic=lambda text: classify(text, text).category,
    )


def learn(paths: list[Path], out: Path, progress: Progress | None = None) -> LearnSummary:
    """Learn templates from samples and write them to ``out``."""
    from drafter.contract import TOKENS_FILE
    from drafter.learn.facts.tokens import sample_fact_tokens
    from drafter.learn.tplwriter import render_files, render_tokens, write_templates

    learned = analyse(paths, progress)
    assert learned.skeleton is not None
    files = render_files(learned.skeleton.skeletons)
    # A word the templates themselves use passed the genericity checks: it is no fact, and
    # listing it would make the guard refuse every draft built with these templates.
    wording = re.sub(r"\{#.*?#\}", "", "\n".join(files.values()), flags=re.S)
    files[TOKENS_FILE] = render_tokens([t for t in sample_fact_tokens(learned.texts) if t not in wording])
    stats = write_templates(out, files)
    if progress:
        progress("写出模板", 1, 1)
    corpus_stats = learned.corpus.stats
    sections: Counter[str] = Counter({c: 0 for c in (*CATEGORIES, OTHER)})
    for o in learned.outlined:
        if o.report.duplicate_of:
            continue
        for s in o.parts():
            sections[s.category] += 1
    rejected: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for r in learned.skeleton.rejected:
        kind, _, detail = r.reason.partition("「")
        rejected[kind] += 1
        if detail:
            examples.setdefault(kind, "「" + detail)
    return LearnSummary(
        files=corpus_stats.files,
        reports=corpus_stats.reports,
        duplicates=corpus_stats.duplicates,
        characters=corpus_stats.characters,
        joins=corpus_stats.joins,
        noise=dict(corpus_stats.noise),
        sections=sections,
        kept=stats.learned,
        builtin=stats.builtin,
        rejected=rejected,
        out=out,
        written=stats.files,
        rejected_example=examples,
    )


def outline_json(paths: list[Path]) -> dict:
    """What ``drafter outline --json`` prints (design.md contract)."""
    from drafter.learn.outline import to_json

    learned = analyse(paths, skeleton=False)
    return to_json(learned.outlined)


def outline_text(paths: list[Path]) -> list[str]:
    """``drafter outline`` for people: each report's sections, their category and why."""
    learned = analyse(paths, skeleton=False)
    lines: list[str] = []
    for o in learned.outlined:
        r = o.report
        dup = f"（与第{r.duplicate_of}篇重复）" if r.duplicate_of else ""
        lines.append(f"第{r.index}篇 {r.title or ''} [{r.kind}]{dup}  {r.source}")
        for section in o.sections:
            mark = "" if section.marked else "（无编号）"
            umbrella = "（总括，下分各部分）" if section.umbrella else ""
            lines.append(f"  {section.heading}{mark}{umbrella}  → {section.category}")
            why = "；".join(section.reasons[:2])
            if why:
                lines.append(f"      依据：{why}")
            stack = [(child, 2) for child in reversed(section.children)]
            while stack:
                child, depth = stack.pop()
                own = f"  → {child.category}" if section.umbrella and depth == 2 else ""
                lines.append(f"  {'  ' * (depth - 1)}{child.heading}{own}")
                stack.extend((c, depth + 1) for c in reversed(child.children))
    return lines
