"""``literalinclude`` with a ``:no-docstring:`` flag: the chapter shows
quadnet's real source, and the docstrings belong to the API reference.
viewcode's pages of that source are read from the files, not imported.
"""
import ast
import textwrap
from pathlib import Path

import docutils.nodes
import sphinx.directives.code
from docutils.parsers.rst import directives
from sphinx.pycode import ModuleAnalyzer


class LiteralInclude(sphinx.directives.code.LiteralInclude):
    """Sphinx's ``literalinclude``, plus ``:no-docstring:``."""

    option_spec = {**sphinx.directives.code.LiteralInclude.option_spec,
                   "no-docstring": directives.flag}

    def run(self):
        nodes = super().run()
        if "no-docstring" in self.options:
            for node in nodes:
                for block in node.findall(docutils.nodes.literal_block):
                    text = strip_docstrings(block.astext())
                    block.rawsource = text
                    block.children = [docutils.nodes.Text(text)]
        return nodes


def strip_docstrings(code):
    """Remove the docstrings of every class and function in ``code``.

    >>> print(strip_docstrings('def f():\\n    \"\"\"Doc.\"\"\"\\n    return 1'))
    def f():
        return 1
    """
    drop = set()
    for node in ast.walk(ast.parse(textwrap.dedent(code))):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) \
                and ast.get_docstring(node, clean=False) is not None:
            docstring = node.body[0]
            drop.update(range(docstring.lineno - 1, docstring.end_lineno))
    return "\n".join(line for i, line in enumerate(code.splitlines())
                     if i not in drop)


def find_source(app, modname):
    """viewcode's ``(source, tags)`` of a module beside ``conf.py``, found
    without importing it: quadnet imports torch, 2 s of every no-op build."""
    path = Path(app.confdir, *modname.split("."))
    for file in (path.with_suffix(".py"), path / "__init__.py"):
        if file.is_file():
            analyzer = ModuleAnalyzer.for_file(file, modname)
            analyzer.find_tags()
            return analyzer.code, analyzer.tags
    return None


def setup(app):
    app.add_directive("literalinclude", LiteralInclude, override=True)
    app.setup_extension("sphinx.ext.viewcode")
    app.connect("viewcode-find-source", find_source)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
