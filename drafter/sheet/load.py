"""Read a YAML fact sheet into a validated :class:`~drafter.sheet.facts.Facts`.

The sheet is written by a union chair in Notepad or WPS, often for the first
time, so this module is strict about what it accepts and patient in how it
says what is wrong: every problem of the sheet is collected and raised at once
as :class:`~drafter.errors.Problems`, each with ``file:line:col`` and a plain
Chinese sentence saying what is wrong and how to fix it.

Safety: the YAML is only *composed* (``yaml.compose``) into a node graph; the
Python values are built here from the nodes, so no YAML tag can construct an
object or run code.  Only the standard tags str/int/float/bool/null/timestamp/
seq/map are accepted; the ``<<`` merge key is refused.  Aliases are allowed but
their expansion is counted (billion laughs), and size, depth and string length
are limited.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.errors import FactSheetError, Problems, Warning_
from drafter.sheet.facts import (
    CATEGORIES,
    KINDS,
    OVERVIEW_KEYS,
    UNIT_TYPES,
    Facts,
    Item,
    OtherWork,
    Overview,
    Pos,
    SignOff,
    When,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_TEXT",
    "load_facts",
    "parse_facts",
]

# Limits.  A real fact sheet is a few kilobytes, six levels deep, with a few
# hundred nodes; these are far above that and far below what hurts.
MAX_BYTES = 2 * 1024 * 1024  # size of the sheet
MAX_DEPTH = 20  # nesting of lists and mappings (aliases expanded)
MAX_NODES = 100_000  # nodes after expanding aliases
MAX_TEXT = 2_000  # characters in one value
YEAR_MIN, YEAR_MAX = 1949, 2100

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# ---------------------------------------------------------------------------
# Keys

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TS = (_T + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_SEQ, _MAP, _MERGE = _T + "seq", _T + "map", _T + "merge"
_SCALAR_TAGS = frozenset((_STR, _INT, _FLOAT, _BOOL, _NULL, _TS))

TOP_KEYS: tuple[str, ...] = (
    "单位",
    "单位类型",
    "年度",
    "文种",
    "报告人",
    "职务",
    "上级工会",
    "党组织",
    "概况",
    "总体评价",
    *CATEGORIES,
    "其他工作",
    "存在不足",
    "明年打算",
    "落款",
)
ITEM_KEYS: tuple[str, ...] = ("时间", "活动", "人数", "成果", "获奖")
OTHER_KEYS: tuple[str, ...] = ("标题", "事项")
SIGNOFF_KEYS: tuple[str, ...] = ("署名", "日期")

# Where a key belongs, to explain a key written at the wrong level.
_HOME: dict[str, str] = {}
for _k in TOP_KEYS:
    _HOME[_k] = "top"
for _k in OVERVIEW_KEYS:
    _HOME[_k] = "概况"
for _k in ITEM_KEYS:
    _HOME[_k] = "事项"
for _k in OTHER_KEYS:
    _HOME.setdefault(_k, "其他工作")
for _k in SIGNOFF_KEYS:
    _HOME.setdefault(_k, "落款")
_ALL_KEYS = frozenset(_HOME)
_KEY_LIST = tuple(_HOME)

# Common English / pinyin / synonym spellings -> the keys they may mean (the
# first one valid in the mapping at hand is suggested).
_ALIASES: dict[str, tuple[str, ...]] = {}


def _alias(targets: str, *names: str) -> None:
    for name in names:
        _ALIASES[name] = tuple(targets.split())


_alias("单位", "unit", "danwei", "单位名称", "工会名称", "名称", "org", "organization", "organisation")
_alias("单位类型", "type", "unittype", "leixing", "danweileixing", "类型", "单位性质")
_alias("年度", "year", "niandu", "年份", "年")
_alias("文种", "kind", "wenzhong", "文体", "类别", "doctype")
_alias("报告人", "reporter", "baogaoren", "述职人", "姓名", "作者", "author")
_alias("职务 标题", "position", "zhiwu", "职位", "title")
_alias("上级工会", "parent", "shangjigonghui", "上级")
_alias("党组织", "party", "dangzuzhi", "党委", "党支部")
_alias("概况", "overview", "gaikuang", "基本情况", "情况")
_alias("总体评价", "assessment", "summary", "zongtipingjia", "评价", "总评")
_alias("民主建设", "democracy", "minzhujianshe")
_alias("队伍建设", "team", "duiwujianshe")
_alias("生活保障", "welfare", "shenghuobaozhang")
_alias("文体活动", "culture", "sports", "wentihuodong")
_alias("其他工作", "other", "others", "qitagongzuo", "其它工作", "其他")
_alias("存在不足", "problems", "shortcomings", "cunzaibuzu", "不足", "问题")
_alias("明年打算", "plans", "plan", "mingniandasuan", "打算", "计划", "明年计划")
_alias("落款", "signoff", "signature", "luokuan")
_alias("会员人数", "members", "huiyuanrenshu", "会员数")
_alias("职工人数", "staff", "employees", "zhigongrenshu", "职工数", "教职工人数", "员工人数")
_alias("女职工人数", "women", "nvzhigongrenshu", "女职工数", "女教职工人数", "女员工人数")
_alias("基层工会数", "unions", "jicenggonghuishu", "基层工会")
_alias("入会率", "rate", "ruhuilv", "ruhuilü")
_alias("时间 日期", "time", "date", "when", "shijian", "时候", "riqi")
_alias("时间", "日期")
_alias("活动", "activity", "event", "huodong", "内容", "活动名称", "工作")
_alias("人数", "people", "count", "participants", "renshu", "参加人数", "参与人数", "参会人数")
_alias("成果", "result", "results", "outcome", "chengguo", "效果", "成效")
_alias("获奖", "award", "awards", "prize", "huojiang", "奖项", "荣誉")
_alias("标题", "biaoti", "名称")
_alias("事项", "items", "shixiang", "内容")
_alias("署名 报告人", "name", "shuming")

# Traditional -> simplified for the characters of the keys.
_TRAD = str.maketrans(
    "單類種報務級會黨織況員數職層總體評價設隊護動間獲獎標題項歲時費參與計劃",
    "单类种报务级会党织况员数职层总体评价设队护动间获奖标题项岁时费参与计划",
)

# Full-width digits and signs -> ASCII, for reading numbers and dates only.
_FW = str.maketrans("０１２３４５６７８９．／－％：", "0123456789./-%:")

UNIT_TYPE_HINTS: dict[str, str] = {
    "公司": "企业",
    "国企": "企业",
    "民企": "企业",
    "私企": "企业",
    "工厂": "企业",
    "集团": "企业",
    "中学": "学校",
    "小学": "学校",
    "大学": "学校",
    "高校": "学校",
    "学院": "学校",
    "幼儿园": "学校",
    "职校": "学校",
    "政府": "机关",
    "机关单位": "机关",
    "行政机关": "机关",
    "卫生院": "医院",
    "卫生": "医院",
    "社区": "乡镇街道",
    "街道": "乡镇街道",
    "乡镇": "乡镇街道",
    "其它": "其他",
    "school": "学校",
    "company": "企业",
    "enterprise": "企业",
    "government": "机关",
    "hospital": "医院",
    "other": "其他",
}
KIND_HINTS: dict[str, str] = {
    "总结": "工作总结",
    "年度总结": "工作总结",
    "工作报告": "工作总结",
    "年终总结": "工作总结",
    "述职": "述职报告",
    "个人述职": "述职报告",
    "述职述廉报告": "述职报告",
    "summary": "工作总结",
    "report": "述职报告",
}

_EXAMPLES: dict[str, str] = {
    "单位": "单位: 某某县第一中学工会",
    "单位类型": "单位类型: 学校",
    "年度": "年度: 2025",
    "文种": "文种: 工作总结",
    "报告人": "报告人: 张三",
    "职务": "职务: 工会主席",
    "上级工会": "上级工会: 县教育工会",
    "党组织": "党组织: 校党支部",
    "总体评价": "总体评价: 一年来，校工会……",
    "标题": "标题: 加强工会自身建设",
    "署名": "署名: 某某县第一中学工会",
    "活动": "活动: 召开“三八”妇女节座谈会",
    "成果": "成果: 了解女教职工的工作和生活情况",
    "获奖": "获奖: 县演讲比赛一等奖",
}

# ---------------------------------------------------------------------------
# Public API


def load_facts(path: Path, *, today: _dt.date | None = None) -> tuple[Facts, list[Warning_]]:
    """Read and validate the fact sheet at ``path``.

    Returns the facts and the warnings; raises :class:`Problems` listing every
    problem found (each a :class:`FactSheetError`).
    """
    path = Path(path)
    return parse_facts(read_sheet(path), path, today=today)


def read_sheet(path: Path) -> bytes:
    """The bytes of the sheet at ``path`` (a regular file of at most MAX_BYTES).

    Raises :class:`Problems` saying why the file cannot be read (missing, a
    folder, a device or pipe, too big, no permission).
    """
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(str(path))
        if not path.is_file():
            raise Problems([FactSheetError("这不是一个普通文件。请给出事实表文件（.yaml）的路径。", file=path)])
        if size > MAX_BYTES:
            raise Problems([_too_big(path, size)])
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the file may grow while we read it
    except FileNotFoundError:
        raise Problems([FactSheetError(_not_found(path), file=path)]) from None
    except IsADirectoryError:
        raise Problems(
            [
                FactSheetError(
                    "这是一个文件夹，不是事实表文件。请写出文件夹里的 .yaml 文件名，例如 事实表.yaml。", file=path
                )
            ]
        ) from None
    except PermissionError:
        raise Problems(
            [
                FactSheetError(
                    "没有权限读取这个文件。如果它正在 WPS 或其他程序里打开，请先关闭；否则请检查文件权限。", file=path
                )
            ]
        ) from None
    except OSError as e:
        raise Problems(
            [FactSheetError(f"无法读取这个文件（{e.strerror or e}）。请确认文件存在并且可以用记事本打开。", file=path)]
        ) from None
    return data


def _not_found(path: Path) -> str:
    """Why the sheet is not there; Notepad's hidden ``.txt`` is the usual reason."""
    for extra in (".txt", ".yaml", ".yml"):
        near = path.with_name(path.name + extra)
        try:
            found = near.is_file()
        except OSError:
            found = False
        if not found:
            continue
        if extra == ".txt":
            return (
                f"找不到这个文件，但有「{near.name}」：记事本保存时自动加上了 .txt。"
                f"请把它改名，去掉末尾的 .txt（资源管理器里先勾选「查看 → 文件扩展名」），或在命令里写 {near.name}。"
            )
        return f"找不到这个文件，但有「{near.name}」。请在命令里写完整的文件名 {near.name}。"
    return f"找不到这个文件。请检查文件名和所在文件夹是否写对（当前文件夹是 {Path.cwd()}）。"


def parse_facts(data: bytes, source: Path, *, today: _dt.date | None = None) -> tuple[Facts, list[Warning_]]:
    """Validate a fact sheet given as bytes; ``source`` names it in messages."""
    source = Path(source)
    file = str(source)
    if len(data) > MAX_BYTES:
        raise Problems([_too_big(source, len(data))])
    text = _decode(data, file)
    bad_chars = _control_chars(text, file)
    if bad_chars:
        raise Problems(bad_chars)
    if not text.strip():
        raise Problems(
            [
                FactSheetError(
                    "文件是空的。请按示例填写事实表（可以运行 drafter init 生成一份带说明的示例）。", file=file
                )
            ]
        )
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as e:
        raise Problems(_syntax_problems(e, text, file)) from None
    except RecursionError:
        raise Problems(
            [
                FactSheetError(
                    f"嵌套层数太多（超过 {MAX_DEPTH} 层）。事实表只需要几层缩进，请检查缩进和括号。", file=file
                )
            ]
        ) from None
    if root is None:
        raise Problems(
            [
                FactSheetError(
                    "文件里只有注释（以「#」开头的行），没有内容。请去掉要填写的行开头的「#」，或按示例填写。",
                    file=file,
                )
            ]
        )
    reader = _Reader(file, text, today or _dt.date.today())
    facts = reader.read(root)
    warnings = sorted(reader.warnings, key=_order)
    if facts is None and not reader.problems:  # pragma: no cover - safety net
        reader.problems.append(FactSheetError("事实表不完整，请对照示例检查必填项。", file=file))
    if reader.problems or facts is None:
        raise Problems(sorted(reader.problems, key=_order), warnings)
    return facts, warnings


# ---------------------------------------------------------------------------
# Bytes -> text


def _order(e: FactSheetError) -> tuple[int, int]:
    return (e.location.line, e.location.col)


def _too_big(file: str | Path, size: int) -> FactSheetError:
    return FactSheetError(
        f"文件太大（{size / 1024 / 1024:.1f} MB），事实表最多 {MAX_BYTES // 1024 // 1024} MB。"
        "请确认选的是事实表（.yaml 文字文件），而不是 Word 文档、图片或压缩包。",
        file=file,
    )


_RESAVE = (
    "drafter 只能读取 UTF-8 编码的文件。请用记事本打开它，点「文件 → 另存为」，"
    "在窗口下方的「编码」里选「UTF-8」后保存；用 WPS 时同样在另存为时选择 UTF-8 编码。"
)


def _byte_pos(data: bytes, index: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, index) + 1
    line = data.count(b"\n", 0, index) + 1
    col = len(data[line_start:index].decode("utf-8", "replace")) + 1
    return line, col


def _decode(data: bytes, file: str) -> str:
    def fail(message: str, line: int = 1, col: int = 1) -> Problems:
        return Problems([FactSheetError(message, file=file, line=line, col=col)])

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise fail("文件是 UTF-32 编码。" + _RESAVE)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("文件是 UTF-16 编码（记事本里叫「UTF-16 LE」或「UTF-16 BE」/「Unicode」）。" + _RESAVE)
    if data.startswith(b"PK\x03\x04"):
        raise fail(
            "这是一个 Word 文档（.docx）或压缩文件，不是文字文件。事实表要用记事本编辑，保存为 .yaml 文件；可以运行 drafter init 生成一份示例。"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise fail(
            "这是一个旧版 Word/WPS/Excel 文档（.doc、.wps、.xls），不是文字文件。事实表要用记事本编辑，保存为 .yaml 文件。"
        )
    if data.startswith(b"%PDF"):
        raise fail("这是一个 PDF 文件，不是文字文件。事实表要用记事本编辑，保存为 .yaml 文件。")
    head = data[:200].lstrip().lower()
    if head.startswith(b"{\\rtf"):
        raise fail(
            "这是写字板或 Word 保存的 RTF 格式文件，不是纯文字文件。请用记事本（不是写字板）打开事实表填写，"
            "保存为 .yaml 文件；可以运行 drafter init 生成一份示例。"
        )
    if head.startswith((b"<!doctype html", b"<html")):
        raise fail(
            "这是一个网页（HTML）文件，不是事实表。请用记事本打开事实表填写，保存为 .yaml 文件；"
            "可以运行 drafter init 生成一份示例。"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        if _looks_utf16(data):
            raise fail("文件看起来是 UTF-16 编码（记事本里叫「Unicode」）。" + _RESAVE)
        line, col = _byte_pos(data, nul)
        raise fail(
            "文件里有空字节（NUL），这不是文字文件（可能是 Word 文档、图片或损坏的文件）。请用记事本新建一个 .yaml 文件填写。",
            line,
            col,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _byte_pos(data, e.start)
        raise fail(_encoding_message(data), line, col) from None


def _encoding_message(data: bytes) -> str:
    decoded = data.decode("utf-8", "replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for ch in decoded if ord(ch) > 127 and ch != "\ufffd")
    if good >= 3 and good > bad:
        return (
            "文件大部分是 UTF-8 编码，但从这里开始有不是 UTF-8 的字（可能是从别的文件粘贴来的）。"
            "请删掉这里显示为乱码的字重新输入，或把整个文件另存为 UTF-8 编码。"
        )
    # Chinese Windows saves "ANSI" as GBK: try it before guessing.
    for codec, name in (
        ("gbk", "GBK 编码（记事本里叫「ANSI」）"),
        ("gb18030", "GB18030 编码"),
        ("big5", "Big5 编码（繁体）"),
    ):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return f"文件是 {name}。" + _RESAVE
    name = ""
    try:
        import charset_normalizer  # only here: it is slow to import

        best = charset_normalizer.from_bytes(data).best()
        if best is not None and not str(best.encoding).startswith(("utf", "ascii")):
            name = _CODEC_NAMES.get(str(best.encoding), str(best.encoding))
    except Exception:  # detection is only a hint
        name = ""
    if name:
        return f"文件不是 UTF-8 编码（看起来是 {name}）。" + _RESAVE
    return "文件不是 UTF-8 编码，也认不出是哪种编码。" + _RESAVE


_CODEC_NAMES = {
    "cp1252": "Windows-1252（西文）",
    "latin_1": "Latin-1（西文）",
    "shift_jis": "Shift-JIS（日文）",
    "cp932": "Shift-JIS（日文）",
    "euc_jp": "EUC-JP（日文）",
    "euc_kr": "EUC-KR（韩文）",
    "cp949": "EUC-KR（韩文）",
    "big5": "Big5（繁体中文）",
    "cp950": "Big5（繁体中文）",
    "cp1250": "Windows-1250（中欧文字）",
    "cp1251": "Windows-1251（俄文）",
}


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: text with a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8:
        return False
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        # Chinese text has a NUL only beside ASCII (": ", digits, line ends),
        # so few NULs are enough when the other half of the bytes has none.
        others = sample[0::2] if codec == "utf-16-le" else sample[1::2]
        if zeros.count(0) < len(zeros) * 0.1 or zeros.count(0) <= 2 * others.count(0):
            continue
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and not _NON_PRINTABLE.search(text):
            return True
    return False


_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _control_chars(text: str, file: str) -> list[FactSheetError]:
    found: list[FactSheetError] = []
    for m in _NON_PRINTABLE.finditer(text):
        before = text[: m.start()]
        line = before.count("\n") + 1
        col = m.start() - (before.rfind("\n") + 1) + 1
        found.append(
            FactSheetError(
                f"这里有一个看不见的控制字符（U+{ord(m.group()):04X}），事实表里不能有。"
                "它通常是从网页或别的文件复制粘贴带来的：请删掉这个位置的字符（可以删掉这一行再重新输入）。",
                file=file,
                line=line,
                col=col,
            )
        )
        if len(found) >= 20:
            break
    return found


# ---------------------------------------------------------------------------
# YAML syntax errors, in plain words

_TAB_MSG = "这一行开头用了 Tab（制表符）缩进，YAML 只认空格。请删掉 Tab，改用空格对齐（每深一层多两个空格）。"
_FWSPACE_MSG = "这一行开头有全角空格（或不间断空格），YAML 的缩进只能用半角空格。请删掉行首的空白，用半角空格重新对齐（切换到英文输入法再按空格键）。"


_FW_COLON_LINE = re.compile(r"^([ \t\u3000\xa0]*(?:-[ \t]+)?)([^\s:：#\-\"'{}\[\]][^:：#\"']{0,11}?)[ \t\u3000]*：")
_NOSPACE_LINE = re.compile(r"^([ \t]*(?:-[ \t]+)?)([^\s:：#\-\"'{}\[\]][^:：#\"' ]{0,11}?):(?=[^\s])")


def _lint_lines(text: str) -> list[tuple[int, int, str]]:
    """Line-level mistakes that break YAML: tabs or full-width spaces used
    for indentation, ``单位：xx`` with a full-width colon, ``单位:xx``."""
    found: list[tuple[int, int, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        lead = len(line) - len(line.lstrip(" \t\u3000\xa0"))
        indent = line[:lead]
        if not line[lead:] or line[lead:].startswith("#"):
            continue
        if "\t" in indent:
            found.append((n, indent.index("\t") + 1, _TAB_MSG))
            continue
        if "\u3000" in indent or "\xa0" in indent:
            found.append((n, 1, _FWSPACE_MSG))
            continue
        m = _FW_COLON_LINE.match(line)
        if m and (m.group(2).strip() in _ALL_KEYS or _suggest(m.group(2).strip(), _KEY_LIST)):
            key = m.group(2).strip()
            found.append((n, m.end(), _fw_colon_msg(key)))
            continue
        m = _NOSPACE_LINE.match(line)
        if m and m.group(2) in _ALL_KEYS:
            key = m.group(2)
            found.append(
                (
                    n,
                    m.end(),
                    f"「{key}」后面的冒号要跟一个空格。请写成「{key}: 」再接内容，例如 {_EXAMPLES.get(key, key + ': …')}。",
                )
            )
    return found


def _fw_colon_msg(key: str) -> str:
    return (
        f"「{key}」后面用了全角冒号「：」。YAML 的键和值之间要用半角冒号「:」再加一个空格："
        f"请切换到英文输入法，写成「{key}: 」再接内容。"
    )


def _syntax_problems(e: yaml.YAMLError, text: str, file: str) -> list[FactSheetError]:
    lint = _lint_lines(text)
    problems = [FactSheetError(msg, file=file, line=line, col=col) for line, col, msg in lint]
    line, col, msg = _translate(e, text)
    # A lint finding on the line of the YAML error or just above it caused
    # it: say only that.  Otherwise the YAML error is a problem of its own.
    if not any(n <= line <= n + 2 for n, _c, _m in lint):
        problems.append(FactSheetError(msg, file=file, line=line, col=col))
    return problems


def _translate(e: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    problem = str(getattr(e, "problem", None) or "")
    context = str(getattr(e, "context", None) or "")
    pm = getattr(e, "problem_mark", None)
    cm = getattr(e, "context_mark", None)
    line = pm.line + 1 if pm is not None else 1
    col = pm.column + 1 if pm is not None else 1
    lines = text.splitlines()
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    here = src[col - 1] if 0 < col <= len(src) else ""
    before = src[col - 2] if 1 < col <= len(src) + 1 else ""

    def at_context() -> tuple[int, int]:
        return (cm.line + 1, cm.column + 1) if cm is not None else (line, col)

    if "nesting depth" in problem:
        return line, col, f"嵌套层数太多（括号或缩进超过 {MAX_DEPTH} 层）。事实表只需要几层缩进，请检查缩进和括号。"
    if "tab" in problem:
        return line, col, _TAB_MSG
    if "quoted scalar" in context and "end of stream" in problem:
        cl, cc = at_context()
        return (
            cl,
            cc,
            (
                "从这里开始的引号没有结束。英文引号（\" 或 '）必须成对：请在这段文字末尾补上同样的引号，"
                "或者去掉开头的引号（中文引号“”不需要成对，可以放心使用）。"
            ),
        )
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        backslash = src.rfind("\\", 0, col)
        return (
            line,
            backslash + 1 if backslash >= 0 else col,
            (
                "双引号里的反斜杠「\\」被当成了转义符号。请把这个值改用单引号括起来（如 '…\\…'），"
                "或把「\\」写成两个「\\\\」。"
            ),
        )
    if "mapping values are not allowed" in problem:
        return (
            line,
            col,
            (
                "这里多了一个冒号：值里出现「冒号加空格」时会被当成新的键。如果冒号是内容的一部分，"
                "请把整个值用引号括起来，或改用全角冒号「：」；如果是缩进错了，请让这一行和上面同一层的键左对齐。"
            ),
        )
    if "could not find expected ':'" in problem:
        cl, cc = at_context()
        return (
            cl,
            cc,
            (
                "这一行缺少半角冒号和空格「: 」。每一行应写成「键: 值」（冒号是英文半角，后面有一个空格）；"
                "如果这一行是上一行内容的延续，请把它并到上一行，或整体用引号括起来。"
            ),
        )
    if "block sequence entries are not allowed" in problem:
        return line, col, "这里不能出现「- 」。列表要另起一行：在键的下一行缩进两个空格，再写「- 」和内容。"
    if "flow sequence" in context or "flow mapping" in context:
        cl, cc = at_context()
        bracket = "方括号「[ ]」" if "sequence" in context else "花括号「{ }」"
        return (
            cl,
            cc,
            (
                f"从这里开始的{bracket}没有正确关上。请补上右括号并用英文逗号分隔各项；"
                "如果括号是文字的一部分，请把整个值用引号括起来，或改用中文括号【】。"
            ),
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        if src.strip().startswith(":"):
            return (
                line,
                src.index(":") + 1,
                "这一行冒号前面是空的，缺少键名。请在冒号前写上键名（如「活动」），或把这一行并到上一行。",
            )
        if before in "\"'" and before and here.strip():
            return (
                line,
                col - 1,
                (
                    "引号只能把整个值括起来：值以引号开头时，引号后面不能再接文字。"
                    "请把整个值再用另一种引号括起来（例如 活动: '\"三八\"妇女节座谈会'），或改用中文引号“”。"
                ),
            )
        if before in "]}" and before and here.strip():
            return (
                line,
                col - 1,
                ("值以括号开头时会被当成列表，括号后面不能再接文字。请把整个值用引号括起来，或改用中文括号【】。"),
            )
        return (
            line,
            col,
            "缩进没有对齐：同一层的键左边要对齐（用同样多的空格），下一层比上一层多缩进两个空格。请检查这一行和上面几行的缩进。",
        )
    if "'-' indicator" in problem or ("block collection" in context and "expected" in problem):
        return (
            line,
            col,
            (
                "列表的缩进没有对齐：同一个列表里每一项的「- 」要左边对齐，一个事项里的各行要和它第一行的键对齐。"
                "请检查这一行和上面几行的缩进。"
            ),
        )
    if "alias" in context or "anchor" in context or "while scanning a tag" in context:
        line, col = at_context()
        here = src[col - 1] if 0 < col <= len(src) else ""
    if "undefined alias" in problem:
        return (
            line,
            col,
            "值以「*」开头会被当成 YAML 的引用，但找不到对应的「&」。如果「*」是内容的一部分，请把整个值用引号括起来。",
        )
    if "alias" in context or "anchor" in context:
        return line, col, "值以「*」或「&」开头会被当成 YAML 的引用。如果这是内容的一部分，请把整个值用引号括起来。"
    if "while scanning a tag" in context:
        return line, col, "值以「!」开头会被当成 YAML 的标签。如果这是内容的一部分，请把整个值用引号括起来。"
    if "directive" in context:
        return (
            line,
            col,
            "以「%」开头的行会被当成 YAML 的指令。如果这是内容的一部分，请把整个值用引号括起来；否则删掉这一行。",
        )
    if "cannot start any token" in problem:
        ch = f"「{here}」" if here.strip() else "这个符号"
        return (
            line,
            col,
            f'{ch}不能放在值的开头。请把整个值用引号括起来，例如 活动: "{src[col - 1 :].strip() or "…"}"。',
        )
    if "single document" in context or "another document" in problem:
        return (
            line,
            col,
            "文件里出现了第二份内容（一行「---」或「...」之后又有内容）。一个事实表只能有一份内容：请删掉多余的「---」或「...」行。",
        )
    if "block scalar" in context:
        return line, col, "「|」或「>」后面的多行文字缩进不对：每一行都要比键多缩进两个空格。"
    if "end of stream" in problem:
        return line, col, "文件在这里意外结束了：请检查最后几行的引号和括号是否成对。"
    return (
        line,
        col,
        "这里的 YAML 格式有误。请检查这一行和上一行：缩进是否对齐、冒号是否是半角并且后面有空格、引号和括号是否成对。",
    )


# ---------------------------------------------------------------------------
# Values


def _describe(node: Node) -> str:
    """What a node is, in plain words."""
    if isinstance(node, SequenceNode):
        return "一个列表（以「- 」开头的几行）"
    if isinstance(node, MappingNode):
        return "几行「键: 值」"
    tag = node.tag
    if tag in (_INT, _FLOAT):
        return f"数字 {node.value}"
    if tag == _BOOL:
        return f"是/否值 {node.value}"
    if tag == _NULL:
        return "空值"
    if tag == _TS:
        return f"日期 {node.value}"
    return f"文字「{_show(str(node.value))}」"


def _show(s: str, limit: int = 20) -> str:
    s = s.replace("\r", " ").replace("\n", " ").strip()
    return s if len(s) <= limit else s[:limit] + "…"


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


_KEYLIKE = re.compile(r"^\s*([^\s:：]{1,8}?)\s*(：|:(?=\S))")


def _keylike_hint(text: str) -> str:
    """A hint when ``text`` looks like ``键：值`` or ``键:值`` typed wrongly."""
    m = _KEYLIKE.match(text)
    if not m or m.group(1) not in _ALL_KEYS:
        return ""
    key = m.group(1)
    if m.group(2) == "：":
        return "看起来这里用了全角冒号：" + _fw_colon_msg(key)
    return f"看起来「{key}」后面的冒号没有跟空格：请写成「{key}: 」再接内容。"


_NUM = re.compile(r"\d+")
_MAX_DIGITS = 9  # no union has a billion members; int() of huge strings is slow
_COUNT_TEXT = re.compile(r"^(\d+)\s*(?:人|名|个|家|位)?$")
_PEOPLE_TEXT = re.compile(
    r"^(?:约|近|超过|共|计|合计|共计|达|累计|上|逾)?\s*(\d+|[零〇一二两三四五六七八九十百千万]+)\s*(?:余|多)?\s*"
    r"(?:名|人|人次|位|个|次)?\s*(?:以上|左右)?$"
)
_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万]")
_RATE_TEXT = re.compile(r"^(\d+(?:\.\d+)?)\s*%?$")
_YEAR_TEXT = re.compile(r"^(\d{4})\s*(?:年度|年)?$")
_PLAIN_INT = re.compile(r"^[+-]?\d+$")

_WHEN_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]"), "ymd"),
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), "ym"),
    (re.compile(r"(\d{4})年(\d{1,2})月份?"), "ym"),
    (re.compile(r"(\d{1,2})月(\d{1,2})[日号]"), "md"),
    (re.compile(r"(\d{1,2})月份?"), "m"),
)
_TS_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check_ymd(year: int | None, month: int, day: int | None, year_hint: int | None) -> str | None:
    """Why the date is impossible, or None."""
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        return f"年份 {year} 不对，应在 {YEAR_MIN} 到 {YEAR_MAX} 之间"
    if not 1 <= month <= 12:
        return f"没有 {month} 月，月份只能是 1 到 12"
    if day is not None:
        y = year if year is not None else year_hint
        last = _days_in(y, month) if y is not None else _days_in(2000, month)
        if not 1 <= day <= last:
            which = f"{y}年{month}月" if y is not None else f"{month}月"
            return f"{which}没有 {day} 日（只有 {last} 天）"
    return None


def _parse_when_text(text: str) -> tuple[int | None, int, int | None] | None:
    """(year, month, day) if ``text`` is a date or month we recognise."""
    s = re.sub(r"\s+", "", text.translate(_FW))
    for pattern, kind in _WHEN_PATTERNS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        g = [int(x) for x in m.groups()]
        if kind == "ymd":
            return g[0], g[1], g[2]
        if kind == "ym":
            return g[0], g[1], None
        if kind == "md":
            return None, g[0], g[1]
        return None, g[0], None
    return None


class _Reader:
    """Builds Facts from the node graph, collecting every problem."""

    def __init__(self, file: str, text: str, today: _dt.date) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.today = today
        self.problems: list[FactSheetError] = []
        self.warnings: list[Warning_] = []
        self.bad: set[int] = set()  # nodes already reported (bad tags)
        self.year: int | None = None
        self._said: set[tuple[int, int, str]] = set()

    # -- reporting ---------------------------------------------------------

    def _where(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def error(self, node: Node, message: str) -> None:
        line, col = self._where(node)
        if (line, col, message) in self._said:
            return
        self._said.add((line, col, message))
        self.problems.append(FactSheetError(message, file=self.file, line=line, col=col))

    def warn(self, node: Node, message: str) -> None:
        line, col = self._where(node)
        if (line, col, "w" + message) in self._said:
            return
        self._said.add((line, col, "w" + message))
        self.warnings.append(Warning_(message, file=self.file, line=line, col=col))

    def pos(self, node: Node) -> Pos:
        line, col = self._where(node)
        return Pos(self.file, line, col)

    # -- the graph ---------------------------------------------------------

    def scan(self, root: Node) -> bool:
        """Check tags, merge keys, cycles, expanded size and depth.

        Iterative (no recursion), each node visited once; the node count and
        depths are those of the tree the aliases expand to, and the walk
        stops as soon as the count passes MAX_NODES.  False: stop here.
        """
        size: dict[int, int] = {}  # expanded size of each finished node
        height: dict[int, int] = {}
        state: dict[int, int] = {}  # 1: on the current path, 2: finished
        total = 0  # expanded nodes met so far
        aliased = False
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            nid = id(node)
            if leaving:
                kids = _children(node)
                size[nid] = 1 + sum(size[id(k)] for k in kids)
                height[nid] = 1 + max((height[id(k)] for k in kids), default=0)
                state[nid] = 2
                if height[nid] > MAX_DEPTH:
                    self.error(
                        node, f"从这里开始嵌套层数太多（超过 {MAX_DEPTH} 层）。事实表只需要几层缩进，请检查缩进和括号。"
                    )
                    return False
                continue
            seen = state.get(nid)
            if seen == 1:
                self.error(
                    node, "这里的引用（「&」和「*」）引用了它自己，会无限展开。请删掉「&」「*」，把内容直接写出来。"
                )
                return False
            if seen == 2:
                aliased = True
                total += size[nid]
            else:
                kids = _children(node)
                total += 1 if len(kids) <= MAX_NODES else len(kids)
            if total > MAX_NODES:
                if aliased:
                    self.error(
                        node,
                        f"这里的引用（「&」和「*」）展开后超过 {MAX_NODES:,} 项，可能是恶意构造的文件。"
                        "事实表不需要引用：请删掉「&」「*」，把内容直接写出来。",
                    )
                else:
                    self.error(node, f"内容太多（超过 {MAX_NODES:,} 项），这不像一份事实表。请只保留这一年的工作事项。")
                return False
            if seen == 2:
                continue
            state[nid] = 1
            self._check_tag(node)
            stack.append((node, True))
            stack.extend((k, False) for k in reversed(kids))
        return True

    def _check_tag(self, node: Node) -> None:
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag in _SCALAR_TAGS:
                return
            if tag == _MERGE:
                self.bad.add(id(node))
                self.error(node, "不支持「<<」合并写法。请删掉「<<」这一行，把要用的内容直接写出来。")
                return
        elif isinstance(node, SequenceNode) and tag == _SEQ:
            return
        elif isinstance(node, MappingNode) and tag == _MAP:
            return
        self.bad.add(id(node))
        shown = "!!" + tag[len(_T) :] if tag.startswith(_T) else tag
        danger = "（这类标签能让程序执行代码，drafter 出于安全考虑一律拒绝）" if "python" in tag else ""
        self.error(
            node,
            f"不支持 YAML 标签「{_show(shown, 40)}」{danger}。事实表里只能写文字、数字、日期和列表：请删掉以「!」开头的这个标签。",
        )

    # -- mappings ----------------------------------------------------------

    def fields(
        self, node: MappingNode, allowed: Sequence[str], where: str
    ) -> tuple[dict[str, tuple[Node, Node]], set[str]]:
        """The known keys of a mapping; reports unknown and duplicate keys.

        Returns the fields and the keys suggested for unknown ones (so that a
        misspelt required key is not also reported as missing).
        """
        out: dict[str, tuple[Node, Node]] = {}
        first: dict[str, Node] = {}
        suggested: set[str] = set()
        for knode, vnode in node.value:
            if id(knode) in self.bad:
                continue
            if not isinstance(knode, ScalarNode):
                self.error(
                    knode,
                    f"{where or '文件'}里的键（冒号前面的部分）应为文字，这里写的是{_describe(knode)}。请写成「键: 值」的形式。",
                )
                continue
            if knode.tag == _NULL and not str(knode.value).strip():
                self.error(knode, "这一行冒号前面是空的，缺少键名。请在冒号前写上键名（如「活动」），或删掉这个冒号。")
                continue
            raw = str(knode.value)
            key = raw.strip()
            if key in first:
                other = first[key]
                self.error(
                    knode,
                    f"「{_show(key)}」重复出现了（第一次在第 {other.start_mark.line + 1} 行）。"
                    f"同一层里一个键只能写一次，否则前面的内容会被丢掉：请把两处的内容合并到第一个「{_show(key)}」下面，并删掉这一个。",
                )
                continue
            first[key] = knode
            if key in allowed:
                out[key] = (knode, vnode)
                continue
            if raw[:1] in ("\u3000", "\xa0") and key in _ALL_KEYS:
                self.error(knode, _FWSPACE_MSG)
                continue
            hint = _keylike_hint(key)
            if hint:
                self.error(knode, hint)
                continue
            message, target = self._unknown_key(key, allowed, where, vnode)
            if target:
                suggested.add(target)
            self.error(knode, message)
        return out, suggested

    def _unknown_key(self, key: str, allowed: Sequence[str], where: str, value: Node) -> tuple[str, str | None]:
        shown = _show(key)
        inside = f"{where}里" if where else ""
        target = _suggest(key, allowed)
        if target:
            return f"{inside}不认识「{shown}」，是否想写「{target}」？请改正这个键名。", target
        home = _HOME.get(key)
        if home == "top":
            return (
                f"「{shown}」应该顶格写（前面不要有空格），现在它被缩进到了{inside}面。请删掉这一行开头的空格。",
                None,
            )
        if home == "概况":
            return f"「{shown}」应写在「概况」下面：先写一行「概况:」，下面每行缩进两个空格写「{shown}: 数字」。", None
        if home == "事项":
            return (
                f"「{shown}」应写在一个事项里：事项写在「民主建设」等分类下面，每个事项以「- 」开头，"
                "其余各行与第一行的键对齐。请检查这一行的缩进。"
            ), None
        if home in ("其他工作", "落款"):
            return f"「{shown}」应写在「{home}」下面（缩进两个空格）。请检查这一行的缩进。", None
        listed = "、".join(allowed)
        message = f"{inside}不认识「{shown}」。这里可以写的有：{listed}。请检查拼写，或删掉这一行。"
        if where.endswith("事项") and len(key) > 4 and isinstance(value, ScalarNode):
            message += "如果这是一整句话，其中的「冒号加空格」被当成了键和值的分隔：请把整句用引号括起来，或把半角冒号改成全角「：」。"
            return message, "活动"  # a sentence: do not also report 活动 missing
        return message, None

    def require(
        self, node: MappingNode, fields: dict[str, tuple[Node, Node]], key: str, suggested: set[str], message: str
    ) -> Node | None:
        """The value of a required key, or None after reporting it missing."""
        if key in fields:
            return fields[key][1]
        if key not in suggested:
            self.error(node, message)
        return None

    def _comment_hint(self, key: Node) -> str:
        line = self.lines[key.start_mark.line] if key.start_mark.line < len(self.lines) else ""
        rest = line[key.end_mark.column :] if key.end_mark.line == key.start_mark.line else ""
        if re.match(r"\s*:\s+#", rest):
            return "注意：「#」和它后面的内容被当作注释忽略了。如果「#」是内容的一部分，请把整个值用引号括起来。"
        return ""

    # -- scalars -----------------------------------------------------------

    def text(self, node: Node, label: str, example: str = "") -> str | None:
        """A text value: any scalar, as written and stripped; None if empty."""
        if id(node) in self.bad:
            return None
        if not isinstance(node, ScalarNode):
            how = f"例如 {example}" if example else "直接写在冒号后面"
            extra = ""
            if isinstance(node, SequenceNode) and len(node.value) == 1:
                extra = "如果只有一项，请去掉开头的「- 」，把内容直接写在冒号后面。"
            self.error(node, f"{label}应为一段文字，这里写的是{_describe(node)}。{extra}请把文字写在冒号后面，{how}。")
            return None
        if node.tag == _NULL:
            return None
        value = str(node.value).strip()
        if not value:
            return None
        if len(value) > MAX_TEXT:
            self.error(node, f"{label}有 {len(value)} 个字，超过了每项 {MAX_TEXT} 字的上限。请精简，或拆成几条分开写。")
            return None
        return value

    def required_text(
        self, fields: dict[str, tuple[Node, Node]], parent: MappingNode, key: str, label: str, suggested: set[str]
    ) -> str | None:
        example = _EXAMPLES.get(key, "")
        value_node = self.require(
            parent,
            fields,
            key,
            suggested,
            f"缺少必填项{label}。请加一行，例如 {example}（冒号是半角，后面有一个空格）。",
        )
        if value_node is None:
            return None
        value = self.text(value_node, label, example)
        if value is None and isinstance(value_node, ScalarNode) and id(value_node) not in self.bad:
            hint = self._comment_hint(fields[key][0])
            self.error(value_node, f"{label}是必填项，不能为空。请在冒号后面填写，例如 {example}。{hint}")
        return value

    def choice(self, node: Node, label: str, options: Sequence[str], hints: dict[str, str]) -> str | None:
        value = self.text(node, label)
        if value is None:
            return None
        if value in options:
            return value
        target = hints.get(value) or hints.get(value.lower()) or _close(value, options)
        guess = f"是否想写「{target}」？" if target else ""
        self.error(
            node, f"{label}只能是{'、'.join(options)}之一，这里写的是「{_show(value)}」。{guess}请改成其中一个。"
        )
        return None

    def year_(self, node: Node, label: str) -> int | None:
        if id(node) in self.bad:
            return None
        fix = "请写四位数的年份，例如 年度: 2025。"
        if not isinstance(node, ScalarNode) or node.tag not in (_INT, _STR):
            if isinstance(node, ScalarNode) and node.tag == _NULL:
                self.error(node, f"{label}是必填项，不能为空。{fix}")
            else:
                self.error(node, f"{label}应为年份，这里写的是{_describe(node)}。{fix}")
            return None
        m = _YEAR_TEXT.match(str(node.value).translate(_FW).strip())
        if not m:
            self.error(node, f"{label}应为年份，这里写的是「{_show(str(node.value))}」。{fix}")
            return None
        year = int(m.group(1))
        if not YEAR_MIN <= year <= YEAR_MAX:
            self.error(node, f"{label} {year} 不对，应在 {YEAR_MIN} 到 {YEAR_MAX} 之间。{fix}")
            return None
        return year

    def count(self, node: Node, label: str) -> int | None:
        """A non-negative whole number: 268 or "268人"."""
        if id(node) in self.bad or _is_null(node):
            return None
        fix = "请写一个整数，例如 268。"
        if not isinstance(node, ScalarNode) or node.tag not in (_INT, _STR):
            if isinstance(node, ScalarNode) and node.tag == _FLOAT:
                self.error(node, f"{label}应为整数，这里写的是小数 {node.value}。{fix}")
            else:
                self.error(node, f"{label}应为数字，这里写的是{_describe(node)}。{fix}")
            return None
        text = str(node.value).translate(_FW).strip()
        if any(len(n) > _MAX_DIGITS for n in _NUM.findall(text)):
            self.error(node, f"{label}这个数太大了（{_show(text)}）。{fix}")
            return None
        if node.tag == _INT and _PLAIN_INT.match(text.replace("_", "")):
            number = int(text.replace("_", ""))
        else:
            m = _COUNT_TEXT.match(text)
            if not m:
                if text.startswith("-") and _NUM.search(text):
                    self.error(node, f"{label}不能是负数，这里写的是 {_show(text)}。{fix}")
                else:
                    self.error(node, f"{label}应为数字，这里写的是「{_show(text)}」。{fix}")
                return None
            number = int(m.group(1))
        if number < 0:
            self.error(node, f"{label}不能是负数，这里写的是 {number}。{fix}")
            return None
        return number

    def rate(self, node: Node, label: str) -> str | None:
        """入会率: 98.5, "98.5%", "98.5％" -> "98.5%"."""
        if id(node) in self.bad or _is_null(node):
            return None
        fix = "请写百分数，例如 入会率: 98.5%。"
        if not isinstance(node, ScalarNode) or node.tag not in (_INT, _FLOAT, _STR):
            self.error(node, f"{label}应为百分数，这里写的是{_describe(node)}。{fix}")
            return None
        text = str(node.value).translate(_FW).strip()
        m = _RATE_TEXT.match(text) if len(text) <= 30 else None
        if m:
            shown = m.group(1)
        elif node.tag == _FLOAT:
            try:
                shown = f"{float(text.replace('_', '')):g}"
            except ValueError:
                shown = ""
        else:
            shown = ""
        if not shown:
            self.error(node, f"{label}应为百分数，这里写的是「{_show(text)}」。{fix}")
            return None
        value = float(shown)
        if not 0 <= value <= 100:
            self.error(node, f"{label}应在 0% 到 100% 之间，这里写的是 {shown}%。{fix}")
            return None
        if 0 < value <= 1 and "." in shown and "%" not in text:
            self.warn(node, f"{label}会写成 {shown}%。如果想写的是 {value * 100:g}%，请写成 入会率: {value * 100:g}%。")
        return f"{shown}%"

    def people(self, node: Node, label: str) -> int | str | None:
        """人数: a positive int, or a string such as "98人次" or "200余人"."""
        if id(node) in self.bad or _is_null(node):
            return None
        fix = "请写参加人数，例如 人数: 45，或 人数: 98人次。"
        if not isinstance(node, ScalarNode) or node.tag not in (_INT, _STR):
            if isinstance(node, ScalarNode) and node.tag == _FLOAT:
                self.error(node, f"{label}应为整数，这里写的是小数 {node.value}。{fix}")
            else:
                self.error(node, f"{label}应为人数，这里写的是{_describe(node)}。{fix}")
            return None
        written = str(node.value).strip()
        text = written.translate(_FW)
        if any(len(n) > _MAX_DIGITS for n in _NUM.findall(text)):
            self.error(node, f"{label}这个数太大了（{_show(written)}）。{fix}")
            return None
        if _PLAIN_INT.match(text.replace("_", "") if node.tag == _INT else text):
            number = int(text.replace("_", ""))
            if number <= 0:
                what = "负数" if number < 0 else " 0"
                self.error(node, f"{label}不能是{what}，这里写的是 {number}。{fix}")
                return None
            return number
        if len(written) > MAX_TEXT:
            self.error(node, f"{label}太长了（{len(written)} 个字）。{fix}")
            return None
        numbers = [int(n) for n in _NUM.findall(text)]
        if re.match(r"^[-－]\s*\d", written):
            self.error(node, f"{label}不能是负数，这里写的是「{_show(written)}」。{fix}")
            return None
        if not numbers and not _CN_NUMERAL.search(text):
            self.error(node, f"{label}里要有一个数，这里写的是「{_show(written)}」。{fix}")
            return None
        if numbers and all(n == 0 for n in numbers):
            self.error(node, f"{label}不能是 0，这里写的是「{_show(written)}」。{fix}")
            return None
        if not _PEOPLE_TEXT.match(text):
            self.warn(
                node,
                f"{label}「{_show(written)}」不像是一个人数（如 45、98人次、200余人），会照原样写进稿子。请确认这样写是对的。",
            )
        return written

    def date(self, node: Node, label: str) -> _dt.date | None:
        """A full date: a YAML date, or "2025年12月25日", "2025/12/25"."""
        if id(node) in self.bad or _is_null(node):
            return None
        fix = "请写完整的年月日，例如 2025-12-25 或 2025年12月25日。"
        if not isinstance(node, ScalarNode) or node.tag not in (_TS, _STR):
            self.error(node, f"{label}应为日期，这里写的是{_describe(node)}。{fix}")
            return None
        text = str(node.value).strip()
        m = _TS_DATE.match(text) if node.tag == _TS else None
        ymd = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else _parse_when_text(text)
        if ymd is None or ymd[0] is None or ymd[2] is None:
            self.error(node, f"{label}应为完整的日期，这里写的是「{_show(text)}」。{fix}")
            return None
        year, month, day = ymd
        why = _check_ymd(year, month, day, None)
        if why:
            self.error(node, f"{label}「{_show(text)}」不是有效的日期：{why}。{fix}")
            return None
        return _dt.date(year, month, day)

    def when(self, node: Node, label: str) -> When | None:
        if id(node) in self.bad or _is_null(node):
            return None
        fix = "请写成 3月、3月8日、2025-03-08 这样的日期，或 上半年、春节前 这样的文字。"
        if not isinstance(node, ScalarNode) or node.tag == _BOOL:
            self.error(node, f"{label}应为日期或文字，这里写的是{_describe(node)}。{fix}")
            return None
        text = str(node.value).strip()
        if not text:
            return None
        if len(text) > MAX_TEXT:
            self.error(node, f"{label}有 {len(text)} 个字，超过了 {MAX_TEXT} 字的上限。{fix}")
            return None
        m = _TS_DATE.match(text) if node.tag == _TS else None
        ymd = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else _parse_when_text(text)
        if ymd is None:
            if node.tag in (_INT, _FLOAT):
                self.error(node, f"{label}写的是数字 {text}，看不出是哪天。{fix}")
                return None
            return When(text=text)
        year, month, day = ymd
        why = _check_ymd(year, month, day, self.year)
        if why:
            self.error(node, f"{label}「{_show(text)}」不是有效的日期：{why}。请改正，例如 3月8日 或 2025-03-08。")
            return None
        if year is not None and self.year is not None and year != self.year:
            self.warn(node, f"{label}是 {year} 年，不在报告的年度（{self.year} 年）内。请核对年份。")
        return When(year=year, month=month, day=day)

    # -- lists ---------------------------------------------------------------

    def sentence(self, node: Node, label: str) -> str | None:
        """One sentence of a list (存在不足, 明年打算, 获奖)."""
        if id(node) in self.bad:
            return None
        if _is_null(node):
            self.warn(node, f"{label}是空的，已跳过。请填写内容，或删掉这一行。")
            return None
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            extra = ""
            if isinstance(node, MappingNode):
                extra = "如果这句话里有「冒号加空格」，请把整句用引号括起来，或改用全角冒号「：」。"
            self.error(node, f"{label}应为一句话（文字），这里写的是{_describe(node)}。{extra}请写成「- 一句话」。")
            return None
        return self.text(node, label) or self._empty(node, label)

    def _empty(self, node: Node, label: str) -> None:
        self.warn(node, f"{label}是空的，已跳过。请填写内容，或删掉这一行。")
        return None

    def sentences(self, node: Node, label: str) -> tuple[str, ...]:
        """A list of sentences; a single string is a one-element list."""
        if id(node) in self.bad:
            return ()
        if _is_null(node) or (isinstance(node, SequenceNode) and not node.value):
            self.warn(node, f"{label}没有填写内容。如果不需要，可以删掉这一行；否则请在下面逐条写「- 一句话」。")
            return ()
        if isinstance(node, ScalarNode) and node.tag == _STR:
            one = self.text(node, label)
            return (one,) if one else ()
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"{label}应为一句话或一个列表（每行以「- 」开头），这里写的是{_describe(node)}。请在下一行缩进两个空格，写「- 一句话」。",
            )
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            s = self.sentence(entry, f"{label}第 {i} 条")
            if s is not None:
                out.append(s)
        return tuple(out)

    def items(self, node: Node, label: str) -> tuple[Item, ...]:
        """A list of 事项."""
        if id(node) in self.bad:
            return ()
        if _is_null(node) or (isinstance(node, SequenceNode) and not node.value):
            self.warn(
                node, f"{label}没有填写事项，这一部分不会出现在稿子里。如果有这方面的工作，请在下面逐条写「- 事项」。"
            )
            return ()
        if isinstance(node, ScalarNode) and node.tag == _STR:
            one = self.item(node, f"{label}的事项")
            return (one,) if one else ()
        if isinstance(node, MappingNode):
            keys = [str(k.value) for k, _v in node.value if isinstance(k, ScalarNode)]
            if any(k.strip() in ITEM_KEYS for k in keys):
                self.error(
                    node,
                    f"{label}下面应为事项列表，每个事项以「- 」开头。请在这个事项第一行（「{keys[0].strip()}」）前面加上「- 」（减号和空格），"
                    "其余各行与它对齐。",
                )
            else:
                self.error(
                    node,
                    f"{label}下面应为事项列表（每个事项以「- 」开头），这里写的是{_describe(node)}。请改成「- 一句话」或「- 活动: …」。",
                )
            return ()
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"{label}下面应为事项列表（每个事项以「- 」开头），这里写的是{_describe(node)}。请在下一行缩进两个空格，写「- 一句话」或「- 活动: …」。",
            )
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            item = self.item(entry, f"{label}第 {i} 个事项")
            if item is not None:
                out.append(item)
        return tuple(out)

    def item(self, node: Node, label: str) -> Item | None:
        if id(node) in self.bad:
            return None
        if _is_null(node):
            self.warn(node, f"{label}是空的，已跳过。请填写内容，或删掉这一行「- 」。")
            return None
        if isinstance(node, ScalarNode):
            if node.tag != _STR:
                self.error(
                    node,
                    f"{label}应为一句话，或「时间」「活动」等几行，这里写的是{_describe(node)}。请写成「- 一句话」或「- 活动: …」。",
                )
                return None
            value = self.text(node, label)
            if value is None:
                return self._empty(node, label)
            hint = _keylike_hint(value)
            if hint:
                self.error(node, f"{label}：{hint}")
                return None
            return Item(pos=self.pos(node), sentence=value)
        if isinstance(node, SequenceNode):
            self.error(
                node,
                f"{label}应为一句话，或「时间」「活动」等几行，这里写的是{_describe(node)}（可能多写了一个「- 」）。请删掉多余的「- 」。",
            )
            return None
        fields, suggested = self.fields(node, ITEM_KEYS, label)
        activity = self.required_text(fields, node, "活动", f"{label}的「活动」", suggested)
        when = self.when(fields["时间"][1], f"{label}的「时间」") if "时间" in fields else None
        people = self.people(fields["人数"][1], f"{label}的「人数」") if "人数" in fields else None
        result = self.text(fields["成果"][1], f"{label}的「成果」", _EXAMPLES["成果"]) if "成果" in fields else None
        awards = self.awards(fields["获奖"][1], f"{label}的「获奖」") if "获奖" in fields else ()
        if activity is None:
            return None
        return Item(pos=self.pos(node), when=when, activity=activity, people=people, result=result, awards=awards)

    def awards(self, node: Node, label: str) -> tuple[str, ...]:
        if id(node) in self.bad or _is_null(node):
            return ()
        if isinstance(node, ScalarNode):
            one = self.text(node, label, _EXAMPLES["获奖"])
            return (one,) if one else ()
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"{label}应为文字或列表，这里写的是{_describe(node)}。请写成 获奖: 县演讲比赛一等奖，或 获奖: [一等奖, 优秀组织奖]。",
            )
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            if _is_null(entry):
                continue
            if not isinstance(entry, ScalarNode):
                self.error(entry, f"{label}第 {i} 项应为文字，这里写的是{_describe(entry)}。")
                continue
            s = self.text(entry, f"{label}第 {i} 项")
            if s:
                out.append(s)
        return tuple(out)

    # -- sections ------------------------------------------------------------

    def mapping(self, node: Node, label: str, how: str) -> MappingNode | None:
        if id(node) in self.bad:
            return None
        if isinstance(node, MappingNode):
            return node
        if _is_null(node):
            return None
        hint = _keylike_hint(str(node.value)) if isinstance(node, ScalarNode) else ""
        self.error(node, f"{label}下面应为几行「键: 值」，这里写的是{_describe(node)}。{hint or how}")
        return None

    def overview(self, node: Node) -> Overview:
        m = self.mapping(node, "「概况」", "请换行并缩进两个空格，逐行写「会员人数: 268」这样的内容。")
        if m is None:
            return Overview()
        fields, _s = self.fields(m, OVERVIEW_KEYS, "「概况」")
        values: dict[str, int | None] = {}
        for key in ("会员人数", "职工人数", "女职工人数", "基层工会数"):
            values[key] = self.count(fields[key][1], f"「概况」里的「{key}」") if key in fields else None
        rate = self.rate(fields["入会率"][1], "「概况」里的「入会率」") if "入会率" in fields else None
        staff = values["职工人数"]
        if staff is not None:
            for key in ("女职工人数", "会员人数"):
                v = values[key]
                if v is not None and v > staff:
                    self.error(
                        fields[key][1], f"「{key}」（{v}）比「职工人数」（{staff}）还多，这不可能。请核对这两个数。"
                    )
        return Overview(
            members=values["会员人数"],
            staff=staff,
            women=values["女职工人数"],
            grassroots_unions=values["基层工会数"],
            membership_rate=rate,
        )

    def other_work(self, node: Node) -> tuple[OtherWork, ...]:
        label = "「其他工作」"
        if id(node) in self.bad:
            return ()
        if _is_null(node) or (isinstance(node, SequenceNode) and not node.value):
            self.warn(node, f"{label}没有填写内容。如果不需要，可以删掉这一行。")
            return ()
        if not isinstance(node, SequenceNode):
            how = "每一项以「- 标题: …」开头，下面一行对齐写「事项:」，再缩进写事项列表。"
            if isinstance(node, MappingNode):
                self.error(node, f"{label}下面应为列表：{how}请在「标题」前面加上「- 」。")
            else:
                self.error(node, f"{label}下面应为列表，这里写的是{_describe(node)}。{how}")
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            work = self.other_entry(entry, f"{label}第 {i} 项")
            if work is not None:
                out.append(work)
        return tuple(out)

    def other_entry(self, node: Node, label: str) -> OtherWork | None:
        if id(node) in self.bad:
            return None
        if _is_null(node):
            self.warn(node, f"{label}是空的，已跳过。")
            return None
        how = "每一项要写成「- 标题: 加强工会自身建设」，下一行对齐写「事项:」，再缩进写事项列表。"
        if not isinstance(node, MappingNode):
            self.error(node, f"{label}应包含「标题」和「事项」，这里写的是{_describe(node)}。{how}")
            return None
        keys = {str(k.value).strip() for k, _v in node.value if isinstance(k, ScalarNode)}
        if "标题" not in keys and keys & {"活动", "时间"}:
            self.error(node, f"{label}看起来是一个事项，但其他工作的每一项要先写标题。{how}")
            return None
        fields, suggested = self.fields(node, OTHER_KEYS, label)
        title = self.required_text(fields, node, "标题", f"{label}的「标题」", suggested)
        if "事项" in fields:
            items = self.items(fields["事项"][1], f"{label}（{_show(title or '', 12)}）" if title else label)
        else:
            items = ()
            if "事项" not in suggested:
                self.warn(node, f"{label}没有「事项」，这一部分只有标题。请在下面对齐写「事项:」，再缩进写事项列表。")
        if title is None:
            return None
        return OtherWork(pos=self.pos(node), title=title, items=items)

    def signoff(self, node: Node | None, unit: str | None, root: Node) -> SignOff | None:
        name: str | None = None
        date: _dt.date | None = None
        explicit = False
        if node is not None:
            m = self.mapping(node, "「落款」", "请换行并缩进两个空格，写「署名: …」和「日期: 2025-12-25」。")
            if m is not None:
                fields, _s = self.fields(m, SIGNOFF_KEYS, "「落款」")
                if "署名" in fields:
                    name = self.text(fields["署名"][1], "「落款」的「署名」", _EXAMPLES["署名"])
                if "日期" in fields:
                    date = self.date(fields["日期"][1], "「落款」的「日期」")
                    explicit = date is not None
                    if date is not None and self.year is not None:
                        if date.year < self.year:
                            self.warn(
                                fields["日期"][1],
                                f"落款日期 {date:%Y-%m-%d} 早于报告的年度（{self.year} 年）。请核对年份。",
                            )
                        elif date.year > self.year + 1:
                            self.warn(
                                fields["日期"][1],
                                f"落款日期 {date:%Y-%m-%d} 比报告的年度（{self.year} 年）晚了一年多。请核对年份。",
                            )
        if date is None:
            date = self.today
        if not explicit and self.year is not None and date.year < self.year:
            self.warn(
                node if node is not None else root,
                f"没有写落款日期，将使用今天的日期 {date:%Y-%m-%d}，它早于报告的年度（{self.year} 年）。请在「落款」里写上「日期」。",
            )
        if name is None:
            name = unit
        if name is None:
            return None
        return SignOff(name=name, date=date, explicit_date=explicit)

    # -- the sheet -------------------------------------------------------------

    def read(self, root: Node) -> Facts | None:
        if not self.scan(root):
            return None
        if id(root) in self.bad:
            return None
        if not isinstance(root, MappingNode):
            how = "事实表最外层应是一行一个「键: 值」，例如「单位: 某某工会」。"
            if isinstance(root, SequenceNode):
                self.error(root, f"文件最外层是一个列表（以「- 」开头），{how}请删掉最外层各行开头的「- 」。")
            else:
                hint = _keylike_hint(str(root.value))
                self.error(root, f"文件里只有一段文字，没有「键: 值」。{hint or how}")
            return None
        fields, suggested = self.fields(root, TOP_KEYS, "")

        def value(key: str) -> Node | None:
            return fields[key][1] if key in fields else None

        year_node = self.require(root, fields, "年度", suggested, "缺少必填项「年度」。请加一行，例如 年度: 2025。")
        self.year = self.year_(year_node, "「年度」") if year_node is not None else None
        unit = self.required_text(fields, root, "单位", "「单位」", suggested)
        unit_type_node = self.require(
            root,
            fields,
            "单位类型",
            suggested,
            f"缺少必填项「单位类型」。请加一行，例如 单位类型: 学校（可选：{'、'.join(UNIT_TYPES)}）。",
        )
        unit_type = None
        if unit_type_node is not None:
            unit_type = self.choice(unit_type_node, "「单位类型」", UNIT_TYPES, UNIT_TYPE_HINTS)
            if unit_type is None and _is_null(unit_type_node):
                self.error(unit_type_node, f"「单位类型」是必填项，不能为空。请填写{'、'.join(UNIT_TYPES)}之一。")
        kind_node = value("文种")
        kind = (self.choice(kind_node, "「文种」", KINDS, KIND_HINTS) if kind_node is not None else None) or KINDS[0]
        texts: dict[str, str | None] = {}
        for key in ("报告人", "职务", "上级工会", "党组织", "总体评价"):
            node = value(key)
            texts[key] = self.text(node, f"「{key}」", _EXAMPLES[key]) if node is not None else None
        if kind == "述职报告" and kind_node is not None:
            if texts["报告人"] is None:
                at = value("报告人") or kind_node
                self.error(at, "文种是述职报告时必须写「报告人」。请加一行，例如 报告人: 张三。")
            if texts["职务"] is None:
                self.warn(
                    value("职务") or kind_node,
                    "述职报告没有写「职务」，稿子里会少了报告人的职务。建议加一行，例如 职务: 工会主席。",
                )
        overview = self.overview(value("概况")) if value("概况") is not None else Overview()
        categories: dict[str, tuple[Item, ...]] = {}
        for cat in CATEGORIES:
            node = value(cat)
            categories[cat] = self.items(node, f"「{cat}」") if node is not None else ()
        other = self.other_work(value("其他工作")) if value("其他工作") is not None else ()
        if not any(categories.values()) and not other and not self.problems:
            self.warn(
                root,
                f"没有填写任何工作事项，稿子的正文会是空的。请在{'、'.join(CATEGORIES)}或「其他工作」下面填写事项。",
            )
        shortcomings = self.sentences(value("存在不足"), "「存在不足」") if value("存在不足") is not None else ()
        plans = self.sentences(value("明年打算"), "「明年打算」") if value("明年打算") is not None else ()
        signoff = self.signoff(value("落款"), unit, root)
        if unit is None or unit_type is None or self.year is None or signoff is None:
            return None
        return Facts(
            source=Path(self.file),
            unit=unit,
            unit_type=unit_type,
            year=self.year,
            kind=kind,
            reporter=texts["报告人"],
            position=texts["职务"],
            parent_union=texts["上级工会"],
            party_org=texts["党组织"],
            overview=overview,
            assessment=texts["总体评价"],
            categories=categories,
            other_work=other,
            shortcomings=shortcomings,
            plans=plans,
            signoff=signoff,
        )


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        out: list[Node] = []
        for k, v in node.value:
            out.append(k)
            out.append(v)
        return out
    return []


def _close(word: str, options: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return found[0] if found else None


def _suggest(key: str, allowed: Sequence[str]) -> str | None:
    """The valid key the user probably meant, or None."""
    simple = key.translate(_TRAD)
    if simple in allowed:
        return simple
    squashed = re.sub(r"[\s_\-]+", "", simple).lower()
    for target in _ALIASES.get(squashed, ()) + _ALIASES.get(simple, ()):
        if target in allowed:
            return target
    if simple in _ALL_KEYS and simple not in allowed:
        return None  # a real key at the wrong level: explained by its home
    return _close(simple, allowed)
