"""Resolution symbols named in a text ("resolution 67/19", "A/RES/67/19", "3236 (XXIX)"),
in canonical form, and the years of the session that adopted one."""

from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import key_resolution_list

# --- resolution symbols -------------------------------------------------------------------

_SYMBOL = (
    r"(?:A\s*/\s*RES\s*/\s*)?(?:ES-\d{1,2}/\d{1,3}|S-\d{1,2}/\d{1,3}|\d{1,2}/\d{1,3}[A-Z]?)"
    r"|\d{2,4}\s*[A-Z]?\s*\((?:ES-|S-)?[IVXLC]+\)"
)
_RESOLUTION_WORD = re.compile(
    rf"(?:(?P<sc>Security\s+Council|UNSC)\s+)?\b(?:resolutions?|res\.)\s+(?:no\.?\s*|number\s+)?"
    rf"(?P<list>(?:{_SYMBOL}|\d{{2,4}})(?:\s*(?:,|,?\s+and|,?\s+or)\s+(?:{_SYMBOL}|\d{{2,4}}))*)",
    re.IGNORECASE,
)
_BARE_SYMBOL = re.compile(
    r"(?<![\w/])(?:A\s*/\s*RES\s*/\s*(?:ES-\d{1,2}/\d{1,3}|\d{1,2}/\d{1,3}|\d{2,4}\s*"
    r"\((?:ES-|S-)?[IVXLC]+\))|ES-\d{1,2}/\d{1,3}|\d{2,4}\s*[A-Z]?\s*\((?:ES-|S-)?[IVXLC]+\))"
    r"(?![\w/])"
)
_ONE_SYMBOL = re.compile(rf"{_SYMBOL}|\d{{2,4}}", re.IGNORECASE)
# Cheap tests of what every match needs, so that most sentences skip the two searches above
# (keep them in step): _RESOLUTION_WORD needs the word "res…" in any case; _BARE_SYMBOL needs
# "/" (A/RES/…), "ES-" or "(" (3236 (XXIX)).
_RES = re.compile("res", re.IGNORECASE)


def _may_name_resolutions(text: str) -> tuple[bool, bool]:
    return bool(_RES.search(text)), "/" in text or "(" in text or "ES-" in text


def _key(symbol: str) -> str | None:
    from ...un.record import resolution_key

    return resolution_key(symbol)


@lru_cache(maxsize=1024)
def _canonical(symbol: str, security_council: bool = False) -> str:
    """``"A/RES/67/19"`` → ``"67/19"``; ``"3236"`` → ``"3236 (XXIX)"`` when the key table
    has exactly one such number; a key resolution's own spelling when the symbols agree."""
    symbol = re.sub(r"\s+", " ", symbol).strip()
    symbol = re.sub(r"^A\s*/\s*RES\s*/\s*", "", symbol, flags=re.IGNORECASE)
    if security_council:
        return f"S/RES/{symbol}"
    key = _key(symbol)
    for k in key_resolution_list():
        if key is not None and _key(k.resolution) == key:
            return k.resolution
    if symbol.isdigit():
        same = [k.resolution for k in key_resolution_list() if k.resolution.split(" ")[0] == symbol]
        if len(same) == 1:
            return same[0]
    return symbol


def find_resolutions(text: str) -> list[tuple[str, int, int]]:
    """Resolution symbols named in ``text``: ``(resolution, start, end)``, in order.

    ``resolution`` is canonical: the key-resolutions table's spelling when it lists the
    resolution, else the symbol without an ``A/RES/`` prefix (``S/RES/…`` after "Security
    Council"); a bare number only counts after the word "resolution".

    >>> [r for r, _, _ in find_resolutions("resolutions 3236 and A/RES/67/19")]
    ['3236 (XXIX)', '67/19']
    """
    found: dict[int, tuple[str, int, int]] = {}
    worded, bare = _may_name_resolutions(text)
    for m in _RESOLUTION_WORD.finditer(text) if worded else ():
        base = m.start("list")
        for s in _ONE_SYMBOL.finditer(m.group("list")):
            a, b = base + s.start(), base + s.end()
            found[a] = (_canonical(s.group(0), bool(m.group("sc"))), a, b)
    for m in _BARE_SYMBOL.finditer(text) if bare else ():
        if not any(a <= m.start() < b for _, a, b in found.values()):
            found[m.start()] = (_canonical(m.group(0)), m.start(), m.end())
    return [found[k] for k in sorted(found)]


def _session_years(resolution: str) -> tuple[int, int] | None:
    """Years a regular session's resolutions can carry: session N runs from September of
    1945 + N to September of 1946 + N. ``None`` for special and emergency sessions."""
    key = _key(resolution)
    if not key or not key[0].isdigit():
        return None
    session = int(key.split("/")[0])
    return 1945 + session, 1946 + session
