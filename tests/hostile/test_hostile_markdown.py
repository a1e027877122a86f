"""The one Markdown escape: whatever a respondent, a column header or a theme label contains, the escaped text
renders as exactly that text — in a paragraph, a heading, a table cell and an emphasised list item — and as
nothing else (no link, image, HTML, entity, emphasis, strikethrough, code, list, heading or table structure).

Rendered with markdown-it (CommonMark plus GitHub tables, strikethrough and linkify, as Streamlit renders with
GitHub-flavoured Markdown).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from coding.output import md_escape

MD = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])

#: Characters that mean something in (some flavour of) Markdown, plus the white space that shapes blocks.
SPECIAL = [*"\\`*_~[]()<>&|#$@:!.=+-{}^\"' \t\n\r1aZ/;?%", "www.", "http://", "&amp;", "&#65;", "<b>", "](", "![",
           "~~", "**", "```", ":smile:", "\n#"]
TEXT = st.one_of(
    st.lists(st.sampled_from(SPECIAL), max_size=30).map("".join),
    st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=40),
)

HOSTILE = [
    "~~doorgestreept~~", "**vet** en _schuin_", "`code`", "[klik](https://evil.example)", "![beeld](x.png)",
    "<script>alert(1)</script>", "&amp; &lt; &#65;", "| a | b |", "# kop", "Vraag 1\n# Kop uit kolomnaam",
    "1. lijst", "- lijst", "> citaat", "---", "===", "www.voorbeeld.nl", "mail@voorbeeld.nl",
    "http://x.nl", ":smile: :red[rood] $x^2$", "[^1]", "a\\", "<!-- -->", "    ingesprongen code",
]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _inline_html(text: str) -> str:
    return escapeHtml(_normal(text))


@given(TEXT)
@settings(max_examples=400, deadline=None)
@example("~~x~~")
@example("1) a")
@example("a\n===")
def test_escaped_text_renders_as_its_own_text_in_a_paragraph(text: str) -> None:
    rendered = MD.render(md_escape(text))
    expected = f"<p>{_inline_html(text)}</p>\n" if _normal(text) else ""
    assert rendered == expected


@given(TEXT.filter(lambda t: bool(_normal(t))))
@settings(max_examples=300, deadline=None)
def test_escaped_text_renders_as_its_own_text_in_a_heading(text: str) -> None:
    assert MD.render("## " + md_escape(text)) == f"<h2>{_inline_html(text)}</h2>\n"


@given(TEXT.filter(lambda t: bool(_normal(t))))
@settings(max_examples=300, deadline=None)
def test_escaped_text_stays_in_its_table_cell(text: str) -> None:
    rendered = MD.render(f"| kolom | {md_escape(text)} |\n|---|---|\n| {md_escape(text)} | x |\n")
    cells = re.findall(r"<t[hd]>(.*?)</t[hd]>", rendered, flags=re.S)
    assert cells == ["kolom", _inline_html(text), _inline_html(text), "x"]


@given(TEXT.filter(lambda t: bool(_normal(t))))
@settings(max_examples=300, deadline=None)
def test_escaped_quote_stays_inside_its_emphasis_in_a_list(text: str) -> None:
    rendered = MD.render(f"- *“{md_escape(text)}”* ({md_escape(text)})")
    html = _inline_html(text)
    assert rendered == f"<ul>\n<li><em>“{html}”</em> ({html})</li>\n</ul>\n"


@pytest.mark.parametrize("text", HOSTILE)
def test_known_hostile_strings_render_as_text(text: str) -> None:
    assert MD.render(md_escape(text)) == f"<p>{_inline_html(text)}</p>\n"


def test_streamlit_specials_are_escaped() -> None:
    """Streamlit adds $LaTeX$ (a Markdown syntax extension, so the backslash stops it), :colour[text] and
    :emoji: shortcodes to Markdown; the colon and bracket are escaped as well."""
    assert md_escape(":smile: :red[rood] $x$") == "\\:smile: \\:red\\[rood\\] \\$x\\$"
