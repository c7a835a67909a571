"""The built book in a real browser: offline, clean, in both editions.

Serves ``_build/html`` on 127.0.0.1 and drives Debian's chromium with
playwright. Every test leaves a full-page screenshot in ``_build/screenshots``.
"""
import functools
import http.server
import json
import re
import threading
import urllib.parse
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"

if not CHROMIUM.exists():
    pytest.skip("Chromium not found at /usr/bin/chromium: browser tests "
                "skipped (apt-get install chromium fonts-noto-cjk)",
                allow_module_level=True)
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    pytest.skip("playwright is not installed: browser tests skipped "
                "(pip install -r requirements.txt)", allow_module_level=True)
if not (HTML / "index.html").exists():
    pytest.skip(f"{HTML / 'index.html'} is missing: run make html first",
                allow_module_level=True)

CHAPTERS = {"zh": "zh/training.html", "en": "en/training.html"}
OTHER = {"zh": "en", "en": "zh"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--no-first-run"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no line per request in pytest's output
        pass


@pytest.fixture(scope="session")
def site():
    """The base URL of ``_build/html`` served on a free port of 127.0.0.1."""
    handler = functools.partial(QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def is_external(url):
    parts = urllib.parse.urlparse(url)
    return (parts.scheme in ("http", "https", "ws", "wss")
            and parts.hostname != "127.0.0.1")


@pytest.fixture(params=list(CHAPTERS), ids=list(CHAPTERS))
def lang(request):
    return request.param


@pytest.fixture
def page(browser, lang, request):
    """A fresh page that records everything that goes wrong on it.

    ``page.problems`` lists console errors, page errors, failed requests
    and responses >= 400; ``page.external`` lists every request that tried
    to leave 127.0.0.1 (each is aborted: nothing leaves the machine).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems, page.external = [], []
    problem = page.problems.append
    page.on("console", lambda m: m.type == "error" and problem(
        f"console: {m.text} ({m.location.get('url')})"))
    page.on("pageerror", lambda e: problem(f"page error: {e}"))
    page.on("requestfailed", lambda r: problem(
        f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and problem(
        f"HTTP {r.status}: {r.url}"))
    page.on("request", lambda r: is_external(r.url)
            and page.external.append(r.url))
    page.route(is_external, lambda route: route.abort())
    yield page
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{request.node.originalname}-{lang}.png"
    page.screenshot(path=shot, full_page=True)
    context.close()


@pytest.fixture
def chapter(page, site, lang):
    """The chapter, loaded, quiet on the network and typeset by MathJax."""
    page.goto(site + CHAPTERS[lang], wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.querySelector('mjx-container') !== null")
    return page


def test_chapter_loads_without_console_errors_or_failed_requests(chapter):
    assert chapter.problems == []


def test_chapter_makes_no_request_outside_localhost(chapter):
    assert chapter.external == []


def test_every_image_has_loaded(chapter):
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


def test_language_switch_reaches_the_counterpart(chapter, lang):
    for there in (OTHER[lang], lang):  # there, and back
        chapter.click("p.lang-switch a")
        chapter.wait_for_url("**/" + CHAPTERS[there])
        assert chapter.get_attribute("html", "lang") == HTML_LANG[there]


def test_page_declares_its_language(chapter, lang):
    assert chapter.get_attribute("html", "lang") == HTML_LANG[lang]


SEARCHES = {"zh": ["神经网络", "训练", "象限", "optimizer", "Sequential"],
            "en": ["optimizer", "Sequential"]}


def test_search_finds_the_chapter(page, site, lang):
    for term in SEARCHES[lang]:
        page.goto(site + "search.html?q=" + urllib.parse.quote(term))
        # the summary is filled in when the search has finished, hits or not
        page.wait_for_function(
            "document.querySelector('#search-results .search-summary')"
            "?.innerText.length > 0")
        hrefs = page.eval_on_selector_all(
            "#search-results li a, ul.search li a",
            "links => links.map(a => a.href)")
        paths = {urllib.parse.urlparse(h).path.lstrip("/") for h in hrefs}
        assert CHAPTERS[lang] in paths, f"{term!r} found only {sorted(paths)}"


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


def test_exercise_figures_and_outputs_stay_hidden_until_the_solution_opens(
        chapter):
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
        shown.last.wait_for(state="visible")
        assert all(shown.nth(k).is_visible() for k in range(shown.count()))
