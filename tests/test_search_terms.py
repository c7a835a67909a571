"""Every glossary term, searched on an edition's search page, finds the chapter.

The zh edition is searched for the glossary's Chinese terms, the en edition
for its English ones, as a reader types them (a note in brackets left out,
each of two terms on its own). jieba would cut 学习率 or 决策区域 into shorter
words and find nothing, unless the glossary is its user dictionary
(quadnet_book.search). The terms go through the page's own ``Search`` (the
query parser and stemmer that the search box runs), all of an edition's on
one loaded page; the tests of the snippets type theirs into the box.
"""
import re
import urllib.parse

import pytest

from browsing import ROOT, new_page

GLOSSARY = ROOT / "book" / "_shared" / "glossary.md"
CHAPTER = "training.html"
COLUMN = {"zh": 0, "en": 1}
# terms that cannot find the chapter (strict: each leaves this list once it
# does). Sphinx's Chinese index leaves out words of one character
# (sphinx/search/zh.py, SearchChinese.word_filter).
ONE_CHARACTER = "Sphinx's zh search index has no one-character words"
MISSING = {("zh", "类"): ONE_CHARACTER, ("zh", "包"): ONE_CHARACTER,
           ("zh", "层"): ONE_CHARACTER,
           ("en", "readability"): "the en chapter says 'easier to read'",
           ("en", "alias"): "the en chapter says 'aliases', which the "
                            "English stemmer does not match to 'alias'"}


def terms(lang):
    """The glossary's terms in the column of edition ``lang``."""
    rows = [line.split("|")[1:-1] for line in
            GLOSSARY.read_text(encoding="utf-8").splitlines()
            if line.startswith("|")][2:]
    found = []
    for row in rows:
        cell = re.sub(r"（[^）]*）|\([^)]*\)|`", "", row[COLUMN[lang]])
        found += [t.strip() for t in re.split(r"、|, ", cell) if t.strip()]
    return list(dict.fromkeys(found))


def cases():
    return [pytest.param(lang, term, id=f"{lang}-{term}", marks=[
        pytest.mark.xfail(reason=MISSING[lang, term], strict=True)]
        if (lang, term) in MISSING else [])
        for lang in COLUMN for term in terms(lang)]


@pytest.fixture(scope="module")
def search_page(browser):  # noqa: F811 (the fixture)
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def hits(search_page, site):  # noqa: F811 (site, the fixture)
    """``{lang: {term: [the docnames that the search finds]}}``."""
    found = {}
    for lang in COLUMN:
        search_page.goto(f"{site}{lang}/search.html", wait_until="load")
        search_page.wait_for_function("Search.hasIndex()")
        found[lang] = search_page.evaluate(
            """terms => Object.fromEntries(terms.map(term => [term,
                Search._performSearch(...Search._parseQuery(term))
                    .map(hit => hit[0])]))""", terms(lang))
    return found


def search(page, site, lang, term):  # noqa: F811 (site, the fixture)
    """Type ``term`` into the search page; the hits' paths and snippets."""
    page.goto(f"{site}{lang}/search.html", wait_until="load")
    field = page.locator(".bd-search-container input[name=q]")
    field.fill(term)
    field.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    # the summary appears when the search has finished, hits or not
    page.wait_for_function(
        "document.querySelector('#search-results .search-summary')"
        "?.innerText.length > 0")
    hits = page.eval_on_selector_all(
        "#search-results ul.search > li", """items => items.map(li => [
            li.querySelector('a').href,
            li.querySelector('p.context')?.innerText ?? ''])""")
    return {urllib.parse.urlparse(href).path.lstrip("/"): snippet
            for href, snippet in hits}


@pytest.mark.parametrize("lang, term", cases())
def test_glossary_term_finds_the_chapter(hits, search_page, lang, term):
    assert CHAPTER.removesuffix(".html") in hits[lang][term], \
        f"{term!r} found only {hits[lang][term]}"
    assert search_page.log.problems == []


@pytest.mark.parametrize("lang, term", [
    ("zh", "学习率"), ("zh", "过度拟合"), ("zh", "决策区域"), ("zh", "贝叶斯最优"),
    ("zh", "象限规则"), ("zh", "损失函数"), ("en", "decision region"),
    ("en", "overfitting")])
def test_snippet_shows_the_sentence_that_matched(
        search_page, site, lang, term):  # noqa: F811 (the fixture)
    """The snippet is text around the term, not the table of contents."""
    search(search_page, site, lang, term)
    chapter = search_page.locator(
        f'#search-results ul.search > li:has(a[href$="{CHAPTER}"]) p.context')
    chapter.wait_for()  # filled in after the hit's page has been fetched
    snippet = chapter.inner_text()
    assert term.split()[0].lower() in snippet.lower(), snippet
    # a sentence, not a list of headings: it ends a clause somewhere
    assert re.search(r"[。，：；,.;:]", snippet), snippet
    assert search_page.log.problems == []
