"""Read a plain-text "X–Y relations" article into an :class:`Article`.

The plain-text form (as in seeds/): a title line ``= Title =``; an optional ``Infobox`` line
followed by ``- key: value`` items; paragraphs; headings ``==H==``, ``== H ==``, ``===Sub===``;
list items ``- item``. Every sentence keeps exact offsets into :attr:`Article.text`:
``article.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .._args import ARTICLE_PATH, ARTICLE_TEXT, MAX_BYTES, SOURCE, check
from ..countries import Country, countries_from_title
from ..errors import ArgumentTypeError, ArticleFormatError
from ..paths import shown
from .inputs import MAX_ARTICLE_BYTES, read_article_bytes
from .sentences import split_sentences

LEAD = "Lead"  # name of the section before the first heading, as Wikipedia calls it

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# A list item's bullet: anchored, one quantifier on each side of a single character, so a
# failed match costs one pass over the leading white space. The rest of the line is cut with
# str methods: the regexes once used here ("^=\s*(.*?)\s*=$" and kin) tried every split of a
# long run of spaces between a lazy group and a trailing "\s*" (cubic time for a heading
# with 5,000 spaces).
_BULLET = re.compile(r"\s*[-*•]\s+")
_INFOBOX = re.compile(r"^infobox\b.*$", re.IGNORECASE)
# control characters other than white space (\t \n \v \f \r are 9–13): a sign of binary data
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# UTF-16 halves on their own: Python strings may hold them, UTF-8 files may not
_SURROGATE = re.compile("[\ud800-\udfff]")


def _title_of(stripped: str) -> str | None:
    """The title inside a title line ``= Title =`` (``stripped`` has no outer white space),
    or None when the line is not one. O(len(line))."""
    if len(stripped) < 2 or stripped[0] != "=" or stripped[-1] != "=":
        return None
    inner = stripped[1:-1]
    title = inner.strip()
    if not title or inner.lstrip()[0] == "=":  # "== Heading ==" is no title line
        return None
    return title


def _heading_of(stripped: str) -> tuple[str, str, str] | None:
    """``(left '=' run, heading text, right '=' run)`` of a heading line ``== H ==`` (at least
    two leading '='; the closing run may be missing or unbalanced), or None. ``stripped`` has no
    outer white space. O(len(line))."""
    if not stripped.startswith("=="):
        return None
    rest = stripped.lstrip("=")
    left = stripped[: len(stripped) - len(rest)]
    body = rest.rstrip("=")
    return left, body.strip(), rest[len(body) :]


def _item_of(content: str) -> tuple[str, str] | None:
    """``(bullet with its white space, text)`` of a list item line ``- item`` (the text
    without trailing white space), or None. O(len(line))."""
    m = _BULLET.match(content)
    if m is None:
        return None
    return m.group(), content[m.end() :].rstrip()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it is (``article.text[start:end] == text``)."""

    index: int
    text: str
    start: int
    end: int
    section: str
    section_index: int
    line: int  # 1-based line of the first character
    kind: str  # "paragraph" or "list_item"


@dataclass(frozen=True, slots=True)
class Section:
    """A section: heading text and level (1 for the lead, 2 for ``==H==``, 3 for ``===H===``)."""

    index: int
    title: str
    level: int
    line: int
    start: int  # offset of the heading line (of the text, for the lead)
    end: int
    paragraphs: tuple[tuple[int, int], ...] = ()
    items: tuple[tuple[int, int], ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class Article:
    """A parsed article. ``text`` is the decoded text (BOM removed); all offsets index it."""

    source: str
    text: str
    title: str
    countries: tuple[Country, Country] | tuple[()]
    infobox: dict[str, str]
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    notes: tuple[str, ...] = field(default=())  # non-fatal oddities met while parsing

    @property
    def list_items(self) -> list[str]:
        """Text of every ``- item`` outside the Infobox, in order."""
        return [self.text[a:b] for s in self.sections for a, b in s.items]

    @property
    def paragraphs(self) -> list[str]:
        return [self.text[a:b] for s in self.sections for a, b in s.paragraphs]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return len(re.findall(r"\r\n|\r|\n", self.text[:offset])) + 1

    def section_outline(self) -> list[str]:
        """Headings indented by level, e.g. ``["Lead", "History", "  Cold War"]``."""
        return ["  " * max(0, s.level - 2) + s.title for s in self.sections]

    def sentences_frame(self):
        """One row per sentence: source, section, sentence_index, kind, line, start, end,
        sentence."""
        import pandas as pd

        rows = [
            (self.source, s.section, s.index, s.kind, s.line, s.start, s.end, s.text)
            for s in self.sentences
        ]
        cols = ["source", "section", "sentence_index", "kind", "line", "start", "end", "sentence"]
        frame = pd.DataFrame(rows, columns=cols)
        # Explicit dtypes, so that an article without sentences still has typed columns.
        text_cols = {c: "string" for c in ("source", "section", "kind", "sentence")}
        int_cols = {c: "Int64" for c in ("sentence_index", "line", "start", "end")}
        return frame.astype({**text_cols, **int_cols})

    def __repr__(self) -> str:
        codes = "–".join(c.code for c in self.countries) or "no countries"
        return (
            f"Article({self.title!r}, {codes}, {len(self.sections)} sections, "
            f"{len(self.sentences)} sentences, source={self.source!r})"
        )


def _check_text(text: str, source: str) -> None:
    if not text.strip():
        raise ArticleFormatError("file is empty or holds only white space", source=source)
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleFormatError(
            "binary content (NUL byte); expected a UTF-8 plain-text article",
            source=source,
            line=text.count("\n", 0, nul) + 1,
        )
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise ArticleFormatError(
            f"lone surrogate U+{ord(surrogate.group()):04X} at offset {surrogate.start()}: not "
            "valid Unicode text (it cannot be written as UTF-8); was the text decoded with "
            "errors='surrogateescape'?",
            source=source,
            line=text.count("\n", 0, surrogate.start()) + 1,
        )
    sample = text[:4096]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 10):
        raise ArticleFormatError(
            f"binary content ({controls} control characters in the first {len(sample)})",
            source=source,
        )


def parse_article(text: str, source: str = "<text>") -> Article:
    """Parse an article's text. Raises :class:`ArticleFormatError` for unusable text (empty,
    binary, no title line), :class:`~relations_lib.errors.ArgumentTypeError` (also a
    ``TypeError``) for ``text`` that is not a str (None, bytes: decode them, or read the file
    with :func:`read_article`) or a ``source`` that is not a str, bytes or os.PathLike.

    The title is the first line, ``= A–B relations =``; a bare ``A–B relations`` line, or one
    whose closing marker is missing (``= A–B relations``), is read as the same title (the
    "=" marks are never part of a country's name).

    Parameters
    ----------
    text : the article, already decoded (a leading BOM is dropped).
    source : name used in the Article and in error messages, usually the file path.

    Cost: O(n) in the length of the text, whatever its lines hold: lines are classified
    (title, heading, list item, paragraph) with str methods and anchored patterns that never
    retry a run of white space, and sentences are split in linear time
    (:func:`relations_lib.text.sentences.split_sentences`).
    """
    check("parse_article", text=(text, ARTICLE_TEXT), source=(source, SOURCE))
    if isinstance(source, str | bytes | os.PathLike):
        source = shown(source)  # printable: a file name need not be UTF-8
    text = text.removeprefix("\ufeff")
    _check_text(text, source)

    lines: list[tuple[int, int, str]] = []  # (start, end without line break, content)
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.group(0) == "":
            break
        content = m.group(0).rstrip("\r\n")
        lines.append((m.start(), m.start() + len(content), content))

    title, title_idx = _find_title(lines, source)
    try:
        # runs of white space collapsed: names never hold two spaces in a row, and the title
        # grammar would try every split of a long run (quadratic)
        countries = countries_from_title(" ".join(title.split()), source) or ()
    except ArticleFormatError as exc:  # three countries, or one twice: name the title's line
        raise ArticleFormatError(exc.reason, source=source, line=title_idx + 1) from None
    if not countries:
        raise ArticleFormatError(
            f"title {title!r} does not name two countries as 'A–B relations'",
            source=source,
            line=title_idx + 1,
        )

    notes: list[str] = []
    infobox: dict[str, str] = {}
    sections: list[dict] = [
        dict(
            title=LEAD,
            level=1,
            line=title_idx + 2,
            start=lines[title_idx][1],
            paragraphs=[],
            items=[],
        )
    ]
    open_levels: list[tuple[int, str]] = [(1, LEAD)]
    i = title_idx + 1
    in_infobox = False
    para: list[int] | None = None  # [start, end] of the paragraph being built

    def close_para() -> None:
        nonlocal para
        if para is not None:
            sections[-1]["paragraphs"].append((para[0], para[1]))
            para = None

    while i < len(lines):
        start, _end, content = lines[i]
        stripped = content.strip()
        if not stripped:
            close_para()
            in_infobox = False
            i += 1
            continue
        if in_infobox:
            item = _item_of(content)
            if item:
                key, sep, value = item[1].partition(":")
                infobox[key.strip()] = value.strip() if sep else ""
                i += 1
                continue
            in_infobox = False
        heading = _heading_of(stripped)
        if heading and heading[1]:
            close_para()
            left, name, right = heading
            level = len(left) if not right else min(len(left), len(right))
            if right and len(left) != len(right):
                notes.append(f"{source}:{i + 1}: unbalanced '=' in heading {stripped!r}")
            elif not right:
                notes.append(f"{source}:{i + 1}: heading {stripped!r} has no closing '='")
            sections[-1]["end"] = start
            # Open sections by level: the parent is the nearest one with a lower level.
            while open_levels and open_levels[-1][0] >= level:
                open_levels.pop()
            parent = open_levels[-1][1] if open_levels else None
            open_levels.append((level, name))
            sections.append(
                dict(
                    title=name,
                    level=level,
                    line=i + 1,
                    start=start,
                    paragraphs=[],
                    items=[],
                    parent=parent,
                )
            )
            i += 1
            continue
        if _INFOBOX.match(stripped) and len(stripped) < 80 and para is None:
            in_infobox = True
            i += 1
            continue
        item = _item_of(content)
        if item:
            close_para()
            a = start + len(item[0])
            b = a + len(item[1])
            if b > a:
                sections[-1]["items"].append((a, b))
            i += 1
            continue
        a = start + (len(content) - len(content.lstrip()))
        b = start + len(content.rstrip())
        if para is None:
            para = [a, b]
        else:
            para[1] = b
        i += 1
    close_para()
    sections[-1]["end"] = len(text)

    built_sections: list[Section] = []
    sentences: list[Sentence] = []
    line_starts = [ln[0] for ln in lines]
    for idx, s in enumerate(sections):
        sec = Section(
            index=idx,
            title=s["title"],
            level=s["level"],
            line=s["line"],
            start=s["start"],
            end=s["end"],
            paragraphs=tuple(s["paragraphs"]),
            items=tuple(s["items"]),
            parent=s.get("parent"),
        )
        built_sections.append(sec)
        blocks = [(a, b, "paragraph") for a, b in sec.paragraphs]
        blocks += [(a, b, "list_item") for a, b in sec.items]
        for a, b, kind in sorted(blocks):
            for sa, sb in split_sentences(text, a, b):
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        text=text[sa:sb],
                        start=sa,
                        end=sb,
                        section=sec.title,
                        section_index=idx,
                        line=_line_number(line_starts, sa),
                        kind=kind,
                    )
                )
    return Article(
        source=source,
        text=text,
        title=title,
        countries=countries,
        infobox=infobox,
        sections=tuple(built_sections),
        sentences=tuple(sentences),
        notes=tuple(notes),
    )


def _line_number(line_starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(line_starts, offset)


def _find_title(lines: list[tuple[int, int, str]], source: str) -> tuple[str, int]:
    for idx, (_, _, content) in enumerate(lines):
        stripped = content.strip()
        if not stripped:
            continue
        title = _title_of(stripped)
        if title is not None:
            return title, idx
        # A bare first line such as "Albania–Palestine relations" also counts as the title;
        # "=" marks left of it ("== A–B relations", unclosed) are markup, never a country's name.
        if len(stripped) <= 200 and re.search(r"\brelations\s*$", stripped, re.IGNORECASE):
            return stripped.lstrip("=").strip() or stripped, idx
        raise ArticleFormatError(
            "no title line: expected '= A–B relations =' as the first line, "
            f"found {stripped[:60]!r}",
            source=source,
            line=idx + 1,
        )
    raise ArticleFormatError("no title line", source=source)  # unreachable: text is not blank


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: text in a Latin script then has a NUL in every other
    byte, on the same side of each pair. One NUL (a first byte of 0, say) is not enough: the
    NULs must fill one side of most of the first pairs and the other side must hold none."""
    sample = data[:512]
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    even_nul = sample[0::2][:pairs].count(0)
    odd_nul = sample[1::2][:pairs].count(0)
    return (even_nul >= 0.6 * pairs and odd_nul == 0) or (odd_nul >= 0.6 * pairs and even_nul == 0)


def decode_article_bytes(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM); refuse anything else with a clear error."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise ArticleFormatError(
            "not UTF-8: the file looks like UTF-32; save it as UTF-8", source=source
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise ArticleFormatError(
            "not UTF-8: the file looks like UTF-16; save it as UTF-8", source=source
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if b"\x00" in data[:8192]:
            raise ArticleFormatError(
                "binary content; expected a UTF-8 plain-text article", source=source, line=line
            ) from None
        raise ArticleFormatError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded "
            "(the file may be Latin-1 or another legacy encoding; re-save it as UTF-8)",
            source=source,
            line=line,
        ) from None


def read_article(path: str | os.PathLike, *, max_bytes: int | None = MAX_ARTICLE_BYTES) -> Article:
    """Read and parse an article file (UTF-8; BOM and CRLF accepted).

    Parameters
    ----------
    path : the article file (a symbolic link to one is followed).
    max_bytes : size limit in bytes, default 10 MiB
        (:data:`relations_lib.text.inputs.MAX_ARTICLE_BYTES`); ``None`` for no limit.

    Raises
    ------
    ArticleFileError
        Not a regular file (a FIFO, a device), missing, a dangling link, permission denied,
        a name too long; :class:`~relations_lib.errors.ArticleTooLargeError` above
        ``max_bytes``. Never blocks on a FIFO, never reads a device.
    ArticleFormatError
        Not UTF-8, binary, empty, or no title naming two countries (``file:line: what``).
    ArgumentTypeError, ArgumentValueError
        ``path`` is neither a str nor an os.PathLike, or ``max_bytes`` is not None or an
        int ≥ 1 (also a TypeError / ValueError).
    """
    check("read_article", path=(path, ARTICLE_PATH), max_bytes=(max_bytes, MAX_BYTES))
    source = shown(path)
    data = read_article_bytes(path, max_bytes=max_bytes)
    return parse_article(decode_article_bytes(data, source), source=source)


def as_article(
    item: Article | str | os.PathLike, *, max_bytes: int | None = MAX_ARTICLE_BYTES
) -> Article:
    """``item`` if it is an :class:`Article`, else the article read from the path ``item``.

    What every public function that takes an article calls first, so that
    ``extract_events("x_relations.txt")`` works like ``extract_events(read_article(...))``.

    Raises
    ------
    ArgumentTypeError
        ``item`` is neither an Article nor a path (str or os.PathLike), or is a str holding
        an article's text rather than a path (use :func:`parse_article` for text); also a
        TypeError.
    ArticleFormatError
        As :func:`read_article`.
    """
    if isinstance(item, Article):
        return item
    if isinstance(item, str) and ("\n" in item or "\r" in item):
        raise ArgumentTypeError(
            "article: expected an Article or the path of an article file, got text (a str with "
            "line breaks): parse text with relations_lib.parse_article(text) first",
            parameter="article",
            got="text (a str with line breaks)",
        )
    if isinstance(item, str | os.PathLike):
        return read_article(item, max_bytes=max_bytes)
    raise ArgumentTypeError(
        "article: expected an Article (from relations_lib.read_article, parse_article or "
        "load_seed) or the path of an article file (str or os.PathLike), got "
        f"{type(item).__name__}",
        parameter="article",
        got=type(item).__name__,
    )


def load_seed() -> Article:
    """The bundled seed article, "Albania–Palestine relations" (CC BY-SA 4.0, see seeds/README.md).

    ``source`` is the file name, so tables built from it do not depend on where it is installed.
    """
    from ..paths import SEED_NAME, seed_path

    article = read_article(seed_path())
    return _with_source(article, SEED_NAME)


def _with_source(article: Article, source: str) -> Article:
    from dataclasses import replace

    return replace(article, source=source)
