"""drafter extract refuses what is not a report: a clear Chinese error naming the file, nothing written."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import docx
import pytest

from drafter.errors import ExtractError
from drafter.extract import command


def _png() -> bytes:
    """A 1×1 white PNG (what a scanner's page image stands for here)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def scanned_docx(path: Path) -> Path:
    image = path.with_suffix(".png")
    image.write_bytes(_png())
    document = docx.Document()
    for _page in range(3):
        document.add_picture(str(image))
    document.save(path)
    image.unlink()
    return path


def _refused(report: Path, words: str) -> ExtractError:
    folder = report.parent
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(ExtractError) as err:
        command(report, None, False)
    assert str(report) in err.value.format()
    assert words in err.value.message
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written
    return err.value


def test_empty_file(tmp_path: Path) -> None:
    report = tmp_path / "总结.txt"
    report.write_bytes(b"")
    _refused(report, "空")


def test_blank_lines_only(tmp_path: Path) -> None:
    report = tmp_path / "总结.txt"
    report.write_text("\n\u3000\n   \n", encoding="utf-8")
    _refused(report, "空")


def test_scanned_pages_in_a_docx(tmp_path: Path) -> None:
    _refused(scanned_docx(tmp_path / "扫描件.docx"), "只有图片")


def test_text_that_is_not_a_union_report(tmp_path: Path) -> None:
    report = tmp_path / "菜谱.txt"
    report.write_text(
        "红烧肉的做法\n\n一、备料\n五花肉一斤，切成三厘米见方的块，冷水下锅焯去血沫，捞出洗净沥干。\n"
        "二、炒糖色\n锅里放少许油和冰糖，小火慢慢炒到冰糖化开、颜色变成枣红色。\n"
        "三、炖煮\n放入肉块翻炒上色，加葱姜、八角和开水没过肉块，小火炖一个小时，最后大火收汁即可。\n",
        encoding="utf-8",
    )
    _refused(report, "工会")


def test_too_short_to_be_a_report(tmp_path: Path) -> None:
    report = tmp_path / "便条.txt"
    report.write_text("工会：明天下午三点开会。\n", encoding="utf-8")
    _refused(report, "文字太少")


def test_binary_file_named_txt(tmp_path: Path) -> None:
    report = tmp_path / "总结.txt"
    report.write_bytes(bytes(range(256)) * 40)
    _refused(report, "")


def test_broken_docx(tmp_path: Path) -> None:
    report = tmp_path / "总结.docx"
    report.write_bytes(b"PK\x03\x04 not really a zip")
    _refused(report, "")


def test_old_doc_and_sheet_and_missing_file(tmp_path: Path) -> None:
    old = tmp_path / "总结.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    _refused(old, ".docx")
    sheet = tmp_path / "事实表.yaml"
    sheet.write_text("单位: 某工会\n", encoding="utf-8")
    _refused(sheet, "事实表")
    with pytest.raises(ExtractError, match="找不到"):
        command(tmp_path / "没有这个文件.docx", None, False)


def test_cli_exit_code_1_for_a_bad_report(tmp_path: Path) -> None:
    """Through ``python -m drafter extract`` once the CLI has the command; exit 1, one error line."""
    shown = subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True, text=True)
    if "extract" not in shown.stdout + shown.stderr:
        pytest.skip("the CLI has no extract command on this branch yet")
    report = tmp_path / "扫描件.docx"
    scanned_docx(report)
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "extract", str(report)], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.startswith("错误：") and "扫描件.docx" in done.stderr
    assert not report.with_suffix(".yaml").exists()


def test_a_notice_is_not_a_year_end_report(tmp_path: Path) -> None:
    report = tmp_path / "通知.txt"
    report.write_text(
        "关于举办2025年职工趣味运动会的通知\n\n各分工会：\n"
        "为丰富职工业余文化生活，增强职工体质，经公司工会研究，定于2025年10月18日在公司体育场举办职工趣味运动会。"
        "请各分工会于10月10日前将参赛名单报公司工会办公室。\n比赛设拔河、跳绳、定点投篮、夹球接力四个项目，每个分工会限报一队。\n\n"
        "公司工会\n2025年9月20日\n",
        encoding="utf-8",
    )
    _refused(report, "通知")
