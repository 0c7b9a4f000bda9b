"""Damage that download sites and copying do to a page's layout, undone before cleaning.

* **Download-site notices** ("1. 本文档由用户上传…", "开通VIP会员免费下载", "如有侵权请联系
  删除") are dropped sentence by sentence (a line of notices goes whole).
* **Page numbers** ("- 3 -", "第 2 页 共 5 页", "2/5") are dropped, as lines or cut out of a
  line; the lines around a page break are then joined by the repair step like any broken
  paragraph (…组 | 织辖区企业… → …组织辖区企业…).
* **Flattened text**: a report pasted onto one line (or a few very long ones) is split
  again before each heading marker that continues a numbering sequence (一、 二、, （一）
  （二）, 1、 2、, 一是 二是 …) and after a report title that leads the line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.learn.corpus.reports import CorpusStats
from drafter.learn.corpus.sampleio import Line
from drafter.learn.markers import HAN_RE, Marker, parse_marker

# A line or sentence that only a document-sharing site writes.
_DOWNLOAD_RE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]\s*)?(?:本文档|该文档|此文档|本资料|文档|资料)\s*"
    r"(?:(?:由|系|来源于|来自)\s*(?:用户|网友|会员|作者|网络)?\s*(?:上传|分享|提供|收集)|(?:为|是)?\s*(?:用户|网友)\s*(?:上传|分享))"
    r"|(?:VIP|vip|会员)\s*(?:可|即可)?\s*(?:免费|无限)?\s*下载|下载\s*(?:券|积分|金币)|(?:积分|金币)\s*下载"
    r"|如有侵权|侵权\s*(?:请|必删|删除|联系)|联系\s*删除|(?:全站|精品|海量)\s*文档|文档\s*(?:下载|收益|预览)"
    r"|(?:下载|复制)\s*(?:文档)?\s*(?:后)?\s*(?:可|即可)\s*(?:编辑|修改|复制)|下载\s*自|更多\s*(?:精品)?\s*(?:文档|资料|范文)\s*请"
    r"|(?:登录|下载自|来自).{0,8}文库|文库\s*(?:网|VIP|会员|下载)|原创力文档|道客巴巴|豆丁网"
)
# Cheap tests first: most lines hold none of these words or characters.
_DOWNLOAD_HINT_RE = re.compile(r"文档|资料|下载|侵权|删除|VIP|vip|文库|原创力|道客|豆丁")
_PAGE_HINT_RE = re.compile(r"页|\d\s*[-—–－]")
_SENTENCE_RE = re.compile(r"[^。！？!?]*[。！？!?]?")

# A page number standing alone on a line.
_PAGE_LINE_RE = re.compile(
    r"^(?:[-—–－_·•\s]*\d{1,3}[-—–－_·•\s]*"
    r"|第\s*\d{1,3}\s*页\s*[,，、/]?\s*(?:共\s*\d{1,3}\s*页)?|共\s*\d{1,3}\s*页\s*[,，、]?\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3}|[Pp]age\s*\d{1,3}(?:\s*of\s*\d{1,3})?)$"
)
# A page number cut into a line: "- 3 -" with its dashes, or "第 2 页 共 5 页".
_PAGE_INLINE_RE = re.compile(
    r"\s*[-—–－]\s*\d{1,3}\s*[-—–－]\s*"
    r"|\s*第\s*\d{1,3}\s*页\s*[,，]?\s*共\s*\d{1,3}\s*页\s*|\s*共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页\s*"
)

# Flattened text: a line at least this long with heading markers inside it is split again.
FLATTENED_MIN = 120
# Not after ；: items set off by semicolons are an enumeration inside a paragraph, not flattened headings.
_BREAK_BEFORE = "。！？!?：:”’）) \u3000\t"
_TITLE_LEAD_RE = re.compile(r"^(\S{4,40}?(?:总结|报告|汇报|小结|述职))[ \u3000]+(?=\S)")
# A closing formula after the last part of flattened text starts a paragraph of its own.
_CLOSING_RE = re.compile(r"(?<=[。！？!?])(?:以上(?:是|就是|为)|总之|总而言之|综上所述|总的来说|在新的一年|今后[，,])")
_MARKER_START_RE = re.compile(r"[第（(0-9０-９其一二三四五六七八九十]")
_INLINE_STYLES = frozenset({"chapter", "cn", "cn_paren", "num", "num_paren", "cn_shi"})


def _drop_download_sentences(text: str) -> tuple[str, int]:
    if not _DOWNLOAD_HINT_RE.search(text) or not _DOWNLOAD_RE.search(text):
        return text, 0
    kept: list[str] = []
    dropped = 0
    for sentence in _SENTENCE_RE.findall(text):
        if sentence and _DOWNLOAD_RE.search(sentence):
            dropped += 1
        else:
            kept.append(sentence)
    return "".join(kept).strip(), dropped


def drop_page_debris(lines: list[Line], stats: CorpusStats) -> list[Line]:
    """Lines without page numbers and download-site notices (counted in ``stats``)."""
    kept: list[Line] = []
    for line in lines:
        text = line.text
        if len(text) <= 20 and _PAGE_LINE_RE.match(text):
            stats.add_noise("page_number")
            continue
        if _PAGE_HINT_RE.search(text):
            text, n = _PAGE_INLINE_RE.subn(lambda m: " " if m.group(0)[:1].isspace() else "", text)
            stats.add_noise("page_number", n)
        text, n = _drop_download_sentences(text)
        if n:
            stats.add_noise("download_notice", n)
            stats.set_aside.append(line.text)
        if text == line.text:
            kept.append(line)
        elif text.strip():
            kept.append(replace(line, text=text.strip()))
    return kept


def _candidates(text: str) -> list[tuple[int, Marker]]:
    """Heading markers inside ``text`` that follow a sentence end, a colon or a space (（一） also a character)."""
    found: list[tuple[int, Marker]] = []
    for m in _MARKER_START_RE.finditer(text, 1):
        pos = m.start()
        if text[pos - 1] not in _BREAK_BEFORE and (text[pos] not in "（(" or not HAN_RE.match(text[pos - 1])):
            continue  # （一） may follow the title it belongs under directly: 一、民主管理（一）开好职代会
        marker = parse_marker(text[pos:])
        if marker is not None and marker.style in _INLINE_STYLES and marker.number is not None:
            if marker.style == "cn_shi" and text[pos - 1] not in "。！？":
                continue
            found.append((pos, marker))
    return found


def _sequenced(found: list[tuple[int, Marker]], first: Marker | None) -> list[int]:
    """Positions of the markers that continue a numbering (n after n−1, or 1 again under a parent)."""
    last: dict[str, int] = {}
    if first is not None and first.number is not None:
        last[first.style] = first.number
    keep: list[int] = []
    for pos, marker in found:
        number = marker.number or 0
        before = last.get(marker.style)
        if (before is None and number == 1) or (before is not None and (number == before + 1 or number == 1)):
            last[marker.style] = number
            keep.append(pos)
    return keep


def resplit_flattened(lines: list[Line]) -> list[Line]:
    """Lines of flattened text split again at heading markers (and after a leading report title)."""
    out: list[Line] = []
    for line in lines:
        text = line.text
        if len(text) < FLATTENED_MIN:
            out.append(line)
            continue
        cuts = _sequenced(_candidates(text), parse_marker(text))
        headings = sum(1 for pos in cuts if (m := parse_marker(text[pos:])) is not None and m.style != "cn_shi")
        if headings < 2:
            out.append(line)
            continue
        title = _TITLE_LEAD_RE.match(text) if parse_marker(text) is None else None
        closing = _CLOSING_RE.search(text, cuts[-1])
        bounds = (
            ([title.end()] if title and title.end() < cuts[0] else []) + cuts + ([closing.start()] if closing else [])
        )
        pieces = [text[a:b] for a, b in zip([0, *bounds], [*bounds, len(text)], strict=True)]
        for k, piece in enumerate(p.strip() for p in pieces):
            if piece:
                out.append(
                    replace(
                        line, text=piece, level=line.level if k == 0 else None, blank_before=k > 0 or line.blank_before
                    )
                )
    return out
