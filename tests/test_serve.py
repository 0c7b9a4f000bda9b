"""drafter serve: the pages and endpoints in-process (Starlette's test client), and its safety rules."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from docx import Document
from starlette.testclient import TestClient

from drafter.errors import Problems
from drafter.serve.app import create_app
from drafter.serve.sheetdoc import SheetDoc, to_model
from drafter.sheet.fields import FIELDS
from drafter.sheet.init import example_sheet
from drafter.sheet.load import parse_facts
from tests.conftest import EXAMPLES, ROOT

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SCHOOL, tmp_path / SCHOOL.name)
    return tmp_path


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(folder, PORT), base_url=ORIGIN, raise_server_exceptions=False)


def _page_data(client: TestClient, name: str) -> dict[str, Any]:
    html = client.get("/edit/" + quote(name)).text
    found = re.search(r'<script type="application/json" id="sheet-data">(.*?)</script>', html, re.S)
    assert found, html[:500]
    return json.loads(found.group(1))


def _post(client: TestClient, what: str, name: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(f"/api/{what}/{quote(name)}", json=body, headers={"Origin": ORIGIN, **headers})


def _comments(text: str) -> list[str]:
    """Every line that holds a comment, as written."""
    return [line for line in text.splitlines() if "#" in line]


# ---------------------------------------------------------------------------
# Pages


def test_home_lists_sheets_by_file_name_and_offers_a_new_one(client: TestClient, folder: Path) -> None:
    (folder / "笔记.txt").write_text("不是事实表", encoding="utf-8")
    html = client.get("/").text
    assert f">{SCHOOL.name}</a>" in html
    assert "笔记.txt" not in html
    assert "新建事实表" in html
    assert all(f"<option>{u}</option>" in html for u in ("学校", "企业", "机关", "医院", "乡镇街道", "其他"))
    assert all(f"<option>{k}</option>" in html for k in ("工作总结", "述职报告"))


def test_new_sheet_is_the_init_example_and_never_overwrites(client: TestClient, folder: Path) -> None:
    body = {"name": "医院", "unit_type": "医院", "kind": "述职报告", "year": "2025"}
    r = client.post("/api/new", json=body, headers={"Origin": ORIGIN})
    assert r.status_code == 200, r.text
    assert r.json()["url"] == "/edit/" + quote("医院.yaml")
    written = (folder / "医院.yaml").read_text(encoding="utf-8")
    assert written == example_sheet("医院", "述职报告", 2025)
    again = client.post("/api/new", json=body, headers={"Origin": ORIGIN})
    assert again.status_code == 409
    assert "已经存在" in again.json()["error"]
    assert (folder / "医院.yaml").read_text(encoding="utf-8") == written


def test_editor_page_carries_the_field_table_and_the_sheet(client: TestClient) -> None:
    data = _page_data(client, SCHOOL.name)
    assert [f["key"] for f in data["fields"]] == [f.key for f in FIELDS]
    model = data["model"]
    assert model["单位"] == "青岚县第二中学工会"
    assert model["概况"]["入会率"] == "96.9%"
    sports = model["文体活动"]
    assert [e["orig"] for e in sports] == list(range(5))
    assert sports[2]["value"]["人数"] == "240人次"
    assert model["队伍建设"][0]["value"].startswith("以师德师风建设为重点")  # a one-sentence item
    assert model["文体活动"][3]["value"]["获奖"][0]["value"] == "青岚县教育系统教职工气排球比赛女子组第一名"


# ---------------------------------------------------------------------------
# The round trip: only what changed changes


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_an_unchanged_model_gives_back_the_same_bytes(sheet: Path, folder: Path, client: TestClient) -> None:
    shutil.copy(sheet, folder / sheet.name)
    data = _page_data(client, sheet.name)
    r = _post(client, "save", sheet.name, {"model": data["model"], "base": data["base"]})
    assert r.status_code == 200, r.text
    assert (folder / sheet.name).read_bytes() == sheet.read_bytes()


def test_saving_keeps_every_comment_byte_for_byte(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    model = data["model"]
    model["单位"] = "青岚县第三中学工会"
    model["文体活动"].append(
        {"orig": None, "value": {"时间": "6月", "活动": "举办教职工乒乓球赛", "人数": "48", "成果": "", "获奖": []}}
    )
    model["民主建设"].reverse()
    del model["生活保障"][1]
    r = _post(client, "save", SCHOOL.name, {"model": model, "base": data["base"]})
    assert r.status_code == 200, r.text
    saved = (folder / SCHOOL.name).read_text(encoding="utf-8")
    original = SCHOOL.read_text(encoding="utf-8")
    assert _comments(saved) == _comments(original)
    assert saved.splitlines()[:17] == original.splitlines()[:17]  # the header comment block, untouched
    assert "单位: 青岚县第三中学工会\n" in saved
    facts, _ = parse_facts(saved.encode("utf-8"), folder / SCHOOL.name)
    assert facts.unit == "青岚县第三中学工会"
    assert facts.categories["文体活动"][-1].activity == "举办教职工乒乓球赛"
    assert facts.categories["文体活动"][-1].people == 48
    assert facts.categories["民主建设"][0].activity == "组织教代会代表对学校中层干部进行民主评议"
    assert len(facts.categories["生活保障"]) == 5
    # Blank lines still separate the sections: the added item sits before the blank line.
    assert "    人数: 48\n\n其他工作:" in saved
    # The page gets the saved state back: new base, entries numbered as in the file.
    state = r.json()
    assert [e["orig"] for e in state["model"]["文体活动"]] == list(range(6))
    assert state["base"] != data["base"]


def test_a_new_key_goes_where_the_field_table_puts_it(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    data["model"]["概况"]["基层工会数"] = "4"
    data["model"]["总体评价"] = "全年工作有序推进。"
    _post(client, "save", SCHOOL.name, {"model": data["model"], "base": data["base"]}).raise_for_status()
    saved = (folder / SCHOOL.name).read_text(encoding="utf-8")
    assert '  女职工人数: 97\n  基层工会数: 4\n  入会率: "96.9%"\n' in saved
    assert '  入会率: "96.9%"\n\n总体评价: 全年工作有序推进。\n民主建设:' in saved


def test_a_file_changed_elsewhere_is_not_overwritten(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    sheet = folder / SCHOOL.name
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("2025-12-29", "2025-12-30"), encoding="utf-8")
    before = sheet.read_bytes()
    r = _post(client, "save", SCHOOL.name, {"model": data["model"], "base": data["base"]})
    assert r.status_code == 409
    assert "已在别处被修改" in r.json()["error"]
    assert sheet.read_bytes() == before


def test_a_forged_model_is_refused_in_chinese(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    data["model"]["文体活动"] = "不是列表"
    r = _post(client, "save", SCHOOL.name, {"model": data["model"], "base": data["base"]})
    assert r.status_code == 400
    assert "格式不对" in r.json()["error"]
    assert (folder / SCHOOL.name).read_bytes() == SCHOOL.read_bytes()


# ---------------------------------------------------------------------------
# Preview


def test_preview_shows_the_draft_of_the_unsaved_form(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    data["model"]["单位"] = "青岚县第三中学工会"
    r = _post(client, "preview", SCHOOL.name, {"model": data["model"], "base": data["base"]})
    assert r.status_code == 200, r.text
    blocks = r.json()["blocks"]
    assert blocks[0] == {"role": "title", "text": "青岚县第三中学工会2025年度工作总结"}
    assert any(b["role"] == "heading1" for b in blocks)
    assert (folder / SCHOOL.name).read_bytes() == SCHOOL.read_bytes()  # a preview writes nothing


def test_preview_places_checks_words_at_the_field(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    model = data["model"]
    model["年度"] = "二〇二五"
    model["文体活动"][1]["value"]["人数"] = "很多"
    r = _post(client, "preview", SCHOOL.name, {"model": model, "base": data["base"]})
    body = r.json()
    assert body["blocks"] == []
    by_path = {p["path"]: p for p in body["problems"]}
    assert set(by_path) >= {"年度", "文体活动.1.人数"}
    # The same words as drafter check on the same text.
    doc = SheetDoc.parse(SCHOOL.read_bytes(), SCHOOL.name)
    from drafter.serve.sheetdoc import apply_model

    apply_model(doc.root, FIELDS, model)
    with pytest.raises(Problems) as caught:
        parse_facts(doc.text().encode("utf-8"), folder / SCHOOL.name)
    assert sorted(p.message for p in caught.value.problems) == sorted(
        p["message"] for p in body["problems"] if p["level"] == "错误"
    )


# ---------------------------------------------------------------------------
# Word


def test_word_builds_through_the_pipeline_and_merges_her_edits(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    data["model"]["单位"] = "青岚县第三中学工会"
    r = _post(client, "word", SCHOOL.name, {"model": data["model"], "base": data["base"]})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["file"] == "2025年青岚县第三中学工会工作总结.docx"
    got = client.get(out["download"])
    assert got.status_code == 200
    assert "attachment" in got.headers["content-disposition"]
    docx_path = folder / out["file"]
    assert got.content == docx_path.read_bytes()
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "青岚县第三中学工会2025年度工作总结" in text
    # She edits the draft in Word, then builds again from the page: her edit stays (the merge of drafter build).
    doc = Document(str(docx_path))
    mine = next(p for p in doc.paragraphs if "健步走" in p.text)
    mine.runs[0].text = "春季健步走由我们自己重新写过。"
    for run in mine.runs[1:]:
        run.text = ""
    doc.save(str(docx_path))
    state = r.json()
    state["model"]["党组织"] = "青岚县第三中学党总支"
    again = _post(client, "word", SCHOOL.name, {"model": state["model"], "base": state["base"]})
    assert again.status_code == 200, again.text
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "春季健步走由我们自己重新写过。" in text
    assert "青岚县第三中学党总支" in text
    assert any("已更新" in n or "保留" in n for n in again.json()["notes"]), again.json()["notes"]


# ---------------------------------------------------------------------------
# Safety


def test_another_host_name_is_refused(client: TestClient) -> None:
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1:9", f"127.0.0.2:{PORT}"):
        r = client.get("/", headers={"Host": host})
        assert r.status_code == 421, host
        assert "不是本机的 drafter 服务" in r.text
    assert client.get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200


@pytest.mark.parametrize("origin", [None, "http://evil.example", f"http://127.0.0.1:{PORT + 1}", "null"])
def test_a_post_from_another_origin_is_refused(client: TestClient, folder: Path, origin: str | None) -> None:
    data = _page_data(client, SCHOOL.name)
    data["model"]["单位"] = "被篡改的工会"
    headers = {"Origin": origin} if origin else {}
    r = client.post(
        f"/api/save/{quote(SCHOOL.name)}", json={"model": data["model"], "base": data["base"]}, headers=headers
    )
    assert r.status_code == 403
    assert "拒绝" in r.text
    assert (folder / SCHOOL.name).read_bytes() == SCHOOL.read_bytes()
    r = client.post(
        "/api/new", json={"name": "x", "unit_type": "学校", "kind": "工作总结", "year": "2025"}, headers=headers
    )
    assert r.status_code == 403
    assert not (folder / "x.yaml").exists()


def test_a_cross_site_fetch_is_refused_even_with_our_origin(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    r = _post(
        client, "save", SCHOOL.name, {"model": data["model"], "base": data["base"]}, **{"Sec-Fetch-Site": "cross-site"}
    )
    assert r.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/edit/..%2F..%2Fetc%2Fpasswd",
        "/edit/%2Fetc%2Fpasswd.yaml",
        "/edit/..%5Coutside.yaml",
        "/edit/.hidden.yaml",
        "/edit/notes.txt",
        "/download/..%2Foutside.docx",
        "/download/" + quote(SCHOOL.name),
        "/static/..%2F__init__.py",
    ],
)
def test_paths_outside_the_folder_are_refused(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404, (url, r.status_code)
    assert "Traceback" not in r.text


def test_a_symlink_out_of_the_folder_is_refused(client: TestClient, folder: Path, tmp_path_factory: Any) -> None:
    outside = tmp_path_factory.mktemp("outside")
    shutil.copy(SCHOOL, outside / "secret.yaml")
    (outside / "secret.docx").write_bytes(b"PK")
    (folder / "link.yaml").symlink_to(outside / "secret.yaml")
    (folder / "link.docx").symlink_to(outside / "secret.docx")
    assert "link.yaml" not in client.get("/").text
    r = client.get("/edit/link.yaml")
    assert r.status_code == 404
    assert "不在本文件夹里" in r.text
    assert client.get("/download/link.docx").status_code == 404
    data = _page_data(client, SCHOOL.name)
    r = _post(client, "save", "link.yaml", {"model": data["model"], "base": data["base"]})
    assert r.status_code == 404
    assert (outside / "secret.yaml").read_bytes() == SCHOOL.read_bytes()


def test_a_large_body_is_refused(client: TestClient) -> None:
    big = b'{"model": "' + b"x" * (5 * 1024 * 1024) + b'"}'
    r = client.post(
        f"/api/preview/{quote(SCHOOL.name)}",
        content=big,
        headers={"Origin": ORIGIN, "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert "太大" in r.text


def test_no_traceback_in_any_response(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.serve.app as app_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr(app_module, "make_preview", broken)
    data = _page_data(client, SCHOOL.name)
    r = _post(client, "preview", SCHOOL.name, {"model": data["model"], "base": data["base"]})
    assert r.status_code == 500
    assert "内部出错" in r.json()["error"]
    assert "Traceback" not in r.text and "internal detail" not in r.text
    for bad in (
        client.get("/nowhere"),
        client.post("/", headers={"Origin": ORIGIN}),
        client.post(f"/api/save/{quote(SCHOOL.name)}", content=b"{not json", headers={"Origin": ORIGIN}),
    ):
        assert bad.status_code in (400, 404, 405)
        assert "Traceback" not in bad.text
        assert re.search(r"[\u4e00-\u9fff]", bad.text), bad.text


def test_pages_forbid_framing_and_foreign_scripts(client: TestClient) -> None:
    r = client.get("/")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert "<script>" not in client.get("/edit/" + quote(SCHOOL.name)).text  # no inline script
    for asset in ("editor.js", "home.js", "style.css"):
        text = client.get(f"/static/{asset}").text
        assert "http://" not in text and "https://" not in text  # nothing from a CDN


def test_a_sheet_the_form_cannot_show_gets_a_chinese_page(client: TestClient, folder: Path) -> None:
    (folder / "坏.yaml").write_text("单位: [未闭合\n", encoding="utf-8")
    r = client.get("/edit/" + quote("坏.yaml"))
    assert r.status_code == 422
    assert "drafter check" in r.text


def test_model_of_every_example_matches_its_facts() -> None:
    for sheet in EXAMPLES:
        doc = SheetDoc.parse(sheet.read_bytes(), sheet.name)
        model = to_model(doc.root, FIELDS)
        facts, _ = parse_facts(sheet.read_bytes(), sheet)
        assert model["单位"] == facts.unit
        assert model["年度"] == str(facts.year)
        for cat, items in facts.categories.items():
            assert len(model[cat]) == len(items)


def test_a_new_field_of_the_table_appears_in_the_form_by_itself(folder: Path) -> None:
    from drafter.sheet.fields import FIELDS, Field

    extra = Field("工会网站", "text", "website", "工会的网站地址", "www.example.cn")
    table = (*FIELDS[:2], extra, *FIELDS[2:])
    client = TestClient(create_app(folder, PORT, table), base_url=ORIGIN)
    data = _page_data(client, SCHOOL.name)
    spec = next(f for f in data["fields"] if f["key"] == "工会网站")
    assert spec["label"] == "工会网站"
    assert spec["description"] == "工会的网站地址"
    data["model"]["工会网站"] = "www.qinglan2.cn"
    _post(client, "save", SCHOOL.name, {"model": data["model"], "base": data["base"]}).raise_for_status()
    assert "单位类型: 学校\n工会网站: www.qinglan2.cn\n年度: 2025\n" in (folder / SCHOOL.name).read_text(
        encoding="utf-8"
    )


def test_a_problem_of_a_whole_entry_is_shown_at_the_entry(client: TestClient) -> None:
    data = _page_data(client, SCHOOL.name)
    empty = {"时间": "5月", "活动": "", "人数": "", "成果": "", "获奖": []}
    data["model"]["文体活动"].append({"orig": None, "value": empty})
    r = _post(client, "preview", SCHOOL.name, {"model": data["model"], "base": data["base"]})
    problems = r.json()["problems"]
    assert [p["path"] for p in problems] == ["文体活动.5"]
    assert "「文体活动」第 6 个事项的「活动」" in problems[0]["message"]


def test_sentences_get_growing_boxes_and_lose_typed_line_breaks(client: TestClient, folder: Path) -> None:
    data = _page_data(client, SCHOOL.name)
    long = {f["key"]: f["long"] for f in data["fields"]}
    assert long["总体评价"] and not long["单位"] and not long["上级工会"]
    data["model"]["文体活动"][0]["value"]["成果"] = "完成8公里健步走，\n增进了交流 \n"
    _post(client, "save", SCHOOL.name, {"model": data["model"], "base": data["base"]}).raise_for_status()
    assert "    成果: 完成8公里健步走，增进了交流\n" in (folder / SCHOOL.name).read_text(encoding="utf-8")
