"""Opening pages of the built site in headless Chromium, for tests.

Every browser test opens its pages with ``new_page``, on the session's
``site`` and ``browser`` (tests/conftest.py); ``PageLog`` is the one place
that judges what goes wrong on a page.
"""
import urllib.parse
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


VIEWPORT = {"width": 1280, "height": 900}


def is_external(url):
    parts = urllib.parse.urlparse(url)
    return (parts.scheme in ("http", "https", "ws", "wss")
            and parts.hostname != "127.0.0.1")


class PageLog:
    """Everything that goes wrong on a page, recorded as it happens.

    ``problems`` lists console errors, page errors, failed requests and
    responses >= 400; ``external`` lists every request that tried to leave
    127.0.0.1 (each is aborted: nothing leaves the machine).

    A request that fails with ``net::ERR_ABORTED`` after the page has begun
    to navigate elsewhere was cut off by that navigation: a click while the
    favicon or a search snippet loads, the test's own doing. It is no page
    problem, and ``problems`` leaves it out. Chromium reports such a failure
    before the new page arrives, so it is judged when ``problems`` is read.
    """

    def __init__(self, page):
        self.external, self._errors, self._failed = [], [], []
        self._navigations = 0  # navigation requests of the main frame
        self._started = {}  # request -> navigations seen when it started
        self._main_frame = page.main_frame
        error = self._errors.append
        page.on("console", lambda m: m.type == "error" and error(
            f"console: {m.text} ({m.location.get('url')})"))
        page.on("pageerror", lambda e: error(f"page error: {e}"))
        page.on("response", lambda r: r.status >= 400 and error(
            f"HTTP {r.status}: {r.url}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self._failed.append(r))
        page.route(is_external, lambda route: route.abort())

    def _request(self, request):
        if (request.is_navigation_request()
                and request.frame == self._main_frame):
            self._navigations += 1
        self._started[request] = self._navigations
        if is_external(request.url):
            self.external.append(request.url)

    def cut_off_by_navigation(self, request):
        started = self._started.get(request, self._navigations)
        return (request.failure == "net::ERR_ABORTED"
                and started < self._navigations)

    @property
    def problems(self):
        return self._errors + [f"request failed: {r.url} ({r.failure})"
                               for r in self._failed
                               if not self.cut_off_by_navigation(r)]


def new_page(browser, **options):
    """A page in a fresh context, with its ``PageLog`` as ``page.log``."""
    context = browser.new_context(viewport=VIEWPORT, **options)
    context.set_default_timeout(30_000)  # a loaded 2-core machine
    page = context.new_page()
    page.log = PageLog(page)
    return page


