"""Next year's fact sheet from last year's (``drafter init --from LAST.yaml``).

What stays true from one year to the next is carried over as written, with
the chair's comments: the unit, its type, the 文种, the reporter, the
leadership and the 落款 (its date moved into the new year).  The 概况 figures
are kept with a comment asking her to update them.  Last year's events are
not facts of the new year: each section starts empty, with last year's items
below it as comments (uncommenting a line brings a standing activity back),
and last year's 明年打算 appear under the section they belong to as
“去年计划” comments, so that she reports on what was promised.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import yaml

from drafter.errors import FactSheetError, Problems
from drafter.sheet.decode import decode
from drafter.sheet.fields import BY_KEY
from drafter.sheet.schema import MODELINE
from drafter.topics import topics_in

# The section a plan of last year reports under, by the topics it names.
TOPIC_SECTIONS: dict[str, str] = {
    "职代会": "民主建设",
    "公开": "民主建设",
    "集体协商": "民主建设",
    "维权": "民主建设",
    "技能竞赛": "队伍建设",
    "培训": "队伍建设",
    "帮扶": "生活保障",
    "女职工": "生活保障",
    "健康": "生活保障",
    "体育": "文体活动",
    "文艺": "文体活动",
}


def sheet_from_last(last: Path, year: int | None = None) -> str:
    """YAML text of next year's sheet made from ``last`` (year: its 年度 + 1 unless given).

    Raises :class:`Problems` when ``last`` is not a sheet ``check`` accepts.
    """
    from drafter.sheet.load import parse_facts, read_sheet

    data = read_sheet(Path(last))  # read once: what is checked is what is copied
    facts, _warnings = parse_facts(data, last)
    old = facts.year
    new = year if year is not None else old + 1
    text = decode(data, str(last)).text.replace("\r\n", "\n").replace("\r", "\n")
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    lines = text.split("\n")
    if not isinstance(root, yaml.MappingNode):  # pragma: no cover - load_facts accepted it
        raise Problems([FactSheetError("上一年的事实表最外层不是「键: 值」。", file=last)])
    starts = [(k.start_mark.line, str(k.value).strip()) for k, _v in root.value]
    plans = _plans_by_section(facts.plans, {key for _line, key in starts})

    def when(s: str) -> str:
        """``s`` with last year's dates and 年度 moved to the new year."""
        s = re.sub(rf"(?<!\d){old}(?=\s*[-/.年]\s*\d)", str(new), s)
        return re.sub(rf"(年度[：:]\s*){old}(?!\d)", rf"\g<1>{new}", s)

    head = lines[: starts[0][0]]
    out = [] if head[:1] == [MODELINE] else [MODELINE]
    out += [when(line) if line.lstrip().startswith("#") else line for line in head]
    for i, (start, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lines)
        block, tail = _split_tail(lines[start:end])
        out += _next_block(key, block, old, new, plans)
        out += [when(line) for line in tail]
    if "" in plans:
        out += ["", f"# 去年计划（{old}年写的明年打算，没有归到上面哪一类）：", *(f"# - {p}" for p in plans[""])]
    return "\n".join(out).rstrip("\n") + "\n"


def _split_tail(block: list[str]) -> tuple[list[str], list[str]]:
    """A top-level key's lines, and the comments and blank lines after them that head the next key."""
    cut = len(block)
    while cut > 1 and (not block[cut - 1].strip() or block[cut - 1].startswith("#")):
        cut -= 1
    return block[:cut], block[cut:]


def _plans_by_section(plans: tuple[str, ...], keys: set[str]) -> dict[str, list[str]]:
    """Last year's plans by the section they belong to ("" for none)."""
    out: dict[str, list[str]] = {}
    for plan in plans:
        sections = [TOPIC_SECTIONS[t] for t in sorted(topics_in(plan)) if t in TOPIC_SECTIONS]
        section = next((s for s in sections if s in keys), "其他工作" if "其他工作" in keys and not sections else "")
        out.setdefault(section, []).append(plan)
    return out


def _commented(lines: list[str]) -> list[str]:
    return ["# " + line if line.strip() else "#" for line in lines]


def _next_block(key: str, block: list[str], old: int, new: int, plans: dict[str, list[str]]) -> list[str]:
    first = block[0]
    if key == "年度":
        return [re.sub(r"^(年度\s*:\s*)[^#]*?(\s*(#.*)?)$", rf"\g<1>{new}\g<2>", first), *block[1:]]
    if key == "概况":
        return [f"# 以下是{old}年的数字，请按{new}年的实际情况更新。", *block]
    if key == "落款":
        return [_moved_date(line, old, new) for line in block]
    if key not in BY_KEY or not BY_KEY[key].yearly:
        return block
    if key == "明年打算":
        return [f"{key}:", f"  # 写{new + 1}年的打算，每条一句话，以“- ”开头。"]
    if key == "存在不足":
        return [f"{key}:", f"  # 写{new}年的不足。{old}年写的是（供参考）：", *_commented(block[1:] or [first])]
    if key == "总体评价":
        return [f"# 总体评价（{old}年的写法，供参考；要用时改写后去掉行首的“# ”）：", *_commented(block)]
    out = [f"{key}:"]
    out += [f"  # 去年计划：{p}" for p in plans.get(key, [])]
    kind = "部分" if BY_KEY[key].kind == "sections" else "事项"
    body = block[1:] if re.match(rf"^{key}\s*:\s*(#.*)?$", first) else [first]
    if any(line.strip() and not line.lstrip().startswith("#") for line in body):
        out.append(f"  # 在这里写{new}年的{kind}。下面是{old}年的，供参考；要沿用哪一项，删掉那几行开头的“# ”再改写：")
        out += _commented(body)
    return out


def _moved_date(line: str, old: int, new: int) -> str:
    """A 落款 日期 line (written or commented) with its date moved into the new year."""
    m = re.search(rf"(?<!\d){old}(\s*[-/.年]\s*)(\d{{1,2}})(\s*[-/.月]\s*)(\d{{1,2}})", line)
    if not m or "日期" not in line:
        return line
    year = new + (int(m.group(0)[:4]) - old) if m.group(0)[:4].isdigit() else new
    month, day = int(m.group(2)), int(m.group(4))
    try:
        _dt.date(year, month, day)
    except ValueError:  # 29 February of a leap year
        day = 28
    return line[: m.start()] + f"{year}{m.group(1)}{month:02d}{m.group(3)}{day:02d}" + line[m.end() :]
