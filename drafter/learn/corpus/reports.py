"""The data of stage 1 of the learner: paragraphs, reports, the corpus and what loading did."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import Warning_

# ---------------------------------------------------------------------------
# Data


@dataclass
class Paragraph:
    """One paragraph of a report after repair and cleaning.

    ``index`` is 1-based within the report; ``source_line`` is the 1-based line
    of a .txt file (or paragraph of a .docx) where the paragraph starts;
    ``style_level`` is the .docx heading level (1 = Heading 1), else None.
    """

    text: str
    index: int
    source_line: int
    style_level: int | None = None


@dataclass
class Report:
    """One report: a file, or one of several reports on a scraped page."""

    source: Path
    index: int  # 1-based within the whole run, in order
    title: str | None
    paragraphs: list[Paragraph]
    kind: str = "organisational"  # one of drafter.learn.kinds.KINDS
    duplicate_of: int | None = None  # index of an earlier report this one nearly repeats
    unit_type: str = "other"  # one of drafter.learn.kinds.UNIT_TYPES (a guess)
    position: int = 1  # 1-based position of the report within its file
    source_line: int = 1  # where the report (its title line, else its first paragraph) starts
    similarity: float | None = None  # 5-gram Jaccard with ``duplicate_of``

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)


NOISE_KINDS: dict[str, str] = {
    "preamble": "页面导语、SEO 标题、推荐语",
    "spam_title": "粘在句中的广告标题",
    "doc_notice": "“文档为doc格式”一类提示",
    "site_chrome": "网站栏目、上下篇链接",
    "download_notice": "文档网站的上传、下载、会员、侵权提示",
    "page_number": "混入正文的页码（- 3 -、第 2 页 共 5 页）",
    "box_comma": "代替逗号的“□”",
    "shi_debris": "双栏抓取残留的“N是”",
    "placeholder": "已统一为〔X〕的占位符（xx、20xx、** 等）",
}


@dataclass
class CorpusStats:
    """What loading did; feeds the summary table of ``drafter learn``."""

    files: int = 0
    reports: int = 0
    characters: int = 0  # characters of the cleaned reports
    joins: int = 0  # broken paragraphs joined
    noise: dict[str, int] = field(default_factory=dict)  # removed or normalised, by kind (see NOISE_KINDS)
    duplicates: int = 0
    set_aside: list[str] = field(default_factory=list)  # page preamble lines, SEO titles, blurbs
    warnings: list[Warning_] = field(default_factory=list)  # files of a folder that were not read, …

    def add_noise(self, kind: str, count: int = 1) -> None:
        if count:
            self.noise[kind] = self.noise.get(kind, 0) + count


@dataclass
class Corpus:
    reports: list[Report]
    stats: CorpusStats

    @property
    def unique(self) -> list[Report]:
        """The reports that are not near-duplicates of an earlier one."""
        return [r for r in self.reports if r.duplicate_of is None]
