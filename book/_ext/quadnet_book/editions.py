"""One build per edition, a switch between twin pages, a landing page.

Each edition (``book/zh``, ``book/en``) is its own build (``-t zh``), with
its own ``language``: every word around the text follows it, and the book's
own words are in its catalog (``locale_dirs``). Pages with the same name in
both editions are twins, linked by a switch and ``hreflang`` alternates
computed as the page is written. Each build also writes the root landing
page, the same bytes whichever build finishes last.
"""
import functools
import os
import re
from pathlib import Path

import jinja2
from babel import Locale
from docutils import nodes
from babel.messages.pofile import read_po
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from sphinx.errors import ConfigError

HERE = Path(__file__).parent
# each edition (its source folder and -t tag) and its Sphinx language
LANGUAGES = {"zh": "zh_CN", "en": "en"}
# pages that Sphinx writes without a source file; every edition has them
GENERATED = {"genindex", "search", "py-modindex"}
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
    """``gettext`` in the language of edition ``name`` (this build's), from
    the ``.po`` file, which the other edition's build has not compiled. The
    English words are the message ids, so English needs no catalog."""
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
    config.html_static_path.append(str(HERE / "static"))
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
    """Mark the glossary's first column, the Chinese terms, as Chinese
    (docutils writes a ``language-`` class as the cell's ``lang``)."""
    if app.env.docname == "glossary" and edition(app.tags) != "zh":
        for body in doctree.findall(nodes.tbody):
            for row in body.children:
                row[0]["classes"].append(
                    "language-" + about(app, "zh")["hreflang"])


def first_words(path):
    """The title and the first paragraph (as HTML) of a MyST page."""
    markdown = MarkdownIt("commonmark").use(colon_fence_plugin) \
        .use(myst_block_plugin)  # ::: fences and (label)= targets
    tokens = markdown.parse(path.read_text(encoding="utf-8"))
    texts = [(tokens[i - 1].tag, token.content)
             for i, token in enumerate(tokens) if token.type == "inline"]
    titles = [i for i, (tag, _) in enumerate(texts) if tag == "h1"]
    if not titles:
        raise ConfigError(f"{path} has no '# title' line for the landing "
                          "page")
    blurb = next((text for tag, text in texts[titles[0]:] if tag == "p"), "")
    return texts[titles[0]][1], markdown.renderInline(blurb)


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
    site, root, editions = Path(app.outdir).parent, app.config.root_doc, []
    for name in LANGUAGES:
        index = Path(app.srcdir).parent / name / f"{root}.md"
        if index.is_file():
            title, blurb = first_words(index)
            editions.append({**about(app, name), "name": name, "title": title,
                             "blurb": blurb, "href": f"{name}/{root}.html",
                             "downloads": landing_downloads(app, site, name)})
    template = jinja2.Template(
        (HERE / "templates" / "landing.html").read_text(encoding="utf-8"),
        autoescape=True)
    favicon = Path(app.config.html_favicon or "").name
    text = template.render(  # the same bytes from every edition's build
        editions=editions, book=app.config.html_title,
        figure=landing_figure(app, site),
        favicon=favicon and f"{editions[0]['name']}/_static/{favicon}")
    target = site / "index.html"
    partial = target.with_name(f".index.html.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)  # atomic: the other build may write it too


def setup(app):
    app.setup_extension("sphinx_togglebutton")
    # before sphinx-togglebutton (500) writes its hint into the page's JS
    app.connect("config-inited", check_edition, priority=400)
    # the words that scripts write (static/words.js asks Sphinx's JS
    # catalog), after togglebutton.js (500) has added its buttons
    app.add_js_file("words.js", priority=501)
    app.connect("html-page-context", add_switch)
    app.connect("doctree-read", mark_glossary_column)
    app.connect("build-finished", write_landing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
