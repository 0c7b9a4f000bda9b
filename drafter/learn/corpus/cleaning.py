"""Cleaning and repair: scrape noise, placeholders, and paragraphs a scrape broke mid-sentence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from drafter.learn.corpus.reports import CorpusStats
from drafter.learn.corpus.sampleio import Line
from drafter.learn.markers import (
    CN_NUM,
    HAN,
    HAN_RE,
    PUNCT_RE,
    Marker,
    has_open_bracket,
    is_heading,
    is_terminated,
    is_title_like,
    parse_marker,
)

#: What a blanked fact (xx, xxxx, 20xx, 201*, ** …) becomes.
PLACEHOLDER = "〔X〕"

# ---------------------------------------------------------------------------
# Scrape noise

_DOC_NOTICE_RE = re.compile(
    r"^[【\[（(]?(?:本?文档|本文|该文|此文|全文)(?:为|是|格式[为是：:]?)?\s*(?:doc|docx|word|wps|pdf|txt)\s*(?:格式|文档|版)"
    r"|^[【\[（(]?(?:可编辑|可下载|可复制|下载后可编辑)"
    r"|^[【\[（(]?(?:点击|免费)?下载(?:本文|全文|文档|word|doc)",
    re.IGNORECASE,
)
_SITE_CHROME_RE = re.compile(
    r"^(?:上一篇|下一篇|相关推荐|相关文章|相关阅读|推荐阅读|热门推荐|热门文章|猜你喜欢|延伸阅读|精选阅读|返回目录|展开全文|阅读全文|收藏本文|分享到|本文地址|原文链接|版权声明|免责声明)(?:[：:].*)?$"
    r"|小编|扫码|关注(?:微信)?公众号|仅供参考|版权归|转载请注明"
    r"|^(?:您的|当前)?位置[：:]|\S\s*>\s*\S[^>]*>\s*\S|^(?:发布)?时间[：:]\s*\d{4}[-/.年]|^(?:来源|作者|编辑)[：:]"
)
_SEO_RE = re.compile(
    r"大全|精选|合集|汇编|集锦|范文|模板|[0-9０-９一二三四五六七八九十]+篇[)）]?$|[（(][^（()）]*\d+篇[)）]"
)
_BLURB_RE = re.compile(
    r"范文|小编|欢迎阅读|仅供参考|收集整理|为大家(?:整理|带来|收集|准备|分享)|希望(?:对|能).{0,12}(?:帮助|有所)|(?:以下|下面)是.{0,20}(?:范文|文章|资料)"
)

# A title glued into a sentence by a content farm: <year>年…报告/总结/范文, right after a hanzi.
_SPAM_CANDIDATE_RE = re.compile(
    rf"(?<=[{HAN}])(?<![了是的将把和与及为对在于从向以作做写报交听审过议论即如下上中至到])"
    r"((?:19|20)\d{2}年度?[\u4e00-\u9fff]{1,14}?(?:述职报告|工作报告|报告|总结|范文))"
)
_SPAM_TAIL = r"(?:(?:(?:工作|述职|年终|个人)?(?:报告|总结)|范文)(?=[，。；：！？、,.;:!?”\s]|$))?"

_PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:19|20)(?:[0-9][xX*＊]|[xX]{2}|[*＊]{2})(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:[xX]{2,}|[ｘＸ]{2,})(?![A-Za-z])"
    r"|×{2,}|[*＊]{2,}"
)
_BOX_RE = re.compile(r"□+")
_SHI_RE = re.compile(rf"^其?({CN_NUM})是")
_SHI_KEEP_BEFORE = frozenset("统唯第同单专划万之合归如")


_PLACEHOLDER_HINT_RE = re.compile(r"[xX*＊×ｘＸ]")


def normalise_placeholders(text: str) -> tuple[str, int]:
    """Replace blanked facts (xx, xxxx, 20xx, 201*, ** …) with PLACEHOLDER; returns the count too."""
    if not _PLACEHOLDER_HINT_RE.search(text):
        return text, 0
    return _PLACEHOLDER_RE.subn(PLACEHOLDER, text)


def _replace_boxes(text: str) -> tuple[str, int]:
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        start, end = m.span()
        inside = 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
        return "，" if inside and not PUNCT_RE.match(text[start - 1]) and not PUNCT_RE.match(text[end]) else ""

    return _BOX_RE.sub(repl, text), count


def _strip_shi_debris(text: str) -> tuple[str, int]:
    """Remove a repeated 'N是' that a two-column scrape dropped into an 'N是' item ('党联一是系')."""
    m = _SHI_RE.match(text)
    if m is None:
        return text, 0
    token = m.group(1) + "是"
    out = [text[: m.end()]]
    pos = m.end()
    count = 0
    while True:
        found = text.find(token, pos)
        if found < 0:
            out.append(text[pos:])
            break
        before = text[found - 1] if found > 0 else ""
        after = text[found + len(token)] if found + len(token) < len(text) else ""
        if before and HAN_RE.match(before) and before not in _SHI_KEEP_BEFORE and after and HAN_RE.match(after):
            out.append(text[pos:found])
            count += 1
        else:
            out.append(text[pos : found + len(token)])
        pos = found + len(token)
    return "".join(out), count


class SpamFilter:
    """Removes content-farm titles glued into sentences; a title counts as spam when it repeats."""

    def __init__(self, lines: Iterable[Line]) -> None:
        found: Counter[str] = Counter()
        doubled: set[str] = set()
        for line in lines:
            if "年" not in line.text or is_title_like(line.text, 40):
                continue
            for m in _SPAM_CANDIDATE_RE.finditer(line.text):
                found[m.group(1)] += 1
                if line.text.startswith(m.group(1), m.end()):
                    doubled.add(m.group(1))
        spam = sorted((s for s, n in found.items() if n >= 2 or s in doubled), key=lambda s: (-len(s), s))
        self.pattern = re.compile(rf"(?<=[{HAN}])(?:{'|'.join(map(re.escape, spam))})+{_SPAM_TAIL}") if spam else None

    def apply(self, text: str) -> tuple[str, int]:
        if self.pattern is None or "年" not in text:
            return text, 0
        spans = [m.span() for m in self.pattern.finditer(text)]
        if not spans:
            return text, 0
        kept = [
            text[end:start] for (_, end), (start, _) in zip([(0, 0), *spans], [*spans, (len(text), 0)], strict=True)
        ]
        return "".join(kept), len(spans)


# ---------------------------------------------------------------------------
# Repairing paragraphs broken mid-sentence


def _wrap_width(lines: list[Line]) -> int | None:
    """The width of a hard wrap: ≥3 unterminated lines of one length ≥20 directly followed by a line."""
    lengths: Counter[int] = Counter()
    for line, nxt in pairwise(lines):
        if not nxt.blank_before and len(line.text) >= 20 and not is_terminated(line.text) and line.level is None:
            lengths[len(line.text)] += 1
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda kv: (kv[1], -kv[0]))
    return width if count >= 3 else None


@dataclass
class Para:
    text: str
    lineno: int
    level: int | None
    last_len: int
    marker: Marker | None
    lines: int = 1


def _should_join(para: Para, line: Line, next_marker: Marker | None, width: int | None) -> bool:
    prev = para.text
    if para.level is not None or line.level is not None:
        return False
    terminated = is_terminated(prev)
    prev_marker = para.marker
    # A two-column scrape repeats the item's own 'N是' at the start of the wrapped line.
    if (
        next_marker is not None
        and next_marker.style == "cn_shi"
        and prev_marker is not None
        and prev_marker.style == "cn_shi"
        and prev_marker.number == next_marker.number
        and not terminated
    ):
        return True
    if has_open_bracket(prev[-30:]) or (line.soft and not terminated):
        return True
    if width is not None and not line.blank_before and width - 1 <= para.last_len <= width + 2 and next_marker is None:
        # A hard wrap: join even a line that starts with a marker, but never swallow the next heading.
        if not terminated or (para.lines > 1 and not is_title_like(line.text)):
            return True
    if terminated or next_marker is not None:
        return False
    if prev_marker is not None and is_heading(prev, prev_marker):
        return False
    return not (is_title_like(prev) or is_title_like(line.text))


def _is_bare_marker(text: str) -> bool:
    """A numbering marker with nothing after it (一、 （二） (3) 4、), waiting for its title on the next line."""
    marker = parse_marker(text + "题")
    return (
        marker is not None
        and marker.length >= len(text)
        and (marker.style in ("chapter", "cn", "cn_paren", "num_paren") or (marker.style == "num" and "、" in text))
    )


_LEAD_IN_END_RE = re.compile(r"(?:如下|以下|下列|几点|几个|方面|工作|情况|做法|措施|内容)$")


def _is_page_debris(para: Para, line: Line, marker: Marker | None) -> bool:
    """A page number left as "2、" at the start of the line that continues a sentence cut by a page break.

    The paragraph before is body text (not a heading, not a lead-in) cut off in
    the middle of a word, and the line goes on with characters, not a title.
    """
    prev = para.text
    if marker is None or marker.style != "num" or para.level is not None or line.level is not None:
        return False
    rest = line.text[marker.length :]
    return (
        len(prev) >= 40
        and bool(HAN_RE.match(prev[-1]))
        and not is_terminated(prev)
        and not _LEAD_IN_END_RE.search(prev)
        and (para.marker is None or not is_heading(prev, para.marker))
        and bool(HAN_RE.match(rest[:1]))
        and not (len(rest) <= 25 and not any(ch in "，。；" for ch in rest))
    )


def repair(lines: list[Line]) -> tuple[list[Para], int]:
    """Paragraphs from lines: a paragraph that a scrape, a hard wrap or a page break cut is joined again."""
    width = _wrap_width(lines)
    paras: list[Para] = []
    joins = 0
    for line in lines:
        marker = parse_marker(line.text)
        if paras and line.level is None and _is_bare_marker(paras[-1].text):
            # "一、" on a line of its own, its title on the next: one heading line.
            last = paras[-1]
            last.text += line.text
            last.marker = parse_marker(last.text)
            last.last_len = len(line.text)
            last.lines += 1
            joins += 1
            continue
        if paras and marker is not None and _is_page_debris(paras[-1], line, marker):
            line = replace(line, text=line.text[marker.length :])
            marker = None
        if paras and _should_join(paras[-1], line, marker, width):
            last = paras[-1]
            glue = (
                " "
                if last.text[-1:].isascii()
                and last.text[-1:].isalnum()
                and line.text[:1].isascii()
                and line.text[:1].isalnum()
                else ""
            )
            last.text += glue + line.text
            last.last_len = len(line.text)
            last.lines += 1
            joins += 1
        else:
            paras.append(Para(line.text, line.lineno, line.level, len(line.text), marker))
    return paras, joins


def drop_noise_lines(lines: list[Line], stats: CorpusStats) -> list[Line]:
    kept: list[Line] = []
    carry_blank = False
    for line in lines:
        text = line.text
        kind = None
        if len(text) <= 60 and _DOC_NOTICE_RE.search(text):
            kind = "doc_notice"
        elif len(text) <= 80 and _SITE_CHROME_RE.search(text):
            kind = "site_chrome"
        if kind is not None:
            stats.add_noise(kind)
            stats.set_aside.append(line.text)
            carry_blank = True
            continue
        if carry_blank:
            line.blank_before = True
            carry_blank = False
        kept.append(line)
    return kept


def drop_page_head(lines: list[Line], stats: CorpusStats) -> list[Line]:
    """SEO titles and blurbs at the top of a page or of a report."""
    start = 0
    for line in lines[:3]:
        text = line.text
        if (len(text) <= 60 and _SEO_RE.search(text) and not is_terminated(text)) or (
            len(text) <= 200 and _BLURB_RE.search(text)
        ):
            stats.add_noise("preamble")
            stats.set_aside.append(line.text)
            start += 1
        else:
            break
    return lines[start:]


def clean_paragraph(text: str, stats: CorpusStats) -> str:
    text, n = _replace_boxes(text) if "□" in text else (text, 0)
    stats.add_noise("box_comma", n)
    text, n = _strip_shi_debris(text)
    stats.add_noise("shi_debris", n)
    text, n = normalise_placeholders(text)
    stats.add_noise("placeholder", n)
    return text.strip()


def clean_text(text: str) -> str:
    """The cleaning a paragraph gets (□ → ，, N是 debris, placeholders), for comparing with labels."""
    text, _ = _replace_boxes(text) if "□" in text else (text, 0)
    text, _ = _strip_shi_debris(text)
    text, _ = normalise_placeholders(text)
    return text.strip()
