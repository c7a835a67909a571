"""The exercises' check cells: they hold a right answer and stop a wrong one.

Each exercise of the chapter is followed, after its solution, by a cell that
checks what a student's result must satisfy. On the page that cell runs on
the solution, so the build proves that the solutions pass (a failing assert
fails the build). These tests prove the other half: each check stops a wrong
answer, and the student notebook gives the student nothing of a solution
(test_notebooks_home.py runs it with the solutions pasted in).
"""
import ast
import math
import re
import zipfile
from pathlib import Path

import nbformat
import pytest
import torch

from quadnet import MyNet, accuracy, bayes_accuracy

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", re.M | re.S)
SOLUTION = re.compile(r"^:::\{solution-start\} (\S+)$(.*?)^:::\{solution-end\}",
                      re.M | re.S)


def code_cells(text):
    """The code of each cell in ``text``, options removed."""
    cells = []
    for body in CELL.findall(text):
        if body.startswith("---\n"):
            body = body[4:].partition("\n---\n")[2]
        while body.startswith(":"):
            body = body.partition("\n")[2]
        cells.append(body.strip())
    return cells


def chapter(edition="en"):
    return (ROOT / "book" / edition / "training.md").read_text(encoding="utf-8")


def check_cells(edition="en"):
    """Each exercise's check cell, in page order."""
    return [c for c in code_cells(chapter(edition))
            if c.startswith("# check your result") or c.startswith("# 检查")]


def solution_code(edition="en"):
    """``{label: [code of each cell of its solution]}``."""
    return {m[1]: code_cells(m[2]) for m in SOLUTION.finditer(chapter(edition))}


def statements(code):
    try:
        return {ast.unparse(s) for s in ast.parse(code).body}
    except SyntaxError:
        return set()


def test_there_is_one_check_cell_per_exercise():
    assert len(check_cells("en")) == len(solution_code("en")) == 5
    assert len(check_cells("zh")) == 5


NAN = float("nan")
WRONG = [  # a wrong answer to each exercise, in order
    {"losses_lr": {5.0: [1.0] * 1500, 0.5: [1.0] * 1500}},  # a rate missing
    {"losses_relu": [1.0] * 2000, "losses_sigmoid": [1.0] * 2000,
     "losses_relu_logits": [1.0] * 1549 + [NAN] * 451},  # nan, not logits
    {"acc_narrow": 0.97},  # above the ceiling
    {"losses_sgd": [1.0] * 1500, "losses_adam": [1.0] * 1500,
     "sgd_net": MyNet([2, 10, 4]), "adam_net": MyNet([2, 10, 4])},  # untrained
    {"losses_by_scale": {0.01: [1.0] * 2000, 1.0: [1.0] * 1000}},  # too short
]


@pytest.mark.parametrize("number", range(1, 6))
def test_each_check_stops_a_wrong_answer(data, new_data, number):
    X_new, y_new = new_data
    namespace = {"math": math, "torch": torch, "accuracy": accuracy,
                 "bayes_accuracy": bayes_accuracy, "X_new": X_new,
                 "y_new": y_new, **WRONG[number - 1]}
    with pytest.raises(AssertionError):
        exec(check_cells("en")[number - 1], namespace)


def test_student_notebook_holds_no_statement_of_a_solution():
    path = ROOT / "_build" / "html" / "en" / "training-en.zip"
    if not path.is_file():
        pytest.skip(f"{path} is missing: run make html first")
    with zipfile.ZipFile(path) as archive:
        nb = nbformat.reads(archive.read(
            "training-en/training-en-student.ipynb").decode(), as_version=4)
    solutions = set().union(*(statements(code)
                              for cells in solution_code().values()
                              for code in cells))
    elsewhere = set().union(*(statements(code)
                              for code in code_cells(SOLUTION.sub(
                                  "", chapter()))))
    student = set().union(*(statements(c.source) for c in nb.cells
                            if c.cell_type == "code"))
    leaked = (solutions - elsewhere) & student
    assert not leaked, sorted(leaked)[:5]
