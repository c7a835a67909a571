"""Measure the book's build times; prints figures, asserts nothing.

Run with ``make bench`` (the venv must exist). In one run it measures

* each chapter executed alone, in a fresh kernel, with nothing else running,
  with the kernel settings of the build (one thread, SVG and PDF figures):
  the floor that no build can beat;
* a cold ``make html`` (empty execution cache, empty build folder);
* a no-op ``make html`` right after it;
* ``make html`` after a prose-only edit of one chapter;
* ``make html`` after an edit of quadnet's source.

``make html`` builds both editions side by side. The number of notebooks
each build executed is counted from myst-nb's own log lines ("Executing
notebook"), not guessed. Edited files are restored.
"""
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import nbclient
from myst_nb.core.read import read_myst_markdown_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from quadnet_book.kernel import THREADS, profile_text  # noqa: E402

# a chapter alone runs with the build's kernel settings
ENV = {**os.environ, **THREADS,
       "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
CHAPTERS = sorted(ROOT.glob("book/*/training.md"))
FORMATS = ["svg", "pdf"]  # as conf.py's quadnet_figure_formats


def chapter_alone(path):
    """Execute one chapter in a fresh kernel; return the wall time."""
    nb = read_myst_markdown_notebook(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": path.parent}}
                            ).execute()
    return time.perf_counter() - start


def make_html():
    """Run ``make html``; return (wall time, notebooks executed)."""
    start = time.perf_counter()
    out = subprocess.run(["make", "html"], cwd=ROOT, env=ENV, check=True,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    executed = len(re.findall(r"Executing notebook", out.stdout + out.stderr))
    return seconds, executed


def edited(path, old, new):
    """Build once with ``old`` replaced by ``new`` in ``path``; restore."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        return make_html()
    finally:
        path.write_text(text, encoding="utf-8")


def kernel_profile(folder):
    """An IPYTHONDIR whose kernels draw figures as the build's do."""
    config = Path(folder) / "profile_default" / "ipython_kernel_config.py"
    config.parent.mkdir(parents=True)
    config.write_text(profile_text(FORMATS), encoding="utf-8")
    return str(folder)


def main():
    os.environ.update(ENV)
    with tempfile.TemporaryDirectory() as ipythondir:
        os.environ["IPYTHONDIR"] = kernel_profile(ipythondir)
        alone = {str(p.relative_to(ROOT)): chapter_alone(p)
                 for p in CHAPTERS}
        del os.environ["IPYTHONDIR"]
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    rows = [("cold make html", *make_html()),
            ("no-op rebuild", *make_html()),
            ("prose-only edit", *edited(CHAPTERS[0], "\n\n", "\n\nX\n\n")),
            ("quadnet edit", *edited(ROOT / "quadnet" / "plot.py", "\n\n",
                                     "\n\n# bench\n\n"))]
    make_html()  # leave the build in step with the restored sources
    slowest = max(alone.values())
    print(f"date: {date.today()}  machine: {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    for name, seconds in alone.items():
        print(f"{'alone ' + name:32s} {seconds:6.1f} s")
    for name, seconds, executed in rows:
        print(f"{name:32s} {seconds:6.1f} s  {executed} notebook(s) "
              "executed")
    print(f"cold / slower chapter alone: {rows[0][1] / slowest:.2f}x "
          "(target <= 1.3x)")


if __name__ == "__main__":
    main()
