"""Shared fixtures: the data, the expensive 10000-step trainings, the fixture
book built once, the built site and one Chromium, and whether a test has
failed (for a teardown that keeps evidence of it)."""
import contextlib
import fcntl
import functools
import http.server
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: no window, no display

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from quadnet import MyNet, forward, init_params, loss, make_quadrants, \
    manual_step, one_hot, train  # noqa: E402
from test_build import FIXTURE, build  # noqa: E402

# one thread: faster for these tiny matrices, and the same sums every run
torch.set_num_threads(1)

REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for a teardown to read."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def has_failed(request):
    """A function that tells a teardown whether this test has failed."""
    return lambda: any(report.failed for report in
                       request.node.stash.get(REPORTS, {}).values())


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def data():
    """The chapter's data set ``(X, y)``, shapes (800, 2) and (800,)."""
    return make_quadrants()


@pytest.fixture(scope="session")
def new_data():
    """The chapter's 100000 new points ``(X_new, y_new)``, seed 1."""
    return make_quadrants(n_per_class=25000, std=0.5, seed=1)


@pytest.fixture(scope="session")
def Y(data):  # noqa: N802 (the chapter's name)
    """The one-hot targets, shape (800, 4)."""
    return one_hot(data[1], 4)


@pytest.fixture(scope="session")
def scratch_trained(data, Y):
    """Train the autograd-only network exactly as the chapter does.

    Returns ``(losses, params)``: the loss before each of the 10000
    updates and the trained ``[W1, b1, W2, b2, W3, b3]``.
    """
    X, _ = data
    torch.manual_seed(0)
    W1, b1, W2, b2, W3, b3 = params = init_params()
    losses = []
    for _ in range(10000):
        L = loss(forward(X, W1, W2, W3, b1, b2, b3), Y)
        L.backward()
        losses.append(L.item())
        manual_step(params, 0.5)
    return losses, params


@pytest.fixture(scope="session")
def mynet_trained(data, Y):
    """The chapter's ``MyNet([2,10,4])``, seed 0, 10000 SGD steps, lr 0.5.

    ``train`` is the chapter's optimizer loop (a test in test_train.py
    proves it bit for bit), so this is the network the chapter prints.
    """
    torch.manual_seed(0)
    net = MyNet([2, 10, 4])
    train(net, data[0], Y, lr=0.5, num_epochs=10000)
    return net


# -- the built site and one Chromium, for every browser test ------------------
class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no line per request in pytest's output
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The base URL of a copy of ``_build/html``, served on 127.0.0.1.

    A copy, taken once: a build beside the tests (make strict, say) rewrites
    the pages in place, and a page served while it is being written comes
    back cut short (net::ERR_CONTENT_LENGTH_MISMATCH). It is taken between
    builds: each edition's build holds its lock (quadnet_book.cache) from
    start to end, so half-written pages and styles are never copied.
    """
    build = Path(__file__).resolve().parent.parent / "_build"
    copy = tmp_path_factory.mktemp("site") / "html"
    with contextlib.ExitStack() as locks:
        for lock in sorted(build.glob("doctrees/*/build.lock")):
            fcntl.flock(locks.enter_context(open(lock)), fcntl.LOCK_SH)
        shutil.copytree(build / "html", copy)
    handler = functools.partial(QuietHandler, directory=str(copy))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session: Playwright's sync API allows
    one running instance per process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu",
                  "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def warm_book(tmp_path_factory):
    """The fixture book (tests/fixtures/minibook) with both editions built
    once, and their logs: ``(book, {"zh": Build, "en": Build})``. Read it;
    copy it to change it. The two builds run at once, as ``make html``
    (``-j 2``) runs them."""
    book = tmp_path_factory.mktemp("warm") / "minibook"
    shutil.copytree(FIXTURE, book)
    editions = ("zh", "en")
    with ThreadPoolExecutor(len(editions)) as pool:
        logs = dict(zip(editions, pool.map(lambda e: build(book, e),
                                           editions)))
    for edition, result in logs.items():
        assert result.returncode == 0, result.log
    return book, logs
