"""What a reader copies from the page runs: the chapter's cells, read as code.

A reader sees only the visible cells, and may try the exercises in any
order. These tests read each edition's code cells in page order and follow
the names that each one defines and uses, without running anything.
"""
import ast
import builtins
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"
EDITIONS = sorted(BOOK.glob("*/training.md"))
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", re.M | re.S)
SOLUTION = re.compile(r"^:::\{solution-start\} (\S+)$(.*?)^:::\{solution-end\}",
                      re.M | re.S)
# what the chapter's body sets up for the exercises, and must keep
CHAPTER_STATE = {"X", "y", "Y", "X_new", "y_new", "W1", "b1", "W2", "b2",
                 "W3", "b3", "Loss", "Loss_manual", "alpha"}


def split_cell(body):
    """Return ``(hidden, code)`` of a code cell's body."""
    hidden = False
    if body.startswith("---\n"):  # YAML options
        options, _, body = body[4:].partition("\n---\n")
        hidden = "remove-cell" in options
    else:
        while body.startswith(":"):
            option, _, body = body.partition("\n")
            hidden = hidden or "remove-cell" in option
    return hidden, body


def names(code):
    """Return ``(defined, used)``: the names a cell binds at top level, and
    the names it reads that its functions and lambdas do not bind."""
    defined, used = set(), []

    def visit(node, local):
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            if isinstance(node, ast.FunctionDef):
                local.add(node.name)
            args = node.args
            inner = {a.arg for a in args.args + args.kwonlyargs}
            body = node.body if isinstance(node.body, list) else [node.body]
            inner |= {n.id for b in body for n in ast.walk(b)
                      if isinstance(n, ast.Name)
                      and isinstance(n.ctx, ast.Store)}
            for child in body:
                visit(child, inner)
            return
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store):
                local.add(node.id)
            elif node.id not in local or local is defined:
                used.append(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            local.update((a.asname or a.name).split(".")[0]
                         for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child, local)

    visit(ast.parse(code), defined)
    return defined, used


def cells(path):
    """Yield ``(hidden, solution label or None, code)`` in page order."""
    text = path.read_text(encoding="utf-8")
    solutions = [(m.start(), m.end(), m[1]) for m in SOLUTION.finditer(text)]
    for m in CELL.finditer(text):
        hidden, code = split_cell(m[1])
        label = next((lab for a, b, lab in solutions if a < m.start() < b),
                     None)
        yield hidden, label, code


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.parent.name)
def test_no_visible_cell_uses_a_name_defined_only_in_a_hidden_cell(path):
    visible, hidden_only, problems = set(dir(builtins)), set(), []
    for hidden, _, code in cells(path):
        defined, used = names(code)
        if hidden:
            hidden_only |= defined - visible
            continue
        problems += [f"{name!r} in:\n{code}" for name in used
                     if name in hidden_only and name not in defined]
        visible |= defined
        hidden_only -= defined
    assert not problems, problems[0]


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.parent.name)
def test_each_exercise_runs_on_its_own_and_keeps_the_chapters_state(path):
    body, by_exercise = set(dir(builtins)), {}
    for hidden, label, code in cells(path):
        defined, used = names(code)
        if label is None:
            body |= defined
        else:
            by_exercise.setdefault(label, []).append((defined, used, code))
    assert len(by_exercise) == 5, sorted(by_exercise)
    for label, solution in by_exercise.items():
        own = set()
        for defined, used, code in solution:
            foreign = [n for n in used if n not in body | own | defined]
            assert not foreign, f"{label} uses {foreign} from elsewhere"
            clobbered = defined & CHAPTER_STATE
            assert not clobbered, f"{label} overwrites {clobbered}"
            own |= defined


def test_the_checker_sees_a_name_that_only_a_hidden_cell_defines(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
                    "secret = 1\n```\n\n```{code-cell} ipython3\n"
                    "print(secret)\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="'secret'"):
        test_no_visible_cell_uses_a_name_defined_only_in_a_hidden_cell(page)
