"""axe-core finds no serious or critical WCAG 2 A/AA violation on any page.

Every page of the site: the root landing page and, in both editions, the
chapter, the glossary, the API page, the first page and the search page
with its hits, each in light and dark mode. axe-core comes from the pinned
axe-playwright-python package (axe-core 4.12.1 inside it), never the network.
"""
import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import new_page

PAGES = ["index.html"] + [f"{lang}/{name}" for lang in ("zh", "en")
                          for name in ("index.html", "training.html",
                                       "glossary.html", "api.html",
                                       "search.html?q=PyTorch")]
WCAG_2_AA = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # details for the violations only: axe then skips listing every node
    # that passed, most of its time on the chapter (every violation is
    # still found; axe-core's resultTypes)
    "resultTypes": ["violations"]}


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(
        browser, site, path, mode):  # noqa: F811 (the fixtures)
    page = new_page(browser, color_scheme=mode)
    page.goto(site + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    if "search.html" in path:  # the hits are part of the page
        page.wait_for_function(
            "document.querySelector('#search-results .search-summary')"
            "?.innerText.length > 0")
    if "training.html" in path:  # MathJax has typeset the formulas
        page.wait_for_function(
            "document.querySelector('mjx-container') !== null")
    # the theme's dark mode follows the system's ("auto")
    expected = "dark" if mode == "dark" else "light"
    if "/" in path:
        page.wait_for_function(
            f"document.documentElement.dataset.theme === '{expected}'")
    # before axe: it fetches each @import'ed stylesheet itself, relative to
    # the page rather than to the sheet, which is axe's request, not the page's
    assert page.log.problems == []
    results = Axe().run(page, options=WCAG_2_AA).response
    found = [f"{v['id']} ({v['impact']}): {v['help']}: "
             + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                         else str(n["target"]) for n in v["nodes"][:5])
             for v in results["violations"]
             if v["impact"] in ("serious", "critical")]
    page.context.close()
    assert found == []
