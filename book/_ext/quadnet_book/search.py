"""Chinese search: the glossary's terms as words, and Sphinx 9.0's fix.

jieba cuts 学习率 or 决策区域 into shorter words, so the index has no entry
for the whole term, and a reader who types it finds nothing. The glossary's
Chinese terms become jieba's user dictionary (``html_search_options
["dict"]``, written under the build folder on every build, so it never
drifts from the glossary).

It also works around sphinx-doc/sphinx#14229 (fixed by PR #14416 in Sphinx
9.1). Sphinx 9.0 ends the zh ``language_data.js`` with ``window.Stemmer =
ChineseStemmer;``, a class that does not exist (zh uses the English stemmer),
and the search page dies. The patch points it at ``EnglishStemmer``. On a
Sphinx that writes a defined name it finds nothing to replace, so it switches
itself off.
"""
import re
from pathlib import Path

from sphinx.search import IndexBuilder

GLOSSARY = Path(__file__).parents[2] / "_shared" / "glossary.md"

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


def glossary_terms(table):
    """The Chinese terms of a glossary table's first column, as jieba words.

    A note in full-width brackets is left out; 、 and spaces (jieba's
    separator) separate words, and a word without Chinese is left out.

    >>> glossary_terms("| 中文 | English |\\n| --- | --- |\\n"
    ...                "| 参数、模型参数 | parameters |\\n"
    ...                "| 原地（in-place）更新 | in-place update |\\n"
    ...                "| PyTorch 自带功能 | built-in tools |")
    ['参数', '模型参数', '原地更新', '自带功能']
    """
    rows = [line.split("|")[1] for line in table.splitlines()
            if line.startswith("|")][2:]  # the header and its rule
    words = " ".join(re.sub(r"`|、", " ", re.sub(r"（[^）]*）", "", row))
                     for row in rows)
    return [word for word in words.split()
            if re.search(r"[\u4e00-\u9fff]", word)]


def add_user_dictionary(app, config):
    """Write the glossary's terms as jieba's user dictionary, and use it."""
    if config.html_search_language != "zh":
        return
    path = Path(app.doctreedir) / "search-words.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    terms = glossary_terms(GLOSSARY.read_text(encoding="utf-8"))
    path.write_text("\n".join(terms) + "\n", encoding="utf-8")
    config.html_search_options = {**config.html_search_options,
                                  "dict": str(path)}


def setup(app):
    app.connect("config-inited", add_user_dictionary)
    original = IndexBuilder.get_js_stemmer_code
    if not getattr(original, "quadnet_fixed", False):  # patch once
        def get_js_stemmer_code(self):
            return fix_stemmer_code(original(self))
        get_js_stemmer_code.quadnet_fixed = True
        IndexBuilder.get_js_stemmer_code = get_js_stemmer_code
    return {"parallel_read_safe": True, "parallel_write_safe": True}
