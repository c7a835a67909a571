"""The take-home zip of an executed page: plain Jupyter notebooks, and the
package ``quadnet_zip_package``.

The *reader* notebook reads like the page: its resolved doctree written as
Markdown by sphinx-markdown-builder, and the code and outputs of the cells
it shows (a cell that the page hides stays out: no shown cell may need it).
The *student* notebook has, in place of the solutions, a cell for the
answer under each exercise. The ``{notebooks-zip}`` role links to the zip.
A ``{container}`` of class ``web``, ``notebooks``, ``reader`` or ``student``
holds words for the page, both notebooks, or one of them only.
"""
import copy
import posixpath
import re
import textwrap
import zipfile
from pathlib import Path

import nbformat
from docutils import languages, nodes
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx_exercise.nodes import is_exercise_node, solution_node
from sphinx_exercise.utils import get_node_number
from sphinx_markdown_builder.contexts import SubContext, SubContextParams
from sphinx_markdown_builder.translator import MarkdownTranslator

from .editions import edition, words

logger = logging.getLogger(__name__)

# What the notebooks say; the words of other editions are in the book's
# catalog (quadnet_book.editions.words), and so is the README
FIRST_CELL = """\
# Run this notebook in its own folder: `{package}/` next to it is
# the chapter's package. It needs torch and matplotlib
# (pip install torch matplotlib)"""
YOUR_ANSWER = "# your code here"
README = Path(__file__).parent / "templates" / "takehome-README.md"
ZIP_CLASS = "notebooks-zip"
CELL = "\x00{}\x00"  # where a code cell goes in the page's Markdown
# the containers that each copy leaves out (see the module's docstring)
NOT_FOR = {"web": {"notebooks", "reader", "student"},
           "reader": {"web", "student"}, "student": {"web", "reader"}}
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                         "language": "python"},
          "language_info": {"name": "python"}}


def package(app):
    """The package folder that the zip carries, checked."""
    name = app.config.quadnet_zip_package
    path = Path(app.confdir, name)
    if not name or path == Path(app.confdir) or not path.is_dir():
        raise ConfigError(
            f"quadnet_zip_package must name the package folder that the "
            f"take-home zip carries, relative to {app.confdir}; got {name!r}")
    return path


def stem(app, docname):
    """What a page's zip and notebooks are called: ``training-zh``."""
    return f"{posixpath.basename(docname)}-{edition(app.tags)}"


def is_cell(node):  # a code cell of the page
    return isinstance(node, nodes.container) and \
        node.get("nb_element") == "cell_code"


def is_chapter(doctree):  # a page with executed code: zip, notebook, PDF
    return doctree is not None and any(True for _ in doctree.findall(is_cell))


# -- The page as plain nodes, then Markdown -----------------------------------
def title(app, node):
    """The title that the page shows on an admonition or exercise."""
    if not isinstance(node[0], nodes.title):  # docutils' word ("Note")
        return languages.get_language(app.config.language).labels.get(
            node.tagname, node.tagname)
    text, pattern = node[0].astext(), node[0].get("title", "")
    if "%s" in pattern:  # numbered at writing time, as numfig numbers it
        text = pattern % get_node_number(app, node, "exercise") + text
    return " ".join(text.split())


def task(exercise):
    """An exercise's text as comment lines, a sentence or so per line."""
    text = " ".join(p.astext() for p in exercise.findall(nodes.paragraph))
    sentences = re.split(r"(?<=[。？！])(?![）”])|(?<=[.?!]) (?=[A-Z])", text)
    return "\n".join(textwrap.fill(sentence.strip(), 76, initial_indent="# ",
                                   subsequent_indent="# ")
                     for sentence in sentences if sentence and sentence.strip())


def plain(app, doctree, student):
    """A copy of the page in nodes that any Markdown writer knows: no zip
    link, internal references as text, a box (admonition, exercise,
    solution) as its bold title and a quote, or without the quote when it
    holds code cells. The student's copy has no solutions, and a code cell
    with the task under each exercise.
    """
    tree = doctree.deepcopy()
    only(tree, "student" if student else "reader")
    for ref in list(tree.findall(nodes.reference)):
        if ZIP_CLASS in ref["classes"]:  # alone in its paragraph
            ref.parent.parent.remove(ref.parent)
        elif not re.match(r"(https?|ftp|mailto):", ref.get("refuri", "")):
            ref.replace_self(nodes.inline("", "", *ref.children))
    for box in list(tree.findall(nodes.Admonition)):
        if student and isinstance(box, solution_node):
            box.parent.remove(box)
            continue
        heading = nodes.paragraph("", "", nodes.strong(text=title(app, box)))
        body = [child for child in box if not isinstance(child, nodes.title)]
        if any(True for _ in box.findall(is_cell)):
            plain_box = [heading, *body]
        else:
            plain_box = [nodes.block_quote("", heading, *body)]
        if student and is_exercise_node(box):
            source = words(app)(YOUR_ANSWER) + "\n" + task(box)
            plain_box.append(nodes.container("", nb_element="cell_code",
                                             source=source))
        box.replace_self(plain_box)
    return tree


def only(tree, kind):
    """Drop the containers that are not for ``kind`` (see ``NOT_FOR``)."""
    for box in list(tree.findall(nodes.container)):
        if NOT_FOR[kind] & set(box["classes"]):
            box.parent.remove(box)


class Quote(SubContext):
    """A block quote that goes on over blank lines."""

    def __init__(self):
        super().__init__(SubContextParams(2, 2))

    def make(self):
        return "\n".join(("> " + line).rstrip()
                         for line in super().make().strip().splitlines())


class Markdown(MarkdownTranslator):
    """sphinx-markdown-builder's translator, leaving a marker (``CELL``)
    where each code cell goes, and before each heading (a new Markdown
    cell); ``self.cells`` holds those nodes."""

    def __init__(self, document, builder):
        super().__init__(document, builder)
        self.cells = []

    def dispatch_visit(self, node):
        if is_cell(node) or isinstance(node, nodes.title) and isinstance(
                node.parent, nodes.section):
            self.add(CELL.format(len(self.cells)), prefix_eol=2, suffix_eol=2)
            self.cells.append(node)
            if is_cell(node):
                raise nodes.SkipNode
        super().dispatch_visit(node)

    def visit_block_quote(self, node):
        self._push_context(Quote())

    def depart_block_quote(self, node):
        self._pop_context()

    def visit_enumerated_list(self, node):
        # 0.6.11 numbers every list from 1; the exercises go on at 2, 3...
        self._start_list(node.get("start", 1) - 1)

    def visit_target(self, node):  # no anchors: references are plain text
        pass

    def visit_image(self, node):  # the zip has no image files
        logger.warning("takehome: an image in the text is not in the "
                       "notebooks", location=node)
        raise nodes.SkipNode


def executed(cell, count):
    """A cell of the executed notebook, numbered ``count`` in one run."""
    tags = cell.metadata.get("tags", [])
    copied = new_code_cell(cell.source, execution_count=count)
    if "raises-exception" in tags:  # so Jupyter runs on past it
        copied.metadata["tags"] = ["raises-exception"]
    if "remove-output" not in tags:  # and the stderr that the page drops
        copied.outputs = [copy.deepcopy(out) for out in cell.outputs
                          if not ("remove-stderr" in tags
                                  and out.get("name") == "stderr")]
    for output in copied.outputs:  # Jupyter shows the SVG; PDF is for print
        output.get("data", {}).pop("application/pdf", None)
        if "execution_count" in output:
            output["execution_count"] = count
    return copied


def notebook(app, doctree, nb, student):
    """The reader's (or the student's) notebook of a page."""
    name = package(app).name
    markdown = Markdown(plain(app, doctree, student), app.builder)
    markdown.document.walkabout(markdown)
    shown = [node["cell_index"] for node in markdown.cells
             if "cell_index" in node]
    cells = [new_code_cell(words(app)(FIRST_CELL).format(package=name) +
                           f"\nimport {name}")]
    parts = re.split(CELL.format(r"(\d+)"), markdown.astext())
    for i, part in enumerate(parts):
        node = markdown.cells[int(part)] if i % 2 else {}
        if not i % 2 and part.strip():  # Markdown between two markers
            cells.append(new_markdown_cell(part.strip()))
        elif "source" in node:  # the student's task
            cells.append(new_code_cell(node["source"]))
        elif "cell_index" in node:  # numbered as one run from the top
            index = node["cell_index"]
            cells.append(executed(nb.cells[index], shown.index(index) + 1))
    return new_notebook(cells=cells, metadata=copy.deepcopy(KERNEL))


# -- Sphinx hooks -------------------------------------------------------------
def executed_notebook(app, docname):
    """The notebook MyST-NB executed for ``docname``, with the outputs
    that its copy lacks when it came from jupyter-cache."""
    from jupyter_cache import get_cache

    config = app.env.mystnb_config
    nb = nbformat.read(Path(config.output_folder) / f"{docname}.ipynb", 4)
    if not any(cell.get("outputs") for cell in nb.cells):
        _, nb = get_cache(config.execution_cache_path) \
            .merge_match_into_notebook(nb)
    return nb


def write_notebooks(app, doctree, docname):
    """Write the reader and student notebooks and the zip of a page."""
    if app.builder.format != "html" or not is_chapter(doctree):
        return only(doctree, "web")  # the PDF, say
    nb, folder, top = executed_notebook(app, docname), package(app), \
        stem(app, docname)
    reader = notebook(app, doctree, nb, student=False)
    student = notebook(app, doctree, nb, student=True)
    readme = words(app)(README.read_text(encoding="utf-8")).format(
        title=next(iter(doctree.findall(nodes.title))).astext(),
        reader=f"{top}.ipynb", student=f"{top}-student.ipynb",
        package=folder.name)

    # the theme's .ipynb download is the reader notebook
    source = Path(app.outdir) / "_sources" / f"{docname}.ipynb"
    source.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(reader, source)

    target = Path(app.outdir) / posixpath.dirname(docname) / f"{top}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.py")):  # no __pycache__/*.pyc
            archive.write(path, f"{top}/{path.relative_to(folder.parent)}")
        archive.writestr(f"{top}/README.md", readme)
        archive.writestr(f"{top}/{top}.ipynb", nbformat.writes(reader))
        archive.writestr(f"{top}/{top}-student.ipynb",
                         nbformat.writes(student))
    only(doctree, "web")  # the page itself


def notebooks_zip_role(name, rawtext, text, lineno, inliner, options=None,
                       content=None):
    """``{notebooks-zip}`text``` links to the page's zip of notebooks."""
    env = inliner.document.settings.env
    return [nodes.reference(rawtext, text, classes=[ZIP_CLASS],
                            refuri=f"{stem(env.app, env.docname)}.zip")], []


def setup(app):
    app.setup_extension("myst_nb")
    app.setup_extension("sphinx_markdown_builder")
    # the package folder the zip carries, relative to the folder of conf.py
    app.add_config_value("quadnet_zip_package", "", "env", str)
    app.connect("builder-inited", package)  # fail early when it is wrong
    app.add_role("notebooks-zip", notebooks_zip_role)
    app.connect("doctree-resolved", write_notebooks)
    # bump env_version when the notebooks change: it re-reads every page
    return {"env_version": 8, "parallel_read_safe": True,
            "parallel_write_safe": True}
