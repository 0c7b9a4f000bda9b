"""Plain text and Markdown: for ``drafter preview`` and ``--format md/txt``."""

from __future__ import annotations

from drafter.draft import Draft, Role

_INDENT = "\u3000\u3000"  # two full-width spaces: the first-line indent of a Chinese paragraph


def to_text(draft: Draft) -> str:
    """The draft as plain text, laid out as it reads on paper."""
    out: list[str] = []
    for block in draft.all_blocks():
        if block.role is Role.TITLE:
            out += [block.text, ""]
        elif block.role is Role.SUBTITLE:
            out += [block.text, ""]
        elif block.role is Role.SALUTATION:
            out.append(block.text)
        elif block.role is Role.SIGNOFF_NAME:
            out += ["", block.text]
        elif block.role is Role.SIGNOFF_DATE:
            out.append(block.text)
        else:
            out.append(_INDENT + block.text)
    return "\n".join(out) + "\n"


def to_markdown(draft: Draft) -> str:
    """The draft as Markdown: # title, ## 一、 headings, ### （一） headings."""
    out: list[str] = []
    for block in draft.all_blocks():
        if block.role is Role.TITLE:
            out.append(f"# {block.text}")
        elif block.role is Role.SUBTITLE:
            out.append(f"*{block.text}*")
        elif block.role is Role.HEADING1:
            out.append(f"## {block.text}")
        elif block.role is Role.HEADING2:
            out.append(f"### {block.text}")
        elif block.role in (Role.SIGNOFF_NAME, Role.SIGNOFF_DATE):
            out.append(f'<p align="right">{block.text}</p>')
        else:
            out.append(block.text)
        out.append("")
    return "\n".join(out)
