"""The notebook kernels' settings, set before any kernel starts.

Each kernel is a child process of the build and inherits its environment:
``THREADS`` (unless the shell set them), ``quadnet_kernel_env`` and
``IPYTHONDIR``, a profile of this build that draws the
``quadnet_figure_formats`` (IPython rejects an unknown one) with
reproducible bytes. ``settings(config)`` is what of this
decides the outputs, for the cache key (``quadnet_book.cache``).
"""
import os
from pathlib import Path

# One torch thread per kernel: the two editions' kernels run side by side on
# two cores, and torch's default thread pool in each turns a 3 s training
# loop into 40 s and more. The only place the book sets it.
THREADS = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
PROFILE = '''\
# Written by quadnet_book.kernel for the notebook kernels of one build.
c = get_config()  # noqa: F821
# no history.sqlite: two kernels at once must not share a database
c.HistoryManager.enabled = False
c.InlineBackend.figure_formats = {formats!r}
# SVG element ids from a fixed salt, and dates from SOURCE_DATE_EPOCH (set in
# the kernel only: Sphinx would read it as the copyright year), so that the
# same figure has the same bytes in every build
c.InlineBackend.rc = {{"svg.hashsalt": "quadnet-book"}}
c.IPKernelApp.exec_lines = [
    "import os as _os; _os.environ.setdefault('SOURCE_DATE_EPOCH', '0'); "
    "del _os"]
# ipykernel 7 logs a WARNING at every start that TCP is not encrypted. The
# build's kernels listen on 127.0.0.1 only, and IPC would need an absolute
# socket path that jupyter-cache gives nbclient no way to set.
import logging
logging.getLogger("IPKernelApp").addFilter(
    lambda record: "over TCP without encryption" not in record.getMessage())
'''


def profile_text(formats):
    """The ``ipython_kernel_config.py`` that draws ``formats``."""
    return PROFILE.format(formats=sorted(formats))


def settings(config):
    """What of the kernels' set-up decides the outputs (for the cache key)."""
    names = sorted({*THREADS, *config.quadnet_kernel_env})
    return {"env": {name: os.environ.get(name) for name in names},
            "profile": profile_text(config.quadnet_figure_formats)}


def set_env(app, config):
    for name, value in THREADS.items():
        os.environ.setdefault(name, value)
    os.environ.update(config.quadnet_kernel_env)


def write_profile(app):
    """Write this build's IPython profile and point the kernels at it."""
    ipythondir = Path(app.doctreedir) / "ipython"
    config = ipythondir / "profile_default" / "ipython_kernel_config.py"
    text = profile_text(app.config.quadnet_figure_formats)
    if not config.is_file() or config.read_text(encoding="utf-8") != text:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(text, encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(ipythondir)


def setup(app):
    app.add_config_value("quadnet_figure_formats", ["png"], "env",
                         (list, set, tuple))
    app.add_config_value("quadnet_kernel_env", {}, "env", dict)
    # before anything imports torch or starts a kernel
    app.connect("config-inited", set_env, priority=100)
    app.connect("builder-inited", write_profile, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
