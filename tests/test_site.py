"""Static checks of the built HTML: page weight and headings.

These read ``_build/html`` as ``make html`` leaves it (``make test`` builds
the book first); they skip, saying so, when the book has not been built.
"""
import ast
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import noto_cjk_sans_otc
import pytest
from matplotlib.ft2font import FT2Font

from quadnet.plot import CJK_FACE, WORDS

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
CHAPTERS = ["zh/training.html", "en/training.html"]
MAX_PAGE_BYTES = 1_000_000

pytestmark = pytest.mark.skipif(
    not (HTML / "index.html").exists(),
    reason=f"{HTML / 'index.html'} is missing: run make html first")


class Outline(HTMLParser):
    """Collect the article's heading levels and its images' src and alt."""

    def __init__(self):
        super().__init__()
        self.in_article, self.levels, self.images = False, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article = True
        elif self.in_article and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        elif self.in_article and tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False


def outline(page):
    parser = Outline()
    parser.feed((HTML / page).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_page_with_its_figures_weighs_at_most_1mb(page):
    images = {img["src"] for img in outline(page).images}
    sizes = [(HTML / page).stat().st_size] + [
        (HTML / page).parent.joinpath(src).resolve().stat().st_size
        for src in images]
    assert sum(sizes) <= MAX_PAGE_BYTES, (
        f"{page}: {sum(sizes)} bytes (html {sizes[0]}, {len(images)} "
        f"figures {sum(sizes[1:])})")


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_headings_descend_one_level_at_a_time(page):
    levels = outline(page).levels
    assert levels and levels[0] == 1, levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"{page}: h{before} then h{after}"


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_figure_has_alt_text_in_its_editions_language(page):
    images = outline(page).images
    assert len(images) >= 6, f"{page}: only {len(images)} figures"
    for img in images:
        alt = img.get("alt", "")
        assert alt and not alt.endswith(".png"), f"{page}: {img}"
        has_cjk = re.search(r"[\u4e00-\u9fff]", alt) is not None
        assert has_cjk == page.startswith("zh/"), f"{page}: alt {alt!r}"


def quadnet_sources():
    """Each top-level function and class of quadnet, minus its docstrings."""
    sources = {}
    for path in (ROOT / "quadnet").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for node in ast.parse(text).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                source = ast.get_source_segment(text, node)
                sources[node.name] = re.sub(r'\n[ \t]*""".*?"""(?=\n)', "",
                                            source, flags=re.S)
    return sources


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_shows_the_quadnet_code_that_runs_checks_included(page):
    # each listing is the function's source minus its docstring, nothing
    # else left out: an argument check that runs is on the page
    sources = quadnet_sources()
    html = (HTML / page).read_text(encoding="utf-8")
    listings = {}
    for block in re.findall(r"<pre>(.*?)</pre>", html, re.S):
        code = unescape(re.sub(r"<[^>]+>", "", block)).rstrip("\n")
        name = re.match(r"(?:def|class) (\w+)", code)
        if name and name[1] in sources:
            listings[name[1]] = code
    chapter = (ROOT / "book" / page).with_suffix(".md").read_text("utf-8")
    assert listings.keys() == set(re.findall(r"^:pyobject: (\w+)$", chapter,
                                             re.M))
    for name, code in listings.items():
        assert code == sources[name], name
    assert "    check_forward_order(W1, W2, W3)\n" in listings["forward"]


def cjk_glyph_ids(texts):
    """The ids of the glyphs of ``texts`` in matplotlib's SVG (text as
    paths) when they are set in quadnet.plot's Noto Sans CJK SC."""
    font = FT2Font(str(noto_cjk_sans_otc.FONT_PATH), face_index=CJK_FACE)
    return {f"{font.postscript_name}-{font.get_char_index(ord(c)):x}"
            for text in texts for c in text}


@pytest.mark.parametrize("page", CHAPTERS)
def test_figures_draw_the_plots_words_in_the_editions_language(page):
    """The zh figures hold the glyphs of every Chinese word the plots add
    (from the pip-installed font, not boxes); the en figures none of them."""
    svg = "".join(
        (HTML / page).parent.joinpath(src).resolve().read_text(
            encoding="utf-8")
        for src in {img["src"] for img in outline(page).images}
        if src.endswith(".svg"))
    drawn = set(re.findall(r'id="(NotoSansCJKsc-Regular-[0-9a-f]+)"', svg))
    if page.startswith("zh/"):
        assert cjk_glyph_ids(WORDS["zh"].values()) <= drawn
    else:
        assert not drawn
