"""The zh chapter calls each concept by the glossary's term, not a variant.

The glossary (book/_shared/glossary.md) is the reference: one term per
concept. VARIANTS lists, for a few of its terms, the other words an author
reaches for; the chapter's prose (code, inline code, quotations of the
original and a term's English gloss in brackets left out) must not use them.
"""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

BOOK = Path(__file__).parents[1] / "book"
GLOSSARY = BOOK / "_shared" / "glossary.md"
CHAPTER = BOOK / "zh" / "training.md"
# the Chinese of the interface, the API page and the take-home README
CATALOGS = sorted((BOOK / "_locale" / "zh_CN" / "LC_MESSAGES").glob("*.po"))

# glossary term: the variants that mean the same and must not appear
VARIANTS = {
    "解答": ["答案"],  # sphinx-exercise titles each solution 解答
    "优化器": ["optimizer"],
    "标准误": ["标准误差"],
    "类别编号": ["类别号"],
    "one-hot 编码": ["one hot", "独热"],
    "笔记本": ["notebook"],
    "网络的结构": ["拓扑"],
    "加权求和": ["加权和"],
    "原地": ["就地"],
}
# where a variant means something else: phrase -> why it stays
ALLOWED = {"答案当然是否定的": "the original's answer to its own question"}


def glossary_terms():
    """The glossary's Chinese terms, each without its bracketed note."""
    rows = [line.split("|")[1] for line in
            GLOSSARY.read_text(encoding="utf-8").splitlines()
            if line.startswith("|")][2:]
    terms = []
    for row in rows:
        cell = re.sub(r"（[^）]*）|`", "", row)
        terms += [t.strip() for t in cell.split("、") if t.strip()]
    return terms


def prose(text):
    """The text a reader reads as Chinese: no code, no quoted original."""
    text = re.sub(r"^(`{3,}).*?^\1\s*$", "", text, flags=re.M | re.S)
    text = re.sub(r"^:{3,}.*$", "", text, flags=re.M)  # directive lines
    text = re.sub(r"\{[\w:-]+\}", "", text)  # role and directive names
    text = re.sub(r"``.*?``", "", text, flags=re.S)  # reST inline code
    text = re.sub(r"`[^`\n]*`", "", text)     # inline code
    text = re.sub(r"“[^”]*”", "", text)       # quoted words
    text = re.sub(r"（[ -~]+）", "", text)    # a term's English gloss
    for phrase in ALLOWED:
        text = text.replace(phrase, "")
    return text


def test_every_declared_term_is_the_glossarys():
    for term in VARIANTS:
        assert any(t.startswith(term) for t in glossary_terms()), term


def chinese(path):
    """A source's Chinese: the chapter, or a catalog's translations."""
    if path.suffix != ".po":
        return path.read_text(encoding="utf-8")
    with path.open("rb") as f:
        return "\n".join(m.string for m in read_po(f) if m.string)


@pytest.mark.parametrize("path", [CHAPTER, *CATALOGS], ids=lambda p: p.name)
@pytest.mark.parametrize("term", VARIANTS)
def test_zh_edition_uses_the_glossary_term_not_a_variant(term, path):
    text = prose(chinese(path))
    found = [(v, text[max(0, m.start() - 20):m.end() + 20])
             for v in VARIANTS[term]
             for m in re.finditer(re.escape(v), text, flags=re.I)]
    assert found == [], f"say {term!r}, not: {found}"


def test_the_check_sees_a_variant_in_prose_but_not_in_code():
    assert "答案" in prose("练习的答案。")
    assert "optimizer" not in prose("用 `optimizer.step()` 更新。")
    assert "optimizer" not in prose("```{code-cell}\noptimizer = 1\n```\n")
    assert "拓扑" not in prose("原文的“拓扑”一词")
    assert "optimizer" not in prose("优化器（optimizer）")
