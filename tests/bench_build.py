"""Measure the book's build times; prints figures, asserts nothing.

Run with ``.venv/bin/python tests/bench_build.py`` from the repository root
(the venv must exist: ``make html`` creates it). It measures

* each chapter executed alone, in a fresh kernel, with nothing else running:
  the floor that no build can beat;
* a cold ``make html`` (empty execution cache, empty build folder);
* a no-op ``make html`` right after it.

The cold build executes both chapters in parallel; the ratio of the cold
build to the slower chapter alone shows what the parallel build costs.
"""
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import nbclient
from myst_nb.core.read import read_myst_markdown_notebook

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "OMP_NUM_THREADS": "1",
       "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}


def chapter_alone(path):
    """Execute one chapter in a fresh kernel; return the wall time."""
    nb = read_myst_markdown_notebook(path.read_text(encoding="utf-8"))
    os.environ.update(ENV)
    start = time.perf_counter()
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": path.parent}}
                            ).execute()
    return time.perf_counter() - start


def make(*targets):
    """Run ``make`` in the repository; return the wall time."""
    start = time.perf_counter()
    subprocess.run(["make", *targets], cwd=ROOT, env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    chapters = sorted(ROOT.glob("book/*/training.md"))
    alone = {str(p.relative_to(ROOT)): chapter_alone(p) for p in chapters}
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold = make("html")
    noop = make("html")
    slowest = max(alone.values())
    print(f"date: {date.today()}  machine: {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    for name, seconds in alone.items():
        print(f"chapter alone  {name:24s} {seconds:6.1f} s")
    print(f"cold make html {'':24s} {cold:6.1f} s  "
          f"({cold / slowest:.2f}x the slower chapter alone)")
    print(f"no-op rebuild  {'':24s} {noop:6.1f} s")


if __name__ == "__main__":
    sys.exit(main())
