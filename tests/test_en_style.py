"""The en edition keeps the house style of book/STYLE-en.md.

Each rule that a machine can check has a test here. The prose is read from
the built pages (``make html``), without code, cell outputs and math, plus
the figures' alt texts; spelling is also checked in the en sources and in
``quadnet``'s docstrings and comments. The tests skip, saying so, when the
book has not been built.
"""
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html" / "en"
PAGES = ["index.html", "training.html", "glossary.html"]

built = pytest.mark.skipif(
    not (HTML / "training.html").exists(),
    reason=f"{HTML / 'training.html'} is missing: run make html first")

# UK spellings (as word stems) that PyTorch's own documentation spells the
# US way: normalize, optimization, center, color, neighboring, labeled...
UK = re.compile(
    r"\b\w*(?:normalis|optimis|initialis|vectoris|minimis|maximis|"
    r"regularis|visualis|summaris|generalis|parameteris|standardis|"
    r"recognis|organis|utilis|realis|serialis|characteris|centre|"
    r"neighbour|colour|behaviour|favour|analys(?:e|ed|es|ing)\b|"
    r"labell|modell|travell|learnt\b|whilst\b|amongst\b)\w*", re.IGNORECASE)

# one name per thing: the variant the house style replaced -> the name
VARIANTS = {
    r"\bborders?\b": "decision boundary (or the axes)",
    r"\banswers?\b": "solution, as in the exercise boxes",
    r"\bnet\b": "network (`net` in code is fine)",
    r"PyTorch's own": "PyTorch's built-in",
    r"\bclass numbers?\b": "labels, or class indices",
    r"hand-written network": "the autograd-only network",
    r"\[\s*2\s*,\s*\d+\s*,\s*4\s*\]": "2-10-4 in prose ([2, 10, 4] in code)",
    r"\b(?:chapter|exercise) \d": "Chapter 2, Exercise 4: capitalized",
    r"\btrainings\b|\bthe chapter's (?:first|very first) training\b(?! run)":
        "a training run",
}

# padding: phrases that the line edit took out and that say nothing
PADDING = ["As you can see", "Note that", "Notice that", "In fact",
           "The book's tests", "bit for bit", "one by one",
           "In this section", "In other words, PyTorch"]

# proper nouns and acronyms that keep their capitals inside a heading
PROPER = {"PyTorch", "PyTorch's", "NumPy", "SGD", "Adam", "ReLU", "NaN",
          "Chinese", "English", "Jupyter", "API", "Bayes", "Bayes-optimal",
          "Gaussian", "OCR"}


def soup(page):
    return BeautifulSoup((HTML / page).read_text(encoding="utf-8"),
                         "html.parser").find("article")


def prose(page):
    """The page's prose: the article without code, outputs and math, and
    with each figure's alt text as a paragraph of its own."""
    article = soup(page)
    alts = [img.get("alt", "") for img in article.find_all("img")]
    for node in article.select("pre, code, div.cell, div.cell_output, "
                               ".math, script, style, a.headerlink"):
        node.decompose()
    return "\n".join([article.get_text(" "), *alts])


def headings(page):
    """The article's headings and box titles, code replaced by ``CODE``."""
    article = soup(page)
    for node in article.select("a.headerlink"):
        node.decompose()
    for node in article.select("code"):
        node.replace_with("CODE")
    found = article.select("h1, h2, h3, h4, h5, h6, p.admonition-title")
    return [" ".join(node.get_text(" ").replace("\u2019", "'").split())
            for node in found]


def not_sentence_case(heading):
    """The words of ``heading`` that break sentence case, if any."""
    wrong = []
    for part in heading.split(": "):  # capitalize after a colon
        words = re.findall(r"[\w'’%-]+", part)
        for k, word in enumerate(words):
            numbered = k + 1 < len(words) and words[k + 1].isdigit()
            if word == "CODE" or word in PROPER or not word[0].isalpha() \
                    or word in ("Chapter", "Exercise") and numbered:
                continue
            if (k == 0) != word[0].isupper():
                wrong.append(word)
    return wrong


@pytest.mark.parametrize("source", sorted(
    [*(ROOT / "book" / "en").glob("*.md"), *(ROOT / "quadnet").glob("*.py"),
     ROOT / "book" / "_ext" / "quadnet_book" / "templates"
     / "takehome-README.md"]), ids=lambda p: p.name)
def test_en_sources_and_quadnet_docstrings_use_us_spelling(source):
    text = source.read_text(encoding="utf-8")
    assert not UK.findall(text), source


@built
@pytest.mark.parametrize("page", PAGES)
def test_en_prose_uses_us_spelling(page):
    assert not UK.findall(prose(page))


@built
@pytest.mark.parametrize("page", PAGES)
def test_en_prose_numbers_are_for_humans(page):
    text = prose(page)
    assert not re.findall(r"(?<![\d,.])\d{5,}", text), \
        "5+ digits need thousands separators (glue format ',d')"
    assert not re.findall(r"\b\d+(?:\.\d+)?e[-+]?\d+\b", text), \
        "e-notation: write 2.2 × 10⁻⁶"
    assert not re.findall(r"(?:^|[\s(\[=,;:])-\d", text, re.MULTILINE), \
        "a minus sign is U+2212, not a hyphen"
    assert not re.findall(r"\b(?:nan|inf)\b", text), \
        "write NaN and infinity, or `nan` in code font"


@built
@pytest.mark.parametrize("page", PAGES)
def test_en_headings_are_in_sentence_case(page):
    wrong = {h: not_sentence_case(h) for h in headings(page)}
    assert not {h: w for h, w in wrong.items() if w}


@built
@pytest.mark.parametrize("page", PAGES)
def test_en_page_has_no_two_headings_alike(page):
    titles = [h for h in headings(page)  # but the boxes' generic titles
              if h not in ("Editor's note", "Note")
              and not re.fullmatch(r"(Solution to )?Exercise \d+.*", h)]
    assert len(titles) == len(set(titles)), titles


@built
@pytest.mark.parametrize("page", PAGES)
def test_en_prose_uses_one_name_per_thing(page):
    text = prose(page)
    found = {why: re.findall(variant, text)
             for variant, why in VARIANTS.items()}
    assert not {why: hits for why, hits in found.items() if hits}


@built
def test_en_chapter_has_no_padding_phrases():
    text = prose("training.html")
    assert not [phrase for phrase in PADDING if phrase in text]


def test_sentence_case_checker_flags_title_case_and_a_lowercase_start():
    assert not_sentence_case("Bringing In PyTorch's Tools") == ["In",
                                                                 "Tools"]
    assert not_sentence_case("optimizer") == ["optimizer"]
    assert not not_sentence_case("Solution to Exercise 1")
    assert not_sentence_case("Addition: why 100% is out of reach") == [
        "why"]
    assert not not_sentence_case("CODE and layers of our own")
