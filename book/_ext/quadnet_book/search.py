"""Chinese search: the glossary's terms as words, and Sphinx 9.0's fix.

jieba cuts 学习率 or 决策区域 into shorter words, and the index then has no
entry for the whole term. The glossary's Chinese terms become jieba's user
dictionary (``html_search_options["dict"]``), written on every build.
"""
import re
from pathlib import Path

import sphinx
from sphinx.search.zh import SearchChinese

GLOSSARY = Path(__file__).parents[2] / "_shared" / "glossary.md"


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
    if sphinx.version_info[:2] == (9, 0):  # sphinx-doc/sphinx#14229
        # 9.0 names the stemmer of language_data.js for the language:
        # "ChineseStemmer", which does not exist; zh uses the English one
        # (9.1 names it for its stemmer's file)
        SearchChinese.language_name = "English"
    return {"parallel_read_safe": True, "parallel_write_safe": True}
