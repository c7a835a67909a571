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
import zipfile
from pathlib import Path

import nbformat
import pytest
import torch

from quadnet import MyNet, accuracy, bayes_accuracy

from test_chapter_cells import cells

BOOK = Path(__file__).resolve().parents[1] / "book"


def check_cells(edition="en"):
    """Each exercise's check cell, in page order."""
    return [code for _, _, code in cells(BOOK / edition / "training.md")
            if code.lstrip().startswith(("# check your result", "# 检查"))]


def solution_code(edition="en"):
    """``{label: [code of each cell of its solution]}``, and the code of
    every other cell under the label ``None``."""
    code = {}
    for _, label, source in cells(BOOK / edition / "training.md"):
        code.setdefault(label, []).append(source)
    return code


def statements(code):
    try:
        return {ast.unparse(s) for s in ast.parse(code).body}
    except SyntaxError:
        return set()


def test_there_is_one_check_cell_per_exercise():
    assert len(check_cells("en")) == len(solution_code("en")) - 1 == 5
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
    path = BOOK.parent / "_build" / "html" / "en" / "training-en.zip"
    if not path.is_file():
        pytest.skip(f"{path} is missing: run make html first")
    with zipfile.ZipFile(path) as archive:
        nb = nbformat.reads(archive.read(
            "training-en/training-en-student.ipynb").decode(), as_version=4)
    code = solution_code()
    elsewhere = set().union(*map(statements, code.pop(None)))
    solutions = set().union(*(statements(source) for sources in code.values()
                              for source in sources))
    student = set().union(*(statements(c.source) for c in nb.cells
                            if c.cell_type == "code"))
    leaked = (solutions - elsewhere) & student
    assert not leaked, sorted(leaked)[:5]
