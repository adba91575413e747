"""Names every layer shares: the values of the categorical columns that the parsers produce,
the reference data lists and the schema declares (vote levels, date precisions and qualifiers,
the label vocabulary of the scorer).

Declared once, here, below the modules that produce them (text.dates, coding.vote_mentions,
evaluation) and the column dictionary that describes them (schema), so that neither has to
import the other. Those modules re-export the names they always had.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# --- dates (text.dates) ----------------------------------------------------------------------
#: Values of :attr:`DatePhrase.precision` (coarsest last).
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade")
#: Values of :attr:`DatePhrase.qualifier` besides ``""``.
QUALIFIERS: tuple[str, ...] = (
    "since",
    "after",
    "before",
    "until",
    "early",
    "mid",
    "late",
    "end of",
    "beginning of",
    "by",
    "around",
    "during",
    "from",
)

# --- votes (coding.vote_mentions, un.record) ---------------------------------------------------
#: The vote levels, declared once for the whole package, in their order yes < abstain < no.
VOTE_LEVELS: tuple[str, ...] = ("yes", "abstain", "no")
#: What a stated count counts: the voters of one option, or the membership of the UN.
COUNT_OF_LEVELS: tuple[str, ...] = (*VOTE_LEVELS, "members")
#: How a mention's resolution was identified, strongest first.
RESOLUTION_SOURCES: tuple[str, ...] = (
    "named in sentence",
    "named in article",
    "date matches key resolution",
)


@lru_cache(maxsize=1)
def vote_dtype() -> pd.CategoricalDtype:
    """The ordered category of a country's vote: yes < abstain < no."""
    import pandas as pd

    return pd.CategoricalDtype(list(VOTE_LEVELS), ordered=True)


# --- hand labels (evaluation) ------------------------------------------------------------------
#: The kinds of LABELS.md, in its order (data/reference/label_kinds.csv must list exactly these).
KINDS: tuple[str, ...] = (
    "recognition",
    "establish_relations",
    "embassy",
    "visit",
    "agreement",
    "military",
    "reduce_relations",
    "expulsion",
    "statement",
    "un_vote",
    "other",
)
#: What a label is to the scores.
ROLES: tuple[str, ...] = ("required", "optional", "duplicate")
#: How a detail row counts: found and missed (required labels, recall), spurious (precision),
#: neutral (neither way).
OUTCOMES: tuple[str, ...] = ("found", "missed", "spurious", "neutral")
#: The errors a detail row can show; ``error`` holds the first that applies, in this order.
ERROR_KINDS: tuple[str, ...] = (
    "missed",
    "spurious",
    "unlinked_duplicate",
    "wrong_kind",
    "wrong_actors",
    "wrong_date",
    "wrong_precision",
)
#: Where a prediction comes from.
PREDICTION_TABLES: tuple[str, ...] = ("events", "vote_mentions")
