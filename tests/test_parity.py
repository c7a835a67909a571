"""The zh and en editions run the same code; only prose and comments differ."""
import difflib
import io
import re
import tokenize
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

import pytest

BOOK = Path(__file__).parents[1] / "book"
CHAPTERS = sorted(p.stem for p in (BOOK / "zh").glob("*.md")
                  if "{code-cell}" in p.read_text(encoding="utf-8"))

FENCE = re.compile(r"(`{3,}|~{3,})\s*(\{[\w:-]+\}|[\w+-]*)\s*(.*)")
HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*")
LABEL = re.compile(r"\(([^()\s]+)\)=\s*")
OPTION = re.compile(r":[\w-]+:")
PROSE_GLUE = re.compile(r"\{glue(?::\w+)?\}`([^`:<\s]+)")
ALT = re.compile(r"^(\s*alt:).*")
CODE_GLUE = re.compile(r"\bglue\(\s*(['\"])(.+?)\1")


@dataclass
class Block:
    kind: str     # "code-cell", "python" or "literalinclude"
    section: str  # the heading it sits under
    lines: list   # argument, options, then the code without comments
    last: int     # source index of its last line of code (for self-tests)


# outline: [(heading marker or label, heading text)] in document order
Chapter = namedtuple("Chapter", "blocks outline prose_keys code_keys")


def strip_comments(lines):
    """Drop comments, comment-only lines and trailing whitespace."""
    cut = {}  # line number -> column where its comment starts
    try:
        src = io.StringIO("\n".join(lines) + "\n")
        for tok in tokenize.generate_tokens(src.readline):
            if tok.type == tokenize.COMMENT:
                cut[tok.start[0]] = tok.start[1]
    except (tokenize.TokenError, SyntaxError):
        cut = {}  # not Python (a shell line, say): compare it as it is
    code = "\n".join(s[:cut.get(n)].rstrip() for n, s in enumerate(lines, 1)
                     if n not in cut or s[:cut[n]].strip())
    return code.strip("\n").split("\n") if code.strip() else []


def split_options(body):
    """Split a directive's body into option lines and content."""
    if body[:1] == ["---"] and "---" in body[1:]:  # a YAML header
        k = body.index("---", 1) + 1
    else:  # `:key: value` lines
        k = next((k for k, s in enumerate(body) if not OPTION.match(s)),
                 len(body))
    # a figure's alt text is prose, in the edition's language
    options = [ALT.sub(r"\1 <alt text>", s.rstrip()) for s in body[:k]]
    return options, body[k:]


def parse(text, lang):
    """Read the blocks, the outline and the glue keys of one edition."""
    ch = Chapter([], [], [], [])
    lines, section, i = text.splitlines(), "(top)", 0
    if lines[:1] == ["---"]:  # front matter
        i = lines.index("---", 1) + 1
    while i < len(lines):
        if m := FENCE.fullmatch(lines[i]):
            fence, name, arg = m.groups()
            end = next((j for j in range(i + 1, len(lines))  # closing fence
                        if lines[j].startswith(fence)
                        and not lines[j].strip().strip(fence[0])), len(lines))
            kind, body = name.strip("{}"), lines[i + 1:end]
            if kind in ("code-cell", "python", "literalinclude"):
                options, content = split_options(body)
                code = strip_comments(content)
                last = max((j for j in range(i + 1, end) if lines[j].strip()
                            and not lines[j].lstrip().startswith("#")),
                           default=None)
                ch.blocks.append(Block(kind, section,
                                       [arg.strip(), *options, *code], last))
                ch.code_keys.extend(m[2] for s in code if kind == "code-cell"
                                    for m in CODE_GLUE.finditer(s))
            elif kind.startswith("glue"):  # ```{glue:figure} key
                ch.prose_keys.append(arg.split(":")[0].strip())
            elif name.startswith("{"):  # a note, say: count its roles
                ch.prose_keys.extend(PROSE_GLUE.findall("\n".join(body)))
            i = end + 1
            continue
        ch.prose_keys.extend(PROSE_GLUE.findall(lines[i]))
        if m := HEADING.fullmatch(lines[i]):
            section = m[2]
            ch.outline.append((m[1], section))
        elif m := LABEL.fullmatch(lines[i]):
            ch.outline.append((re.sub(f"^\\({lang}-", "(*-", m[0]), ""))
        i += 1
    return ch


def block_problems(zh, en, kind):
    """Name each `kind` block that differs, with its first changed line."""
    a = [b for b in zh.blocks if b.kind == kind]
    b = [b for b in en.blocks if b.kind == kind]
    problems = [] if len(a) == len(b) else [
        f"{len(a)} {kind} blocks in zh, {len(b)} in en"]
    for n, (x, y) in enumerate(zip(a, b), 1):
        if x.lines != y.lines:
            end = ["<end of block>"]
            s, t = next(p for p in zip(x.lines + end, y.lines + end)
                        if p[0] != p[1])
            diff = "\n".join(d.rstrip() for d in difflib.ndiff([s], [t]))
            problems.append(f"{kind} {n} under {x.section!r} / "
                            f"{y.section!r} (- zh, + en):\n{diff}")
    return problems


@pytest.fixture(params=CHAPTERS)
def editions(request):
    """The parsed zh and en editions of one chapter."""
    paths = [BOOK / lang / f"{request.param}.md" for lang in ("zh", "en")]
    return [parse(p.read_text(encoding="utf-8"), p.parent.name)
            for p in paths]


def test_the_zh_chapters_are_found():
    assert "training" in CHAPTERS


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_zh_chapter_has_an_en_edition(name):
    assert (BOOK / "en" / f"{name}.md").exists()


def report(problems):
    if problems:  # the first few: after a missing block, all the rest shift
        pytest.fail("\n".join(problems[:4]), pytrace=False)


def test_editions_run_identical_code_cells(editions):
    report(block_problems(*editions, "code-cell"))


@pytest.mark.parametrize("kind", ["python", "literalinclude"])
def test_editions_show_identical_snippets_and_includes(editions, kind):
    report(block_problems(*editions, kind))


def test_editions_glue_the_same_keys(editions):
    zh, en = editions
    assert zh.prose_keys == en.prose_keys, "keys shown in the prose"
    assert zh.code_keys == en.code_keys, "keys glued in code cells"
    assert set(zh.prose_keys) <= set(zh.code_keys), "shown but never glued"


def test_editions_have_the_same_section_structure(editions):
    zh, en = editions
    bad = [(s, t) for s, t in zip(zh.outline, en.outline) if s[0] != t[0]]
    assert not bad, f"first difference: zh {bad[0][0]}, en {bad[0][1]}"
    assert len(zh.outline) == len(en.outline)


def edited(name, suffix):
    """Parse zh, and zh with `suffix` added to the last cell's last line."""
    lines = (BOOK / "zh" / f"{name}.md").read_text(encoding="utf-8")
    zh = parse(lines, "zh")
    cells = [b for b in zh.blocks if b.kind == "code-cell"]
    n = max(n for n, c in enumerate(cells, 1) if c.last is not None)
    lines = lines.splitlines()
    lines[cells[n - 1].last] += suffix
    return n, zh, parse("\n".join(lines), "zh")


@pytest.mark.parametrize("name", CHAPTERS)
def test_checker_reports_a_code_line_changed_in_one_edition(name):
    n, zh, changed = edited(name, " + 1")
    [problem] = block_problems(zh, changed, "code-cell")
    assert problem.startswith(f"code-cell {n} ") and "+ 1" in problem


@pytest.mark.parametrize("name", CHAPTERS)
def test_checker_accepts_a_changed_comment(name):
    _, zh, changed = edited(name, "  # 只改了注释")
    assert block_problems(zh, changed, "code-cell") == []


def test_checker_reads_long_fences_and_compares_yaml_options():
    cell = "````{code-cell} ipython3\n---\ntags: [%s]\n---\nx = 1  # 一\n````"
    zh = parse(cell % "remove-cell", "zh")
    assert zh.blocks[0].lines == ["ipython3", "---", "tags: [remove-cell]",
                                  "---", "x = 1"]
    assert block_problems(zh, parse(cell % "hide-input", "en"), "code-cell")
