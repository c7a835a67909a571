"""Opening pages of the built site in headless Chromium, for tests.

``test_search_terms.py`` and ``test_axe.py`` use ``open_page`` with the
session's ``site`` and ``browser`` (tests/conftest.py). A page records its own problems; a request that the test's own next
navigation aborts (``net::ERR_ABORTED``) is not one.
"""
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"

if not CHROMIUM.exists():
    pytest.skip("Chromium not found at /usr/bin/chromium: browser tests "
                "skipped (apt-get install chromium fonts-noto-cjk)",
                allow_module_level=True)
if not (HTML / "index.html").exists():
    pytest.skip(f"{HTML / 'index.html'} is missing: run make html first",
                allow_module_level=True)


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
