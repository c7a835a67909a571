"""An execution cache that cannot go stale, and survives a killed build.

jupyter-cache keys a notebook only on its code cells; this cache lives in
``<doctreedir>/jupyter_cache/<key>``, keyed also on the files that
``quadnet_cache_inputs`` matches, Python, the installed distributions and
the kernels' settings. A lock keeps two builds of one edition apart; a
killed build leaves a marker, and the next re-reads every page.
"""
import fcntl
import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

from sphinx.errors import ConfigError
from sphinx.util import logging

from . import kernel

logger = logging.getLogger(__name__)
SCHEME = 1  # bump when the key's recipe changes
RUNNING = "build-running"  # the marker of a build that has not finished


def manifest(confdir, patterns, kernel_settings):
    """Everything that decides the outputs, as a JSON-able dict."""
    files = {}
    for pattern in patterns:
        matched = [p for p in Path(confdir).glob(pattern) if p.is_file()]
        if not matched:
            raise ConfigError(f"quadnet_cache_inputs: {pattern!r} matches "
                              f"no file under {confdir}")
        files.update({str(p.relative_to(confdir)):
                      hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in matched})
    packages = {f"{d.metadata['Name']}=={d.version}"
                for d in importlib.metadata.distributions()
                if d.metadata["Name"]}
    return {"scheme": SCHEME, "files": files, "python": sys.version,
            "packages": sorted(packages, key=str.lower),
            "kernel": kernel_settings}


def open_cache(path):
    """Open the jupyter-cache at ``path``, rebuilt if it is unreadable,
    without records whose notebook is missing or unreadable (a killed build
    leaves them)."""
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import NbCacheRecord
    from sqlalchemy.exc import SQLAlchemyError

    try:
        cache = get_cache(path)
        for record in cache.list_cache_records():
            # jupyter-cache 1.0.1 keeps it in executed/<hashkey>/base.ipynb
            notebook = cache._get_notebook_path_cache(record.hashkey)
            try:  # whole JSON is enough: nbformat's schema check is slow
                json.loads(notebook.read_bytes())
            except (OSError, ValueError):  # missing, cut short, not JSON
                shutil.rmtree(notebook.parent, ignore_errors=True)
                NbCacheRecord.remove_records([record.pk], cache.db)
                logger.info(f"execution cache: dropped a damaged record "
                            f"({record.uri})")
    except (SQLAlchemyError, sqlite3.Error) as error:  # unreadable database
        reason = str(error).partition("\n")[0][:80]
        logger.info(f"execution cache: {path} was unreadable ({reason}); "
                    f"rebuilt it empty, so every notebook executes",
                    color="red")
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        cache = get_cache(path)
        cache.list_cache_records()  # creates the tables
    return cache


def take_lock(app):
    """Hold this edition's build lock until the process ends."""
    lock = Path(app.doctreedir) / "build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock, "w")  # noqa: SIM115 (held for the whole build)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        logger.info(f"waiting for another build that holds {lock} ...")
        fcntl.flock(handle, fcntl.LOCK_EX)
    app.quadnet_lock = handle


def use_keyed_cache(app):
    """Point myst-nb at this key's cache, prepared in the main process.

    Runs after myst-nb read its configuration (600 > 500), and sets its
    runtime config: a changed ``app.config`` value would re-read every page.
    """
    take_lock(app)
    state = Path(app.doctreedir)
    running = state / RUNNING
    app.quadnet_interrupted = running.exists()
    if app.quadnet_interrupted:
        logger.info("the previous build of this book did not finish: "
                    "reading every page again (notebooks from the cache)")
    running.write_text(str(os.getpid()), encoding="utf-8")

    facts = json.dumps(manifest(app.confdir, app.config.quadnet_cache_inputs,
                                kernel.settings(app.config)),
                       indent=1, sort_keys=True)
    key = hashlib.sha256(facts.encode()).hexdigest()[:16]
    app.quadnet_cache_key = key
    path = state / "jupyter_cache" / key
    for old in path.parent.glob("*"):  # earlier keys can never match again
        if old != path:
            shutil.rmtree(old, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    open_cache(path)  # creates the tables before any parallel reader
    (path / "key.json").write_text(facts, encoding="utf-8")  # its key
    app.env.mystnb_config = app.env.mystnb_config.copy(
        execution_cache_path=str(path),
        # myst-nb's default, <outdir>/../jupyter_execute, would be shared
        # by the editions and lie inside the site
        output_folder=str(state / "jupyter_execute"))
    logger.info(f"execution cache: {path}")


def outdated_when_key_changed(app, env, added, changed, removed):
    """Read every page again after a key change or an interrupted build."""
    stale = getattr(env, "quadnet_cache_key", None) != app.quadnet_cache_key
    env.quadnet_cache_key = app.quadnet_cache_key
    return sorted(env.found_docs - added) \
        if stale or app.quadnet_interrupted else []


def release(app, exception):
    """Clear the running marker: the build ended (well or with an error)."""
    (Path(app.doctreedir) / RUNNING).unlink(missing_ok=True)
    app.quadnet_lock.close()


def setup(app):
    app.setup_extension("myst_nb")
    app.setup_extension("quadnet_book.kernel")
    # glob patterns, relative to the folder of conf.py
    app.add_config_value("quadnet_cache_inputs", [], "env", list)
    app.connect("builder-inited", use_keyed_cache, priority=600)
    app.connect("env-get-outdated", outdated_when_key_changed)
    app.connect("build-finished", release)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
