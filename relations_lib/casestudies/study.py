"""One article as a study of its pair of countries: the tables the notebooks and the report show,
and the report's static figures.

The notebooks and ``make report`` work on any "X–Y relations" article; the seed, *Albania–Palestine
relations*, is the default. :func:`study` reads the article and builds, once, what every chart
needs: its events and vote mentions, the phase tracks of its two countries
(:func:`relations_lib.phases.pair_tracks`), and for each title country that votes in the UN
General Assembly its record on the roll calls that concern the other
(:func:`relations_lib.unvotes.record_concerning`). :func:`report_figures` turns a study into
the report's PNG figures. The chart functions themselves (:mod:`relations_lib.plots`) only take
frames: nothing there reads an article.

>>> import relations_lib as rl
>>> s = rl.casestudy.study()  # the seed
>>> s.title, s.tracks
('Albania–Palestine relations', ['albania', 'palestine', 'global'])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._args import ARTICLE, check, either, instance_of, optional
from ..errors import UnknownCountryError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from ..countries import Country
    from ..text.article import Article

__all__ = ["Study", "load", "report_figures", "study"]


def __dir__() -> list[str]:
    return __all__


@dataclass
class Study:
    """An article and the tables its charts are built from.

    Attributes
    ----------
    article
        The parsed article.
    events, mentions
        :func:`relations_lib.extract_events` and :func:`relations_lib.extract_vote_mentions`,
        with the phases of the pair's tracks (:func:`relations_lib.phases.assign_phases`).
    phases
        :func:`relations_lib.cold_war_phases`.
    tracks
        The pair's tracks: each country's national track where it has one, then "global".
    records
        Title country name -> its record on the roll calls that concern the other country
        (:func:`relations_lib.unvotes.record_concerning`); a country without votes in the data
        (Palestine, for one) has none.
    key
        :func:`relations_lib.key_resolutions` for the first country with a record, when the
        pair concerns the Palestine question (one country is Palestine or Israel, by Voeten's
        issue tags); else ``None``.
    """

    article: Article
    events: pd.DataFrame
    mentions: pd.DataFrame
    phases: pd.DataFrame
    tracks: list[str]
    records: dict[str, pd.DataFrame] = field(default_factory=dict)
    key: pd.DataFrame | None = None

    def __repr__(self) -> str:
        # the dataclass's repr would print every table in full
        tables = {"events": self.events, "mentions": self.mentions, "phases": self.phases}
        tables |= {f"records[{name!r}]": frame for name, frame in self.records.items()}
        if self.key is not None:
            tables["key"] = self.key
        rows = ", ".join(f"{name}={len(frame)}" for name, frame in tables.items())
        pair = " – ".join(c.name for c in self.countries) or "no countries"
        return (
            f"<Study {self.title!r}: {pair}; source {self.article.source!r}; "
            f"tracks {self.tracks}; rows: {rows}>"
        )

    @property
    def title(self) -> str:
        """The article's title: "Albania–Palestine relations"."""
        return self.article.title

    @property
    def countries(self) -> tuple[Country, ...]:
        """The two countries the title names."""
        return tuple(self.article.countries)

    @property
    def national_tracks(self) -> list[str]:
        """The pair's national tracks (the global one left out), or ``["global"]``."""
        from ..history.phases import GLOBAL_TRACK

        return [t for t in self.tracks if t != GLOBAL_TRACK] or [GLOBAL_TRACK]

    @property
    def record(self) -> pd.DataFrame | None:
        """The first title country's record (the one the single-record charts show), if any."""
        return next(iter(self.records.values()), None)


def load(article: str | Path | Article | None = None) -> Article:
    """The article to study: a path (read with :func:`relations_lib.read_article`), an
    :class:`~relations_lib.text.article.Article`, or ``None`` for the seed.

    Raises
    ------
    ArgumentTypeError
        ``article`` is none of these (also a TypeError).
    ArticleFormatError
        As :func:`relations_lib.read_article`.
    """
    check("load", article=(article, optional(ARTICLE)))
    from ..text.article import Article, load_seed, read_article

    if article is None:
        return load_seed()
    if isinstance(article, Article):
        return article
    return read_article(article)


def study(article: str | Path | Article | None = None) -> Study:
    """Read an article (default the seed) and build the tables of its study.

    Raises
    ------
    ArgumentTypeError
        ``article`` is not a path, an Article or None (also a TypeError).
    ArticleFormatError
        The file is not an "X–Y relations" article.
    """
    check("study", article=(article, optional(ARTICLE)))
    from ..coding.events import extract_events
    from ..coding.vote_mentions import extract_vote_mentions
    from ..history.phases import assign_phases, cold_war_phases, pair_tracks
    from ..un.record import issues_concerning, key_resolutions, record_concerning

    art = load(article)
    tracks = pair_tracks(art.countries)
    phases = cold_war_phases()
    events = assign_phases(extract_events(art), tracks, phases=phases)
    mentions = assign_phases(extract_vote_mentions(art), tracks, phases=phases)
    countries = list(art.countries)
    records: dict[str, pd.DataFrame] = {}
    key = None
    for i, country in enumerate(countries):
        other = countries[1 - i] if len(countries) == 2 else None
        if other is None:
            continue
        try:
            records[country.name] = record_concerning(country, other)
        except UnknownCountryError:
            continue  # not a UN member with votes in the data (Palestine, for one)
        if key is None and "me" in issues_concerning(other):
            key = key_resolutions(country=country)
    return Study(art, events, mentions, phases, tracks, records, key)


# --------------------------------------------------------------------------- report figures
def _closed(make: Callable[[], Any]) -> Callable[[], Figure]:
    """A figure builder that leaves pyplot's registry (the Figure still saves)."""

    def build() -> Figure:
        import matplotlib.pyplot as plt

        result = make()
        fig = result if hasattr(result, "savefig") else result.get_figure(root=True)
        plt.close(fig)
        return fig

    return build


def report_figures(
    article: str | Path | Article | Study | None = None,
) -> dict[str, tuple[str, Callable[[], Figure]]]:
    """Every static figure the report writes as PNG: name -> (one-line caption, callable).

    Each callable takes no argument and returns a matplotlib Figure built from the study's
    tables (:func:`study`; default the seed). Figures that need a voting record are left out
    when neither title country votes in the data; the key-resolution chart appears when the
    pair concerns the Palestine question.

    Raises
    ------
    ArgumentTypeError
        ``article`` is not a path, an Article, a Study or None (also a TypeError).
    ArticleFormatError
        As :func:`study`.
    """
    check(
        "report_figures",
        article=(article, optional(either(ARTICLE, instance_of(Study, "a Study")))),
    )
    import matplotlib.pyplot as plt

    from .. import plots
    from ..history.phases import track_title

    s = article if isinstance(article, Study) else study(article)
    title, tracks, national = s.title, s.tracks, s.national_tracks
    first = national[0]
    figures: dict[str, tuple[str, Callable[[], Figure]]] = {
        "milestones": (
            f"Dated events and UN votes in {title}, by CAMEO quad class, over the phases of "
            f"{track_title(first)}.",
            _closed(
                lambda: plots.plot_milestones(
                    s.events, phases=s.phases, track=first, title=title, votes=s.mentions
                )
            ),
        ),
        "goldstein": (
            f"Goldstein score of each coded event in {title} and its running sum.",
            _closed(
                lambda: plots.plot_goldstein(s.events, phases=s.phases, track=first, title=title)
            ),
        ),
        "phases_timeline": (
            "The phases of " + ", ".join(track_title(t) for t in tracks) + " "
            "(data/reference/phases.csv).",
            _closed(lambda: _timeline(s)),
        ),
    }

    def per_track(draw: Callable[..., Any]) -> Callable[[], Figure]:
        def build() -> Figure:
            fig, axes = plt.subplots(
                1, len(national), figsize=(6 * len(national), 5), layout="constrained"
            )
            for ax, track in zip(getattr(axes, "flat", [axes]), national, strict=True):
                draw(s.events, s.phases, track=track, ax=ax)
            return fig

        return build

    panels = " and ".join(track_title(t) for t in national)
    figures["events_by_phase"] = (
        f"Events stated in {title} per phase of {panels}, by CAMEO quad class (hatched: the "
        "period straddles a boundary).",
        _closed(per_track(plots.plot_events_by_phase)),
    )
    figures["goldstein_by_phase"] = (
        f"Mean Goldstein score of the coded events of {title} per phase of {panels}, with "
        "each event (hollow: uncertain phase).",
        _closed(per_track(plots.plot_goldstein_by_phase)),
    )
    if s.key is not None:
        country = s.key.attrs.get("country")
        figures["key_resolutions"] = (
            "Official tallies of twelve key General Assembly resolutions on Palestine, "
            f"1974–2024, with {country}'s vote on each.",
            _closed(lambda: plots.plot_key_resolutions(s.key)),
        )
    record = s.record
    if record is not None:
        name, other = record.attrs["country"], record.attrs["concerning"]
        figures["yes_share"] = (
            f"{name}'s yes-share per year on the General Assembly roll calls concerning {other}, "
            "against the Assembly's mean (Voeten's data), with the votes the article states.",
            _closed(lambda: plots.plot_yes_share(record, mentions=s.mentions, phases=s.phases)),
        )
        figures["agreement"] = (
            f"How often {name} voted with the General Assembly majority on the roll calls "
            f"concerning {other}, and how often it was absent, per year (Voeten's data).",
            _closed(lambda: plots.plot_agreement(record, phases=s.phases)),
        )
        figures["yes_share_by_phase"] = (
            f"{name}'s yes-share on the General Assembly roll calls concerning {other} per "
            "phase, against the Assembly's.",
            _closed(lambda: _yes_share_by_phase(record, s.phases)),
        )
        figures["alignment_great_powers"] = (
            f"{name}'s agreement with the United States, the USSR/Russia and China's seat per "
            "year on all General Assembly roll calls, with its phases and the roll calls each "
            "year rests on.",
            _closed(lambda: _great_powers(name, s.phases)),
        )
        figures["alignment_phase_heatmap"] = (
            f"{name}'s Cohen's kappa with the great powers and the Assembly majority in each "
            "phase, with the number of roll calls both voted on.",
            _closed(lambda: _phase_heatmap(name, s.phases)),
        )
        figures["alignment_breaks"] = (
            f"Breaks found by ruptures in {name}'s yearly kappa with each great power, beside "
            "the sourced phase boundaries (and China's seat passing to the PRC).",
            _closed(lambda: _breaks(name, s.phases)),
        )
    return figures


def _yearly(country: str, measure: str) -> pd.DataFrame:
    import pandas as pd

    from ..un.alignment import GREAT_POWERS, agreement

    return pd.concat(
        [agreement(country, p, measure=measure) for p in GREAT_POWERS], ignore_index=True
    )


def _great_powers(country: str, phases: pd.DataFrame) -> Figure:
    from ..plots.alignment import plot_agreement_by_year

    return plot_agreement_by_year(_yearly(country, "agreement"), phases=phases).get_figure(
        root=True
    )


def _phase_heatmap(country: str, phases: pd.DataFrame) -> Figure:
    import pandas as pd

    from ..plots.alignment import plot_phase_heatmap
    from ..un.alignment import GREAT_POWERS, agreement

    by_phase = pd.concat(  # phases of the country's national track, else the global one
        [agreement(country, p, by="phase", measure="kappa") for p in (*GREAT_POWERS, "majority")],
        ignore_index=True,
    )
    return plot_phase_heatmap(by_phase).get_figure(root=True)


def _breaks(country: str, phases: pd.DataFrame) -> Figure:
    from ..plots.alignment import plot_breaks
    from ..un.alignment import compare_breaks, detect_breaks

    yearly = _yearly(country, "kappa")
    comparison = compare_breaks(detect_breaks(yearly), yearly=yearly)
    return plot_breaks(yearly, comparison, phases=phases)[0].get_figure(root=True)


def _timeline(s: Study) -> Figure:
    import matplotlib.pyplot as plt

    from ..plots.phases import plot_phase_timeline

    fig, ax = plt.subplots(figsize=(11, 1.0 + 0.8 * len(s.tracks)), layout="constrained")
    plot_phase_timeline(s.phases, tracks=s.tracks, ax=ax)
    return fig


def _yes_share_by_phase(record: pd.DataFrame, phases: pd.DataFrame) -> Figure:
    import matplotlib.pyplot as plt

    from ..plots.phases import plot_yes_share_by_phase

    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    plot_yes_share_by_phase(record, phases, ax=ax)
    return fig
