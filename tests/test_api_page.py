"""The API page: each field a sentence, and the zh edition's in Chinese.

The page tests read ``_build/html/<edition>/api.html`` as ``make html``
leaves it, and skip when it is missing. The catalog tests read the zh
edition's catalog of the page, ``book/_locale/zh_CN/LC_MESSAGES/api.po``,
against the messages that Sphinx's gettext builder extracts from quadnet's
docstrings now.
"""
import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
CATALOG = ROOT / "book" / "_locale" / "zh_CN" / "LC_MESSAGES" / "api.po"
EDITIONS = ["zh", "en"]
# the field labels as Sphinx words them in each edition's language
LABELS = {"en": {"params": "Parameters", "returns": "Returns",
                 "rtype": "Return type"},
          "zh": {"params": "参数", "returns": "返回", "rtype": "返回类型"}}
CJK = re.compile(r"[\u4e00-\u9fff]")
# a sentence: en starts with a capital and ends with a full stop; zh is
# Chinese and ends with 。
SENTENCE = {"en": lambda s: re.fullmatch(r"[A-Z].*\.", s, re.S),
            "zh": lambda s: CJK.search(s) and s.endswith("。")}
# what a "Return type" field may hold: a type, e.g. torch.Tensor or
# tuple[int, int] | None, never a phrase
NAME = r"[\w.]+(\[[\w., |\[\]]*\])?"
TYPE = re.compile(rf"{NAME}( \| {NAME})*")


def page(edition):
    path = HTML / edition / "api.html"
    if not path.exists():
        pytest.skip(f"{path} is missing: run make html first")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(element):
    return " ".join(element.get_text(" ").split())


def entries(soup):
    """Each documented object: its id, the object, its fields by label."""
    for dl in soup.select("dl.py"):
        name = dl.dt["id"]
        module, _, attr = name.rpartition(".")
        obj = getattr(importlib.import_module(module), attr)
        fields = {}
        for field_list in dl.dd.find_all("dl", class_="field-list",
                                         recursive=False):
            for dt in field_list.find_all("dt", recursive=False):
                for colon in dt.select("span.colon"):
                    colon.extract()
                fields[text(dt).rstrip(":：")] = dt.find_next_sibling("dd")
        yield name, obj, fields


def sections(obj):
    """The Google-style section headers of ``obj``'s own docstring."""
    doc = inspect.getdoc(obj) if callable(obj) else None
    return set(re.findall(r"^(\w[\w ]*):$", doc or "", re.M))


def descriptions(field):
    """Each parameter's name and description, from a Parameters field."""
    for p in field.find_all("p"):
        name = p.find("strong").extract()
        yield text(name), re.sub(r"^\s*(–|--)\s*", "", text(p))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_returns_field_is_a_sentence_about_the_returned_value(edition):
    label = LABELS[edition]
    returning, seen = set(), set()
    for name, obj, fields in entries(page(edition)):
        if "Returns" in sections(obj):
            returning.add(name)
        if label["returns"] in fields:
            seen.add(name)
            value = text(fields[label["returns"]])
            assert SENTENCE[edition](value), (
                f"{name}: its {label['returns']} field is not a sentence "
                f"(napoleon reads a colon in its first line as a type?): "
                f"{value!r}")
        if label["rtype"] in fields:
            rtype = text(fields[label["rtype"]])
            assert TYPE.fullmatch(rtype), (
                f"{name}: its {label['rtype']} field holds {rtype!r}, not a "
                "type: a colon in the first line of its Returns section")
    assert returning, "no docstring on the page has a Returns section"
    assert seen == returning, "Returns sections without a Returns field " \
        f"{sorted(returning - seen)}, fields without a section " \
        f"{sorted(seen - returning)}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_parameter_has_an_entry_of_its_own_that_is_a_sentence(edition):
    label = LABELS[edition]["params"]
    documented = 0
    for name, obj, fields in entries(page(edition)):
        if "Args" not in sections(obj):
            continue
        documented += 1
        assert label in fields, f"{name}: Args but no {label} field"
        listed = dict(descriptions(fields[label]))
        signature = [p for p in inspect.signature(obj).parameters]
        assert list(listed) == signature, (
            f"{name}: the page lists {list(listed)}, the signature is "
            f"{signature}")
        for param, description in listed.items():
            assert SENTENCE[edition](description), (
                f"{name}({param}): not a sentence: {description!r}")
        repeated = {d for d in listed.values()
                    if list(listed.values()).count(d) > 1}
        assert not repeated, f"{name}: one description for several " \
            f"parameters: {repeated}"
    assert documented > 20


def test_the_zh_api_page_reads_in_chinese():
    # every paragraph with words outside its code, docstrings included
    article = page("zh").find("article")
    english = []
    for p in article.find_all("p"):
        if p.find_parent(class_="highlight"):
            continue
        words = p.__copy__()
        for code in words.find_all("code"):
            code.extract()
        if re.search(r"[A-Za-z]{3}", text(words)) and not CJK.search(text(p)):
            english.append(text(p))
    assert not english, f"English on the zh API page: {english[:5]}"


def test_the_api_examples_are_the_same_code_in_both_editions():
    examples = {edition: [text(block) for block in
                          page(edition).select("div.doctest")]
                for edition in EDITIONS}
    assert len(examples["en"]) > 20
    assert examples["zh"] == examples["en"]


# Sphinx's gettext builder replaces the build's tags with I18nTags, which
# keeps none, so that every `only` block is extracted; the book's editions
# extension reads the edition from `-t zh`. This keeps that one tag.
EXTRACT = """
import sys
from sphinx.builders import gettext
from sphinx.cmd.build import main

class Tags(gettext.I18nTags):
    def __init__(self):
        super().__init__(["zh"])

gettext.I18nTags = Tags
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The message ids of the zh API page, as Sphinx extracts them now."""
    out = tmp_path_factory.mktemp("gettext")
    (out / "no-catalogs").mkdir()
    # the API page alone; no catalogs, or Sphinx would extract the
    # translations (its Locale transform runs in gettext builds too)
    run = subprocess.run(
        [sys.executable, "-c", EXTRACT, "-q", "-c", ".", "-t", "zh",
         "-b", "gettext", "-D", "root_doc=api",
         "-D", "include_patterns=api.md",
         "-D", f"locale_dirs={out / 'no-catalogs'}",
         "-d", str(out / "doctrees"), "book/zh", str(out / "pot")],
        cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with open(out / "pot" / "api.pot", "rb") as pot:
        return {m.id for m in read_po(pot) if m.id}


def catalog():
    with open(CATALOG, "rb") as po:
        return [m for m in read_po(po) if m.id]


def test_the_zh_catalog_translates_every_docstring_of_the_api_page(extracted):
    # ids already in Chinese (napoleon's 参数, 返回, 示例) need no entry
    wanted = {m for m in extracted if not CJK.search(m)}
    assert len(wanted) > 100
    messages = catalog()
    translated = {m.id for m in messages if m.string and not m.fuzzy}
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not fuzzy, f"fuzzy entries in {CATALOG.name}: {fuzzy}"
    missing = sorted(wanted - translated)
    assert not missing, (
        f"{CATALOG.name} has no Chinese for these messages of the API page "
        f"(a docstring changed?): {missing}")
    stale = sorted({m.id for m in messages} - wanted)
    assert not stale, f"{CATALOG.name} translates messages the API page " \
        f"no longer has: {stale}"


def test_the_zh_catalog_keeps_the_code_of_every_message():
    # a role is :func:`x` in a docstring and {func}`x` in the MyST msgstr
    code = re.compile(r"``.+?``|[:{](\w+)[:}]`([^`]+)`")

    def spans(message):
        return {c.group(0) if c.group(0).startswith("``") else c.groups()
                for c in code.finditer(message)}

    for m in catalog():
        missing = spans(m.id) - spans(m.string)
        assert not missing, f"the Chinese of {m.id!r} lacks {missing}"
