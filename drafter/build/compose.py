"""facts + templates → draft.

This stage decides the structure of the report (which parts exist, their
order and numbering) and asks the templates for the wording of each part.
Empty parts are dropped and the rest numbered 一、二、三… and （一）（二）…
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from drafter.build.cnformat import (
    as_sentence,
    cn_numeral,
    enumerate_points,
    format_when,
    normalize_punct,
    ordinal_marker,
    strip_end,
)
from drafter.build.joiner import Parts, item_parts
from drafter.build.paragraphs import Entry, join, plan, sentence_time
from drafter.build.templating import EARLIER, SEED, SPECIFIC, TOPICS, VARIANT, TemplateSet, exported, stable_hash
from drafter.contract import DOCUMENT, ITEM
from drafter.draft import Block, Draft, ItemRecord, Meta, Role, SignOff
from drafter.sheet.facts import CATEGORIES, Facts, Item
from drafter.topics import Support
from drafter.vocab import Vocabulary, say_once, vocabulary

DEFAULT_POSITION = "工会主席"
_SPANS = ("全年", "全年度", "常年", "年内")  # times that read as an adverb: 全年开展…, not 全年，开展…


def _clean(text: str) -> str:
    """A fact as a clause: full-width punctuation, no closing mark."""
    return strip_end(normalize_punct(text))


def _short_id(text: str) -> str:
    """A stable key part for a block derived from a sheet entry."""
    return f"{stable_hash(text) % 16**8:08x}"


def union_name(unit: str) -> str:
    return unit if unit.endswith("工会") else unit + "工会"


def _leaders(facts: Facts, vocab: Vocabulary) -> str:
    given = [x for x in (facts.party_org, facts.parent_union) if x]
    if given:
        return "和".join(given)
    if facts.unit_type == "乡镇街道":
        return f"{vocab.本单位[1:]}党委和上级工会"
    return f"{vocab.单位称}党组织和上级工会"


def _overview_clause(facts: Facts, vocab: Vocabulary) -> str:
    """现有基层工会N个，职工N人，其中女职工M人；会员N人，入会率X (prose rules §6)."""
    o = facts.overview
    staff: list[str] = []
    if o.grassroots_unions is not None:
        staff.append(f"基层工会{o.grassroots_unions}个")
    if o.staff is not None:
        staff.append(f"{vocab.人员}{o.staff}人")
        if o.women is not None:
            staff.append(f"其中{vocab.女职工}{o.women}人")
    elif o.women is not None:
        staff.append(f"{vocab.女职工}{o.women}人")
    members: list[str] = []
    if o.members is not None:
        members.append(f"会员{o.members}人")
    if o.membership_rate is not None:
        members.append(f"入会率{o.membership_rate}")
    groups = [g for g in ("，".join(staff), "，".join(members)) if g]
    return "现有" + "；".join(groups) if groups else ""


def _office(unit: str, position: str) -> str:
    """单位 + 职务 without saying 工会 twice (某公司工会 + 工会主席 → 某公司工会主席)."""
    i = position.find("工会")
    if unit.endswith("工会") and i >= 0 and unit[:-2].endswith(position[:i]):
        # 某医院工会 + 院工会主席 → 某医院工会主席: the position repeats the unit's own ending.
        return unit + position[i + 2 :]
    return unit + position


def build_context(facts: Facts, variant: int = 0) -> dict[str, Any]:
    """The variables every template sees (listed in templates/说明.txt)."""
    vocab = vocabulary(facts.unit_type, facts.unit)
    ctx: dict[str, Any] = vocab.as_context()
    overview = _overview_clause(facts, vocab)
    ctx.update(
        单位=facts.unit,
        单位类型=facts.unit_type,
        工会名称=union_name(facts.unit),
        年度=facts.year,
        明年=facts.year + 1,
        文种=facts.kind,
        领导=_leaders(facts, vocab),
        上级工会=facts.parent_union or "",
        党组织=facts.party_org or "",
        概况=overview,
        总体评价=normalize_punct(facts.assessment) if facts.assessment else "",
        报告人=facts.reporter or "",
        职务=facts.position or DEFAULT_POSITION,
        任职=_office(facts.unit, facts.position or DEFAULT_POSITION),
    )
    ctx[SEED] = f"{facts.unit}|{facts.year}"
    ctx[VARIANT] = variant
    ctx[TOPICS] = sheet_support(facts)
    return ctx


def _item_text(item: Item) -> str:
    if item.sentence is not None:
        return item.sentence
    return "".join([item.activity or "", item.result or "", *item.awards])


def sheet_support(facts: Facts) -> Support:
    """What the whole sheet shows (what document-level phrases may assert)."""
    texts = [_item_text(i) for cat in CATEGORIES for i in facts.items(cat)]
    texts += [w.title + _item_text(i) for w in facts.other_work for i in w.items]
    return Support.of(texts, whole=True)


# -- facts as text ------------------------------------------------------------


def item_parts_of(item: Item, facts: Facts, *, after_honour: bool = False) -> Parts:
    """The clauses of a structured item, as the joiner words them."""
    return item_parts(
        _clean(item.activity or ""),
        item.people if isinstance(item.people, int) or item.people is None else _clean(item.people),
        _clean(item.result or ""),
        tuple(_clean(a) for a in item.awards),
        vocabulary(facts.unit_type, facts.unit),
        after_honour=after_honour,
    )


def item_facts(item: Item, facts: Facts, parts: Parts | None = None) -> tuple[str, ...]:
    """The fact strings an item contributes, as they read in the draft."""
    if item.sentence is not None:
        return (_clean(item.sentence),)
    out: list[str] = []
    if item.when is not None:
        out.append(format_when(item.when, facts.year))
    parts = parts or item_parts_of(item, facts)
    out.extend(normalize_punct(x) for x in parts.facts())
    if item.people is not None:
        out.append(str(item.people) if isinstance(item.people, int) else _clean(item.people))
    return tuple(x for x in out if x)


def record(item: Item, index: int) -> ItemRecord:
    """The 事项 as the sheet gives it, kept in the draft so extract gives it back exactly."""
    when = format_when(item.when) if item.when is not None else None
    return ItemRecord(item.sentence, when, item.activity, item.people, item.result, item.awards, index)


def opening_facts(facts: Facts) -> tuple[str, ...]:
    """The facts the opening paragraph carries: leaders, the chair's assessment, the figures."""
    out = [x for x in (facts.reporter, facts.party_org, facts.parent_union) if x]
    if facts.assessment:
        out.append(_clean(facts.assessment))
    o = facts.overview
    out += [str(n) for n in (o.grassroots_unions, o.staff, o.members, o.women) if n is not None]
    if o.membership_rate:
        out.append(o.membership_rate)
    return tuple(out)


def expected_facts(facts: Facts) -> list[str]:
    """Every fact of the sheet, as it must appear somewhere in the draft text."""
    out = [facts.unit, str(facts.year), *opening_facts(facts)]
    if facts.position:
        out.append(facts.position)
    for cat in CATEGORIES:
        for item in facts.items(cat):
            out.extend(item_facts(item, facts))
    for work in facts.other_work:
        out.append(_clean(work.title))
        for item in work.items:
            out.extend(item_facts(item, facts))
    out.extend(_clean(s) for s in facts.shortcomings)
    out.extend(_clean(s) for s in facts.plans)
    if facts.signoff is not None:
        out += [facts.signoff.name, SignOff(facts.signoff.name, facts.signoff.date).date_text]
    return [x for x in out if x]


# -- composing ----------------------------------------------------------------


@dataclass
class _Builder:
    facts: Facts
    templates: TemplateSet
    context: dict[str, Any]

    def __post_init__(self) -> None:
        self.vocab = vocabulary(self.facts.unit_type, self.facts.unit)
        self.framing: list[str] = []  # framing wording said so far
        self.blocks: list[Block] = []
        self._keys: set[str] = set()
        self._said: set[tuple[str, tuple[str, ...]]] = set()
        self._framing: set[str] = set()  # section openings and closings said so far
        self._items: set[tuple[str, tuple[str, ...]]] = set()  # item sentences said so far

    def once(self, phrase: str) -> str:
        """A framing sentence, or "" when an earlier section said it already."""
        text = as_sentence(phrase) if phrase else ""
        if text in self._framing:
            return ""
        self._framing.add(text)
        return text

    def add(
        self, role: Role, text: str, key: str, facts: tuple[str, ...] = (), items: tuple[ItemRecord, ...] = ()
    ) -> None:
        text = normalize_punct(text)
        if not text:
            return
        if role is Role.BODY:
            if (text, facts) in self._said:
                # The same paragraph twice (two template slots share a phrase, or the sheet
                # lists one 事项 twice): say it once; nothing is lost.
                return
            self._said.add((text, facts))
        base, n = key, 1
        while key in self._keys:
            n += 1
            key = f"{base}~{n}"
        self._keys.add(key)
        self.blocks.append(Block(role, text, key, facts, items))

    def say(self, module: Any, slot: str) -> str:
        """A framing slot's wording, the people's full name said once a sentence."""
        text = say_once(exported(module, slot), self.vocab)
        if text:
            self.framing.append(text)  # later templates do not echo it (templating.EARLIER)
        return text

    def module(self, name: str, extra: dict[str, Any] | None = None) -> Any:
        # The framing list itself, not a copy: a module is rendered before anything more is said.
        ctx = {**self.context, **(extra or {}), EARLIER: self.framing}
        return self.templates.module(name, ctx)

    def entry(self, item: Item, index: int, *, after_honour: bool) -> tuple[Entry, bool]:
        """One item's sentence, and whether it used 荣获 (the next award must not)."""
        if item.sentence is not None:
            text = as_sentence(item.sentence)
            when = sentence_time(text)
            facts = item_facts(item, self.facts)
            entry = Entry(text, facts, item.sentence, item.sentence, when, bool(when), record(item, index))
            return entry, "荣获" in text
        parts = item_parts_of(item, self.facts, after_honour=after_honour)
        when = format_when(item.when, self.facts.year) if item.when is not None else ""
        activity = normalize_punct(parts.activity)
        if when in _SPANS:
            # 全年开展…: a span is an adverb of the sentence, not a date before a comma.
            activity, when = when + activity, ""
        module = self.module(ITEM, {SEED: f"{self.context[SEED]}|{item.activity}"})
        text = self.templates.call(
            module,
            "事项",
            when,
            activity,
            normalize_punct(parts.people),
            normalize_punct(parts.result),
            [normalize_punct(parts.awards)] if parts.awards else [],
        )
        topic_text = _item_text(item)
        facts = item_facts(item, self.facts, parts)
        entry = Entry(as_sentence(text), facts, item.activity or "", topic_text, when, bool(when), record(item, index))
        return entry, parts.honour

    def entries(self, items: tuple[Item, ...]) -> list[Entry]:
        """The sentences of a section's items; an item the draft has said already is said once."""
        out: list[Entry] = []
        honour = False  # the last award of the section was 荣获: the next award says 获 (prose rules §2)
        for index, item in enumerate(items):
            e, used = self.entry(item, index, after_honour=honour)
            if item.awards:
                honour = used
            if (e.text, e.facts) not in self._items:
                self._items.add((e.text, e.facts))
                out.append(e)
        return out

    def section(self, prefix: str, entries: list[Entry], lead: str, closing: str) -> None:
        """A section's items as 1–4 paragraphs, the lead before the first, the closing after the last."""
        paragraphs = plan(entries)
        lead, closing = self.once(lead), self.once(closing)
        for i, para in enumerate(paragraphs):
            text = join(para)
            if i == 0:
                text = lead + text
            if i == len(paragraphs) - 1:
                text += closing
            facts = tuple(dict.fromkeys(f for e in para for f in e.facts))
            items = tuple(e.record for e in para if e.record is not None)
            self.add(Role.BODY, text, f"{prefix}/item/{_short_id(para[0].ident)}", facts, items)


def _heading1(n: int, text: str) -> str:
    return f"{cn_numeral(n)}、{strip_end(text)}"


def _heading2(n: int, text: str) -> str:
    return f"（{cn_numeral(n)}）{strip_end(text)}"


def _avoid_same_openings(blocks: list[Block], connectors: list[str]) -> None:
    """No two consecutive body paragraphs may open with the same four characters."""
    prev: Block | None = None
    for block in blocks:
        if block.role is not Role.BODY:
            prev = None
            continue
        if prev is not None and block.text[:4] == prev.text[:4]:
            start = stable_hash(block.key) % max(1, len(connectors))
            for i in range(len(connectors)):
                c = connectors[(start + i) % len(connectors)]
                if (c + block.text)[:4] != prev.text[:4]:
                    block.text = c + block.text
                    break
        prev = block


def compose(
    facts: Facts,
    templates: TemplateSet,
    *,
    variant: int = 0,
    now: _dt.datetime | None = None,
) -> Draft:
    """Build the draft of one fact sheet."""
    now = now or _dt.datetime.now().replace(microsecond=0)
    ctx = build_context(facts, variant)
    b = _Builder(facts, templates, ctx)
    doc = b.module(DOCUMENT)

    title = b.say(doc, "标题")
    b.add(Role.TITLE, title, "title", (facts.unit, str(facts.year)))
    if facts.is_personal:
        b.add(Role.SUBTITLE, b.say(doc, "副标题"), "subtitle", tuple(x for x in (facts.unit, facts.reporter) if x))
        b.add(Role.SALUTATION, b.say(doc, "称呼"), "salutation")

    # Opening: the learned formula, or the chair's own assessment.
    opening = [b.say(doc, "自我介绍")] if facts.is_personal else []
    if facts.assessment:
        opening += [b.say(doc, "领导句"), as_sentence(ctx["总体评价"])]
    else:
        opening.append(b.say(doc, "开头"))
    if ctx["概况"]:
        opening.append(as_sentence(ctx["本单位"] + ctx["概况"]))
    opening.append(b.say(doc, "过渡"))
    b.add(Role.BODY, "".join(opening), "opening", opening_facts(facts))

    n1 = 0
    work_started = len(b.blocks)
    n2 = 0
    for cat in CATEGORIES:
        items = facts.items(cat)
        if not items:
            continue
        entries = b.entries(items)
        if not entries:
            continue
        mod = b.module(cat, {TOPICS: Support.of(_item_text(i) for i in items)})
        n2 += 1
        b.add(Role.HEADING2, _heading2(n2, b.say(mod, "标题")), f"work/{cat}/heading")
        b.section(f"work/{cat}", entries, b.say(mod, "引言"), b.say(mod, "结语"))
    for work in facts.other_work:
        if not work.items:
            continue
        # A part whose items were all said in an earlier part keeps its heading (a fact of the sheet).
        entries = b.entries(work.items)
        support = Support.of((_item_text(i) for i in work.items), common=work.title)
        extra = {TOPICS: support, SPECIFIC: True, SEED: f"{ctx[SEED]}|{work.title}", "本节": _clean(work.title)}
        mod = b.module("其他", extra)
        n2 += 1
        wkey = f"other/{_short_id(work.title)}"
        b.add(Role.HEADING2, _heading2(n2, normalize_punct(work.title)), f"{wkey}/heading", (strip_end(work.title),))
        if entries:
            b.section(wkey, entries, b.say(mod, "引言"), b.say(mod, "结语"))
        else:
            b.add(Role.BODY, b.once(b.say(mod, "引言")), f"{wkey}/lead")
    if n2:
        n1 += 1
        b.blocks.insert(work_started, Block(Role.HEADING1, _heading1(n1, b.say(doc, "主体标题")), "work/heading"))

    if facts.shortcomings:
        n1 += 1
        b.add(Role.HEADING1, _heading1(n1, b.say(doc, "不足标题")), "problems/heading")
        points = [normalize_punct(s) for s in facts.shortcomings]
        b.add(
            Role.BODY,
            b.say(doc, "不足引言") + enumerate_points(points),
            "problems/body",
            tuple(strip_end(p) for p in points),
        )

    if facts.plans:
        n1 += 1
        b.add(Role.HEADING1, _heading1(n1, b.say(doc, "打算标题")), "plans/heading")
        b.add(Role.BODY, b.say(doc, "打算引言"), "plans/lead")
        many = len(facts.plans) > 1
        for i, plan in enumerate(facts.plans, 1):
            text = normalize_punct(plan)
            body = (ordinal_marker(i) + strip_end(text) + "。") if many else as_sentence(text)
            b.add(Role.BODY, body, f"plans/{_short_id(plan)}", (strip_end(text),))

    b.add(Role.BODY, b.say(doc, "结尾"), "closing")
    _avoid_same_openings(b.blocks, [c for c in getattr(doc, "承接", []) if c])

    signoff = None
    if facts.signoff is not None:
        name = facts.signoff.name
        if facts.is_personal and facts.reporter and name == facts.unit:
            name = f"述职人：{facts.reporter}"
        signoff = SignOff(name, facts.signoff.date)

    author = facts.reporter if facts.is_personal and facts.reporter else union_name(facts.unit)
    meta = Meta(
        title=b.blocks[0].text if b.blocks else title,
        author=author,
        unit=facts.unit,
        year=facts.year,
        kind=facts.kind,
        created=now,
        subject=f"{facts.year}年{facts.kind}",
        keywords=f"工会,{facts.kind},{facts.year}",
    )
    return Draft(meta=meta, blocks=b.blocks, signoff=signoff)
