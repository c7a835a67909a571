"""``literalinclude`` with ``:no-docstring:`` and ``:no-checks:`` flags.

The book shows quadnet's real source. The docstrings (with their doctests)
belong to the API reference, not to the chapter's text, and so do the
argument checks (``check_...(...)`` statements), which only turn bad input
into a clear error; the chapter says so once.
"""
import ast
import textwrap

import docutils.nodes
import sphinx.directives.code
from docutils.parsers.rst import directives


class LiteralInclude(sphinx.directives.code.LiteralInclude):
    """Sphinx's ``literalinclude``, plus ``:no-docstring:``, ``:no-checks:``."""

    option_spec = {**sphinx.directives.code.LiteralInclude.option_spec,
                   "no-docstring": directives.flag,
                   "no-checks": directives.flag}

    def run(self):
        nodes = super().run()
        for option, strip in (("no-docstring", strip_docstrings),
                              ("no-checks", strip_checks)):
            if option not in self.options:
                continue
            for node in nodes:
                for block in node.findall(docutils.nodes.literal_block):
                    text = strip(block.astext())
                    block.rawsource = text
                    block.children = [docutils.nodes.Text(text)]
        return nodes


def _drop_lines(code, spans):
    """Return ``code`` without the 1-based line ``spans`` (first, last)."""
    drop = {i for first, last in spans for i in range(first - 1, last)}
    return "\n".join(line for i, line in enumerate(code.splitlines())
                     if i not in drop)


def strip_docstrings(code):
    """Remove the docstrings of every class and function in ``code``.

    >>> print(strip_docstrings('def f():\\n    \"\"\"Doc.\"\"\"\\n    return 1'))
    def f():
        return 1
    """
    spans = []
    for node in ast.walk(ast.parse(textwrap.dedent(code))):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.ClassDef, ast.FunctionDef))
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            spans.append((body[0].lineno, body[0].end_lineno))
    return _drop_lines(code, spans)


def strip_checks(code):
    """Remove every statement that only calls a ``check_...`` function.

    >>> print(strip_checks('def f(x):\\n    check_int(x,\\n        "x")\\n'
    ...                    '    return x'))
    def f(x):
        return x
    """
    spans = [(node.lineno, node.end_lineno)
             for node in ast.walk(ast.parse(textwrap.dedent(code)))
             if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
             and isinstance(node.value.func, ast.Name)
             and node.value.func.id.lstrip("_").startswith("check")]
    return _drop_lines(code, spans)


def setup(app):
    app.add_directive("literalinclude", LiteralInclude, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
