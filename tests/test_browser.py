"""The built book in a real browser: offline, clean, in both editions.

Serves ``_build/html`` on 127.0.0.1 and drives Debian's chromium with
playwright. A failed test leaves a screenshot of its page in
``_build/screenshots``; ``test_every_screen_*`` leave both editions, light
and dark, at twice the pixel density of the page (as on a high-density
screen), one screen at a time.
"""
import io
import json
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from PIL import Image

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"

if not CHROMIUM.exists():
    pytest.skip("Chromium not found at /usr/bin/chromium: browser tests "
                "skipped (apt-get install chromium fonts-noto-cjk)",
                allow_module_level=True)
try:
    from playwright.sync_api import expect
except ImportError:
    pytest.skip("playwright is not installed: browser tests skipped "
                "(pip install -r requirements.txt)", allow_module_level=True)
if not (HTML / "index.html").exists():
    pytest.skip(f"{HTML / 'index.html'} is missing: run make html first",
                allow_module_level=True)
from browsing import VIEWPORT, new_page  # noqa: E402

CHAPTERS = {"zh": "zh/training.html", "en": "en/training.html"}
# every page of an edition; each has its twin in the other edition
# html_use_index = False: no genindex.html to check
PAGES = ["index.html", "training.html", "glossary.html", "api.html",
         "search.html"]
# a full-page screenshot of the chapter (27000 px tall) takes longer than the
# 15 s that clicks and loads get on a busy machine
SCREENSHOT_TIMEOUT_MS = 120_000
OTHER = {"zh": "en", "en": "zh"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}


# module scope: the tests of one edition run together, so that they can share
# one loaded chapter
@pytest.fixture(scope="module", params=list(CHAPTERS), ids=list(CHAPTERS))
def lang(request):
    return request.param


def keep_evidence(page, request):
    """Leave a full-page screenshot of a failed test's page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"failed-{request.node.name}.png",
                    full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)


@pytest.fixture
def page(browser, request, has_failed):
    """A fresh page; a screenshot of it is kept if the test fails."""
    page = new_page(browser)
    yield page
    if has_failed():
        keep_evidence(page, request)
    page.context.close()


def load_chapter(page, url):
    """Load the chapter; wait until it is quiet and MathJax has typeset it."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => window.MathJax?.startup?.promise")
    page.evaluate("() => MathJax.startup.promise")  # resolves once typeset


@pytest.fixture(scope="module")
def loaded_chapter(browser, site, lang):
    """One edition's chapter, loaded once for the tests that only read it
    (none of them clicks or navigates)."""
    page = new_page(browser)
    load_chapter(page, site + CHAPTERS[lang])
    yield page
    page.context.close()


@pytest.fixture
def chapter(loaded_chapter, request, has_failed):
    """The loaded chapter, to read; a screenshot is kept if the test fails."""
    yield loaded_chapter
    if has_failed():
        keep_evidence(loaded_chapter, request)


@pytest.fixture
def fresh_chapter(page, site, lang):
    """The chapter in a page of its own, for a test that clicks in it."""
    load_chapter(page, site + CHAPTERS[lang])
    return page


def test_a_request_cut_off_by_the_tests_own_navigation_is_no_page_problem(
        page, site):
    # the flake made certain: the favicon never answers, and the test clicks
    # away while it loads
    page.route("**/favicon.svg", lambda route: None)
    with page.expect_request("**/favicon.svg"):
        page.goto(site + "en/index.html")
    with page.expect_event("requestfailed") as failed:
        page.click("a.lang-switch")
    page.wait_for_url("**/zh/index.html")
    assert failed.value.failure == "net::ERR_ABORTED"
    assert page.log.problems == []


def test_a_request_aborted_with_no_navigation_is_a_page_problem(page, site):
    page.route("**/favicon.svg", lambda route: route.abort("aborted"))
    with page.expect_event("requestfailed"):
        page.goto(site + "en/index.html")
    assert page.log.problems == [
        f"request failed: {site}en/_static/favicon.svg (net::ERR_ABORTED)"]


def test_chapter_loads_without_console_errors_or_failed_requests(chapter):
    assert chapter.log.problems == []


def test_chapter_makes_no_request_outside_localhost(chapter):
    assert chapter.log.external == []


def test_every_image_has_loaded(chapter):
    chapter.wait_for_function("[...document.images].every(i => i.complete)")
    images = chapter.eval_on_selector_all("img", """imgs => imgs.map(
        i => [i.src, i.complete && i.naturalWidth > 0])""")
    assert len(images) >= 6  # the scatter plot and five loss curves
    assert [src for src, ok in images if not ok] == []


def test_glued_numbers_are_visible(chapter):
    glued = chapter.locator("span.pasted-text")
    assert glued.count() >= 8
    texts = [t.strip() for t in glued.all_text_contents()]
    for i, text in enumerate(texts):
        # an exercise's answer is collapsed on purpose until the reader opens it
        in_answer = glued.nth(i).evaluate("e => !!e.closest('.dropdown')")
        assert in_answer or glued.nth(i).is_visible(), text
        assert re.search(r"\d", text), text
    assert "95.5%" in texts


def test_math_is_rendered(chapter):
    assert chapter.locator("mjx-container").count() >= 1
    assert "\\(" not in chapter.inner_text("body")


@pytest.mark.parametrize("name", PAGES)
def test_language_switch_reaches_the_twin_page_and_back(page, site, name):
    # from zh and back clicks both editions' switches (and checks both
    # editions' lang): starting from en would click the same two links
    page.goto(site + f"zh/{name}", wait_until="load")
    assert page.get_attribute("html", "lang") == HTML_LANG["zh"]
    for there in ("en", "zh"):  # there, and back
        page.click("a.lang-switch")
        page.wait_for_url(f"**/{there}/{name}")
        assert page.get_attribute("html", "lang") == HTML_LANG[there]
    assert page.log.problems == []


def test_page_names_its_twin_as_hreflang_alternate(chapter, lang):
    links = chapter.eval_on_selector_all(
        'link[rel="alternate"][hreflang]',
        "ls => Object.fromEntries(ls.map(l => [l.hreflang, l.href]))")
    assert links[HTML_LANG[OTHER[lang]]].endswith(CHAPTERS[OTHER[lang]])
    assert links[HTML_LANG[lang]].endswith(CHAPTERS[lang])
    assert links["x-default"] == links[HTML_LANG[lang]].rsplit(
        "/", 2)[0] + "/index.html"


# words of the chapter, in each edition's own language (jieba segments the
# Chinese; English words are stemmed: "quadrants" finds "quadrant")
SEARCHES = {"zh": ["神经网络", "训练", "象限", "optimizer", "Sequential"],
            "en": ["quadrants", "training", "optimizer", "Sequential"]}


def test_search_finds_the_chapter_in_its_own_edition(page, site, lang):
    for term in SEARCHES[lang]:
        page.goto(site + f"{lang}/search.html?q=" + urllib.parse.quote(term))
        # the summary is filled in when the search has finished, hits or not
        page.wait_for_function(
            "document.querySelector('#search-results .search-summary')"
            "?.innerText.length > 0")
        hrefs = page.eval_on_selector_all(
            "#search-results li a, ul.search li a",
            "links => links.map(a => a.href)")
        paths = {urllib.parse.urlparse(h).path.lstrip("/") for h in hrefs}
        assert CHAPTERS[lang] in paths, f"{term!r} found only {sorted(paths)}"
        assert not any(p.startswith(OTHER[lang] + "/") for p in paths)
    # (going on to the next term cuts off the fetches of the hits' snippets)
    assert page.log.problems == []


# The words a reader sees around the text: everything outside the article,
# and the buttons, toggles and prompts inside it, with their tooltips, labels
# and placeholders. The language switch is the one place for the other
# language. (The text of search.html and genindex.html is all interface.)
INTERFACE_JS = """() => {
  const article = document.querySelector('article.bd-article');
  const generated = !!document.querySelector('#search-results, .genindextable, #search-documentation');
  const widget = 'button, summary, .toggle-button, .copybtn, .admonition-title, .search-summary';
  // the hits on the search page and the entries of the index are content
  // (and so are the headings in the page's table of contents, and code,
  // which a box's own title may quote)
  const content = 'a.lang-switch, ul.search, table.genindextable, noscript, .toc-entry, code, '
    + '.genindex-jumpbox, h2:has(+ table.genindextable), nav.page-toc';
  const isInterface = el => !el.closest(content) && (generated
      || !article || !article.contains(el) || !!el.closest(widget));
  const words = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (el && !el.closest('script, style, mjx-container') && isInterface(el))
      words.push(walker.currentNode.textContent);
  }
  const attrs = ['title', 'aria-label', 'placeholder', 'data-toggle-hint',
                 'data-bs-original-title'];
  for (const el of document.querySelectorAll('*'))
    for (const a of attrs)
      if (el.hasAttribute(a) && isInterface(el)) words.push(el.getAttribute(a));
  return words.map(w => w.trim()).filter(w => w);
}"""
# names that stay as they are in Chinese text
LATIN_IN_ZH = {"PyTorch", "quadnet", "quadnet-book", "API", "Ctrl", "K", "PDF",
               "ipynb", "md", "pdf", "zip", "Sphinx", "Python", "JavaScript",
               "Jupyter", "MyST",
               # code in the zh headings that the contents list repeats:
               # 深入：`.data` 跳过了什么, 深入：float32 在哪里饱和
               "data", "float"}
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def foreign_words(texts, lang):
    """The words in ``texts`` that are not in the edition's language."""
    if lang == "en":
        return sorted({t for t in texts if CJK.search(t)})
    return sorted({w for t in texts
                   for w in re.findall(r"[A-Za-z][A-Za-z.'-]*", t)
                   if w.strip(".") not in LATIN_IN_ZH})


@pytest.mark.parametrize("name", PAGES)
def test_interface_speaks_only_the_editions_language(page, site, lang, name):
    url = site + f"{lang}/{name}" + ("?q=PyTorch" if name == "search.html"
                                     else "")
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if name == "search.html":
        page.wait_for_function(
            "document.querySelector('#search-results .search-summary')"
            "?.innerText.length > 0")
    # open a collapsed cell and an answer, and wait until they are open:
    # their words change when opened
    cell, answer = page.locator("details.hide"), page.locator(
        ".dropdown .toggle-button")
    if cell.count():
        cell.first.locator("summary").click()
        expect(cell.first).to_have_attribute("open", "")
    if answer.count():
        answer.first.click()
        expect(answer.first).to_have_attribute("aria-expanded", "true")
    if page.locator("div.cell_input pre").count():
        page.hover("div.cell_input pre")
    assert foreign_words(page.evaluate(INTERFACE_JS), lang) == []


def test_chapter_interface_words_were_collected(chapter, lang):
    """The check above sees the theme's words: it is not vacuous."""
    texts = chapter.evaluate(INTERFACE_JS)
    words = " ".join(texts)
    expected = {"zh": ["搜索", "下载", "回到顶部"],
                "en": ["Search", "Download", "Back to top"]}[lang]
    assert all(w in words for w in expected), texts
    assert foreign_words(["English", "中文 text"], lang) != []


def test_landing_page_offers_both_editions(page, site):
    page.goto(site, wait_until="load")
    for lang, path in [("zh", "zh/index.html"), ("en", "en/index.html")]:
        link = page.locator(f'section[lang="{HTML_LANG[lang]}"] a.read')
        assert link.get_attribute("href") == path
    page.locator('section[lang="zh-CN"] a.read').click()
    page.wait_for_url("**/zh/index.html")
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.log.problems == []


# the article's column, below the bars that stick to the top of the screen
ARTICLE_BAND_JS = """() => {
  const a = document.querySelector('article.bd-article')
    .getBoundingClientRect();
  let top = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (!['sticky', 'fixed'].includes(getComputedStyle(el).position))
      continue;
    const r = el.getBoundingClientRect();
    if (r.top <= 1 && r.bottom > top && r.bottom < innerHeight / 2
        && r.left < a.right && r.right > a.left) top = r.bottom;
  }
  return [Math.max(a.left, 0), top, Math.min(a.right, innerWidth),
          innerHeight];
}"""


def scroll_to(page, y):
    page.evaluate("y => window.scrollTo({top: y, behavior: 'instant'})", y)
    page.wait_for_function("y => Math.abs(window.scrollY - y) < 1", arg=y)


def inked(picture, box, scale):
    """The share of the pixels in ``box`` (CSS px) that differ from the
    commonest shade: 0 for a blank picture."""
    image = Image.open(io.BytesIO(picture)).convert("L")
    histogram = image.crop([round(v * scale) for v in box]).histogram()
    return 1 - max(histogram) / sum(histogram)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_screen_of_the_chapter_at_scale_2_shows_the_article(
        browser, site, lang, mode):
    """Leave ``chapter-<lang>-<mode>@2x/NN.jpg`` to look at.

    In ``_build/screenshots``, one picture per screen, top to bottom, at twice the pixel density of the
    page (as on a high-density screen). The figures are SVG, so they stay
    sharp; in dark mode they are inverted to light lines on the dark page.
    A full-page capture of the 27,000 px chapter comes back blank below the
    first screen, so each screen is captured in turn, and each must show ink
    in the article's column.
    """
    page = new_page(browser, device_scale_factor=2, color_scheme=mode)
    load_chapter(page, site + CHAPTERS[lang])
    assert page.get_attribute("html", "data-theme") == mode
    images = page.eval_on_selector_all(
        ".cell_output img", "imgs => imgs.map(i => i.src)")
    assert images and all(src.endswith(".svg") for src in images), images
    height = page.evaluate("document.documentElement.scrollHeight")
    last = height - VIEWPORT["height"]
    scroll_to(page, last // 2)  # the sticky bars stick, wherever they are
    band = page.evaluate(ARTICLE_BAND_JS)
    folder = SHOTS / f"chapter-{lang}-{mode}@2x"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tops = [*range(0, last, VIEWPORT["height"]), last]
    blank = []
    for n, top in enumerate(tops, 1):
        scroll_to(page, top)
        name = f"{n:02d}.jpg"  # JPEG: half the time of PNG, for 30 screens
        picture = page.screenshot(path=folder / name, quality=90)
        if inked(picture, band, scale=2) < 0.01:  # the least seen is 0.13
            blank.append(name)
    page.context.close()
    assert len(tops) > 20  # the whole chapter, not its first screens
    assert not blank, f"no article in {folder}: {blank}"


def test_notebook_download_is_a_valid_notebook(chapter):
    link = chapter.locator('a[href$=".ipynb"]')  # hidden in the download menu
    assert link.count() >= 1, "no .ipynb link in the page's download menu"
    url = urllib.parse.urljoin(chapter.url, link.first.get_attribute("href"))
    response = chapter.request.get(url)
    assert response.ok, f"HTTP {response.status}: {url}"
    notebook = json.loads(response.text())
    assert notebook["nbformat"] == 4
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code cells"
    assert any(c.get("outputs") for c in code), \
        "no outputs: this is not the executed notebook"
    # the hidden cells that glue numbers into the prose need myst-nb
    assert not any("glue" in "".join(c["source"]) for c in code)


def test_download_menu_offers_the_notebooks_zip_first(fresh_chapter, lang):
    chapter = fresh_chapter
    chapter.click(".dropdown-download-buttons button")
    first = chapter.locator(".dropdown-download-buttons .dropdown-menu a").first
    first.wait_for(state="visible")
    href = first.get_attribute("href")
    assert href == f"training-{lang}.zip"
    url = urllib.parse.urljoin(chapter.url, href)
    response = chapter.request.get(url)
    assert response.ok, f"HTTP {response.status}: {url}"
    assert response.body()[:4] == b"PK\x03\x04", "not a zip"
    # and the visible line near the top of the chapter offers the same file
    line = chapter.locator("a.notebooks-zip")
    assert line.is_visible() and line.get_attribute("href") == href


def test_exercise_figures_and_outputs_stay_hidden_until_the_solution_opens(
        fresh_chapter):
    chapter = fresh_chapter
    # every figure of the exercises section lies inside a solution ...
    loose = chapter.eval_on_selector_all(
        "section:has(> div.exercise) img",
        "imgs => imgs.filter(i => !i.closest('div.solution')).length")
    assert loose == 0
    solutions = chapter.locator("div.solution.dropdown")
    assert solutions.count() == 5
    for i in range(solutions.count()):
        solution = solutions.nth(i)
        shown = solution.locator("img, div.cell_output")
        assert shown.count() >= 1, f"solution {i + 1} shows nothing"
        # ... collapsed with its text until the reader asks for it ...
        assert not any(shown.nth(k).is_visible()
                       for k in range(shown.count())), f"solution {i + 1}"
        solution.locator(".admonition-title").click()
        # ... and all of it there once the solution is open
        for k in range(shown.count()):
            expect(shown.nth(k)).to_be_visible()
