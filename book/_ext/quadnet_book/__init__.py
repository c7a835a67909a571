"""The quadnet book's own Sphinx machinery, one module a job.

Each module is a Sphinx extension, loaded by name in ``conf.py``:

* ``quadnet_book.kernel``: the notebook kernels' settings (threads, IPC,
  figure formats), set before any kernel starts;
* ``quadnet_book.cache``: the execution cache, keyed on everything that
  decides the outputs, safe after an interrupted build;
* ``quadnet_book.editions``: which edition a build is, its words, the switch
  between twin pages, ``hreflang`` alternates and the root landing page;
* ``quadnet_book.figures``: the same SVG figures in fewer bytes;
* ``quadnet_book.takehome``: the take-home zip of reader and student
  notebooks, with quadnet;
* ``quadnet_book.downloads``: the page's download menu (zip, notebook, PDF);
* ``quadnet_book.literalinclude``: ``literalinclude`` with ``:no-docstring:``;
* ``quadnet_book.search``: Chinese search that knows the glossary's terms,
  and the Sphinx 9.0 fix.

They are tested on a tiny book in ``tests/fixtures/minibook``.
"""
