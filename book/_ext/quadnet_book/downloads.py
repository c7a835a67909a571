"""A chapter's download menu: the take-home zip, the reader notebook (not
myst-nb's, with its glue roles and labels), the MyST source, and the PDF
that ``make pdf`` built, copied into the site (else "Print to PDF").
"""
import shutil
from pathlib import Path

from .editions import edition, words
from .takehome import is_chapter, stem

def built_pdf(app):
    """``<builddir>/latex/<edition>/<latex_documents name>.pdf`` if
    ``make pdf`` left it (the site is ``<builddir>/html/<edition>``)."""
    name = Path(app.config.latex_documents[0][1]).with_suffix(".pdf").name
    path = Path(app.outdir).parents[1] / "latex" / edition(app.tags) / name
    return path if path.is_file() else None


def fill_menu(app, pagename, templatename, context, doctree):
    """Offer the zip, the reader notebook and the PDF on a chapter page.

    Runs after sphinx-book-theme has built its header buttons (501).
    """
    menu = next((group for group in context.get("header_buttons", [])
                 if group.get("label") == "download-buttons"), None)
    if menu is None or not is_chapter(doctree):
        return
    _, pathto = words(app), context["pathto"]
    # one wording for all: what the reader gets, then its file type
    offered = [
        {"type": "link", "text": ".zip", "icon": "fas fa-file-zipper",
         "url": f"{stem(app, pagename)}.zip",  # beside the page
         "tooltip": _("Download the chapter as Jupyter notebooks, one with "
                      "solutions and one without, plus the quadnet package "
                      "(.zip)"),
         "label": "download-zip-button"},
        {"type": "link", "text": ".ipynb", "icon": "fas fa-code",
         "url": f"{pathto('_sources', 1)}/{pagename}.ipynb",
         "tooltip": _("Download the chapter as a Jupyter notebook (.ipynb)"),
         "label": "download-notebook-button"},
        *[{**button, "tooltip": _("Download the chapter's MyST source (.md)")}
          for button in menu["buttons"]
          if button["label"] == "download-source-button"]]
    pdf = built_pdf(app)
    if pdf is None:  # the theme's "Print to PDF"
        offered += [{**button, "tooltip": _("Print to PDF")}
                    for button in menu["buttons"]
                    if button["label"] == "download-pdf-button"]
    else:
        offered.append({
            "type": "link", "text": ".pdf", "icon": "fas fa-file-pdf",
            "url": pathto(f"_downloads/{pdf.name}", 1),
            "tooltip": _("Download the chapter as a PDF (.pdf)"),
            "label": "download-pdf-edition-button"})
    menu["buttons"] = offered


def copy_pdf(app, exception):
    """Copy the built PDF into the site, beside the other downloads."""
    pdf = built_pdf(app)
    if exception is None and app.builder.format == "html" and pdf:
        target = Path(app.outdir) / "_downloads" / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)


def note_pdf(app, config):
    """Keep the built PDF's state in ``quadnet_pdf``: when it changes (as
    ``make pdf`` makes it), Sphinx rewrites every page without reading it."""
    pdf = built_pdf(app)
    config.quadnet_pdf = None if pdf is None else pdf.stat().st_mtime_ns


def setup(app):
    app.setup_extension("quadnet_book.takehome")
    app.add_config_value("quadnet_pdf", None, "html")  # set by note_pdf
    app.connect("config-inited", note_pdf)
    app.connect("html-page-context", fill_menu, priority=502)
    app.connect("build-finished", copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
