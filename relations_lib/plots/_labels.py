"""How charts name what a voting record is: its country and its selection of roll calls.

Shared by the vote and phase charts (so neither imports the other for it); reads only the
record's own columns and ``attrs``.
"""

from __future__ import annotations

import pandas as pd


def record_country(record: pd.DataFrame) -> str:
    """The record's country: ``attrs["country"]``, else its ``country`` column, else "the
    country"."""
    name = record.attrs.get("country")
    if not name and "country" in record.columns and record["country"].notna().any():
        name = str(record["country"].dropna().iloc[0])
    return str(name or "the country")


def record_subject(record: pd.DataFrame) -> str:
    """Which roll calls the record holds, in words: "roll calls concerning Palestine" (from
    :func:`relations_lib.unvotes.record_concerning`), "roll calls tagged Palestinian conflict"
    (an issue selection, named as in Voeten's data), else "all roll calls"."""
    other = record.attrs.get("concerning")
    if other:
        return f"roll calls concerning {other}"
    issues = list(record.attrs.get("issue") or [])
    if issues:
        from ..un.record import roll_call_issues

        table = roll_call_issues()[["short_name", "issue"]].drop_duplicates()
        names = dict(zip(table["short_name"].astype(str), table["issue"].astype(str), strict=True))
        return "roll calls tagged " + " or ".join(names.get(c, c) for c in sorted(issues))
    return "all roll calls"
