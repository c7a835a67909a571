"""The take-home zip works as a reader uses it: unpacked, in plain Jupyter.

The zips come from the built site (``make html``). Their notebooks run in a
small virtual environment that has only torch, matplotlib, the font
noto-cjk-sans-otc, ipykernel and nbclient, at the versions of
requirements.txt: no Sphinx, no myst-nb, no
installed quadnet. It is created once under ``_build/`` and reused while
requirements.txt stays the same.

The extension's own behaviour (exercises and gated solutions of
sphinx-exercise, glue, hidden cells, references) is proved on a tiny
fixture book, ``tests/fixtures/notebooks``, whose page uses each of them.
"""
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
import venv
import zipfile
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from test_chapter_cells import cells

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "notebooks"
EDITIONS = ("zh", "en")
# what a reader installs (the README says torch and matplotlib, and the zh
# one the font of the plots' Chinese words); ipykernel and nbclient stand in
# for Jupyter
PLAIN_PACKAGES = ["torch", "matplotlib", "noto-cjk-sans-otc", "ipykernel",
                  "nbclient"]

# Runs one notebook in the plain environment, in the notebook's folder, as
# Jupyter does; writes the executed notebook to argv[2].
RUN = """
import sys, nbformat
from nbclient import NotebookClient
from pathlib import Path
path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
for cell in nb.cells:
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
NotebookClient(nb, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": str(path.parent)}}).execute()
nbformat.write(nb, sys.argv[2])
"""

# what the first cell of a zh notebook (its catalog's words) adds: the
# language of the plots' words (quadnet.plot), as conf.py's
# quadnet_kernel_env gives the zh build's kernels
ZH_PLOTS = 'import os\nos.environ["QUADNET_LANGUAGE"] = "zh"\n'

# MyST that plain Jupyter shows as raw text
MYST_ONLY = [
    (r"\{[a-zA-Z:-]+\}`", "a role such as {glue:text}` or {ref}`"),
    (r"^\s*(```|:::)\s*\{", "a directive fence such as ```{literalinclude}"),
    (r"^:::", "a colon fence"),
    (r"^\([\w-]+\)=\s*$", "a label such as (en-training)="),
    (r"\[\^[\w-]+\]", "a footnote such as [^optim]"),
    (r"^\s*:(class|label|tags|pyobject|language):", "a directive option"),
]


# -- the plain environment ---------------------------------------------------------
def _pins():
    """The requirements.txt lines of the plain environment's packages."""
    return [line for line in
            (ROOT / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _normal(pin):
    """``name==version``, normalised; ``2.13.0+cpu`` meets a pin ``2.13.0``."""
    name, _, version = pin.partition("==")
    version = version.split()[0].partition("+")[0] if version else ""
    return f"{re.sub(r'[-_.]+', '-', name).lower()}=={version}"


@pytest.fixture(scope="session")
def plain_python():
    """Python of a venv with only PLAIN_PACKAGES.

    Pinned by requirements.txt (a pip constraints file), created once under
    _build/ and kept while requirements.txt pins every package it holds at
    the same version and holds every one of PLAIN_PACKAGES (a pin of another
    package does not rebuild it). Never --system-site-packages: nothing of
    the build may leak in.
    """
    pins = {_normal(line.split("#")[0].strip()) for line in _pins()}
    home = ROOT / "_build" / "plain-venv"
    python = home / "bin" / "python"
    stamp = home / ".installed"  # what pip freeze said after installing
    held = set(stamp.read_text().split()) if stamp.is_file() else set()
    names = {pin.partition("==")[0] for pin in held}
    if not (held and held <= pins and
            {_normal(p).partition("==")[0] for p in PLAIN_PACKAGES} <= names):
        shutil.rmtree(home, ignore_errors=True)
        venv.create(home, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check",
                        "-c", str(ROOT / "requirements.txt"),
                        *PLAIN_PACKAGES], check=True)
        frozen = subprocess.run(
            [str(python), "-m", "pip", "freeze", "--exclude-editable"],
            capture_output=True, text=True, check=True).stdout.split()
        stamp.write_text("\n".join(_normal(pin) for pin in frozen))
    return python


def _run(python, notebooks):
    """Run notebooks side by side in the plain environment; return them."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONPATH": ""}
    env.pop("MPLBACKEND", None)  # the kernel shows figures inline
    env.pop("VIRTUAL_ENV", None)
    # the venv's bin first, so the kernel is the venv's python
    env["PATH"] = f"{python.parent}{os.pathsep}{env['PATH']}"
    jobs = []
    for path in notebooks:
        out = path.with_name(path.stem + ".run.ipynb")
        jobs.append((out, subprocess.Popen(
            [str(python), "-c", RUN, str(path), str(out)], env=env,
            cwd=path.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)))
    results = []
    for out, job in jobs:
        log, _ = job.communicate()
        assert job.returncode == 0, f"{out.name} failed:\n{log[-3000:]}"
        results.append(nbformat.read(out, as_version=4))
        out.unlink()
    return results


def _code(nb):
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _without_comments(source):
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type not in (tokenize.COMMENT, tokenize.NL,
                                tokenize.NEWLINE, tokenize.INDENT,
                                tokenize.DEDENT)]
    return [t.string for t in tokens]


def _texts(nb):
    """Every text output, cell by cell: what a reader sees printed (not a
    warning on stderr, and not what a student's answer cell prints)."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.source.startswith(ANSWER):
            continue
        for out in cell.outputs:
            if out.get("name") != "stderr":
                texts.append(out.get("text") or
                             out.get("data", {}).get("text/plain", ""))
    return texts


def _errors(nb):
    """Each error that a cell shows: its name and its message."""
    return [(out.ename, out.evalue) for cell in nb.cells
            for out in cell.get("outputs", []) if out.output_type == "error"]


# the first line of a student's answer cell (en)
ANSWER = "# your code here"


def _solutions(edition):
    """The code that each solution of the chapter shows, in page order."""
    shown = {}
    for hidden, label, code in cells(ROOT / "book" / edition / "training.md"):
        if label and not hidden:
            shown.setdefault(label, []).append(code.strip())
    return ["\n\n".join(codes) for codes in shown.values()]


def _with_solutions(path, edition):
    """Paste each solution's code into the student's answer cell."""
    nb = nbformat.read(path, as_version=4)
    answers = [c for c in nb.cells
               if c.cell_type == "code" and c.source.startswith(ANSWER)]
    solutions = _solutions(edition)
    assert len(answers) == len(solutions) == 5
    for cell, code in zip(answers, solutions):
        cell.source += "\n" + code
    pasted = path.with_name(path.stem + ".solved.ipynb")
    nbformat.write(nb, pasted)
    return pasted


# -- the book's zips ---------------------------------------------------------------
def _zip(edition):
    path = SITE / edition / f"training-{edition}.zip"
    if not path.is_file():
        pytest.skip(f"{path} is missing: run make html first")
    return path


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory):
    """Each edition's zip, unpacked in an empty folder of its own."""
    folders = {}
    for edition in EDITIONS:
        target = tmp_path_factory.mktemp(f"home-{edition}")
        with zipfile.ZipFile(_zip(edition)) as archive:
            archive.extractall(target)
        folders[edition] = target / f"training-{edition}"
    return folders


def _notebook(unpacked, edition, student=False):
    name = f"training-{edition}{'-student' if student else ''}.ipynb"
    return nbformat.read(unpacked[edition] / name, as_version=4)


# each kind of notebook runs once: the zh and en editions run the same code
# (test_parity.py proves it of the chapters, and a test below of the zips'
# notebooks), so a second edition of the same kind would prove nothing more
RUN_ONCE = {"reader": ("zh", False), "student": ("en", True)}


@pytest.fixture(scope="session")
def runs(unpacked, plain_python):
    """The zh reader and the en student notebook, run side by side in
    plain Jupyter (one torch thread each): ``{kind: executed notebook}``."""
    paths = [unpacked[edition] / f"training-{edition}"
             f"{'-student' if student else ''}.ipynb"
             for edition, student in RUN_ONCE.values()]
    # the student's answers: the solutions, so that every check cell runs
    paths = [_with_solutions(path, edition) if student else path
             for path, (edition, student) in zip(paths, RUN_ONCE.values())]
    try:
        return dict(zip(RUN_ONCE, _run(plain_python, paths)))
    finally:
        for path in paths:
            if path.name.endswith(".solved.ipynb"):
                path.unlink()


def test_plain_environment_has_no_book_machinery_and_no_quadnet(
        plain_python, tmp_path):
    code = ("import importlib.util as u; print([m for m in ('sphinx', "
            "'myst_nb', 'jupyter_cache', 'sphinx_exercise', 'quadnet') "
            "if u.find_spec(m)])")
    found = subprocess.run([str(plain_python), "-c", code], cwd=tmp_path,
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONPATH": ""})
    assert found.stdout.strip() == "[]"


@pytest.mark.parametrize("edition", EDITIONS)
def test_zip_holds_the_notebooks_quadnet_and_a_readme(edition):
    folder = f"training-{edition}"
    with zipfile.ZipFile(_zip(edition)) as archive:
        listed = sorted(archive.namelist())
        package = {name: archive.read(name) for name in listed
                   if name.startswith(f"{folder}/quadnet/")}
        readme = archive.read(f"{folder}/README.md").decode()
    sources = sorted((ROOT / "quadnet").glob("*.py"))
    assert listed == sorted(
        [f"{folder}/README.md", f"{folder}/training-{edition}.ipynb",
         f"{folder}/training-{edition}-student.ipynb"]
        + [f"{folder}/quadnet/{p.name}" for p in sources])
    assert package == {f"{folder}/quadnet/{p.name}": p.read_bytes()
                       for p in sources}
    for needed in ("pip install torch matplotlib", "jupyter lab",
                   f"training-{edition}-student.ipynb"):
        assert needed in readme
    is_chinese = bool(re.search(r"[\u4e00-\u9fff]", readme))
    assert is_chinese == (edition == "zh")


@pytest.mark.parametrize("student", [False, True])
@pytest.mark.parametrize("edition", EDITIONS)
def test_notebook_sets_the_plots_language_of_its_edition(
        unpacked, edition, student):
    """quadnet.plot reads QUADNET_LANGUAGE (en when unset): the zh notebooks
    set it in their first cell, as conf.py's quadnet_kernel_env does for
    the zh build's kernels."""
    first = _notebook(unpacked, edition, student).cells[0].source
    assert (ZH_PLOTS in first) == (edition == "zh")
    assert ("QUADNET_LANGUAGE" in first) == (edition == "zh")


@pytest.mark.parametrize("kind", RUN_ONCE)
def test_notebook_runs_in_plain_jupyter_and_prints_the_books_numbers(
        kind, runs, unpacked):
    edition, student = RUN_ONCE[kind]
    ran = runs[kind]
    stored = _notebook(unpacked, edition, student)
    outputs = [out for cell in ran.cells if cell.cell_type == "code"
               for out in cell.outputs]
    # errors only where the page shows one, and the same ones
    assert _errors(ran) == _errors(stored)
    assert all("raises-exception" in cell.metadata.get("tags", [])
               for cell in ran.cells for out in cell.get("outputs", [])
               if out.output_type == "error")
    # plain Jupyter's inline backend draws PNG; the book stored SVG
    assert any("image/png" in out.get("data", {}) for out in outputs)
    assert "tensor(0.9550)" in _texts(ran)
    # every printed value is the one the book (and the zip) shows
    assert _texts(ran) == _texts(stored)
    assert sorted(p.name for p in unpacked[edition].iterdir()) == sorted(
        ["README.md", "quadnet", f"training-{edition}.ipynb",
         f"training-{edition}-student.ipynb"]), "the notebook wrote files"


def test_zh_student_notebook_runs_the_same_code_as_the_en_one(unpacked):
    """The same code, but for the plots' language, which the zh notebooks'
    first cell sets (test_notebook_sets_the_plots_language_of_its_edition)."""
    zh = _code(_notebook(unpacked, "zh", student=True))
    en = _code(_notebook(unpacked, "en", student=True))
    assert ZH_PLOTS in zh[0]
    zh[0] = zh[0].replace(ZH_PLOTS, "")
    assert [_without_comments(s) for s in zh] == \
        [_without_comments(s) for s in en]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("student", [False, True], ids=["reader", "student"])
def test_no_myst_only_syntax_is_left_in_a_markdown_cell(
        edition, student, unpacked):
    nb = _notebook(unpacked, edition, student)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for pattern, what in MYST_ONLY:
            match = re.search(pattern, cell.source, re.MULTILINE)
            assert match is None, f"{what}: {match.group(0)!r} in\n{cell.source}"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("student", [False, True], ids=["reader", "student"])
def test_notebook_imports_neither_myst_nb_nor_sphinx(
        edition, student, unpacked):
    code = "\n".join(_code(_notebook(unpacked, edition, student)))
    assert not re.search(r"^\s*(from|import)\s+(myst_nb|sphinx)", code,
                         re.MULTILINE)
    assert "glue(" not in code


@pytest.mark.parametrize("edition", EDITIONS)
def test_code_the_page_shows_appears_in_the_reader_notebook(
        edition, unpacked):
    page = BeautifulSoup((SITE / edition / "training.html").read_text(),
                         "html.parser")
    shown = [pre.get_text() for pre in page.select(
        "div.highlight-python pre, div.highlight-ipython3 pre")]
    assert len(shown) > 20
    nb = _notebook(unpacked, edition)
    code = _code(nb)
    fenced = [block for cell in nb.cells if cell.cell_type == "markdown"
              for block in re.findall(r"```python\n(.*?)\n```",
                                      re.sub(r"^> ?", "", cell.source,
                                             flags=re.MULTILINE), re.DOTALL)]
    for text in shown:
        text = text.rstrip("\n")
        assert text in code or text in fenced, f"not in the notebook:\n{text}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_glued_numbers_are_written_into_the_text(edition, unpacked):
    text = "\n".join(c.source for c in _notebook(unpacked, edition).cells
                     if c.cell_type == "markdown")
    assert "95.5%" in text  # {glue:text}`acc_scratch:.1%`
    assert "800" in text  # {glue:text}`n_points`


@pytest.mark.parametrize("edition", EDITIONS)
def test_student_notebook_has_no_solution_of_the_page(edition, unpacked):
    page = BeautifulSoup((SITE / edition / "training.html").read_text(),
                         "html.parser")
    solutions = page.select("div.solution")
    assert len(solutions) == 5
    student = _notebook(unpacked, edition, student=True)
    reader = _notebook(unpacked, edition)
    code = [s.rstrip("\n") for s in _code(student)]
    # plain text of the Markdown, as the page's get_text() gives it
    text = " ".join(re.sub(r"[`*_>$\\]", "", "\n".join(
        c.source for c in student.cells if c.cell_type == "markdown")).split())
    for solution in solutions:
        title = " ".join(solution.select_one(".admonition-title")
                         .get_text().split())
        assert title and title not in text
        for cell in solution.select("div.cell_input pre"):  # no solution code
            assert cell.get_text().rstrip("\n") not in code
        for paragraph in solution.select("section p"):  # no solution text
            words = " ".join(re.sub(r"[`*_$\\]", "",
                                    paragraph.get_text()).split())
            assert words[:40] not in text, words
    # no solution output: the student notebook's figures are the page's
    # figures outside the solutions
    figures = [out for c in student.cells if c.cell_type == "code"
               for out in c.outputs if "image/svg+xml" in out.get("data", {})]
    outside = [img for img in page.select(".cell_output img")
               if not img.find_parent("div", class_="solution")]
    assert len(figures) == len(outside) < len(page.select(".cell_output img"))
    # one empty code cell under each exercise, and only there
    exercises = page.select("div.exercise")
    assert len(exercises) == 5
    blanks = [i for i, c in enumerate(student.cells)
              if c.cell_type == "code" and not "".join(_without_comments(c.source))]
    assert len(blanks) == len(exercises)
    assert not [c for c in reader.cells
                if c.cell_type == "code" and not "".join(_without_comments(c.source))]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("student", [False, True], ids=["reader", "student"])
def test_notebook_figures_are_svg_without_their_pdf_twin(
        edition, student, unpacked):
    data = [out.get("data", {}) for cell in
            _notebook(unpacked, edition, student).cells
            if cell.cell_type == "code" for out in cell.outputs]
    figures = [d for d in data if "image/svg+xml" in d]
    assert len(figures) >= 5
    assert not [d for d in data if "application/pdf" in d]


# -- the fixture book ------------------------------------------------------------
@pytest.fixture(scope="session")
def fixture_zip(tmp_path_factory):
    """Build the fixture book with the book's extension; unpack its zip."""
    out = tmp_path_factory.mktemp("fixture-build")
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html",
                    str(FIXTURE), str(out / "html")], check=True, env=env)
    target = tmp_path_factory.mktemp("fixture-home")
    with zipfile.ZipFile(out / "html" / "chapter-en.zip") as archive:
        archive.extractall(target)
    return target / "chapter-en", out / "html"


def _markdown(nb):
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_fixture_reader_notebook_reads_like_the_page(fixture_zip):
    folder, _ = fixture_zip
    nb = nbformat.read(folder / "chapter-en.ipynb", as_version=4)
    text = _markdown(nb)
    assert "The answer is 42 and the ratio 95.5%." in text  # glue
    assert "```python\ndef triple(x):\n    return 3 * x\n```" in text
    assert "a link to the\nchapter," in text  # {ref} as its text
    assert "[link](https://pytorch.org)" in text
    assert "$a^2 + b_1$" in text and "$$\n\\begin{bmatrix}" in text
    assert "> **Note: a tip**\n>\n> A note with `code`" in text
    assert "> **Exercise 1**\n>\n> Call `double` on `kept`." in text
    assert "**Solution to Exercise 1**\n\nThe answer is 42, plus two." in text
    assert "> **Solution to Exercise 2**\n>\n> Because it is divisible" in text
    assert "Take this chapter home" not in text  # the page's zip line
    code = _code(nb)
    assert code[0].endswith("import tinyquad")
    # the hidden glue cell is gone; the shown cells bind what they use
    assert not any("glue" in s or "myst_nb" in s for s in code)
    assert "double(kept)" in code
    executed = [c for c in nb.cells if c.cell_type == "code" and c.outputs]
    assert executed[0].outputs[0]["data"]["text/plain"] == "42"


def test_fixture_student_notebook_drops_gated_and_plain_solutions(
        fixture_zip):
    folder, _ = fixture_zip
    nb = nbformat.read(folder / "chapter-en-student.ipynb", as_version=4)
    everything = "\n".join(c.source for c in nb.cells)
    assert "Solution" not in everything
    assert "plus two" not in everything and "divisible by 2" not in everything
    assert "double(kept)" not in _code(nb)
    sources = [c.source for c in nb.cells]
    tasks = {1: "# Call double on kept.\n# What do you get?",
             2: "# Why is 2x even?"}
    for number, task in tasks.items():  # a code cell under each exercise
        at = next(i for i, s in enumerate(sources)
                  if f"**Exercise {number}**" in s)
        assert nb.cells[at + 1].cell_type == "code"
        assert nb.cells[at + 1].source == "# your code here\n" + task


def test_fixture_notebooks_run_in_plain_jupyter(fixture_zip, plain_python):
    folder, _ = fixture_zip
    reader, student = _run(plain_python, [folder / "chapter-en.ipynb",
                                          folder / "chapter-en-student.ipynb"])
    assert "after the exercises 43\n" in _texts(reader)
    assert "after the exercises 43\n" in _texts(student)


def test_fixture_page_offers_the_zip_in_the_menu_and_the_text(fixture_zip):
    _, html = fixture_zip
    page = BeautifulSoup((html / "chapter.html").read_text(), "html.parser")
    menu = page.select_one(".dropdown-download-buttons")
    assert menu.select("a[href]")[0]["href"] == "chapter-en.zip"
    line = page.select_one("a.notebooks-zip")
    assert line["href"] == "chapter-en.zip"
    assert line.get_text() == "Take this chapter home (.zip)"
    assert json.loads((html / "_sources" / "chapter.ipynb").read_text())
