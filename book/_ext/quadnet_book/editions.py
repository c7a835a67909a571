"""One build per edition, a switch between twin pages, a landing page.

The book has one source folder per edition (``book/zh``, ``book/en``), and
each is built on its own (``sphinx-build -t zh book/zh ...``), with its own
``language``, into ``<builddir>/html/<edition>``. Every word around the text
then follows that language: Sphinx's, the theme's, myst-nb's,
sphinx-exercise's, and this extension's own, whose Chinese is in the book's
catalog (``locale_dirs``, ``zh_CN/LC_MESSAGES/sphinx.po``).

Pages with the same name in two editions are twins. Every page with a twin
gets a link to it (the ``lang-switch.html`` template, placed by the theme
option ``article_header_end``) and ``<link rel="alternate" hreflang>``
elements. The link is computed when the page is written, so it works from
``file://`` and without JavaScript, and it always lands on the same page.

Each build also writes the root landing page ``<builddir>/html/index.html``
from the editions' own ``index.md`` (title and first paragraph), their
downloads where they were built, and a figure of the chapter, so that both
builds write the same bytes, whichever finishes last.
"""
import functools
import html
import json
import os
import re
from pathlib import Path

import jinja2
from babel import Locale
from docutils import nodes
from babel.messages.pofile import read_po
from markdown_it import MarkdownIt
from sphinx.errors import ConfigError

HERE = Path(__file__).parent
# each edition (its source folder and -t tag) and its Sphinx language
LANGUAGES = {"zh": "zh_CN", "en": "en"}
# pages that Sphinx writes without a source file; every edition has them
GENERATED = {"genindex", "search", "py-modindex"}
# aria-labels that sphinx-togglebutton 0.4.5 (togglebutton.js), myst-nb 1.4.0
# and sphinx-book-theme 1.4.0 (layout.html) write in English, outside any
# catalog; their translations are in the book's catalog
HARD_CODED_LABELS = ["Toggle hidden content", "Page"]
RELABEL_JS = """document.addEventListener("DOMContentLoaded", () => {
  const labels = %s;
  for (const el of document.querySelectorAll("[aria-label]")) {
    const label = labels[el.getAttribute("aria-label")];
    if (label) el.setAttribute("aria-label", label);
  }
});"""
# sphinx-copybutton 0.5.2 keeps its words in copybutton.js, a `messages` table
# keyed by the page's lang, whose zh-CN "复制成功!" is not the book's Chinese
COPIED_JS = "messages[document.documentElement.lang].copy_success = %s;"


def edition(tags):
    """The edition a build makes: the one ``-t`` tag that names one.

    >>> edition({"html", "zh"})
    'zh'
    """
    named = [name for name in LANGUAGES if name in tags]
    if len(named) != 1:
        raise ConfigError("build one edition at a time: sphinx-build -t "
                          f"{' or -t '.join(LANGUAGES)}, not {named}")
    return named[0]


@functools.cache
def _catalog(path):
    with open(path, "rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id and m.string}


def words(app, name=None):
    """``gettext`` in the language of edition ``name`` (this build's).

    The English words are the message ids, so English needs no catalog.
    Read from the ``.po`` file, as the other edition's build has not
    compiled it.
    """
    language = LANGUAGES[name or edition(app.tags)]
    for folder in app.config.locale_dirs:
        path = Path(app.srcdir, folder, language, "LC_MESSAGES", "sphinx.po")
        if path.is_file():
            return lambda text: _catalog(path).get(text, text)
    return lambda text: text


def check_edition(app, config):
    """Check the source folder, and give the edition its words."""
    here = edition(app.tags)
    if Path(app.srcdir).name != here:
        raise ConfigError(f"the {here} edition's sources are book/{here}, "
                          f"not {app.srcdir}")
    config.templates_path.append(str(HERE / "templates"))
    _ = words(app)
    # myst-nb's toggle; its {type} ("source", "outputs") is English
    config.nb_code_prompt_show = _("Show code cell {type}")
    config.nb_code_prompt_hide = _("Hide code cell {type}")
    # sphinx-togglebutton 0.4.5 names its catalog zh-cn, which gettext never
    # tries for zh_CN
    config.togglebutton_hint = _("Click to show")
    config.togglebutton_hint_hide = _("Click to hide")
    # sphinx-book-theme's search box says "Search..." in every language
    config.html_theme_options = {"search_bar_text": _("Search…"),
                                 **config.html_theme_options}


def relabel_hard_coded_words(app):
    """Translate the English aria-labels that no catalog reaches.

    The script runs after sphinx-togglebutton has added its buttons (both
    wait for DOMContentLoaded; this one is registered later).
    """
    _ = words(app)
    labels = {word: _(word) for word in HARD_CODED_LABELS if _(word) != word}
    if labels:
        app.add_js_file(None, body=RELABEL_JS % json.dumps(
            labels, ensure_ascii=False))
    if _("Copied!") != "Copied!":  # after copybutton.js (both priority 500)
        app.add_js_file(None, body=COPIED_JS % json.dumps(
            _("Copied!"), ensure_ascii=False))


def about(app, name):
    """What the switch and the landing page say of edition ``name``."""
    language = LANGUAGES[name]
    _ = words(app, name)
    return {"hreflang": language.replace("_", "-"),
            "label": Locale.parse(language).get_language_name(),
            "read": _("Start reading")}


def add_switch(app, pagename, templatename, context, doctree):
    """Hand the switch to the template, and the alternates to the head."""
    here = edition(app.tags)
    [other] = [name for name in LANGUAGES if name != here]
    there = Path(app.srcdir).parent / other
    if not (pagename in GENERATED or any(
            (there / (pagename + suffix)).is_file()
            for suffix in app.config.source_suffix)):
        return
    up = "../" * (pagename.count("/") + 1)
    href = f"{up}{other}/{app.builder.get_target_uri(pagename)}"
    context["quadnet_switch"] = {  # its tooltip in this page's language
        "href": href, **about(app, other),
        "title": words(app)("Read this page in Chinese")}
    own = app.builder.get_target_uri(pagename).rpartition("/")[2]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{lang}" href="{url}" />'
        for lang, url in [(about(app, here)["hreflang"], own),
                          (about(app, other)["hreflang"], href),
                          ("x-default", f"{up}index.html")])


def mark_glossary_column(app, doctree):
    """Mark the glossary's first column, the Chinese terms, as Chinese.

    docutils writes a ``language-`` class as the cell's ``lang``.
    """
    if app.env.docname == "glossary" and edition(app.tags) != "zh":
        for body in doctree.findall(nodes.tbody):
            for row in body.children:
                row[0]["classes"].append(
                    "language-" + about(app, "zh")["hreflang"])


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


# the landing page's figure: a chapter's first image with these words in its
# alt text (the msgid in the edition's words), from the first edition built
FIGURE = "decision region"
IMAGE = re.compile(r'<img alt="([^"]*)" src="(_images/[^"]+\.svg)"')


def landing_downloads(app, site, name):
    """The PDF and take-home zip of edition ``name``, where they were built."""
    _, folder = words(app, name), site / name
    files = [(_("Download the chapter as a PDF (.pdf)"),
              sorted(folder.glob("_downloads/*.pdf"))),
             (_("Download the chapter as Jupyter notebooks, one with "
                "solutions and one without, plus the quadnet package (.zip)"),
              sorted(folder.glob("*.zip")))]
    return [{"text": text, "href": found[0].relative_to(site).as_posix()}
            for text, found in files if found]


def landing_figure(app, site):
    """The first edition's first figure whose alt text names FIGURE."""
    for name in LANGUAGES:
        words_there = words(app, name)(FIGURE).lower()
        for page in sorted((site / name).glob("*.html")):
            for alt, src in IMAGE.findall(page.read_text(encoding="utf-8")):
                if words_there in alt.lower():
                    return {"alt": alt, "src": f"{name}/{src}",
                            "hreflang": about(app, name)["hreflang"]}
    return None


def write_landing(app, exception):
    """Write ``<outdir>/../index.html``, offering every edition."""
    if exception is not None or app.builder.format != "html":
        return
    site, editions = Path(app.outdir).parent, []
    for name in LANGUAGES:
        index = Path(app.srcdir).parent / name / (app.config.root_doc + ".md")
        if index.is_file():
            title, blurb = first_words(index)
            editions.append({**about(app, name), "name": name, "title": title,
                             "blurb": blurb,
                             "downloads": landing_downloads(app, site, name),
                             "href": f"{name}/{app.config.root_doc}.html"})
    template = jinja2.Template(
        (HERE / "templates" / "landing.html").read_text(encoding="utf-8"),
        autoescape=False)
    favicon = app.config.html_favicon
    text = template.render(  # the same bytes from every edition's build
        editions=editions, escape=html.escape, book=app.config.html_title,
        figure=landing_figure(app, site),
        title=" · ".join(e["title"] for e in editions),
        favicon=(f"{editions[0]['name']}/_static/{Path(favicon).name}"
                 if favicon and editions else None))
    target = site / "index.html"
    partial = target.with_name(f".index.html.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)  # atomic: the other build may write it too


def setup(app):
    app.setup_extension("sphinx_togglebutton")
    # before sphinx-togglebutton (500) writes its hint into the page's JS
    app.connect("config-inited", check_edition, priority=400)
    app.connect("builder-inited", relabel_hard_coded_words)
    app.connect("html-page-context", add_switch)
    app.connect("doctree-read", mark_glossary_column)
    app.connect("build-finished", write_landing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
