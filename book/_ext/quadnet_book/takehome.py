"""The take-home zip: plain Jupyter notebooks of a chapter, and its package.

For every page that MyST-NB executed, this extension writes

- a *reader* notebook that reads like the page: glued values as text,
  ``literalinclude`` blocks as the code the page shows, admonitions,
  exercises, solutions and cross-references as plain Markdown, math as
  ``$...$``, outputs stored, hidden (``remove-cell``) glue cells dropped;
- a *student* notebook (``student`` in its name): the same without the
  solutions of sphinx-exercise, with an empty code cell under each exercise;
- a zip holding both, the package folder (``quadnet_zip_package``, relative
  to the folder of ``conf.py``) and a README in the edition's language.

It walks the page's resolved doctree (``doctree-resolved``), so the text is
exactly what the page shows; code cells and their outputs come from the
executed notebook (merged from jupyter-cache when taken from the cache).
Markdown is written by sphinx-markdown-builder's translator; this module
only splits the page into cells and turns the book-only nodes (admonitions,
exercises, solutions, internal references) into plain ones first.

The zip is offered in the download menu (``quadnet_book.downloads``) and by
the ``{notebooks-zip}`` role, for a visible line in the chapter.
"""
import ast
import copy
import posixpath
import re
import textwrap
import zipfile
from pathlib import Path

import nbformat
from docutils import languages, nodes
from sphinx.errors import ConfigError
from sphinx.util import logging

from .editions import edition, words

logger = logging.getLogger(__name__)

# What the notebooks and the README say; the words of other editions are
# in the book's catalog (quadnet_book.editions.words)
FIRST_CELL = """\
# Run this notebook in its own folder: `{package}/` next to it is
# the chapter's package. It needs torch and matplotlib
# (pip install torch matplotlib)"""
YOUR_ANSWER = "# your code here"
HIDDEN = "# from a cell that the book hides: the code below uses it"
# the zip's README; its text is the message id of its translation
README = Path(__file__).parent / "templates" / "takehome-README.md"

ZIP_CLASS = "notebooks-zip"
# figures are stored as SVG for the page and PDF for print; a notebook needs
# only the one Jupyter shows (SVG), and the PDF would double its weight
DROPPED_OUTPUTS = ("application/pdf",)


# -- Names and places ----------------------------------------------------------
def package(app):
    """The package folder that the zip carries, checked."""
    name = app.config.quadnet_zip_package
    path = Path(app.confdir, name)
    if not name or path == Path(app.confdir) or not path.is_dir():
        raise ConfigError(
            f"quadnet_zip_package must name the package folder that the "
            f"take-home zip carries, relative to {app.confdir}; got {name!r}")
    return path


def names(app, docname):
    """File names for a page: zip, its top folder, reader and student."""
    stem = f"{posixpath.basename(docname)}-{edition(app.tags)}"
    return {"zip": f"{stem}.zip", "folder": stem,
            "reader": f"{stem}.ipynb", "student": f"{stem}-student.ipynb"}


# -- The executed notebook -------------------------------------------------------
def executed_notebook(app, docname):
    """The notebook MyST-NB executed for ``docname``, with its outputs.

    MyST-NB writes it to its output folder; when it came from jupyter-cache
    that copy has no outputs, so they are merged back from the cache.
    """
    from jupyter_cache import get_cache

    config = app.env.mystnb_config
    path = Path(config.output_folder) / f"{docname}.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if code and not any(cell.get("outputs") for cell in code):
        _, nb = get_cache(config.execution_cache_path) \
            .merge_match_into_notebook(nb)
    return nb


def is_cell(node):
    return isinstance(node, nodes.container) and \
        node.get("nb_element") == "cell_code"


def is_chapter(doctree):
    """A page with executed code: it has a zip, a notebook and the PDF."""
    return doctree is not None and any(True for _ in doctree.findall(is_cell))


def is_exercise(node):
    return type(node).__name__ in ("exercise_node", "exercise_enumerable_node")


def is_solution(node):
    return type(node).__name__ == "solution_node"


# -- Hidden cells --------------------------------------------------------------
def _is_glue(stmt):
    """``glue(...)`` or ``myst_nb.glue(...)``, or an import of myst_nb."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        modules = [stmt.module] if isinstance(stmt, ast.ImportFrom) else \
            [alias.name for alias in stmt.names]
        return any(m and m.split(".")[0] == "myst_nb" for m in modules)
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        name = func.attr if isinstance(func, ast.Attribute) else \
            getattr(func, "id", None)
        return name == "glue"
    return False


def _bound(stmt):
    """Names a statement binds in the notebook's namespace."""
    bound, todo = set(), [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                             ast.ClassDef)):
            bound.add(node.name)  # not the names its body binds
        elif isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp,
                               ast.DictComp, ast.GeneratorExp)):
            pass  # their names are their own
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0]
                         for a in node.names)
        else:
            todo.extend(ast.iter_child_nodes(node))
    return bound


def _loaded(node):
    """Names a statement reads; a function's own arguments are its own.

    >>> sorted(_loaded(ast.parse("def f(x):\\n    return x + y\\nW -= f(1)")))
    ['W', 'f', 'y']
    """
    names = set().union(*map(_loaded, ast.iter_child_nodes(node)))
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        names.add(node.id)
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        names.add(node.target.id)  # W -= lr * g reads W
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        names -= {arg.arg for arg in ast.walk(node.args)
                  if isinstance(arg, ast.arg)}
    return names


def _needs(stmts, needed):
    """What ``stmts`` need from earlier cells, when what follows needs
    ``needed``: from the last statement up, a name that a statement binds is
    not needed before it, a name that it reads is. A loop or ``with`` body
    runs; either branch of an ``if`` may.

    >>> code = "for s in S:\\n    p = f(s)\\n    print(p)"
    >>> sorted(_needs(ast.parse(code).body, {"p"}))
    ['S', 'f', 'print']
    """
    for stmt in reversed(stmts):
        if not isinstance(stmt, (ast.For, ast.While, ast.With, ast.If)):
            needed = (needed - _bound(stmt)) | _loaded(stmt)
            continue
        body, orelse = stmt.body, getattr(stmt, "orelse", [])
        if isinstance(stmt, ast.If):
            inner = _needs(body, needed) | _needs(orelse, needed)
        else:
            inner = _needs(body + orelse, needed)
        head = copy.copy(stmt)  # the loop's target and iterable, the test...
        head.body = head.orelse = []
        needed = (inner - _bound(head)) | _loaded(head)
    return needed


def hidden_code(nb, shown, answers=()):
    """The code of hidden cells that the shown cells still need.

    A ``remove-cell`` cell glues numbers into the text (those calls and the
    import of myst_nb are dropped) but may also bind a name that a later,
    shown cell uses (``Loss_manual = Loss``). Keep those statements, and
    the statements they need in turn. The cells in ``answers`` (a student
    notebook's solutions) are the student's to write: what they bind is
    never taken from elsewhere. Returns ``{cell_index: source}``.
    """
    needed, kept = set(), {}
    for index in range(len(nb.cells) - 1, -1, -1):  # from the last cell up
        cell = nb.cells[index]
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics: keep every name they might use
            needed |= set(cell.source.replace(".", " ").split())
            continue
        if index in shown:
            needed = _needs(tree.body, needed)
            continue
        if index in answers:
            needed -= set().union(*map(_bound, tree.body))
            continue
        lines, keep = cell.source.splitlines(), []
        for stmt in reversed(tree.body):
            if not _is_glue(stmt) and _bound(stmt) & needed:
                keep.insert(0, "\n".join(
                    lines[stmt.lineno - 1:stmt.end_lineno]))
                needed = _needs([stmt], needed)
        if keep:
            kept[index] = "\n".join(keep)
    return kept


# -- Doctree to plain nodes ------------------------------------------------------
def _title_text(node, app, docname):
    """The title an exercise or solution shows on the page."""
    title = node.children[0] if node.children and \
        isinstance(node.children[0], nodes.title) else None
    text = title.astext().strip() if title is not None else ""
    pattern = title.get("title", "") if title is not None else ""
    if "%s" in pattern:  # enumerated: the number comes from numfig
        numbers = app.env.toc_fignumbers.get(docname, {}).get("exercise", {})
        number = numbers.get(node["ids"][0]) if node["ids"] else None
        label = ".".join(map(str, number)) if number else ""
        text = (pattern % label).strip() + (" " + text if text else "")
    return " ".join(text.split())


def _bold_paragraph(text):
    return nodes.paragraph("", "", nodes.strong(text, text))


def _plain_references(tree):
    """Internal links become their text; anchors and targets go."""
    for ref in list(tree.findall(nodes.reference)):
        if ZIP_CLASS in ref.get("classes", []):
            continue
        if ref.get("internal") or ref.get("refid") or \
                not ref.get("refuri", "").partition(":")[0] in (
                    "http", "https", "mailto", "ftp"):
            ref.replace_self(nodes.inline("", "", *ref.children))
    for target in list(tree.findall(nodes.target)):
        if not target.children:
            target.parent.remove(target)


def _drop_zip_lines(tree):
    """The paragraph that offers the zip is for the page only."""
    for ref in list(tree.findall(nodes.reference)):
        if ZIP_CLASS in ref.get("classes", []):
            paragraph = ref.parent
            while paragraph is not None and \
                    not isinstance(paragraph, nodes.paragraph):
                paragraph = paragraph.parent
            (paragraph or ref).parent.remove(paragraph or ref)


# -- Markdown -------------------------------------------------------------------
def _translator_class():
    from sphinx_markdown_builder.translator import MarkdownTranslator

    class Translator(MarkdownTranslator):
        def visit_enumerated_list(self, node):
            # 0.6.11 numbers every list from 1; the exercises go on at 2, 3...
            self._start_list(node.get("start", 1) - 1)

    return Translator


def markdown(app, doctree, node_list):
    """Markdown of some nodes, by sphinx-markdown-builder's translator."""
    document = nodes.document(doctree.settings, doctree.reporter)
    for node in node_list:
        document += node.deepcopy()  # docutils copy: not the parent
    translator = _translator_class()(document, app.builder)
    document.walkabout(translator)
    return translator.astext().strip()


def task(exercise):
    """An exercise's text as comment lines, a sentence or so per line."""
    text = " ".join(p.astext() for p in exercise.findall(nodes.paragraph))
    sentences = re.split(r"(?<=[。？！])(?![）”])|(?<=[.?!]) (?=[A-Z])", text)
    return "\n".join(textwrap.fill(sentence.strip(), 76, initial_indent="# ",
                                   subsequent_indent="# ")
                     for sentence in sentences if sentence and sentence.strip())


class Converter:
    """Turn one page's doctree and executed notebook into a notebook."""

    def __init__(self, app, docname, doctree, nb, student):
        self.app, self.docname, self.doctree = app, docname, doctree
        self.nb, self.student = nb, student
        self._ = words(app)
        self.cells, self.pending = [], []  # pending: nodes of a Markdown cell
        self.counter = 0
        cells = {c["cell_index"]: c for c in doctree.findall(is_cell)}
        answers = {i for i, c in cells.items()
                   if student and self._in_solution(c)}
        self.shown = sorted(set(cells) - answers)
        self.hidden = hidden_code(nb, set(self.shown), answers)

    @staticmethod
    def _in_solution(node):
        while node is not None:
            if is_solution(node):
                return True
            node = node.parent
        return False

    def run(self):
        name = package(self.app).name
        self.cells.append(nbformat.v4.new_code_cell(
            self._(FIRST_CELL).format(package=name) + f"\nimport {name}"))
        tree = self.doctree.deepcopy()
        _drop_zip_lines(tree)
        _plain_references(tree)
        self.walk(tree, level=0)
        self.flush()
        nb = nbformat.v4.new_notebook(cells=self.cells)
        nb.metadata = {"kernelspec": self.nb.metadata.get("kernelspec", {
            "name": "python3", "display_name": "Python 3",
            "language": "python"}), "language_info": {"name": "python"}}
        nb.metadata["kernelspec"].setdefault("language", "python")
        return nb

    def walk(self, node, level):
        for child in list(node.children):
            self.visit(child, level)

    def visit(self, node, level):
        if is_cell(node):
            return self.add_cell(node)
        if isinstance(node, nodes.section):
            return self.walk(node, level + 1)
        if isinstance(node, nodes.title) and isinstance(
                node.parent, nodes.section):
            self.flush()
            text = markdown(self.app, self.doctree,
                            [nodes.paragraph("", "", *node.children)])
            self.pending.append("#" * level + " " + text)
            return None
        if is_solution(node):
            return None if self.student else self.boxed(node, level)
        if is_exercise(node):
            self.boxed(node, level)
            if self.student:
                self.flush()
                self.add_code(self._(YOUR_ANSWER) + "\n" + task(node))
            return None
        if isinstance(node, nodes.Admonition):
            return self.boxed(node, level)
        if isinstance(node, nodes.container) and any(
                True for _ in node.findall(is_cell)):
            return self.walk(node, level)
        if isinstance(node, (nodes.image, nodes.figure, nodes.raw)):
            logger.warning(f"notebooks: a {type(node).__name__} in the prose "
                           f"of {self.docname} is not in the notebooks",
                           location=node)
            return None
        self.pending.append(node)
        return None

    def boxed(self, node, level):
        """An admonition, exercise or solution as plain Markdown.

        With no code cell inside, it is a quote that starts with its title
        in bold; with code cells, its title in bold, then its content.
        """
        if is_exercise(node) or is_solution(node):
            title = _title_text(node, self.app, self.docname)
        elif node.children and isinstance(node[0], nodes.title):
            title = node[0].astext()
        else:  # docutils' own word ("Note"); zh_CN has them
            title = languages.get_language(self.app.config.language).labels \
                .get(node.tagname, node.tagname.title())
        body = [child for child in node.children
                if not isinstance(child, nodes.title)]
        if not any(True for child in body for _ in child.findall(is_cell)):
            text = markdown(self.app, self.doctree,
                            [_bold_paragraph(title), *body])
            self.pending.append("\n".join(
                ("> " + line).rstrip() for line in text.splitlines()))
            return
        self.pending.append(_bold_paragraph(title))
        for child in body:
            self.visit(child, level)

    def flush(self):
        """Close the Markdown cell being collected."""
        parts, run = [], []
        for item in self.pending + [None]:
            if isinstance(item, nodes.Node):
                run.append(item)
                continue
            if run:
                parts.append(markdown(self.app, self.doctree, run))
                run = []
            if item is not None:
                parts.append(item)
        source = "\n\n".join(part for part in parts if part.strip())
        if source:
            self.cells.append(nbformat.v4.new_markdown_cell(source))
        self.pending = []

    def add_code(self, source, outputs=(), executed=False, tags=()):
        cell = nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = list(tags)
        if executed:  # numbered as one run from the top
            self.counter += 1
            cell.execution_count = self.counter
            cell.outputs = []
            for output in outputs:
                output = copy.deepcopy(output)
                for mime in DROPPED_OUTPUTS:  # a notebook stays light
                    output.get("data", {}).pop(mime, None)
                if "execution_count" in output:
                    output["execution_count"] = self.counter
                cell.outputs.append(output)
        self.cells.append(cell)

    def add_cell(self, node):
        index = node["cell_index"]
        if self.student and self._in_solution(node):
            return
        self.flush()
        if index == self.shown[0]:  # hidden code before the first cell
            self.add_hidden(0, index)
        source = self.nb.cells[index]
        tags = source.get("metadata", {}).get("tags", [])
        outputs = [] if "remove-output" in tags else source.get("outputs", [])
        self.add_code(source.source, outputs, executed=True,
                      tags=[t for t in tags if t == "raises-exception"])
        later = [i for i in self.shown if i > index]
        self.add_hidden(index, later[0] if later else len(self.nb.cells))

    def add_hidden(self, start, stop):
        """The hidden code between two shown cells, right after the first."""
        for index in sorted(self.hidden):
            if start <= index < stop:
                self.add_code(self._(HIDDEN) + "\n" + self.hidden.pop(index))


# -- Sphinx hooks ----------------------------------------------------------------
def write_notebooks(app, doctree, docname):
    """Write the reader and student notebooks and the zip of a page."""
    if app.builder.format != "html" or not is_chapter(doctree):
        return
    nb = executed_notebook(app, docname)
    name, folder = names(app, docname), package(app)
    reader = Converter(app, docname, doctree, nb, student=False).run()
    student = Converter(app, docname, doctree, nb, student=True).run()
    readme = words(app)(README.read_text(encoding="utf-8")).format(
        title=next(iter(doctree.findall(nodes.title))).astext(),
        reader=name["reader"], student=name["student"], package=folder.name)

    # the theme's .ipynb download is the reader notebook
    source = Path(app.outdir) / "_sources" / f"{docname}.ipynb"
    source.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(reader, source)

    target = Path(app.outdir) / posixpath.dirname(docname) / name["zip"]
    target.parent.mkdir(parents=True, exist_ok=True)
    top = name["folder"]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" not in path.parts:
                archive.write(path, f"{top}/{folder.name}/"
                              f"{path.relative_to(folder).as_posix()}")
        archive.writestr(f"{top}/README.md", readme)
        archive.writestr(f"{top}/{name['reader']}", nbformat.writes(reader))
        archive.writestr(f"{top}/{name['student']}", nbformat.writes(student))


def notebooks_zip_role(name, rawtext, text, lineno, inliner, options=None,
                       content=None):
    """``{notebooks-zip}`text``` links to the page's zip of notebooks."""
    env = inliner.document.settings.env
    zip_name = names(env.app, env.docname)["zip"]
    node = nodes.reference(rawtext, text, refuri=zip_name,
                           classes=[ZIP_CLASS])
    return [node], []


def setup(app):
    app.setup_extension("myst_nb")
    app.setup_extension("sphinx_markdown_builder")
    # the package folder the zip carries, relative to the folder of conf.py
    app.add_config_value("quadnet_zip_package", "", "env", str)
    app.connect("builder-inited", package)  # fail early when it is unset
    app.add_role("notebooks-zip", notebooks_zip_role)
    app.connect("doctree-resolved", write_notebooks)
    # env_version: a change to the conversion re-reads (and so re-writes)
    # the pages; bump it whenever the notebooks this module writes change
    return {"env_version": 6, "parallel_read_safe": True,
            "parallel_write_safe": True}
