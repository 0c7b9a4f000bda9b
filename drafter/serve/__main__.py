"""``python -m drafter.serve [FOLDER] [--port N] [--no-browser]``: the same as ``drafter serve``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafter.errors import DrafterError, print_errors
from drafter.serve import command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m drafter.serve", description="在浏览器里填写事实表，旁边即时显示初稿。"
    )
    parser.add_argument("folder", nargs="?", type=Path, default=Path("."), help="放事实表的文件夹（默认：当前文件夹）")
    parser.add_argument("--port", type=int, default=8765, help="端口（0 表示自动选择空闲端口）")
    parser.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")
    args = parser.parse_args(argv)
    try:
        command(args.folder, args.port, not args.no_browser)
    except DrafterError as err:
        print_errors([err])
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
