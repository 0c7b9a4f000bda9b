"""Regenerate docs/example-page1.png: page 1 of the school example draft.

    python docs/render_example.py [--dpi 100] [--sheet examples/学校工会工作总结.yaml]

Builds the draft exactly as ``drafter build`` does, converts it to PDF with
LibreOffice (drafter.build.pdf) and renders the first page with poppler's
``pdftoppm``.  Needs LibreOffice, poppler-utils and the fonts of .ci/run
(Debian: fonts-noto-cjk fonts-arphic-ukai fonts-liberation2).  The Windows
font names of a draft are mapped onto those fonts by tests/data/fonts.conf,
given to LibreOffice through ``FONTCONFIG_FILE`` (a temporary configuration
that includes the system's and then the mapping, as the tests do); nothing
is installed into /etc/fonts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.build.pdf import docx_to_pdf  # noqa: E402
from drafter.build.pipeline import build_one  # noqa: E402
from drafter.errors import DrafterError  # noqa: E402
from tests.conftest import font_config  # noqa: E402  (the tests' own font mapping)

SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
OUTPUT = ROOT / "docs" / "example-page1.png"
NOW = dt.datetime(2025, 12, 30, 9, 0, 0)  # fixed: the document properties do not change the picture


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, default=SHEET)
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    if shutil.which("pdftoppm") is None:
        print("错误：没有找到 pdftoppm（Debian：apt-get install poppler-utils）。", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="drafter-docs-") as tmp:
        os.environ["FONTCONFIG_FILE"] = str(font_config(Path(tmp)))
        mapped = subprocess.run(["fc-match", "仿宋_GB2312", "family"], capture_output=True, text=True, check=False)
        if "Noto Serif CJK SC" not in mapped.stdout:
            print(
                "警告：字体映射未生效（fc-match 仿宋_GB2312），图片会用替代字体。请安装 .ci/run 中列出的字体。",
                file=sys.stderr,
            )
        docx = Path(tmp) / "example.docx"
        pdf = docx.with_suffix(".pdf")
        try:
            build_one(args.sheet, output=docx, now=NOW)
            docx_to_pdf(docx, pdf)
        except DrafterError as err:
            print(err.format(), file=sys.stderr)
            return 1
        stem = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-r", str(args.dpi), "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stem.with_suffix(".png"), args.output)
    print(f"已生成：{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
