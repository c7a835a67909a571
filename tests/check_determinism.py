"""Build the book cold twice and compare what the reader sees.

Run with ``make determinism`` (CI does). Each build starts from an empty
execution cache, so every chapter is executed afresh. The script compares,
for every executed notebook, the printed outputs (text/plain, streams, but
not the stderr that a cell's remove-stderr tag keeps off the page) and the
glued values, and exits 1 naming the first difference. Figures are
compared too and reported, but their bytes are not part of the promise.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BUILDS = ROOT / "_build" / "determinism"
ENV = {**os.environ,
       "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}


def cold_build(name):
    """Build the HTML book into ``_build/determinism/<name>``, cache empty.

    Each build folder holds its own execution caches (in its doctrees), so
    an empty folder is a cold build.
    """
    shutil.rmtree(BUILDS / name, ignore_errors=True)
    subprocess.run(["make", "html", f"BUILDDIR={BUILDS / name}"], cwd=ROOT,
                   env=ENV, check=True, stdout=subprocess.DEVNULL)
    return BUILDS / name


def snapshot(build):
    """Return ``({(notebook, cell): text}, {(notebook, cell): png hash})``."""
    texts, images = {}, {}
    # <build>/doctrees/<edition>/jupyter_execute/<page>.ipynb
    for path in sorted((build / "doctrees").glob("*/jupyter_execute/**/"
                                                 "*.ipynb")):
        name = str(path.relative_to(build / "doctrees"))
        glue = path.with_suffix(".glue.json")
        if glue.exists():
            texts[(name, "glue")] = glue.read_text(encoding="utf-8")
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            tags = cell.get("metadata", {}).get("tags", [])
            for out in cell.get("outputs", []):
                if "remove-stderr" in tags and out.get("name") == "stderr":
                    continue  # not on the page (a warning with a temp path)
                data = out.get("data", {})
                text = out.get("text") or data.get("text/plain")
                if text:
                    texts[(name, i)] = texts.get((name, i), "") + text
                for mime in ("image/svg+xml", "image/png"):
                    if mime in data:
                        images[(name, i, mime)] = hashlib.sha256(
                            data[mime].encode()).hexdigest()[:12]
    return texts, images


def main():
    first, second = (snapshot(cold_build(name)) for name in ("a", "b"))
    (texts_a, images_a), (texts_b, images_b) = first, second
    if not texts_a:
        print("no outputs found: did the build execute the notebooks?")
        return 1
    for key in sorted(set(texts_a) | set(texts_b), key=str):
        if texts_a.get(key) != texts_b.get(key):
            print(f"outputs differ at {key}:\n{texts_a.get(key)!r}\n"
                  f"{texts_b.get(key)!r}")
            return 1
    same_images = images_a == images_b
    print(f"deterministic: {len(texts_a)} printed outputs and glue files "
          f"identical across two cold builds; figures "
          f"{'identical' if same_images else 'differ in their bytes'} "
          f"({len(images_a)} figures)")
    print(json.dumps({"notebooks": sorted({k[0] for k in texts_a})}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
