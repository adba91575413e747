"""The seed's study: the relations of Albania and Palestine (seeds/albania_palestine_relations.txt).

Its tables are the ones ``python -m relations_lib.build`` writes to data/: :data:`TABLES` names
each file and the function here that computes it; :mod:`relations_lib.build` validates and
writes them. General code never imports this package (an import-linter contract in
pyproject.toml forbids it); what is specific to the seed's study belongs here.
"""

from __future__ import annotations

import pandas as pd

#: file name in data/ -> "module:function" returning the table (a DataFrame).
#: The schema of each table is ``relations_lib.schema.TABLES[<file stem>]``.
TABLES: dict[str, str] = {
    "sentences.csv": "relations_lib.casestudies.albania_palestine:seed_sentences",
    "events.csv": "relations_lib.casestudies.albania_palestine:seed_events",
    "unmatched.csv": "relations_lib.casestudies.albania_palestine:seed_unmatched",
    "vote_mentions.csv": "relations_lib.casestudies.albania_palestine:seed_vote_mentions",
    "albania_unga_record.csv": "relations_lib.casestudies.albania_palestine:albania_unga_record",
    "key_resolutions.csv": "relations_lib.casestudies.albania_palestine:key_resolutions",
    "phases.csv": "relations_lib.casestudies.albania_palestine:phases",
}


def seed_sentences() -> pd.DataFrame:
    """The seed's sentence table (one row per sentence, with offsets)."""
    from ...text.article import load_seed

    return load_seed().sentences_frame()


def seed_events() -> pd.DataFrame:
    """The seed's events, with the phase of each event on the pair's tracks."""
    from ...coding.events import extract_events
    from ...history.phases import assign_phases, pair_tracks
    from ...text.article import load_seed

    seed = load_seed()
    return assign_phases(extract_events(seed), pair_tracks(seed.countries))


def seed_unmatched() -> pd.DataFrame:
    from ...coding.events import unmatched
    from ...text.article import load_seed

    return unmatched(load_seed())


def seed_vote_mentions() -> pd.DataFrame:
    from ...coding.vote_mentions import extract_vote_mentions
    from ...history.phases import assign_phases, pair_tracks
    from ...text.article import load_seed

    seed = load_seed()
    return assign_phases(extract_vote_mentions(seed), pair_tracks(seed.countries))


def albania_unga_record() -> pd.DataFrame:
    """Albania's vote on every UNGA roll call 1946–2019 beside the Assembly's totals."""
    from ...history.phases import assign_phases, pair_tracks
    from ...text.article import load_seed
    from ...un.record import voting_record

    seed = load_seed()
    return assign_phases(voting_record(seed.countries[0]), pair_tracks(seed.countries))


def key_resolutions() -> pd.DataFrame:
    """The key resolutions with the seed's first country's vote (Albania's, from the cited
    pages), in the general columns ``country`` / ``country_vote`` / ``country_vote_source``."""
    from ...text.article import load_seed
    from ...un.record import key_resolutions as _key

    return _key(country=load_seed().countries[0])


def phases() -> pd.DataFrame:
    from ...history.phases import cold_war_phases

    return cold_war_phases()
