"""The printed edition: clean outputs for LaTeX, and the PDF as a download.

``make pdf`` runs Sphinx's LaTeX builder on each edition with the doctrees
(and so the execution cache) of that edition's HTML build; the figures are
already in the cache as vector PDF (``quadnet_figure_formats``, set by
``quadnet_book.kernel``), which myst-nb's LaTeX builder prefers. This module
needs no TeX: ``make html`` loads it too. It does two jobs.

1. **No ANSI escape codes reach LaTeX.** A text output may carry terminal
   colours; LaTeX would typeset the escape bytes. They are stripped from
   the doctree of the LaTeX builder only (the HTML pages colour them).
2. **The PDF in the chapter page's download menu.** When ``make pdf`` has
   built the edition's PDF (``quadnet_pdf_file``), the HTML build copies it
   into the site, and the pages with executed code offer it in place of the
   theme's "Print to PDF" entry, which would print the web page instead.
"""
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

# ESC [ ... final byte (CSI: colours, cursor moves) and ESC ] ... BEL or ST
# (OSC: terminal titles), what a kernel's text output can contain
ANSI_ESCAPE = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\))")

# the tooltip of the download entry, in the edition's language
TOOLTIP = {"zh": "下载本章的 PDF 版", "en": "Download the PDF edition"}


def strip_ansi(text):
    """``text`` without ANSI escape codes.

    >>> strip_ansi("\\x1b[31mred\\x1b[0m and plain")
    'red and plain'
    """
    return ANSI_ESCAPE.sub("", text)


class StripAnsi(SphinxPostTransform):
    """Remove ANSI escape codes from every text of a LaTeX doctree."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs):
        for text in list(self.document.findall(nodes.Text)):
            if "\x1b" in text:
                text.parent.replace(text, nodes.Text(strip_ansi(str(text))))
        for block in self.document.findall(nodes.literal_block):
            if "\x1b" in block.rawsource:
                block.rawsource = strip_ansi(block.rawsource)


def built_pdf(app):
    """The edition's PDF that ``make pdf`` left, or ``None``."""
    name = app.config.quadnet_pdf_file
    path = Path(app.confdir) / name if name else None
    return path if path is not None and path.is_file() else None


def has_executed_code(doctree):
    return doctree is not None and any(
        node.get("nb_element") == "cell_code"
        for node in doctree.findall(nodes.container))


def offer_pdf(app, pagename, templatename, context, doctree):
    """Put the PDF in the download menu of the pages with executed code.

    Connected after sphinx-book-theme has filled ``header_buttons``
    (priority 501).
    """
    pdf = built_pdf(app)
    if pdf is None or not has_executed_code(doctree):
        return
    language = (app.config.language or "en")[:2]
    entry = {
        "type": "link",
        "url": context["pathto"](f"_downloads/{pdf.name}", 1),
        "text": ".pdf",
        "tooltip": TOOLTIP.get(language, TOOLTIP["en"]),
        "icon": "fas fa-file-pdf",
        "label": "download-pdf-edition-button",
    }
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"] = [
                button for button in group["buttons"]
                if button.get("label") != "download-pdf-button"] + [entry]


def copy_pdf(app, exception):
    """Copy the built PDF into the site, beside the other downloads."""
    pdf = built_pdf(app)
    if exception is None and app.builder.format == "html" and pdf:
        target = Path(app.outdir) / "_downloads" / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)


def rewrite_when_pdf_changes(app, env):
    """Rewrite (not re-read) every page when the PDF appears or changes.

    Without this, ``make html`` after ``make pdf`` would change nothing,
    and the pages would not offer the new PDF.
    """
    if app.builder.format != "html":
        return []
    pdf = built_pdf(app)
    state = None if pdf is None else pdf.stat().st_mtime_ns
    previous = getattr(env, "quadnet_pdf_state", None)
    env.quadnet_pdf_state = state
    if previous == state:
        return []
    return sorted(env.found_docs)  # four pages: cheaper than asking which


def setup(app):
    # the PDF that `make pdf` builds, relative to the folder of conf.py
    app.add_config_value("quadnet_pdf_file", "", "html", str)
    app.add_post_transform(StripAnsi)
    app.connect("env-get-updated", rewrite_when_pdf_changes)
    app.connect("html-page-context", offer_pdf, priority=502)
    app.connect("build-finished", copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
