"""After a YAML syntax error: read the rest of the sheet anyway.

A full-width colon on line 5 must not hide an unknown key on line 30: the
chair is promised every problem in one ``check``.  :func:`recover` repairs the
lines whose mistake is plain (``单位：xx`` -> ``单位: xx``, full-width
indentation), blanks each line the parser still stops at together with the
lines indented under it, and parses again, until the text parses or a round
limit is reached; the reader then checks what is left, with the blanked
lines kept out of its reports.
"""

from __future__ import annotations

import re

import yaml

from drafter.errors import FactSheetError
from drafter.sheet.fields import ALL_KEYS
from drafter.sheet.reader import Reader
from drafter.sheet.yamlerrors import lint_lines, translate

MAX_ROUNDS = 30  # parses after the first; each blanks at least one line

_MISSING = re.compile(r"^缺少必填项.*「([^「」]+)」。请加一行")


def recover(text: str, reader: Reader, reported: list[FactSheetError], loader: type) -> list[FactSheetError]:
    """Problems found beyond the first syntax error (``reported``): further syntax errors and the reader's."""
    lines = text.splitlines(keepends=True)
    hidden: set[int] = set()  # 1-based

    def indent(s: str) -> int:
        lead = s[: len(s) - len(s.lstrip(" \t\u3000\xa0"))]
        return len(lead.replace("\t", "  ").replace("\u3000", "  "))

    def blank(n: int) -> None:
        """Blank line ``n`` and the lines indented under it."""
        if not 0 < n <= len(lines):
            return
        own = indent(lines[n - 1])
        hidden.add(n)
        lines[n - 1] = "\n"
        for k in range(n + 1, len(lines) + 1):
            body = lines[k - 1].strip()
            if body and not body.startswith("#") and indent(lines[k - 1]) <= own:
                break
            hidden.add(k)
            lines[k - 1] = "\n"

    for m in lint_lines(text):
        if m.repaired:  # read, but not reported on again: its line has its problem
            lines[m.line - 1] = m.repaired + ("\n" if lines[m.line - 1].endswith("\n") else "")
            hidden.add(m.line)
        else:
            blank(m.line)
    said = {p.location.line for p in reported}
    found: list[FactSheetError] = []
    root = None
    for _round in range(MAX_ROUNDS):
        current = "".join(lines)
        try:
            root = yaml.compose(current, Loader=loader)
            break
        except yaml.YAMLError as e:
            line, col, message = translate(e, current)
            if lines[line - 1 : line] == ["\n"] or not 0 < line <= len(lines):
                return found  # no way forward
            if line not in said:
                said.add(line)
                found.append(FactSheetError(message, file=reader.file, line=line, col=col))
            if "document" in f"{getattr(e, 'problem', '')} {getattr(e, 'context', '')}":
                for k in range(line, len(lines) + 1):  # a second document: the rest is not this sheet
                    hidden.add(k)
                    lines[k - 1] = "\n"
            else:
                blank(line)
        except RecursionError:
            return found
    if root is None:
        return found
    reader.blind = frozenset(hidden)
    reader.read(root)
    original = text.splitlines()
    lost = {key for n in hidden if n <= len(original) for key in ALL_KEYS if key in original[n - 1]}
    for problem in reader.problems:
        m = _MISSING.match(problem.message)
        if m and m.group(1) in lost:
            continue  # the key is there, on a line we could not read
        found.append(problem)
    return found
