"""More hostile templates (issue 15, class "templates"), beyond tests/test_hostile_templates.py.

Size-multiplying filters and methods on ``str``, ``Markup`` and ``bytes``,
``%`` and ``format`` with repeated or nested fields, ``sum`` of lists,
recursion through ``caller()``, ``self`` and imports of itself, literals
Python cannot hold (a 100,000-digit integer, an infinite float), Jinja's
own assertion in ``truncate``, and deep nesting of every kind of bracket and
block.  Each attack is written at the top of one template of a copy of the
bundled ones; ``drafter build --templates`` runs in a subprocess under
1 GiB and 20 s.  REFUSED attacks must exit 1 with a ``错误`` about the
template and leave the earlier draft as it was; BOUNDED ones may also
succeed, but cleanly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, TEMPLATES
from .hostile_run import Run, assert_clean, drafter, snapshot

SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
TARGET = "工作总结/文体活动.j2"
BIG = "2000000000"

REFUSED: dict[str, str] = {
    "sum-of-lists": "{{ ([[1] * 1000] * 10000) | sum(start=[]) | length }}",
    "sum-of-strings-by-attribute": "{{ ([{'a': 'x' * 100000}] * 100) | sum(attribute='a', start='') }}",
    "huge-integer-literal": "{{ " + "9" * 100_000 + " }}",
    "infinite-float-constant": "{{ 1e309 | int }}",
    "truncate-shorter-than-its-end": "{{ 'xxxxxxxx' | truncate(-5) }}",
    "batch-fill": "{{ [1] | batch(" + BIG + ", 'x') | list }}",
    "percent-dict-repeat": "{{ ('%(a)s' * 50000) % {'a': 'x' * 1000} }}",
    "percent-precision": "{{ '%." + BIG + "f' % 1.0 }}",
    "format-repeated-field": "{{ '{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}'.format('x' * 200000) }}",
    "format-nested-width": "{{ '{:{w}}'.format('x', w=" + BIG + ") }}",
    "format-map-width": "{{ '{a:>" + BIG + "}'.format_map({'a': 'x'}) }}",
    "markup-ljust": "{{ ('x' | safe).ljust(" + BIG + ") }}",
    "markup-center-filter": "{{ ('x' | safe) | center(" + BIG + ") }}",
    "markup-times": "{{ ('x' | safe) * " + BIG + " }}",
    "markup-format": "{{ ('{0}{0}{0}{0}{0}{0}{0}{0}' | safe).format('x' * 200000) }}",
    "bytes-ljust": "{{ 'x'.encode().ljust(" + BIG + ") }}",
    "bytes-times": "{{ 'x'.encode() * " + BIG + " }}",
    "join-separator": "{{ (range(100000) | list) | join('x' * 100000) }}",
    "join-attribute": "{{ ([{'a': 'x' * 100000}] * 100) | join(attribute='a') | length }}",
    "replace-with-count": "{{ ('x' * 100000) | replace('x', 'y' * 100000, 100000) }}",
    "lipsum": "{{ lipsum(n=100000, html=false, min=100, max=100) | length }}",
    "xmlattr": "{{ {'a': 'x' * 1000000} | xmlattr }}",
    "caller-recursion": (
        "{% macro f() %}{{ caller() }}{% endmacro %}"
        "{% macro g() %}{% call f() %}{{ g() }}{% endcall %}{% endmacro %}{{ g() }}"
    ),
    "self-block-recursion": "{% block a %}{{ self.a() }}{% endblock %}",
    "import-itself": "{% import '" + TARGET + "' as me %}",
    "extends-itself": "{% extends '" + TARGET + "' %}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-parent": "{% include '../../../../etc/passwd' %}",
    "include-not-a-template": "{% include '说明.txt' %}",
    "deep-dict-literal": "{{ " + "{'a': " * 3000 + "1" + "}" * 3000 + " }}",
    "deep-filter-chain": "{{ 'x'" + " | string" * 5000 + " }}",
    "deep-for": "{% for i in [1] %}" * 2000 + "x" + "{% endfor %}" * 2000,
    "deep-with": "{% with a = 1 %}" * 3000 + "x" + "{% endwith %}" * 3000,
    "unary-chain": "{{ " + "-" * 20000 + "1 }}",
    "not-chain": "{{ " + "not " * 20000 + "1 }}",
    "integer-to-text": "{{ 10 ** 99 * 10 ** 99 * 10 ** 99 * 10 ** 99 * 10 ** 99 * 10 ** 99 * 10 ** 99 * 10 ** 99 }}",
    "range-too-big": "{{ range(10 ** 9) | last }}",
}

BOUNDED: dict[str, str] = {
    "wordwrap": "{{ ('x' * 100000) | wordwrap(1, true) | length }}",
    "upper-expands": "{{ ('ß' * 100000) | upper | length }}",
    "urlize-brackets": "{{ ('(' * 100000 + 'http://a') | urlize | length }}",
    "infinite-floats-in-a-list": "{{ [1e309, -1e309] | join }}",
    "control-characters-printed": "{{ '\\x00\\x01\\x0b\\x0c\\x1b\\uffff' }}",
    "include-ignore-missing": "{% include 'nosuch.j2' ignore missing %}",
}


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("draft")
    shutil.copyfile(SHEET, folder / "s.yaml")
    run = drafter(["build", "s.yaml", "-o", "o.docx"], folder)
    assert run.code == 0, run.err
    return (folder / "o.docx").read_bytes()


def _run(attack: str, tmp_path: Path, draft: bytes) -> tuple[Run, dict[str, str], dict[str, str]]:
    shutil.copyfile(SHEET, tmp_path / "s.yaml")
    (tmp_path / "o.docx").write_bytes(draft)
    shutil.copytree(TEMPLATES, tmp_path / "tpl")
    target = tmp_path / "tpl" / TARGET
    target.write_text(attack + "\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    before = snapshot(tmp_path)
    run = drafter(["build", "s.yaml", "-o", "o.docx", "--templates", "tpl"], tmp_path)
    return run, before, snapshot(tmp_path)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_template_is_refused(name: str, tmp_path: Path, draft: bytes) -> None:
    run, before, after = _run(REFUSED[name], tmp_path, draft)
    assert_clean(run, before, after)
    assert run.code == 1 and "模板" in run.err, run.err


@pytest.mark.parametrize("name", sorted(BOUNDED))
def test_odd_template_builds_or_is_refused_cleanly(name: str, tmp_path: Path, draft: bytes) -> None:
    run, before, after = _run(BOUNDED[name], tmp_path, draft)
    assert_clean(run, before, after, may_change=("o.docx",))
    if run.code == 0:
        assert (tmp_path / "o.docx").read_bytes()[:2] == b"PK"
