"""One build per edition, a switch between twin pages, a landing page.

The book has one source folder per edition (``book/zh``, ``book/en``), and
each is built on its own, with its own ``language``, into
``<builddir>/html/<edition>``. Every word around the text then follows that
language: Sphinx's, the theme's, myst-nb's, sphinx-exercise's.

Pages with the same name in two editions are twins. Every page with a twin
gets a link to it (the ``lang-switch.html`` template, placed by the theme
option ``article_header_end``) and ``<link rel="alternate" hreflang>``
elements. The link is computed when the page is written, so it works from
``file://`` and without JavaScript, and it always lands on the same page.

Each build also writes the root landing page ``<builddir>/html/index.html``
from the editions' own ``index.md`` (title and first paragraph), so that
both builds write the same bytes, whichever finishes last.
"""
import gettext
import html
import json
import os
import re
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)
HERE = Path(__file__).parent
# pages that Sphinx writes without a source file; every edition has them
GENERATED = {"genindex", "search", "py-modindex"}
# aria-labels that sphinx-togglebutton 0.4.5 (togglebutton.js), myst-nb 1.4.0
# and sphinx-book-theme 1.4.0 (layout.html) write in English, outside any
# catalog; their translations are in the project's catalog (locale_dirs)
HARD_CODED_LABELS = ["Toggle hidden content", "Page"]
RELABEL_JS = """document.addEventListener("DOMContentLoaded", () => {
  const labels = %s;
  for (const el of document.querySelectorAll("[aria-label]")) {
    const label = labels[el.getAttribute("aria-label")];
    if (label) el.setAttribute("aria-label", label);
  }
});"""


def edition_of(app):
    """The edition this build makes: the name of its source folder."""
    edition = Path(app.srcdir).name
    if edition not in app.config.quadnet_editions:
        raise ConfigError(
            f"source folder {app.srcdir} is not one of the editions in "
            f"quadnet_editions ({', '.join(app.config.quadnet_editions)})")
    return edition


def check_editions(app, config):
    for name, edition in config.quadnet_editions.items():
        missing = {"hreflang", "label", "title", "read"} - set(edition)
        if missing:
            raise ConfigError(f"quadnet_editions[{name!r}] lacks "
                              f"{', '.join(sorted(missing))}")
    edition_of(app)
    config.templates_path.append(str(HERE / "templates"))


def translate_togglebutton(app, config):
    """Give sphinx-togglebutton's hint the build's language.

    sphinx-togglebutton 0.4.5 ships its Chinese catalog as ``zh-cn``, a
    name gettext never tries for ``zh_CN``, and turns its hint into a
    string when it is loaded. Read the hint from its own catalog here.
    """
    try:
        import sphinx_togglebutton
    except ImportError:
        return
    locales = Path(sphinx_togglebutton.__file__).parent / "translations" \
        / "locales"
    language = config.language or "en"
    names = [language, language.replace("_", "-").lower(),
             language.partition("_")[0]]
    catalog = gettext.translation("togglebutton", locales, names,
                                  fallback=True)
    for name, text in [("togglebutton_hint", "Click to show"),
                       ("togglebutton_hint_hide", "Click to hide")]:
        if config[name] == text:  # not set in conf.py
            config[name] = catalog.gettext(text)


def relabel_hard_coded_words(app):
    """Translate the English aria-labels that no catalog reaches.

    The script runs after sphinx-togglebutton has added its buttons (both
    wait for DOMContentLoaded; this one is registered later).
    """
    from sphinx.locale import _

    labels = {word: _(word) for word in HARD_CODED_LABELS}
    labels = {word: text for word, text in labels.items() if text != word}
    if labels:
        app.add_js_file(None, body=RELABEL_JS % json.dumps(
            labels, ensure_ascii=False))


def twin_page(app, pagename):
    """``(edition, relative href)`` of the twin of ``pagename``, or None."""
    src = Path(app.srcdir)
    here = edition_of(app)
    for other in app.config.quadnet_editions:
        if other == here:
            continue
        there = src.parent / other
        exists = (pagename in GENERATED and there.is_dir()) or any(
            (there / (pagename + suffix)).is_file()
            for suffix in app.config.source_suffix)
        if exists:
            up = "../" * (pagename.count("/") + 1)
            return other, f"{up}{other}/{app.builder.get_target_uri(pagename)}"
    return None


def add_switch(app, pagename, templatename, context, doctree):
    """Hand the switch to the template, and the alternates to the head."""
    twin = twin_page(app, pagename)
    if twin is None:
        return
    other, href = twin
    edition = app.config.quadnet_editions[other]
    context["quadnet_switch"] = {"href": href, **edition}
    here = app.config.quadnet_editions[edition_of(app)]
    own = app.builder.get_target_uri(pagename).rpartition("/")[2]
    landing = "../" * (pagename.count("/") + 1) + "index.html"
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{lang}" href="{url}" />'
        for lang, url in [(here["hreflang"], own),
                          (edition["hreflang"], href),
                          ("x-default", landing)])


def first_words(path):
    """The title and the first paragraph (as HTML) of a MyST page."""
    title, paragraph = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if title is None:
            if line.startswith("# "):
                title = line[2:].strip()
        elif line.strip():
            if re.match(r"\s*(```|:::|\(.*\)=|\{)", line):
                if paragraph:
                    break
                continue
            paragraph.append(line.strip())
        elif paragraph:
            break
    if title is None:
        raise ConfigError(f"{path} has no '# title' line for the landing "
                          "page")
    return title, MarkdownIt("commonmark").renderInline(" ".join(paragraph))


def write_landing(app, exception):
    """Write ``<outdir>/../index.html``, offering every edition."""
    if exception is not None or app.builder.format != "html":
        return
    editions = []
    for name, edition in app.config.quadnet_editions.items():
        folder = Path(app.srcdir).parent / name
        index = folder / (app.config.root_doc + ".md")
        if not index.is_file():
            continue
        title, blurb = first_words(index)
        editions.append({**edition, "name": name, "title": title,
                         "blurb": blurb,
                         "href": f"{name}/{app.config.root_doc}.html"})
    template = jinja2.Template(
        (HERE / "templates" / "landing.html").read_text(encoding="utf-8"),
        autoescape=False)
    favicon = app.config.html_favicon
    text = template.render(  # the same bytes from every edition's build
        editions=editions, escape=html.escape,
        title=" · ".join(e["title"] for e in editions),
        favicon=(f"{editions[0]['name']}/_static/{Path(favicon).name}"
                 if favicon and editions else None))
    target = Path(app.outdir).parent / "index.html"
    partial = target.with_name(f".index.html.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)  # atomic: the other build may write it too


def setup(app):
    # {"zh": {"hreflang": "zh-CN", "label": "中文", "title": ..., "read": ...}}:
    # in the edition's own language: the switch's label and title, and the
    # landing page's "start reading"
    app.add_config_value("quadnet_editions", {}, "html", dict)
    app.connect("config-inited", check_editions)
    # before sphinx-togglebutton (500) writes its hint into the page's JS
    app.connect("config-inited", translate_togglebutton, priority=400)
    app.connect("builder-inited", relabel_hard_coded_words)
    app.connect("html-page-context", add_switch)
    app.connect("build-finished", write_landing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
