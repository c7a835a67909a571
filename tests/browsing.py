"""The built site served on 127.0.0.1 and a headless Chromium, for tests.

Fixtures for ``test_search_terms.py`` and ``test_axe.py``: import them by
name. A page records its own problems; a request that the test's own next
navigation aborts (``net::ERR_ABORTED``) is not one.
"""
import functools
import http.server
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip("Chromium not found at /usr/bin/chromium: browser tests "
                "skipped (apt-get install chromium fonts-noto-cjk)",
                allow_module_level=True)
if not (HTML / "index.html").exists():
    pytest.skip(f"{HTML / 'index.html'} is missing: run make html first",
                allow_module_level=True)
from playwright.sync_api import sync_playwright  # noqa: E402


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


def open_page(browser, **options):
    """A new page whose ``problems`` lists what goes wrong on it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  **options)
    context.set_default_timeout(30_000)  # a loaded 2-core machine
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(
        f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: "net::ERR_ABORTED" not in str(
        r.failure) and page.problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(
        f"HTTP {r.status}: {r.url}"))
    return page
