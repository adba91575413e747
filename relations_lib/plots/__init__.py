"""Chart builders. matplotlib functions take frames and an optional ``ax`` and return the Axes;
plotly functions return a ``go.Figure``. Nothing here calls ``plt.show()``.

Submodules (imported lazily, so ``import relations_lib`` does not import matplotlib/plotly):
``milestones`` (event timelines, Goldstein), ``votes`` (UN voting record), ``phases``
(phase bands and per-phase summaries).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "plot_milestones": "milestones",
    "milestones_figure": "milestones",
    "plot_goldstein": "milestones",
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
}
_SUBMODULES = ("milestones", "votes", "phases")

__all__ = sorted([*_EXPORTS, *_SUBMODULES, "report_figures"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'relations_lib.plots' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the plot functions load lazily (see __getattr__); list them for dir() and completion
    return sorted({*globals(), *__all__})


def report_figures() -> dict[str, tuple[str, Any]]:
    """Every static figure the report writes as PNG: name -> (one-line caption, callable).

    Each callable takes no argument, builds its figure from the bundled data and returns a
    matplotlib Figure. Collected from each submodule's ``REPORT_FIGURES``.
    """
    figures: dict[str, tuple[str, Any]] = {}
    for sub in _SUBMODULES:
        figures.update(getattr(importlib.import_module(f".{sub}", __name__), "REPORT_FIGURES", {}))
    return figures
