"""What is typed into the form is what the sheet says after saving, whatever the text (hypothesis)."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.serve.sheetdoc import SheetDoc, apply_model, to_model
from drafter.sheet.fields import FIELDS
from tests.conftest import ROOT

SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"
ORIGINAL = SheetDoc.parse(SCHOOL.read_bytes(), SCHOOL.name)
MODEL = to_model(ORIGINAL.root, FIELDS)

# Any printable text, with the characters YAML gives a meaning to over-represented.
typed = st.lists(
    st.one_of(
        st.sampled_from([*":#-'\"[]{}&*!|>%@`,?~ ", "yes", "no", "on", "null", "0x", "9:30", "2025-05-20"]),
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=typed, sentence=typed, result=typed, people=st.one_of(st.integers(0, 100000).map(str), typed))
def test_typed_text_reads_back_as_typed(unit: str, sentence: str, result: str, people: str) -> None:
    doc = SheetDoc.parse(SCHOOL.read_bytes(), SCHOOL.name)
    model = copy.deepcopy(MODEL)
    model["单位"] = unit
    model["队伍建设"][0]["value"] = sentence
    model["文体活动"][0]["value"]["成果"] = result
    model["文体活动"][0]["value"]["人数"] = people
    apply_model(doc.root, FIELDS, model)
    text = doc.text()
    data = yaml.safe_load(text)  # the sheet's reader is PyYAML (YAML 1.1)

    def expect(value: str) -> object:
        value = value.strip()
        return value or None

    assert data["单位"] == expect(unit)
    assert data["队伍建设"][0] == expect(sentence)
    assert data["文体活动"][0]["成果"] == expect(result)
    want_people = int(people) if people.strip().isdigit() and people.strip().isascii() else expect(people)
    assert data["文体活动"][0]["人数"] == want_people
    # Every comment of the chair's sheet is still there, as written.
    original = SCHOOL.read_text(encoding="utf-8")
    assert [s for s in text.splitlines() if s.lstrip().startswith("#")] == [
        s for s in original.splitlines() if s.lstrip().startswith("#")
    ]
    # And the page sees what was typed when it opens the saved sheet again.
    again = to_model(SheetDoc.parse(doc.to_bytes(), SCHOOL.name).root, FIELDS)
    assert again["单位"] == unit.strip()
    assert again["文体活动"][0]["value"]["成果"] == result.strip()
