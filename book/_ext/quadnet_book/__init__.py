"""The quadnet book's own Sphinx machinery: each module is one extension
with one job, loaded by name in ``conf.py`` and tested on the tiny book in
``tests/fixtures/minibook``."""
