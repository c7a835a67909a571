"""The zh sources keep the edition's spacing and punctuation.

autocorrect (the Chinese technical writers' linter, its rules in
book/.autocorrectrc) checks spaces between Chinese and Latin text and
full-width punctuation. Two places it does not look at are checked here:
the space behind a label's emphasis (``*补充：* 读完``) and the space around
a link whose text is Chinese (``见 {ref}`术语表 <glossary>` 。``).
"""
import re
from pathlib import Path

import autocorrect_py
import pytest

ROOT = Path(__file__).parents[1]
CONFIG = ROOT / "book" / ".autocorrectrc"
SOURCES = sorted([*(ROOT / "book" / "zh").glob("*.md"),
                  ROOT / "book" / "_shared" / "glossary.md",
                  ROOT / "book" / "STYLE-zh.md"])
CJK = "\u4e00-\u9fff"
# full-width punctuation, closing emphasis, then a space (not a table's |)
SPACE_AFTER_LABEL = re.compile(r"[，。：；！？、）”]\*{0,2} +[^\s|]")
# a role's Chinese link text with a space on its Chinese side
SPACED_LINK = re.compile(
    rf"[{CJK}] \{{\w+\}}`[{CJK}]|\{{\w+\}}`[^`]*[{CJK}] <[^>`]*>` [{CJK}]")


@pytest.fixture(scope="module")
def lint():
    autocorrect_py.load_config(CONFIG.read_text(encoding="utf-8"))
    return lambda text, name: [
        (r.line, r.old, r.new)
        for r in autocorrect_py.lint_for(text, name).lines]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_autocorrect_finds_nothing(lint, path):
    assert lint(path.read_text(encoding="utf-8"), str(path)) == []


# inline code, but not a role's text: {ref}`术语表 <glossary>`
INLINE_CODE = re.compile(r"(?<![}`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def prose_lines(path):
    """The lines of ``path`` outside code, numbered (inline code as ``x``)."""
    fence = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        mark = re.match(r"\s*(`{3,})", line)
        if mark and (fence is None or mark.group(1) == fence):
            fence = None if fence else mark.group(1)
        elif fence is None:
            yield n, INLINE_CODE.sub("`x`", line)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_space_after_full_width_punctuation_or_around_chinese_links(path):
    found = [(n, line) for n, line in prose_lines(path)
             if SPACE_AFTER_LABEL.search(line) or SPACED_LINK.search(line)]
    assert found == []


def test_the_checks_see_what_they_are_for(lint):
    assert lint("中文abc\n", "x.md") != []
    assert SPACE_AFTER_LABEL.search("*补充：* 读完本章")
    assert not SPACE_AFTER_LABEL.search("*补充*：读完本章")
    assert SPACED_LINK.search("对照见 {ref}`术语表 <glossary>`。")
    assert SPACED_LINK.search("文末的{ref}`关于本版 <zh-about>` 里")
    assert not SPACED_LINK.search("文档字符串见 {ref}`API 参考 <api>`，")
    assert INLINE_CODE.sub("x", "写 `*补充：* 读完`，") == "写 x，"
    assert INLINE_CODE.sub("x", "见{ref}`术语表 <glossary>`") == (
        "见{ref}`术语表 <glossary>`")
