"""Event timelines: when the article's dated events happened, what kind they were (CAMEO quad
class) and how cooperative or conflictual they were (Goldstein scale).

The charts live in one module each — :mod:`.timeline` (static, :func:`plot_milestones`),
:mod:`.timeline_plotly` (interactive, :func:`milestones_figure`) and :mod:`.goldstein`
(:func:`plot_goldstein`), with :mod:`.timeline_data` (the rows and label texts they draw)
and :mod:`.label_placement` (where the static labels go); this module keeps their names
together where they have always been.

>>> import relations_lib as rl
>>> events = rl.extract_events(rl.load_seed())
>>> ax = rl.plots.milestones.plot_milestones(events, phases=rl.cold_war_phases())
"""

from __future__ import annotations

from .goldstein import plot_goldstein
from .style import (
    CONFLICT_COLOR,
    COOPERATION_COLOR,
    NEUTRAL_COLOR,
    QUAD_CLASS_COLORS,
    QUAD_CLASS_NAMES,
)
from .timeline import plot_milestones
from .timeline_data import (
    QUAD_CLASS_MARKERS,
    VOTE_COLORS,
    VOTE_LEGEND,
    VOTE_LEVELS,
    VOTE_MARKERS,
)
from .timeline_plotly import milestones_figure

__all__ = [
    "CONFLICT_COLOR",
    "COOPERATION_COLOR",
    "NEUTRAL_COLOR",
    "QUAD_CLASS_COLORS",
    "QUAD_CLASS_MARKERS",
    "QUAD_CLASS_NAMES",
    "VOTE_COLORS",
    "VOTE_LEGEND",
    "VOTE_LEVELS",
    "VOTE_MARKERS",
    "milestones_figure",
    "plot_goldstein",
    "plot_milestones",
]
