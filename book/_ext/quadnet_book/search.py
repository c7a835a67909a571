"""Work around sphinx-doc/sphinx#14229 (fixed by PR #14416 in Sphinx 9.1).

Sphinx 9.0 ends the zh ``language_data.js`` with ``window.Stemmer =
ChineseStemmer;``, a class that does not exist (zh uses the English stemmer),
and the search page dies. The patch points it at ``EnglishStemmer``. On a
Sphinx that writes a defined name it finds nothing to replace, so it switches
itself off.
"""
from sphinx.search import IndexBuilder

BROKEN = "window.Stemmer = ChineseStemmer;"
FIXED = "window.Stemmer = EnglishStemmer;"


def fix_stemmer_code(code):
    """Return ``language_data.js`` with a stemmer that exists.

    >>> fix_stemmer_code("x\\nwindow.Stemmer = ChineseStemmer;")
    'x\\nwindow.Stemmer = EnglishStemmer;'
    >>> fix_stemmer_code("ChineseStemmer = 1;\\nwindow.Stemmer = ChineseStemmer;")
    'ChineseStemmer = 1;\\nwindow.Stemmer = ChineseStemmer;'
    """
    if BROKEN in code and "ChineseStemmer =" not in code.replace(BROKEN, ""):
        return code.replace(BROKEN, FIXED)
    return code


def setup(app):
    original = IndexBuilder.get_js_stemmer_code
    if not getattr(original, "quadnet_fixed", False):  # patch once
        def get_js_stemmer_code(self):
            return fix_stemmer_code(original(self))
        get_js_stemmer_code.quadnet_fixed = True
        IndexBuilder.get_js_stemmer_code = get_js_stemmer_code
    return {"parallel_read_safe": True, "parallel_write_safe": True}
