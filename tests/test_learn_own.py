"""A chair's own samples: learn from .txt (GBK) and .docx, then build with those templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from drafter.build.compose import expected_facts
from drafter.build.pipeline import build_one, make_draft
from drafter.learn.pipeline import learn

from .conftest import EXAMPLES, FIXED_NOW, ROOT
from .docx_checklist import check_docx
from .typography import check_typography

OWN_TXT = """\
某某区实验小学工会2024年工作总结

2024年，我校工会在区教育工会和学校党支部的坚强领导下，紧扣立德树人根本任务，团结和带领全体教职工履职尽责，各项工作稳步推进。现将一年来的工作总结如下：

一、坚持民主管理，保障教职工民主权利

学校工会始终把民主管理作为工会工作的重要抓手，切实保障教职工的知情权、参与权和监督权。

3月，召开第四届教代会第二次会议，58名代表审议通过了《绩效工资分配方案》。

教职工的主人翁意识进一步增强，学校管理更加透明规范。

二、加强教职工队伍建设，提升教职工素质

学校工会把提升教职工素质作为服务学校发展的重要任务，积极组织各类培训和岗位练兵。

5月，举办青年教师基本功大赛，32名教师参赛。

通过一系列活动，教职工的业务能力和综合素质得到了有效提升。

三、关心教职工生活，做好生活保障

学校工会坚持把关心教职工生活作为工作的出发点，用心用情办实事。

春节前，走访慰问困难教职工6户。

暖心举措让教职工真切感受到了组织的关怀和温暖。

四、丰富文化生活，增强队伍凝聚力

工会积极开展形式多样的文体活动，丰富教职工的业余文化生活。

10月，举办教职工气排球比赛。

丰富多彩的活动增强了教职工队伍的凝聚力和向心力。

总之，在学校党支部的领导下，学校工会的各项工作取得了新的进步。
"""


def _docx_sample(path: Path) -> None:
    doc = Document()
    doc.add_heading("某某机械厂工会2023年工作总结", level=0)
    doc.add_paragraph(
        "2023年，厂工会在厂党委和市总工会的领导下，围绕生产经营中心任务，认真履行维护职工权益的基本职责。现将一年来的工作总结如下："
    )
    doc.add_heading("深化厂务公开，推进民主管理", level=1)
    doc.add_paragraph("厂工会坚持以职代会为基本形式，不断深化厂务公开，维护职工的民主权利。")
    doc.add_paragraph("4月，召开二届三次职代会，审议通过集体合同草案。")
    doc.add_paragraph("职工参与民主管理的热情进一步高涨。")
    doc.add_heading("开展劳动竞赛，加强职工队伍素质建设", level=1)
    doc.add_paragraph("厂工会围绕生产任务，广泛开展劳动竞赛和技能比武，推动职工素质不断提高。")
    doc.add_paragraph("6月，举办焊工技能比武，45名职工参赛。")
    doc.add_paragraph("职工队伍的技能水平和创新能力得到了明显提升。")
    doc.save(str(path))


@pytest.fixture(scope="module")
def own_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("my_reports")
    (folder / "往年总结.txt").write_bytes(OWN_TXT.encode("gbk"))
    _docx_sample(folder / "机械厂总结.docx")
    out = tmp_path_factory.mktemp("out") / "my_templates"
    summary = learn([folder], out)
    assert summary.reports == 2
    return out


def test_own_samples_give_templates_in_their_wording(own_templates: Path) -> None:
    text = (own_templates / "工作总结" / "民主建设.j2").read_text(encoding="utf-8")
    # The heading of the .docx sample (a Heading 1 style, no number) and of the GBK .txt are learned.
    assert "深化{{ 公开 }}，推进民主管理" in text
    assert "坚持民主管理，保障{{ 职工 }}民主权利" in text
    # …each with its provenance, and without the samples' facts.
    assert "来源：往年总结.txt" in text and "来源：机械厂总结.docx" in text
    all_text = "".join(p.read_text(encoding="utf-8") for p in own_templates.glob("*/*.j2"))
    for fact in ("绩效工资分配方案", "58名", "某某区", "二届三次", "焊工技能比武"):
        assert fact not in all_text


def test_build_with_own_templates(own_templates: Path, tmp_path: Path) -> None:
    sheet = ROOT / "examples" / "学校工会工作总结.yaml"
    out = tmp_path / "draft.docx"
    outcome = build_one(sheet, output=out, templates=own_templates, now=FIXED_NOW)
    assert check_docx(out) == []
    text = outcome.draft.text()
    facts, _, _ = make_draft(sheet, templates=own_templates, now=FIXED_NOW)
    assert [f for f in expected_facts(facts) if f not in text] == []
    assert not check_typography([(b.role.value, b.text) for b in outcome.draft.all_blocks()])
    # Her own headings are among the ones the variants take (each variant moves every slot on by one).
    learned = ("坚持民主管理，保障教职工民主权利", "深化校务公开，推进民主管理")
    texts = [make_draft(sheet, templates=own_templates, variant=v, now=FIXED_NOW)[1].text() for v in range(10)]
    assert any(h in t for h in learned for t in texts)


def test_cli_learn_then_build(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_bytes(OWN_TXT.encode("gbk"))
    run = subprocess.run(
        [sys.executable, "-m", "drafter", "learn", str(samples), "-o", str(tmp_path / "tpl")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "学习完成" in run.stdout
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "build",
            str(EXAMPLES[0]),
            "--templates",
            str(tmp_path / "tpl"),
            "-o",
            str(tmp_path / "d.docx"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert check_docx(tmp_path / "d.docx") == []


def test_variants_change_wording_not_facts() -> None:
    sheet = ROOT / "examples" / "企业工会工作总结.yaml"
    texts = set()
    for variant in range(6):
        facts, draft, _ = make_draft(sheet, variant=variant, now=FIXED_NOW)
        text = draft.text()
        assert [f for f in expected_facts(facts) if f not in text] == []
        texts.add(text)
    assert len(texts) > 1
    # …and the same variant gives the same draft every time.
    _, a, _ = make_draft(sheet, variant=3, now=FIXED_NOW)
    _, b, _ = make_draft(sheet, variant=3, now=FIXED_NOW)
    assert a.text() == b.text()


def test_outline_explains_each_category() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "drafter", "outline", str(ROOT / "examples" / "samples")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    i = next(n for n, line in enumerate(lines) if "不断推进学校民主建设" in line)
    assert lines[i].endswith("→ 民主建设")
    assert lines[i + 1].strip().startswith("依据：民主建设") and "教代会" in lines[i + 1]
