"""Three-way merge of a regenerated draft into the chair's edited .docx.

The three versions, paragraph by paragraph:

* **base** — what drafter generated last time, stored in the file
  (:mod:`drafter.roundtrip.base`);
* **mine** — the file as the chair left it (paragraph texts and styles);
* **new** — the rendering of the current fact sheet.

Rules (issue 5):

* a paragraph she did not touch (same text as the base; formatting does not
  count) takes the new rendering;
* a paragraph she edited is kept as she wrote it — unless the facts it
  carries changed too: then her version is kept and the new rendering is
  placed right after it, highlighted with a Word comment, for her to choose
  (a *conflict*; the base remembers it as *pending* until she chooses);
* an edited paragraph whose block is gone from the new rendering (its fact
  left the sheet) is kept and marked; an untouched one is removed;
* paragraphs she added stay where she put them (after the paragraph that
  preceded them); paragraphs she deleted stay deleted unless their facts
  changed (then they come back, marked);
* her order wins where she moved paragraphs; elsewhere the new order does
  (so a reordered sheet still reorders the draft).

Paragraphs are matched to base blocks by drafter's bookmarks, then by
exact text, then by similar text (:func:`match_paragraphs`).  When too few
base blocks can be found the base is not trusted (:class:`BaseUntrusted`)
and the caller keeps a backup instead of guessing.

Nothing here reads or writes a file: :mod:`drafter.roundtrip.document`
reads the chair's file and writes the result.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from drafter.docx.reader import Body, BodyParagraph
from drafter.draft import Block, Draft, Role
from drafter.errors import MergeError
from drafter.roundtrip.base import Base, BaseBlock, anchor_name, norm, proposal_anchor_name
from drafter.roundtrip.similar import SEQ_BUDGET, common_ends, similarity

FUZZY = 0.5  # minimum similarity of an edited paragraph to its base text (same role)
FUZZY_OTHER_ROLE = 0.8  # … when her paragraph has another style than the base block
TRUST = 0.25  # below this share of base blocks found in the file, the base is not trusted

CONFLICT_NOTE = (
    "drafter：上一段是您修改过的文字，但事实表中与它有关的内容已经改变；"
    "这一段是按新的事实表生成的。请保留其中一段，删去另一段。"
)
ORPHAN_NOTE = "drafter：事实表中已经没有这一段所写的内容（已删去或改写）。这一段是您修改过的，请决定是否保留。"
RESTORE_NOTE = "drafter：您删去过这一段，但事实表中与它有关的内容改变了，所以重新加入。不需要的话请再删去。"


class BaseUntrusted(MergeError):
    """The base stored in the file is missing, damaged or does not fit the file's paragraphs.

    Raised by :func:`merge` (too few base blocks found) and by
    :func:`drafter.roundtrip.document.merge_old` (no usable base part).
    """


@dataclass
class MergeStats:
    updated: int = 0  # untouched paragraphs whose generated text changed
    kept: int = 0  # paragraphs she edited or added, kept as she wrote them
    conflicts: int = 0  # places marked for her to choose
    added: int = 0  # paragraphs drafter added (new facts)
    removed: int = 0  # untouched paragraphs drafter removed (facts gone from the sheet)

    def summary(self) -> str:
        line = f"已更新 {self.updated} 段，保留修改 {self.kept} 段，标出冲突 {self.conflicts} 处"
        if self.added:
            line += f"，新增 {self.added} 段"
        if self.removed:
            line += f"，删去 {self.removed} 段"
        return line


@dataclass
class Change:
    """One line of what a merge does (for ``drafter diff`` and the console)."""

    kind: str  # update add remove keep mine conflict orphan restore deleted
    text: str  # the paragraph as it ends up (or as it was, for remove/deleted)
    old: str | None = None  # her/the old text where it differs
    position: int | None = None  # 1-based paragraph number in the merged draft (None: not in it)


@dataclass
class MergeResult:
    """The merged draft and how to write it."""

    draft: Draft  # the merged paragraphs (sign-off included as blocks)
    new: Draft  # the new rendering: the base stored in the merged file
    anchors: list[str | None]  # bookmark per merged block
    marks: dict[int, str]  # merged block index -> comment (highlighted)
    runs: dict[int, list]  # merged block index -> her runs (character formatting) to keep
    pending: list[str]  # keys with a conflict proposal in the merged file
    stats: MergeStats
    changes: list[Change]
    unchanged: bool  # the new rendering is the base: writing would change nothing
    warnings: list[str] = field(default_factory=list)


# -- helpers ----------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十百千]+、|（[一二三四五六七八九十百千]+）|[一二三四五六七八九十百千]+是)"
)


def facts_changed(base: BaseBlock, new: Block) -> bool:
    """Did the facts behind a block change?  Its fact strings, or the numbers in its text.

    The numbers catch blocks that carry facts without listing them (the
    opening paragraph states 会员人数 and the like).
    """
    if tuple(base.facts) != tuple(new.facts):
        return True
    return sorted(_NUMBER.findall(base.text)) != sorted(_NUMBER.findall(new.text))


def _renumber(text: str, base: BaseBlock, new: Block) -> str:
    """Her edited paragraph gets the new 一、/（一）/一是 when only the numbering moved."""
    mb, nb, mm = _NUMBERING.match(norm(base.text)), _NUMBERING.match(new.text), _NUMBERING.match(text.strip())
    if mb and nb and mm and mm.group() == mb.group() and nb.group() != mb.group():
        return nb.group() + text.strip()[mm.end() :]
    return text


def _lis(values: Sequence[int]) -> set[int]:
    """Positions (into ``values``) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tails_at: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        j = bisect_left(tails, v)
        if j == len(tails):
            tails.append(v)
            tails_at.append(i)
        else:
            tails[j] = v
            tails_at[j] = i
        prev[i] = tails_at[j - 1] if j else -1
    out: set[int] = set()
    k = tails_at[-1] if tails_at else -1
    while k >= 0:
        out.add(k)
        k = prev[k]
    return out


# -- matching ---------------------------------------------------------------------


@dataclass
class Matching:
    match: dict[int, str]  # paragraph index -> base key
    proposals: dict[int, str]  # paragraph index -> pending key (an unresolved conflict's new rendering)


CANDIDATES = 6  # base blocks compared character by character with one unmatched paragraph
COMMON_BIGRAM = 64  # a bigram in more unmatched base blocks than this does not pick candidates


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _fuzzy_pairs(
    rest_p: Sequence[tuple[int, str, Role | None]],
    rest_k: Sequence[tuple[str, str, Role, int]],
    n_p: int,
    n_k: int,
) -> list[tuple[float, float, int, str]]:
    """(−similarity, position distance, paragraph, key) of the similar pairs, best first.

    Each paragraph is compared with at most :data:`CANDIDATES` base blocks:
    those sharing the most character bigrams with it, found through an
    inverted index in which bigrams common to more than
    :data:`COMMON_BIGRAM` blocks are left out.  The cost grows with the
    draft's size times these bounds, not with its square; a paragraph all
    of whose bigrams are common (a very short one in a very long draft)
    finds no candidate and counts as hers (the bound's fallback).
    """
    index: dict[str, list[int]] = defaultdict(list)
    for j, (_, text, _, _) in enumerate(rest_k):
        for g in _bigrams(text):
            index[g].append(j)
    pairs: list[tuple[float, float, int, str]] = []
    sm = SequenceMatcher(None, autojunk=False)
    for i, text, role in rest_p:
        shared: Counter[int] = Counter()
        for g in _bigrams(text):
            posting = index.get(g)
            if posting is not None and len(posting) <= COMMON_BIGRAM:
                shared.update(posting)
        if not shared:
            continue
        sm.set_seq2(text)  # analysed once per paragraph; the candidates are the cheap side
        for j, _ in shared.most_common(CANDIDATES):
            k, ktext, krole, kpos = rest_k[j]
            threshold = FUZZY if role is None or role == krole else FUZZY_OTHER_ROLE
            if len(ktext) * len(text) > SEQ_BUDGET:
                r = similarity(ktext, text, threshold)
            else:
                sm.set_seq1(ktext)
                if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                    continue
                r = sm.ratio()
            if r >= threshold:
                pairs.append((-r, abs(i / n_p - kpos / n_k), i, k))
    pairs.sort()
    return pairs


def match_paragraphs(base: Base, paras: Sequence[BodyParagraph]) -> Matching:
    """Which paragraph of the file is which base block.

    1. drafter's bookmark and the exact base text agree;
    2. the exact base text (bookmark lost, or a copy);
    3. the bookmark alone (she rewrote the paragraph);
    4. similar text in the same style (SequenceMatcher ≥ :data:`FUZZY`,
       among the candidates of :func:`_fuzzy_pairs`).
    The new rendering left after an earlier conflict is recognized by its
    own bookmark (or, lacking it, as the untouched twin right after her
    version) and is not a block of its own.
    """
    bkeys = [b.key for b in base.blocks]
    bpos = {k: i for i, k in enumerate(bkeys)}
    brole = {b.key: b.role for b in base.blocks}
    btext = {b.key: norm(b.text) for b in base.blocks}
    ptext = {p.index: norm(p.text) for p in paras}
    by_anchor = {anchor_name(k): k for k in bkeys}
    by_proposal = {proposal_anchor_name(k): k for k in base.pending}
    match: dict[int, str] = {}
    claimed: dict[str, int] = {}
    proposals: dict[int, str] = {}

    def claim(i: int, k: str) -> None:
        match[i] = k
        claimed[k] = i

    def free(p: BodyParagraph) -> bool:
        return p.index not in match and p.index not in proposals

    for p in paras:
        for a in p.bookmarks:
            k = by_proposal.get(a)
            if k is not None and ptext[p.index] == btext[k] and k not in proposals.values():
                proposals[p.index] = k
                break
    for p in paras:
        if free(p):
            for a in p.bookmarks:
                k = by_anchor.get(a)
                if k is not None and k not in claimed and btext[k] == ptext[p.index]:
                    claim(p.index, k)
                    break
    by_text: dict[str, list[str]] = defaultdict(list)
    for k in bkeys:
        if k not in claimed:
            by_text[btext[k]].append(k)
    last = -1
    for p in paras:
        if p.index in match:
            last = bpos[match[p.index]]
            continue
        if not free(p):
            continue
        same = by_text.get(ptext[p.index])
        if not same:
            continue
        cands = [k for k in same if k not in claimed]
        if not cands:
            continue
        named = [k for k in cands if anchor_name(k) in p.bookmarks]
        after = [k for k in cands if bpos[k] > last]
        k = (named or after or cands)[0]
        claim(p.index, k)
        same.remove(k)
        last = bpos[k]
    for p in paras:
        if free(p):
            ks = [by_anchor[a] for a in p.bookmarks if a in by_anchor and by_anchor[a] not in claimed]
            if ks:
                claim(p.index, max(ks, key=lambda k: similarity(ptext[p.index], btext[k])))
    rest_p = [(p.index, ptext[p.index], p.role) for p in paras if free(p)]
    rest_k = [(k, btext[k], brole[k], bpos[k]) for k in bkeys if k not in claimed]
    if rest_p and rest_k:
        for _, _, i, k in _fuzzy_pairs(rest_p, rest_k, max(1, len(paras)), max(1, len(bkeys))):
            if i not in match and k not in claimed:
                claim(i, k)

    # A conflict's proposal whose bookmark was lost: the untouched twin right after her version.
    for k in base.pending:
        if k in proposals.values() or k not in claimed:
            continue
        i = claimed[k]
        prev = paras[i - 1] if i > 0 else None
        if ptext[i] == btext[k] and prev is not None and free(prev) and similarity(ptext[prev.index], btext[k]) >= 0.3:
            del match[i]
            proposals[i] = k
            claim(prev.index, k)
    # She deleted her version and kept the proposal: it is the block again.
    for i, k in list(proposals.items()):
        if k not in claimed:
            del proposals[i]
            claim(i, k)
    return Matching(match, proposals)


# -- merging ----------------------------------------------------------------------


def merge(base: Base, paras: Sequence[BodyParagraph], new: Draft) -> MergeResult:
    """Merge ``new`` into the chair's ``paras`` given the ``base`` they were made from."""
    m = match_paragraphs(base, paras)
    nonempty = [b for b in base.blocks if norm(b.text)]
    found = len(set(m.match.values()))
    if not nonempty or (paras and not found) or (len(nonempty) >= 4 and found < TRUST * len(nonempty)):
        raise BaseUntrusted(
            f"文档中只找到 {found} 段与 drafter 的生成记录（共 {len(nonempty)} 段）对得上，生成记录与文档内容不符"
        )
    ptext = {p.index: norm(p.text) for p in paras}
    bmap = base.by_key()
    new_blocks = new.all_blocks()
    nmap = {b.key: b for b in new_blocks}
    by_index = {p.index: p for p in paras}
    claimed = {k: i for i, k in m.match.items()}
    proposal_keys = set(m.proposals.values())

    # Which matched paragraphs she left in the base order (the rest she moved).
    in_order = [p.index for p in paras if p.index in m.match and m.match[p.index] in nmap]
    base_pos = {b.key: i for i, b in enumerate(base.blocks)}
    stable = {in_order[j] for j in _lis([base_pos[m.match[i]] for i in in_order])}

    followers: dict[str | None, list[BodyParagraph]] = defaultdict(list)
    anchor: str | None = None
    for p in paras:
        if p.index in m.proposals:
            continue
        k = m.match.get(p.index)
        if k is not None and k in nmap and p.index in stable:
            anchor = k
            continue
        followers[anchor].append(p)

    blocks: list[Block] = []
    anchors: list[str | None] = []
    marks: dict[int, str] = {}
    runs: dict[int, list] = {}
    pending: list[str] = []
    changes: list[Change] = []
    stats = MergeStats()

    def emit(block: Block, anchor_: str | None, mark: str | None = None, keep: list | None = None) -> int:
        blocks.append(block)
        anchors.append(anchor_)
        i = len(blocks) - 1
        if mark:
            marks[i] = mark
        if keep:
            runs[i] = keep
        return i + 1

    def emit_matched(p: BodyParagraph, k: str) -> None:
        b, n = bmap[k], nmap[k]
        mine = ptext[p.index]
        if mine in (norm(b.text), norm(n.text)):
            pos = emit(n, anchor_name(k), keep=p.runs if mine == norm(n.text) else None)
            if norm(n.text) != mine:
                stats.updated += 1
                changes.append(Change("update", n.text, p.text, pos))
            return
        text = _renumber(p.text, b, n)
        pos = emit(Block(p.role or n.role, text, k, n.facts), anchor_name(k), keep=p.runs if text == p.text else None)
        conflict = k in proposal_keys or (facts_changed(b, n) and norm(n.text) != norm(b.text))
        if conflict:
            emit(n, proposal_anchor_name(k), mark=CONFLICT_NOTE)
            pending.append(k)
            stats.conflicts += 1
            changes.append(Change("conflict", n.text, text, pos))
        else:
            stats.kept += 1
            changes.append(Change("keep", text, n.text, pos))

    def emit_follower(p: BodyParagraph) -> None:
        k = m.match.get(p.index)
        if k is None:
            pos = emit(Block(p.role or Role.BODY, p.text, f"mine/{p.index}"), None, keep=p.runs)
            stats.kept += 1
            changes.append(Change("mine", p.text, None, pos))
        elif k in nmap:
            emit_matched(p, k)
        elif ptext[p.index] == norm(bmap[k].text):
            stats.removed += 1
            changes.append(Change("remove", p.text))
        else:
            pos = emit(Block(p.role or bmap[k].role, p.text, f"mine/{p.index}"), None, ORPHAN_NOTE, p.runs)
            stats.conflicts += 1
            changes.append(Change("orphan", p.text, None, pos))

    for p in followers[None]:
        emit_follower(p)
    for n in new_blocks:
        k = n.key
        if k not in bmap:
            pos = emit(n, anchor_name(k))
            stats.added += 1
            changes.append(Change("add", n.text, None, pos))
            continue
        i = claimed.get(k)
        if i is None:
            if facts_changed(bmap[k], n):
                pos = emit(n, anchor_name(k), RESTORE_NOTE)
                stats.conflicts += 1
                changes.append(Change("restore", n.text, bmap[k].text, pos))
            else:
                changes.append(Change("deleted", bmap[k].text))
            continue
        if i not in stable:
            continue  # she moved it: it comes where she put it, among the followers
        emit_matched(by_index[i], k)
        for p in followers[k]:
            emit_follower(p)

    meta = copy.copy(new.meta)
    merged = Draft(meta=meta, blocks=blocks, signoff=None)
    same = [(b.key, b.role, norm(b.text), tuple(b.facts)) for b in base.blocks] == [
        (b.key, b.role, norm(b.text), tuple(b.facts)) for b in new_blocks
    ]
    return MergeResult(
        draft=merged,
        new=new,
        anchors=anchors,
        marks=marks,
        runs=runs,
        pending=pending,
        stats=stats,
        changes=changes,
        unchanged=same,
    )


def content_warnings(content: Body, backup_hint: str = "备份（.1.bak）") -> list[str]:
    """What a merge cannot carry over from the chair's file."""
    out: list[str] = []
    lost = []
    if content.tables:
        lost.append(f"{content.tables} 个表格")
    if content.pictures:
        lost.append(f"{content.pictures} 张图片")
    if content.comments:
        lost.append(f"{content.comments} 条批注")
    if lost:
        out.append(f"文档中的{'、'.join(lost)}不会带到新稿中，请从{backup_hint}中复制过来。")
    if content.tracked_changes:
        out.append("文档中有修订标记，已按“接受全部修订”后的文字合并。")
    return out


# -- reporting ----------------------------------------------------------------------

_LABELS = {
    "update": ("~", "更新"),
    "add": ("+", "新增"),
    "remove": ("-", "删去"),
    "keep": ("=", "保留您的修改"),
    "mine": ("=", "保留您加的段落"),
    "conflict": ("!", "冲突"),
    "orphan": ("!", "冲突"),
    "restore": ("!", "恢复"),
    "deleted": (" ", "您删去的段落保持删去"),
}


def excerpt(text: str, width: int = 36) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def change_spot(old: str, new: str, context: int = 6) -> str:
    """Where two texts differ, compactly: ``…共有【68→70】名教职工…``."""
    if len(old) * len(new) > SEQ_BUDGET:  # long texts: the differing middle between the common ends
        head, tail = common_ends(old, new)
        ends = (min(len(old) - tail, head + 20), min(len(new) - tail, head + 20))  # its first 20 characters
        ops = [("replace", head, ends[0], head, ends[1])] if old != new else []
    else:
        ops = [op for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return excerpt(new)
    i1, j1 = ops[0][1], ops[0][3]
    i2, j2 = ops[-1][2], ops[-1][4]
    more = ""
    if i2 - i1 > 40 or j2 - j1 > 40:  # far apart: show the first difference only
        i2, j2 = ops[0][2], ops[0][4]
        more = "（还有别处改动）" if len(ops) > 1 else ""
    out = ("…" if i1 > context else "") + old[max(0, i1 - context) : i1]
    out += f"【{old[i1:i2]}→{new[j1:j2]}】" + old[i2 : i2 + context] + ("…" if i2 + context < len(old) else "")
    return out + more


def describe(change: Change) -> str:
    sign, label = _LABELS[change.kind]
    where = f"第 {change.position} 段" if change.position else ""
    head = f"{sign} {label}{('（' + where + '）') if where else ''}："
    if change.kind == "update" and change.old is not None:
        return head + change_spot(change.old, change.text)
    if change.kind == "keep" and change.old is not None:
        return head + change_spot(change.old, change.text)
    if change.kind == "conflict":
        return (
            head
            + f"您改过「{excerpt(change.old or '', 20)}」，事实表也变了；新生成的一段放在它后面并标黄：{excerpt(change.text, 30)}"
        )
    if change.kind == "orphan":
        return head + f"事实表中已没有这一段，您改过它，已保留并标黄：{excerpt(change.text, 30)}"
    if change.kind == "restore":
        return head + f"您删去的段落因事实表变化而重新加入并标黄：{excerpt(change.text, 30)}"
    return head + excerpt(change.text)


def conflict_notes(result: MergeResult) -> list[str]:
    """One console line per place marked for the chair."""
    return [describe(c) for c in result.changes if c.kind in ("conflict", "orphan", "restore")]


__all__ = [
    "BaseUntrusted",
    "Change",
    "MergeResult",
    "MergeStats",
    "conflict_notes",
    "content_warnings",
    "describe",
    "facts_changed",
    "match_paragraphs",
    "merge",
]
