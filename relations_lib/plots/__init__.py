"""Chart builders: frames in, figures out. matplotlib functions take frames and an optional
``ax`` and return the Axes; plotly functions return a ``go.Figure``. Nothing here loads or parses
an article or calls ``plt.show()``; the report's figures are built in
:mod:`relations_lib.casestudy`.

Submodules (imported lazily, so ``import relations_lib`` does not import matplotlib/plotly):
``milestones`` (event timelines, Goldstein), ``votes`` (UN voting record), ``phases``
(phase bands and per-phase summaries), ``alignment`` (agreement with partners, breaks).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "plot_milestones": "timeline",
    "milestones_figure": "timeline_plotly",
    "plot_goldstein": "goldstein",
    "plot_key_resolutions": "votes",
    "plot_yes_share": "votes",
    "plot_agreement": "votes",
    "yes_share_figure": "votes",
    "add_phase_bands": "phases",
    "add_phase_vrects": "phases",
    "plot_events_by_phase": "phases",
    "plot_goldstein_by_phase": "phases",
    "plot_yes_share_by_phase": "phases",
    "plot_phase_timeline": "phases",
    "plot_agreement_by_year": "alignment",
    "agreement_figure": "alignment",
    "plot_phase_heatmap": "alignment",
    "plot_breaks": "alignment",
}
_SUBMODULES = ("milestones", "votes", "phases", "alignment")

__all__ = sorted([*_EXPORTS, *_SUBMODULES])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'relations_lib.plots' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the plot functions load lazily (see __getattr__); dir() and completion show them, and
    # only them (not this module's imports and tables)
    return __all__
