"""The quadnet book's own Sphinx machinery, one module a job.

Each module is a Sphinx extension, loaded by name in ``conf.py``:

* ``quadnet_book.kernel``: the notebook kernels' settings (threads, figure
  formats), set before any kernel starts;
* ``quadnet_book.cache``: the execution cache, keyed on everything that
  decides the outputs, safe after an interrupted build;
* ``quadnet_book.editions``: one build per language, the switch between
  twin pages, ``hreflang`` alternates and the root landing page;
* ``quadnet_book.figures``: the same SVG figures in fewer bytes;
* ``quadnet_book.notebooks``: reader and student notebooks, zipped with
  quadnet, to take a chapter home;
* ``quadnet_book.downloads``: the page's download menu (the zip first);
* ``quadnet_book.literalinclude``: ``literalinclude`` with ``:no-docstring:``;
* ``quadnet_book.search``: the Sphinx 9.0 Chinese search fix.

They are tested on a tiny book in ``tests/fixtures/minibook``.
"""
