"""The printed edition: what a reader of each PDF gets.

The tests read the PDFs that ``make pdf`` left in ``_build/latex`` (CI runs
it before ``make test``) the way a reader's tools do: pdftotext for the
text, pdffonts for the fonts. Without the PDFs, or without poppler's tools,
every test here is skipped and says what to run or install. That ``make
pdf`` runs no notebook is proved on the fixture book (test_pdf_extension).
"""
import re
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
EDITIONS = ["zh", "en"]
# interface words of the HTML pages that have no meaning on paper, in both
# languages (conf.py's code-cell toggles and language switch, the theme's)
HTML_ONLY = ["Show code cell", "Hide code cell", "Click to show",
             "Print to PDF", "Fullscreen", "Download source file",
             "Read this page in English", "Start reading", "Back to top",
             "显示代码", "隐藏代码", "点击显示", "阅读本页的中文版", "开始阅读",
             "回到顶部", "打印为PDF"]

TOOLS = ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm")
_missing = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(_missing), reason=f"{', '.join(_missing)} not found: "
                           "apt-get install poppler-utils")


@pytest.fixture(scope="session")
def pdfs():
    """Both PDFs, as ``make pdf`` left them: ``{edition: pdf path}``."""
    paths = {ed: BUILD / "latex" / ed / f"quadnet-{ed}.pdf"
             for ed in EDITIONS}
    missing = [str(path.relative_to(ROOT)) for path in paths.values()
               if not path.is_file()]
    if missing:
        pytest.skip(f"{', '.join(missing)} missing: run make pdf first "
                    "(it needs TeX: make tex-check names the packages)")
    return paths


def squeeze(text):
    """``text`` without whitespace, ligatures or typographic quotes.

    xeCJK puts spacing between Chinese and Latin letters, and lines break
    anywhere in Chinese, so text is compared with no whitespace at all.
    NFKC turns ligatures such as "ﬁ" back into letters; Sphinx's smart
    quotes turn ' into ’.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", "", text)


@cache
def pdf_text(path):
    """The PDF's text as pdftotext reads it, squeezed."""
    return squeeze(subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True, text=True, check=True).stdout)


def chapter_headings(edition):
    """The headings of an edition's chapter source, outside code cells."""
    headings, fenced = [], False
    source = ROOT / "book" / edition / "training.md"
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            headings.append(line.lstrip("#").strip().replace("`", ""))
    return headings


def tex_source(edition):
    return (BUILD / "latex" / edition / f"quadnet-{edition}.tex").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_text_has_every_chapter_heading_and_the_glued_accuracy(
        pdfs, edition):
    text = pdf_text(pdfs[edition])
    headings = chapter_headings(edition)
    assert len(headings) >= 10, headings
    for heading in headings:
        assert squeeze(heading) in text, (
            f"{edition} PDF lacks the heading {heading!r}")
    assert "95.5%" in text  # glued into the prose: the source has no 95.5
    assert "tensor(0.9550)" in text  # and printed by the cell


def test_zh_pdf_shows_chinese_headings(pdfs):
    text = pdf_text(pdfs["zh"])
    for heading in ("用PyTorch训练神经网络", "准备数据", "练习", "总结"):
        assert heading in text


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_font_of_the_pdf_is_embedded(pdfs, edition):
    lines = subprocess.run(["pdffonts", str(pdfs[edition])],
                           capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines, "pdffonts lists no font"
    # name type encoding emb sub uni object-id generation: emb is 5th last
    not_embedded = [line for line in lines if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


@pytest.mark.parametrize("edition", EDITIONS)
def test_figures_carry_the_font_of_the_plots_chinese_words_in_zh_only(
        pdfs, edition):
    """matplotlib embeds the font of quadnet.plot's Chinese words (Noto Sans
    CJK SC) in a figure as a Type 3 font; TeX sets the prose in others."""
    fonts = subprocess.run(["pdffonts", str(pdfs[edition])],
                           capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    plots = [line for line in fonts if "+NotoSansCJKsc-Regular" in line
             and "Type 3" in line]
    assert bool(plots) == (edition == "zh"), fonts


@pytest.mark.parametrize("edition", EDITIONS)
def test_latex_log_has_no_missing_character(pdfs, edition):
    log = (BUILD / "latex" / edition / f"quadnet-{edition}.log").read_text(
        encoding="utf-8", errors="replace")
    missing = [line for line in log.splitlines()
               if "Missing character" in line]
    assert not missing, missing[:5]


@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_has_as_many_vector_figures_as_the_chapter_page(pdfs, edition):
    page = BUILD / "html" / edition / "training.html"
    if not page.is_file():
        pytest.skip(f"{page} is missing: run make html first")
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    page_figures = len(re.findall(r"<img\b", article))
    tex_figures = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?"
                             r"\{\{([^}]*)\}(\.\w+)\}", tex_source(edition))
    assert page_figures >= 6
    assert len(tex_figures) == page_figures
    raster = [name + ext for name, ext in tex_figures if ext != ".pdf"]
    assert not raster, f"figures not in vector PDF: {raster}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_has_no_words_of_the_html_interface(pdfs, edition):
    text = pdf_text(pdfs[edition])
    found = [word for word in HTML_ONLY if squeeze(word) in text]
    assert not found, f"{edition} PDF shows {found}"


def figure_page(path):
    """The first page that shows the chapter's data plot (axes x1 and x2)."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True,
        check=True).stdout).group(1))
    for page in range(1, pages + 1):
        lines = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True, text=True, check=True).stdout.splitlines()
        if {"x1", "x2"} <= {line.strip() for line in lines}:
            return page
    return None


@pytest.mark.parametrize("edition", EDITIONS)
def test_first_page_and_a_figure_page_render_for_a_person_to_look_at(
        pdfs, edition):
    """Leave PNGs of page 1 and of the first figure's page (100 dpi)."""
    page = figure_page(pdfs[edition])
    assert page, f"no page of the {edition} PDF shows the data plot"
    for number in (1, page):
        prefix = pdfs[edition].parent / f"review-page-{number}"
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile",
                        "-f", str(number), "-l", str(number),
                        str(pdfs[edition]), str(prefix)], check=True)
        png = prefix.with_suffix(".png")
        assert png.stat().st_size > 20_000, f"{png} looks blank"
        print(f"look at {png}")


@pytest.mark.parametrize("edition", EDITIONS)
def test_chapter_page_offers_its_editions_pdf(pdfs, edition):
    site = BUILD / "html" / edition
    html = (site / "training.html").read_text(encoding="utf-8")
    name = f"quadnet-{edition}.pdf"
    assert f'href="_downloads/{name}"' in html
    assert "window.print()" not in html
    assert (site / "_downloads" / name).read_bytes() == (
        pdfs[edition].read_bytes())


# sphinx-exercise's titles of exercise n and of its solution, squeezed
EXERCISE_TITLES = {"zh": ("练习{n}", "解答练习{n}"),
                   "en": ("Exercise{n}", "SolutiontoExercise{n}")}


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_exercise_is_followed_by_its_solution(pdfs, edition):
    text = pdf_text(pdfs[edition])
    exercise, solution = EXERCISE_TITLES[edition]
    start = 0
    for n in range(1, 6):
        end = text.find(solution.format(n=n), start)
        assert end > 0, f"{edition} PDF has no solution to exercise {n}"
        # exercise n is set between the previous solution and its own
        assert exercise.format(n=n) in text[start:end], (
            f"{edition} PDF: exercise {n} does not come before its solution")
        start = end + len(solution.format(n=n))
