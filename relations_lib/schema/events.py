"""The events table (``rl.extract_events``, data/events.csv) and the unmatched table
(``rl.unmatched``, data/unmatched.csv)."""

from __future__ import annotations

from ..vocab import PRECISIONS, QUALIFIERS  # declared once, below the date grammar
from .columns import SENTENCE_END, SENTENCE_START, Column, Table
from .phases import PHASE_COLUMNS

#: PLOVER event types in the vendored CAMEO crosswalk (data/reference/cameo/).
PLOVER_EVENTS: tuple[str, ...] = (
    "(dropped)",
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONCEDE",
    "CONCEDE/RETREAT",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
)

SOURCES = (
    "The article (the seed: English Wikipedia, 'Albania–Palestine relations', CC BY-SA 4.0)",
    "data/reference/verb_patterns.csv, verb_lemmas.csv (CAMEO 1.1b3 codebook entries), "
    "actors.csv, country_words.csv, modality.csv, anaphora.csv, era_codes.csv: the project's "
    "dictionaries",
    "spaCy's English pipeline en_core_web_sm 3.8 (MIT, Explosion AI): the dependency parse of "
    "the dated sentences",
    "data/reference/cameo/CAMEO.plover_goldstein.tsv: CAMEO 1.1b3 codes and Goldstein weights "
    "(GDELT) with the PLOVER crosswalk (openeventdata/PLOVER, CC BY-SA 4.0)",
)

_SENTENCE = (
    Column(
        "section",
        "string",
        "Title of the section the sentence is in ('Lead' before the first heading).",
    ),
    Column("sentence", "string", "The sentence, exactly as in the article."),
    SENTENCE_START,
    SENTENCE_END,
)

EVENTS = Table(
    name="events",
    row="One row per dated event the article states (a sentence may state several; a date "
    "phrase dates one event, or one per coordinated actor: 'A, B and C recognised D' is three).",
    columns=(
        Column(
            "event_id",
            "string",
            "'<article>:<sentence index>:<n>', n counting the sentence's events from 1; "
            "stable for a given text. <article> is the file's stem for one article; in a "
            "corpus run (run_corpus, relations parse DIR --out) it is the file's path "
            "relative to the input root (the input folder, or the common folder of the input "
            "files; the manifest header's id_root), '/' between folders, without the suffix: "
            "'sub/Chile–Peru relations:3:1'. So ids are unique across the run even when two "
            "folders hold files of the same name, and the same for every engine and after a "
            "resumed run; in a flat folder they are the single-article ids.",
            unique=True,
        ),
        Column("source", "string", "The article the event comes from (file name or path)."),
        *_SENTENCE,
        Column("date_text", "string", "The date phrase as written (dates.find_dates)."),
        Column(
            "year",
            "Int64",
            "Year of the date (of its start, for a range).",
            unit="year",
            minimum=1000,
            maximum=2100,
        ),
        Column(
            "month",
            "Int64",
            "Month (1–12) when the date gives one.",
            nullable=True,
            minimum=1,
            maximum=12,
        ),
        Column(
            "day",
            "Int64",
            "Day of the month when the date gives one.",
            nullable=True,
            minimum=1,
            maximum=31,
        ),
        Column(
            "precision", "category", "How precise the date is.", categories=PRECISIONS, ordered=True
        ),
        Column(
            "date",
            "datetime64[ns]",
            "First day of the period the date names (the 1960s → 1960-01-01; 1988 → 1988-01-01). "
            "NaT for a date that datetime64[ns] cannot hold (before 22 September 1677, e.g. a "
            "medieval treaty): `year`, `month` and `day` still give it, and charts leave the row "
            "out.",
            nullable=True,
        ),
        Column(
            "date_qualifier",
            "category",
            "The date's qualifier word, normalised ('post' → "
            "after, 'at the end of' → end of); empty when the date has none.",
            nullable=True,
            categories=QUALIFIERS,
        ),
        Column(
            "year_end",
            "Int64",
            "For a range: year of its end.",
            nullable=True,
            unit="year",
            minimum=1000,
            maximum=2100,
        ),
        Column(
            "month_end",
            "Int64",
            "For a range: month of its end.",
            nullable=True,
            minimum=1,
            maximum=12,
        ),
        Column(
            "day_end", "Int64", "For a range: day of its end.", nullable=True, minimum=1, maximum=31
        ),
        Column(
            "actor1",
            "string",
            "CAMEO-style code of the actor who acts (country ISO "
            "alpha-3, then role: ALBGOV government, PSEREB armed movement, …; IGOUNO the "
            "UN; the code of the event's era: SUN for Moscow in 1970); UNK for a name no "
            "dictionary knows (actor1_name keeps it); empty when the text names none.",
            nullable=True,
        ),
        Column(
            "actor2",
            "string",
            "CAMEO-style code of the actor acted upon (as actor1); empty "
            "when none is named (e.g. the target of an attack).",
            nullable=True,
        ),
        Column(
            "actor1_name",
            "string",
            "actor1 as a reader knows it: the dictionary's name, or "
            "the role as written ('Finnish President Martti Ahtisaari').",
            nullable=True,
        ),
        Column("actor2_name", "string", "actor2 as a reader knows it.", nullable=True),
        Column(
            "event_type",
            "string",
            "Short label of the verb pattern or lemma ('visit', "
            "'recognise', 'sign agreement'); 'other' when the date's clause states a "
            "happening or a state that no pattern or lemma names.",
        ),
        Column(
            "cameo_code",
            "string",
            "CAMEO 1.1b3 event code with its leading zero ('042'); empty for event_type 'other'.",
            nullable=True,
        ),
        Column(
            "goldstein",
            "float64",
            "Goldstein weight of the CAMEO code, from −10 (most "
            "conflictual) to +10 (most cooperative); empty for 'other'.",
            nullable=True,
            minimum=-10,
            maximum=10,
        ),
        Column(
            "quad_class",
            "Int64",
            "GDELT quad class of the code: 1 verbal cooperation, 2 "
            "material cooperation, 3 verbal conflict, 4 material conflict; empty for "
            "'other'.",
            nullable=True,
            minimum=1,
            maximum=4,
        ),
        Column(
            "plover",
            "category",
            "PLOVER event type the CAMEO code maps to; empty for 'other'.",
            nullable=True,
            categories=PLOVER_EVENTS,
        ),
        Column(
            "restates",
            "string",
            "event_id of the earlier event of the same article that this row states again "
            "(same CAMEO code, same country-level actors — in either order for symmetric acts "
            "—, a date inside the other's period; relations_lib.coding.restatements); empty for an "
            "original. Charts and counts leave restatements out by default.",
            nullable=True,
        ),
        # added by rl.assign_phases (data/events.csv has them; extract_events does not)
        *PHASE_COLUMNS,
    ),
    sources=SOURCES,
    licence="CC BY-SA 4.0 (derived from the article and the PLOVER crosswalk)",
    file="events.csv",
    unique_key=("event_id",),
)

UNMATCHED = Table(
    name="unmatched",
    row="One row per date phrase read in the article (in a sentence or a heading) that yielded "
    "no event, with the reason: nothing read is dropped silently.",
    columns=(
        Column("source", "string", "The article (file name or path)."),
        Column("section", "string", "Title of the section the date is in."),
        Column("sentence", "string", "The sentence (or the heading) holding the date phrase."),
        Column(
            "start",
            "Int64",
            "Offset of that sentence or heading in the article text.",
            minimum=0,
            unit="characters",
        ),
        Column(
            "end",
            "Int64",
            "Offset just past it: article.text[start:end] == sentence.",
            minimum=0,
            unit="characters",
        ),
        Column("date_text", "string", "The date phrase as written."),
        Column(
            "date_start",
            "Int64",
            "Offset of the date phrase in the article text.",
            minimum=0,
            unit="characters",
        ),
        Column(
            "date_end", "Int64", "Offset just past the date phrase.", minimum=0, unit="characters"
        ),
        Column(
            "reason",
            "string",
            "Why no event: the date names a thing ('names a treaty: "
            "…'); what did not happen, with the words that say so ('negated: not "
            "recognise', 'future: will open', 'conditional: If', 'planned: planned to "
            "visit', 'declined: declined to attend', 'failed: …', 'denied: …', "
            "'cancelled: …'); 'no actor named'; 'cut: …' (the stored text stops inside the "
            "sentence); 'heading'; a verb that is no event (an abstention); 'no year'; 'year "
            "out of range: …'; 'invalid date: 29 February 2013 does not exist …', "
            "'ambiguous numeric date: …', 'before the common era: …', 'a century is too "
            "coarse to date an event: …' (dates.py).",
        ),
    ),
    sources=SOURCES[:2],
    licence="CC BY-SA 4.0 (derived from the article)",
    file="unmatched.csv",
    unique_key=("source", "date_start"),
)
