"""The build's own guarantees, proved on a tiny book with the same extension.

``tests/fixtures/minibook`` is a two-edition book whose notebook imports a
one-function package (``tinypkg``). It is built once per session (both
editions, ``warm_book`` in conftest.py, so its execution cache is warm); a
test that only reads a build reads that one. A test that needs a build of its
own copies it, changes one thing, builds only the zh edition with the
Makefile's own rule (``make edition-zh``: ``-W -n``) and reads the build's own
log: myst-nb prints "Executing notebook" for each notebook it runs. Each
Sphinx build costs seconds, so no two tests make the same one.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "minibook"
EXTENSION = Path(__file__).parents[1] / "book" / "_ext"
MAKEFILE = Path(__file__).parents[1] / "Makefile"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the colours of a traceback


@dataclass
class Build:
    returncode: int
    log: str

    @property
    def executed(self):
        """How many notebooks this build executed, from myst-nb's log."""
        return len(re.findall(r"Executing notebook", self.log))


def command(book, edition, builder="html"):
    """The Makefile's own build of one edition (``edition-zh``, ``latex-en``),
    run on ``book`` with this Python: the one sphinx-build command line."""
    target = {"html": "edition", "latex": "latex"}[builder]
    return ["make", "--no-print-directory", "-s", "-f", str(MAKEFILE),
            "-C", str(book), f"{target}-{edition}",
            f"BIN={Path(sys.executable).parent}", "STAMP="]


def environment(book, **extra):
    env = {**os.environ, **extra,
           "PYTHONPATH": os.pathsep.join([str(book), str(EXTENSION)])}
    for name in ("IPYTHONDIR", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)  # not those of a `make test` around pytest
    return env


def build(book, edition="zh", **env):
    """Build one edition of ``book``; return its exit status and log."""
    done = subprocess.run(command(book, edition), env=environment(book, **env),
                          capture_output=True, text=True, timeout=300)
    return Build(done.returncode, ANSI.sub("", done.stdout + done.stderr))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def book(warm_book, tmp_path):
    """A copy of the warm book, to change."""
    copy = tmp_path / "minibook"
    shutil.copytree(warm_book[0], copy)
    return copy


def html(book, edition="zh", page="index"):
    path = book / "_build" / "html" / edition / f"{page}.html"
    return path.read_text(encoding="utf-8")


def outputs(book, edition="zh"):
    """The texts of the page's cell outputs (not its code or listings)."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(html(book, edition), "html.parser")
    return [div.get_text().strip() for div in page.select("div.cell_output")]


def cache_folder(book, edition="zh"):
    [folder] = (book / "_build" / "doctrees" / edition / "jupyter_cache"
                ).iterdir()
    return folder


def test_cold_build_executes_each_notebook_once(warm_book):
    _, logs = warm_book
    assert [logs[e].executed for e in ("zh", "en")] == [1, 1]


@pytest.fixture(scope="module")
def prose_edited(warm_book, tmp_path_factory):
    """A copy of the warm book rebuilt after a prose edit, and its log.

    The page is read again, so its outputs and its download come from the
    execution cache (with nothing changed Sphinx would not read it at all,
    and a build that executes nothing here executes nothing then)."""
    book = tmp_path_factory.mktemp("prose") / "minibook"
    shutil.copytree(warm_book[0], book)
    edit(book / "book" / "zh" / "index.md", "一本只有", "一本新的、只有")
    return book, build(book)


def test_prose_edit_executes_nothing_and_shows_the_new_text(prose_edited):
    book, result = prose_edited
    assert (result.returncode, result.executed) == (0, 0), result.log
    assert "一本新的、只有" in html(book)
    assert outputs(book)[0] == "42"  # from the cache, not left out


def test_package_edit_executes_again(book):
    edit(book / "tinypkg" / "__init__.py", "return 42", "return 43")
    result = build(book)
    assert (result.returncode, result.executed) == (0, 1), result.log
    assert outputs(book)[0] == "43"


def test_requirements_change_executes_again(book):
    edit(book / "requirements.txt", "==1.0", "==1.1")
    result = build(book)
    assert (result.returncode, result.executed) == (0, 1), result.log


def test_thread_count_change_executes_again(book):
    result = build(book, OMP_NUM_THREADS="2")
    assert (result.returncode, result.executed) == (0, 1), result.log


def test_kernel_env_change_executes_again(book):
    edit(book / "conf.py", 'nb_execution_mode = "cache"',
         'nb_execution_mode = "cache"\n'
         'quadnet_kernel_env = {"QUADNET_LANGUAGE": "zh"}')
    result = build(book)
    assert (result.returncode, result.executed) == (0, 1), result.log


def test_cache_key_records_python_and_installed_packages(warm_book):
    key = (cache_folder(warm_book[0]) / "key.json").read_text(
        encoding="utf-8")
    assert sys.version.split()[0] in key
    assert re.search(r'"myst-nb==[\d.]+"', key), key
    assert '"OMP_NUM_THREADS": "1"' in key


def test_failing_cell_fails_the_build_naming_the_cell(book):
    edit(book / "book" / "zh" / "index.md", "print(tinypkg.answer())",
         "print(tinypkg.answer())\nraise ValueError('cell went wrong')")
    result = build(book)
    assert result.returncode != 0
    assert "ValueError: cell went wrong" in result.log
    # the traceback shows the failing cell's own lines
    assert "raise ValueError('cell went wrong')" in result.log


def test_sphinx_warning_fails_the_build(book):
    edit(book / "book" / "zh" / "index.md", "一本只有",
         "{ref}`nowhere` 一本只有")
    result = build(book)
    assert result.returncode != 0
    assert "undefined label: 'nowhere'" in result.log, result.log


def test_corrupt_cache_database_is_rebuilt_with_one_line(book):
    (cache_folder(book) / "global.db").write_bytes(b"not a database" * 100)
    result = build(book)
    assert (result.returncode, result.executed) == (0, 1), result.log
    assert "Traceback" not in result.log
    [line] = [s for s in result.log.splitlines() if "was unreadable" in s]
    assert "rebuilt it empty" in line


def test_cache_record_without_its_notebook_is_dropped(book):
    """A build killed between writing a record and its notebook."""
    [executed] = (cache_folder(book) / "executed").glob("*/base.ipynb")
    executed.write_text('{"cells": [', encoding="utf-8")  # cut short
    result = build(book)
    assert (result.returncode, result.executed) == (0, 1), result.log
    assert "dropped a damaged record" in result.log


def test_build_killed_while_executing_leaves_nothing_to_trip_over(book):
    page = book / "book" / "zh" / "index.md"
    original = page.read_text(encoding="utf-8")
    edit(page, "print(tinypkg.answer())",
         "import time\ntime.sleep(120)\nprint(tinypkg.answer())")
    process = subprocess.Popen(command(book, "zh"), env=environment(book),
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        for line in process.stdout:  # wait until the kernel is running
            if "Executing notebook" in line:
                time.sleep(2)
                break
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # as a closed terminal would
        process.wait()
    page.write_text(original, encoding="utf-8")
    result = build(book)
    assert result.returncode == 0, result.log
    assert "did not finish" in result.log
    assert outputs(book)[0] == "42"


def test_zh_edition_labels_are_chinese_and_en_english(warm_book):
    book, _ = warm_book
    zh, en = html(book, "zh"), html(book, "en")
    assert '<html lang="zh-CN"' in zh and '<html lang="en"' in en
    # sphinx-exercise, myst-nb's code toggle, sphinx-togglebutton's hint
    for word in ["练习", "解答", "显示代码", "点击显示"]:
        assert word in zh, word
    for word in ["Exercise", "Solution to", "Show code cell source",
                 "Click to show"]:
        assert word in en and word not in zh, word


def test_switch_and_alternates_link_the_twin_pages(warm_book):
    book, _ = warm_book
    zh = html(book, "zh")
    assert '<a class="lang-switch" href="../en/index.html"' in zh
    assert '<link rel="alternate" hreflang="en" href="../en/index.html"' in zh
    assert '<a class="lang-switch" href="../zh/index.html"' in html(book, "en")


def test_landing_page_offers_every_edition(warm_book):
    book, _ = warm_book
    landing = (book / "_build" / "html" / "index.html").read_text(
        encoding="utf-8")
    assert 'href="zh/index.html"' in landing and "小书" in landing
    assert 'href="en/index.html"' in landing and "A small book" in landing


def test_literalinclude_can_leave_the_docstring_out(warm_book):
    book, _ = warm_book
    page = html(book, "en")
    assert "answer" in page and "Return the answer." not in page


def test_download_is_the_executed_notebook(prose_edited):
    import nbformat

    book, _ = prose_edited  # from the cache: the outputs are merged back
    nb = nbformat.read(book / "_build" / "html" / "zh" / "_sources" /
                       "index.ipynb", as_version=4)
    # written by that rebuild, not left over from the cold build
    assert any("一本新的、只有" in cell.source for cell in nb.cells)
    outputs = [o for c in nb.cells if c.cell_type == "code"
               for o in c.outputs]
    assert any("42" in o.get("text", "") for o in outputs), outputs


def zip_names(book, edition="zh"):
    import zipfile

    path = book / "_build" / "html" / edition / f"index-{edition}.zip"
    with zipfile.ZipFile(path) as archive:
        return sorted(archive.namelist())


def test_take_home_zip_is_named_for_each_edition_and_holds_only_its_files(
        warm_book):
    book, _ = warm_book
    for edition in ("zh", "en"):
        folder = f"index-{edition}"
        assert zip_names(book, edition) == [
            f"{folder}/README.md", f"{folder}/{folder}-student.ipynb",
            f"{folder}/{folder}.ipynb", f"{folder}/tinypkg/__init__.py"]


def test_build_without_the_zip_package_fails_naming_the_setting(book):
    conf = book / "conf.py"
    conf.write_text("\n".join(
        line for line in conf.read_text(encoding="utf-8").splitlines()
        if not line.startswith("quadnet_zip_package")), encoding="utf-8")
    result = build(book)
    assert result.returncode != 0
    assert "quadnet_zip_package" in result.log, result.log


def test_reader_notebook_has_no_cell_that_the_page_hides(
        warm_book):
    import nbformat

    book, _ = warm_book
    nb = nbformat.read(book / "_build" / "html" / "zh" / "_sources" /
                       "index.ipynb", as_version=4)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    # the shown cell after it binds `scratch` before using it, and `value`
    # in it is plus_one's own argument
    assert not any("no later cell needs it" in source for source in code)
    assert any(source.endswith("print(scratch)") for source in code)


def test_cold_build_console_has_no_warning(warm_book):
    """Not even ipykernel's "running over TCP without encryption"."""
    _, logs = warm_book
    for edition, result in logs.items():
        assert "WARNING" not in result.log, result.log
