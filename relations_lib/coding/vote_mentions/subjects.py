"""What a vote was about, as content-word stems, for comparing a mention with a resolution."""

from __future__ import annotations

import re

# --- subjects ---------------------------------------------------------------------------------

# Words every UN vote shares: they say nothing about which resolution a mention is.
_STOP = frozenset(
    re.findall(
        r"\S+",
        """
        the of and for on in at to by with from its their a an as or that this these those which
        who united nations general assembly security council resolution resolutions vote votes
        voting voted state states member members country countries question un u.n issue
        issues
        """,
    )
)


def _stem(word: str) -> str:
    """A crude stem for comparing subjects: ``"flags"`` → ``"flag"``, ``"raising"`` → ``"rais"``."""
    for suffix in ("ings", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


def _content_stems(text: str, ignore: frozenset[str]) -> frozenset[str]:
    words = re.findall(r"[^\W\d_][\w'’\-]*", text.lower())
    stems = set()
    for w in words:
        w = re.sub(r"['’]s$", "", w)
        if len(w) < 3 or w in _STOP:
            continue
        s = _stem(w)
        if any(s.startswith(i) or i.startswith(s) for i in ignore):
            continue
        stems.add(s)
    return frozenset(stems)
