"""The notebook a reader downloads from a chapter page runs on its own.

Takes the executed ``.ipynb`` that the page offers
(``_build/html/<edition>/_sources``),
clears its outputs and runs it top to bottom in a fresh kernel, in an empty
folder, as a reader who opens it in Jupyter would.
"""
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

HTML = Path(__file__).resolve().parent.parent / "_build" / "html"


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_downloaded_notebook_runs_top_to_bottom_in_a_fresh_kernel(
        edition, tmp_path, monkeypatch):
    path = HTML / edition / "_sources" / "training.ipynb"
    if not path.exists():
        pytest.skip(f"{path} is missing: run make html first")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code"
               for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    assert any("image/png" in out.get("data", {}) for out in outputs)
    assert os.listdir(tmp_path) == [], "the notebook wrote files"
