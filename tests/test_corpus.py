"""Stage 1 of the learner: loading, repair, noise, split, dedupe (drafter.learn.corpus)."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.docx import package as docx_package
from drafter.errors import SampleError
from drafter.learn.corpus import dedupe, sampleio
from drafter.learn.corpus.cleaning import PLACEHOLDER, normalise_placeholders
from drafter.learn.corpus.load import Corpus, corpus_from_text, load_samples
from drafter.learn.corpus.sampleio import sample_files
from drafter.learn.markers import parse_marker

from .conftest import ROOT

SAMPLES = ROOT / "examples" / "samples"

REPORT = """某某小学2024年工会工作总结

今年以来，学校工会在上级工会的领导下，认真履行各项职能，现将全年工作总结如下：

一、推进民主管理

召开教职工代表大会，审议通过了绩效考核办法，教职工参与学校管理的积极性明显提高。

二、关心教职工生活

春节前走访慰问困难教职工，为全体教职工办理了互助保险。
"""


def texts(corpus: Corpus) -> list[list[str]]:
    return [[p.text for p in r.paragraphs] for r in corpus.reports]


@pytest.fixture(scope="module")
def samples() -> Corpus:
    return load_samples([SAMPLES])


# --- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_every_encoding_reads_the_same(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "报告.txt"
    path.write_bytes(bom + REPORT.replace("\n", "\r\n").encode(encoding))
    loaded = load_samples([path])
    expected = corpus_from_text(REPORT)
    assert texts(loaded) == texts(expected)
    assert loaded.reports[0].title == "某某小学2024年工会工作总结"
    assert loaded.reports[0].paragraphs[0].source_line == 3


def test_charset_normalizer_fallback_for_big5(tmp_path: Path) -> None:
    text = (
        "學校工會工作總結\n\n"
        + "今年以來，學校工會在上級工會的領導下，認真履行各項職能，組織教職工開展了豐富多彩的文體活動。\n" * 5
    )
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    loaded = load_samples([path])
    assert loaded.reports[0].title == "学校工会工作总结"  # decoded, then converted to simplified script
    assert "学校工会在上级工会的领导下" in loaded.reports[0].text


# --- refusing bad samples ---------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "空的"),
        ("blank.txt", b"  \n\r\n\t\n", "空的"),
        ("noise.bin.txt", bytes(range(256)) * 4, "二进制"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "图片"),
        ("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, ".doc"),
        ("page.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "PDF"),
    ],
)
def test_bad_text_samples_are_refused(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SampleError) as info:
        load_samples([path])
    assert message in info.value.message
    assert info.value.location.file == str(path)
    assert info.value.format().startswith("错误：")


def test_too_large_sample_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sampleio, "MAX_SAMPLE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text(REPORT, encoding="utf-8")
    with pytest.raises(SampleError, match="过大"):
        load_samples([path])


def test_unsupported_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(SampleError, match=r"\.doc"):
        load_samples([tmp_path / "a.doc"])
    with pytest.raises(SampleError, match="不支持"):
        load_samples([tmp_path / "a.pdf"])
    with pytest.raises(SampleError, match="找不到"):
        load_samples([tmp_path / "nope.txt"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SampleError, match="没有"):
        load_samples([empty])


def test_folders_recurse_sorted_and_skip_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text(REPORT.replace("某某小学", "乙小学"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT.replace("某某小学", "甲小学"), encoding="gbk")
    (tmp_path / ".hidden" / "x.txt").write_text("不应读取", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "~$lock.docx").write_bytes(b"lock")
    assert sample_files([tmp_path]) == [tmp_path / "a.txt", tmp_path / "b" / "2.txt"]
    seen: list[tuple[int, int]] = []
    loaded = load_samples([tmp_path], progress=lambda done, total: seen.append((done, total)))
    assert [r.title for r in loaded.reports] == ["甲小学2024年工会工作总结", "乙小学2024年工会工作总结"]
    assert [r.index for r in loaded.reports] == [1, 2]
    assert seen == [(1, 2), (2, 2)]
    assert loaded.reports[1].duplicate_of == 1  # same report with another school name


# --- .docx ----------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("某某公司工会2024年工作总结", 0)
    document.add_paragraph("2024年，公司工会在公司党委的领导下，较好地完成了全年任务。现将主要工作汇报如下：")
    document.add_heading("加强民主管理", 1)
    document.add_paragraph("召开职工代表大会，审议通过集体合同。")
    document.add_paragraph("厂务公开", style="List Number")
    document.add_paragraph("工资协商", style="List Number")
    document.add_heading("关心职工生活", 1)
    document.add_heading("走访慰问", 2)
    paragraph = document.add_paragraph("春节前走访慰问困难职工")
    paragraph.add_run().add_break()
    paragraph.add_run("二十户，送去慰问金。")
    document.save(str(path))
    return path


def test_docx_keeps_heading_levels_and_numbering(tmp_path: Path) -> None:
    loaded = load_samples([make_docx(tmp_path / "样本.docx")])
    report = loaded.reports[0]
    assert report.title == "某某公司工会2024年工作总结"
    levels = [(p.text, p.style_level) for p in report.paragraphs]
    assert levels == [
        ("2024年，公司工会在公司党委的领导下，较好地完成了全年任务。现将主要工作汇报如下：", None),
        ("加强民主管理", 1),
        ("召开职工代表大会，审议通过集体合同。", None),
        ("1.厂务公开", None),
        ("2.工资协商", None),
        ("关心职工生活", 1),
        ("走访慰问", 2),
        ("春节前走访慰问困难职工二十户，送去慰问金。", None),  # a manual line break inside a sentence is joined
    ]
    assert report.paragraphs[1].source_line == 3  # .docx paragraph number


def _docx_bytes(
    document_xml: bytes, extra: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip file at all")
    with pytest.raises(SampleError, match="损坏"):
        load_samples([bad])
    good = make_docx(tmp_path / "good.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(SampleError, match="损坏"):
        load_samples([truncated])
    broken_xml = tmp_path / "broken.docx"
    broken_xml.write_bytes(_docx_bytes(b"<w:document " + W_NS + b"><w:body><w:p>"))
    with pytest.raises(SampleError, match="XML"):
        load_samples([broken_xml])
    no_body = tmp_path / "nobody.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    no_body.write_bytes(buffer.getvalue())
    with pytest.raises(SampleError, match=r"document\.xml"):
        load_samples([no_body])


def test_docx_with_external_entity_is_refused(tmp_path: Path) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<w:document " + W_NS + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "xxe.docx"
    path.write_bytes(_docx_bytes(xxe))
    with pytest.raises(SampleError, match="DTD"):
        load_samples([path])
    utf16 = tmp_path / "xxe16.docx"
    utf16.write_bytes(
        _docx_bytes(xxe.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"').decode().encode("utf-16"))
    )
    with pytest.raises(SampleError, match="DTD"):
        load_samples([utf16])


def test_zip_bomb_docx_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = (
        b"<w:document "
        + W_NS
        + b"><w:body><w:p><w:r><w:t>"
        + b"a" * (3 * 1024 * 1024)
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx_bytes(body))  # 3 MB of XML in a few KB: ratio far above 100
    with pytest.raises(SampleError, match="压缩"):
        load_samples([bomb])
    monkeypatch.setattr(docx_package, "MAX_MEMBER_BYTES", 1000)
    stored = tmp_path / "stored.docx"
    stored.write_bytes(
        _docx_bytes(b"<w:document " + W_NS + b">" + b" " * 2000 + b"</w:document>", compression=zipfile.ZIP_STORED)
    )
    with pytest.raises(SampleError, match="上限"):
        load_samples([stored])


# --- repair -------------------------------------------------------------------------


def test_broken_sentences_are_joined_but_headings_are_not() -> None:
    text = """单位工会工作总结

今年以来，我们认真落实上级工会部署，组织全体职工参加

了技能培训，提高了职工的业务水平。

二、丰富职工文化生活

坚持开展文体活动，全年组织了篮球赛、

演讲比赛和“职工

读书月”活动。

呈现出一片和谐景象。
"""
    paragraphs = texts(corpus_from_text(text))[0]
    assert paragraphs == [
        "今年以来，我们认真落实上级工会部署，组织全体职工参加了技能培训，提高了职工的业务水平。",
        "二、丰富职工文化生活",
        "坚持开展文体活动，全年组织了篮球赛、演讲比赛和“职工读书月”活动。",
        "呈现出一片和谐景象。",  # an orphan fragment after a finished sentence is kept as it is
    ]


def test_open_quote_is_always_joined_even_before_a_marker() -> None:
    text = "单位工会工作总结\n\n一是组织开展了“学习\n\n1号文件”专题讲座，收到良好效果。\n"
    assert texts(corpus_from_text(text))[0] == ["一是组织开展了“学习1号文件”专题讲座，收到良好效果。"]


def test_hard_wraps_of_one_width_are_joined_even_at_a_marker() -> None:
    width = 24
    sentence = (
        "五是各级基层工会通过庆祝劳动节召开了座谈会和表彰会党政负责人出席会议与大家共庆佳节共商新时期如何依靠职工群众如何更好地发挥工会的作用"
        "进一步增强了工会组织的凝聚力和向心力。"
    )
    lines = [sentence[i : i + width] for i in range(0, len(sentence), width)]
    text = "单位工会工作总结\n\n四是开展了慰问活动。\n\n" + "\n".join(lines) + "\n\n六是选树了一批先进典型。\n"
    assert all(len(line) == width for line in lines[:-1])
    paragraphs = texts(corpus_from_text(text))[0]
    assert paragraphs == ["四是开展了慰问活动。", sentence, "六是选树了一批先进典型。"]


def test_repeated_n_shi_debris_is_removed() -> None:
    text = (
        "单位工会工作总结\n\n"
        "一是各级工会组织切实发挥党联一是系职工群众的桥梁和纽带作用。\n\n"
        "二是召开了工会主席座\n二是谈会、表彰会，共商工作。\n\n"
        "三是坚持思想统一是做好工作的前提。\n"
    )
    loaded = corpus_from_text(text)
    assert texts(loaded)[0] == [
        "一是各级工会组织切实发挥党联系职工群众的桥梁和纽带作用。",
        "二是召开了工会主席座谈会、表彰会，共商工作。",
        "三是坚持思想统一是做好工作的前提。",  # 统一是 is a word, not debris
    ]
    assert loaded.stats.noise["shi_debris"] == 2


def test_unpunctuated_short_lines_are_not_swallowed() -> None:
    text = "单位工会工作总结\n\n全年主要工作\n\n一年来我们组织职工参加各类培训\n\n存在的不足\n\n活动形式还不够丰富。\n"
    assert texts(corpus_from_text(text))[0] == [
        "全年主要工作",
        "一年来我们组织职工参加各类培训",
        "存在的不足",
        "活动形式还不够丰富。",
    ]


ALPHABET = "工会职作总结报告我们度开展活动组织学习培训建设民主管理加强推进，。；、“”《》（）"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.text(ALPHABET, min_size=1, max_size=30), st.sampled_from(["\n", "\n\n", "\n\n\n"])),
        min_size=1,
        max_size=25,
    )
)
def test_repair_never_loses_characters(lines: list[tuple[str, str]]) -> None:
    text = "".join(line + sep for line, sep in lines)
    try:
        loaded = corpus_from_text(text)
    except SampleError:
        assert not text.strip()
        return
    out = "".join(loaded.stats.set_aside) + "".join((r.title or "") + r.text for r in loaded.reports)
    strip = str.maketrans("", "", " \n\t\u3000")
    assert Counter(out.translate(strip)) == Counter(text.translate(strip))


# --- noise --------------------------------------------------------------------------


def test_scrape_noise_on_the_samples(samples: Corpus) -> None:
    stats = samples.stats
    assert stats.noise == {
        "doc_notice": 1,
        "preamble": 2,
        "placeholder": 44,
        "spam_title": 4,
        "shi_debris": 4,
        "box_comma": 5,
    }
    assert 35 <= stats.joins <= 42
    everything = "\n".join(r.text for r in samples.reports)
    assert "述职报告2016" not in everything and "年工会主席述职报告。" not in everything
    assert "doc格式" not in everything
    assert "□" not in everything
    assert "xx" not in everything.lower() and "**" not in everything
    assert any("大全10篇" in line for line in stats.set_aside)


def test_glued_spam_is_removed_only_when_it_repeats() -> None:
    text = (
        "单位工会工作总结\n\n"
        "一是推进学习制度化2019年某某工会主席述职报告2019年某某工会主席述职报告。坚持每月学习。\n\n"
        "二是作为主要目标2019年某某工会主席述职报告工作报告。全年完成。\n\n"
        "三是会议审议通过了2024年工会工作报告。\n\n"
        "四是开展读书活动，形成了总结材料2023年读书活动总结。\n"
    )
    loaded = corpus_from_text(text)
    assert texts(loaded)[0] == [
        "一是推进学习制度化。坚持每月学习。",
        "二是作为主要目标。全年完成。",
        "三是会议审议通过了2024年工会工作报告。",
        "四是开展读书活动，形成了总结材料2023年读书活动总结。",  # once: not spam
    ]
    assert loaded.stats.noise["spam_title"] == 2


def test_notice_lines_boxes_and_placeholders() -> None:
    text = (
        "单位工会工作总结\n\n本人xxx□现任公司工会主席，20xx年组织活动xx次，201*年获**县表彰。\n\n"
        "文档为doc格式\n\n上一篇：工会工作计划\n"
    )
    loaded = corpus_from_text(text)
    assert texts(loaded)[0] == [
        f"本人{PLACEHOLDER}，现任公司工会主席，{PLACEHOLDER}年组织活动{PLACEHOLDER}次，{PLACEHOLDER}年获{PLACEHOLDER}县表彰。"
    ]
    assert loaded.stats.noise["doc_notice"] == 1 and loaded.stats.noise["site_chrome"] == 1
    assert normalise_placeholders("docx文件和Xbox不是占位符") == ("docx文件和Xbox不是占位符", 0)


def test_page_preamble_and_blurb_are_set_aside() -> None:
    text = "2024年工会工作总结范文(精选5篇)\n\n下面是小编为大家整理的工会工作总结范文，欢迎阅读。\n\n" + REPORT
    loaded = corpus_from_text(text)
    assert len(loaded.reports) == 1
    assert loaded.reports[0].title == "某某小学2024年工会工作总结"
    assert set(loaded.stats.set_aside) == {
        "2024年工会工作总结范文(精选5篇)",
        "下面是小编为大家整理的工会工作总结范文，欢迎阅读。",
    }
    assert loaded.reports[0].paragraphs[0].text.startswith("今年以来")


# --- split ----------------------------------------------------------------------------


def test_split_of_the_sample_page(samples: Corpus) -> None:
    assert len(samples.reports) == 10
    assert [r.position for r in samples.reports] == list(range(1, 11))
    assert all(r.title == "工会领导工作总结" for r in samples.reports)
    assert samples.reports[0].paragraphs[0].text == "尊敬的各位领导："
    assert samples.reports[1].source_line == 63


@pytest.mark.parametrize(
    "titles",
    [
        ["【篇一】工会工作总结", "【篇二】工会工作总结", "【篇三】工会工作总结"],
        ["工会工作总结范文一", "工会工作总结范文二", "工会工作总结范文三"],
        ["第一篇：学校工会工作总结", "第二篇：企业工会工作总结", "第三篇：机关工会工作总结"],
        ["学校工会工作总结", "企业工会工作总结", "机关工会述职报告"],
    ],
)
def test_split_styles(titles: list[str]) -> None:
    bodies = [
        "今年学校工会围绕中心工作，组织教职工开展师德培训和文体活动，取得了较好效果。" * 5,
        "公司工会坚持以职工为中心，召开职代会，开展劳动竞赛，慰问困难职工，全年工作扎实有效。" * 5,
        "机关工会组织干部职工参加学习教育，开展健身活动，为职工办实事，受到大家好评。" * 5,
    ]
    text = "工会工作总结大全\n\n" + "".join(
        f"{title}\n\n{body}\n\n" for title, body in zip(titles, bodies, strict=True)
    )
    loaded = corpus_from_text(text)
    assert [r.text for r in loaded.reports] == bodies
    assert loaded.reports[0].title is not None and "工会" in loaded.reports[0].title


def test_single_report_is_not_split() -> None:
    loaded = corpus_from_text(REPORT)
    assert len(loaded.reports) == 1
    assert loaded.reports[0].source_line == 1


# --- duplicates and kind ----------------------------------------------------------------


def test_near_duplicate_pair_in_the_samples(samples: Corpus) -> None:
    assert [r.duplicate_of for r in samples.reports] == [None] * 9 + [2]
    assert samples.stats.duplicates == 1
    assert 0.6 <= (samples.reports[9].similarity or 0) <= 0.9
    assert dedupe.jaccard(samples.reports[1].text, samples.reports[9].text) >= 0.5
    for a in samples.reports[:9]:
        for b in samples.reports[:9]:
            if a.index < b.index:
                assert dedupe.jaccard(a.text, b.text) < 0.1


def test_kinds_of_the_samples(samples: Corpus) -> None:
    kinds = [r.kind for r in samples.reports]
    assert kinds.count("personal") >= 4 and kinds.count("organisational") >= 3
    assert samples.reports[5].kind == "personal"  # 我被区局党委任命…
    assert samples.reports[0].unit_type == "school"


def test_duplicates_at_scale_are_deterministic() -> None:
    page = (SAMPLES / "工会领导工作总结大全10篇.txt").read_text(encoding="utf-8")
    variants = []
    for k in range(30):  # 300 reports, every copy made slightly different (no exact-text shortcut)
        variants.append(page.replace("一是", f"一是（第{k}批）"))
    loaded = corpus_from_text("\n".join(variants))  # its speed is measured by bench/run.py (learn)
    assert len(loaded.reports) == 300
    kept = [r.index for r in loaded.reports if r.duplicate_of is None]
    assert kept == list(range(1, 10))  # the nine distinct reports of the first copy
    assert all(r.duplicate_of in kept for r in loaded.reports[10:])
    again = corpus_from_text("\n".join(variants))
    assert [r.duplicate_of for r in again.reports] == [r.duplicate_of for r in loaded.reports]


def test_first_person_reports_are_personal() -> None:
    personal = corpus_from_text("述职\n\n本人自担任工会主席以来，认真履行职责。\n\n我组织开展了职工培训。\n")
    assert personal.reports[0].kind == "personal"
    organisational = corpus_from_text(
        "今年以来，我校工会在党支部领导下，我们组织教职工开展了培训。\n\n我们还组织了运动会。\n"
    )
    assert organisational.reports[0].kind == "organisational"
    other = corpus_from_text("县总工会在全县开展宣传月活动，现将活动开展情况小结如下。\n\n一、领导重视。\n")
    assert other.reports[0].kind == "other"


def test_markers_used_by_repair() -> None:
    assert parse_marker("一、不断推进学校民主建设") is not None
    assert parse_marker("1.5万元用于慰问") is None


def test_traditional_page_is_split_and_cleaned() -> None:
    body = "今年以來，工會組織職工開展了多項活動，職工參與熱情很高，取得了良好的效果。" * 4
    text = (
        "位置：首頁 > 範文 > 工作總結\n\n工會工作總結範文（精選3篇）\n\n"
        "下面是小編為大家整理的工會工作總結，僅供參考。\n\n"
        f"工會工作總結 篇1\n\n{body}\n\n文檔為doc格式\n\n工會工作總結 篇2\n\n{body.replace('活動', '培訓')}\n"
    )
    loaded = corpus_from_text(text)
    assert [r.title for r in loaded.reports] == ["工会工作总结", "工会工作总结"]
    assert [len(r.paragraphs) for r in loaded.reports] == [1, 1]
    assert loaded.stats.noise["doc_notice"] == 1
    assert len(loaded.stats.set_aside) == 4


def test_hard_wrapped_page_keeps_its_headings() -> None:
    width = 20
    paragraph = (
        "工会组织职工开展了形式多样的学习培训活动，提高了职工的业务素质，" * 3
        + "全年共举办培训班十二期，取得了很明显的培训效果。"
    )
    lines = [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
    assert len(paragraph) % width == 0  # the last line is full width and ends with 。
    text = "工作总结\n" + "一、加强学习培训\n" + "\n".join(lines) + "\n二、关心职工生活\n" + "\n".join(lines) + "\n"
    paragraphs = texts(corpus_from_text(text))[0]
    assert paragraphs == ["一、加强学习培训", paragraph, "二、关心职工生活", paragraph]


def test_folder_reads_txt_and_docx_only_and_names_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "notes.md").write_text(REPORT.replace("某某小学", "乙小学"), encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    loaded = load_samples([tmp_path])
    assert [r.source.name for r in loaded.reports] == ["a.txt"]
    warned = sorted(Path(w.location.file).name for w in loaded.stats.warnings)
    assert warned == ["notes.md", "scan.pdf"]
    assert all(w.format().startswith("警告：") and "已跳过" in w.message for w in loaded.stats.warnings)


def test_learn_stage_imports_stay_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, drafter.learn.corpus, drafter.learn.outline, drafter.learn.classify;"
        "bad = [m for m in ('jieba', 'opencc', 'drafter.build', 'drafter.sheet', 'drafter.roundtrip') if m in sys.modules];"
        "import drafter.build.pipeline;"
        "bad += [m for m in ('opencc', 'jieba') if m in sys.modules];"
        "sys.exit(str(bad) if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_a_marker_alone_on_its_line_joins_its_title() -> None:
    text = (
        "某公司工会工作总结\n\n今年公司工会做了以下工作：\n\n"
        "一、\n加强民主管理\n召开职代会，审议集体合同，推进厂务公开。\n\n"
        "（二）\n关心职工生活\n走访慰问困难职工，组织职工健康体检。\n\n"
        "3、\n丰富文体活动\n举办职工运动会和联欢会。\n"
    )
    paragraphs = [p.text for p in corpus_from_text(text).reports[0].paragraphs]
    assert paragraphs == [
        "今年公司工会做了以下工作：",
        "一、加强民主管理",
        "召开职代会，审议集体合同，推进厂务公开。",
        "（二）关心职工生活",
        "走访慰问困难职工，组织职工健康体检。",
        "3、丰富文体活动",
        "举办职工运动会和联欢会。",
    ]


def test_a_title_on_two_lines_is_one_title() -> None:
    text = (
        "青石县第一中学工会\n2025年度工作总结\n\n"
        "今年，校工会在校党支部领导下开展工作，现总结如下：\n\n"
        "一、推进民主管理\n召开教代会，推进校务公开。\n\n二、关心教职工生活\n走访慰问困难教职工。\n"
    )
    report = corpus_from_text(text).reports[0]
    assert report.title == "青石县第一中学工会2025年度工作总结"
    assert report.paragraphs[0].text.startswith("今年")
