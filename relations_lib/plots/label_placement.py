"""Where the static timeline's labels go: rows above and below the marker row, so that no two
label boxes overlap, no stem runs through a box, and every box stays inside its Axes and clear
of the phase names and of a legend drawn inside the Axes.

The rows are chosen when the figure is drawn (:class:`TimelineLabels`), not when the chart is
built: by then the layout engine (constrained or tight layout) has fixed the Axes' size, and
the renderer that draws the figure — at ``savefig``'s dpi, whose text extents are not those of
the screen scaled — measures the labels. Placement is pure geometry in display pixels, in
which a label box is its text's extent plus the box's padding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

LABEL_FONTSIZE = 7.5
LABEL_LINESPACING = 1.15
LABEL_BOX_PAD = 0.25  # of the font size, as matplotlib's boxstyle pad
LABEL_BOX = {"boxstyle": f"round,pad={LABEL_BOX_PAD}", "fc": "white", "ec": "0.8", "lw": 0.5}
LEVEL_GAP_PTS = 3.0  # gap between two label rows
EDGE_PAD_PTS = 6.0  # room kept between the outermost label and the Axes' edge
GAP_PTS = 2.0  # least gap between two boxes, or a box and a stem
STEM_SHRINK_PTS = 4.0  # the stem stops this short of the marker

#: ``(side, offset in points of the text from the marker row, horizontal alignment)``; side +1
#: above the row, −1 below; None for a label that fits nowhere.
Placement = tuple[int, float, str] | None


def figure_renderer(fig: Figure) -> Any:
    """The figure's renderer, for measuring text before anything is drawn."""
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


def label_sizes(fig: Figure, texts: Sequence[str], renderer: Any) -> list[tuple[float, float]]:
    """Width and height in display pixels of each label's box (text + padding), as
    ``renderer`` draws the text."""
    pad_px = 2 * LABEL_BOX_PAD * LABEL_FONTSIZE * fig.dpi / 72.0
    sizes = []
    for text in texts:
        probe = Text(0.0, 0.0, text, fontsize=LABEL_FONTSIZE, linespacing=LABEL_LINESPACING)
        probe.set_figure(fig)
        box = probe.get_window_extent(renderer)
        sizes.append((box.width + pad_px, box.height + pad_px))
    return sizes


def _overlaps(a: Sequence[float], b: Sequence[float], gap: float) -> bool:
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    return ax0 < bx1 + gap and bx0 < ax1 + gap and ay0 < by1 + gap and by0 < ay1 + gap


def place_labels(
    ax: Axes,
    xs: Sequence[float],
    sizes: Sequence[tuple[float, float]],
    *,
    max_levels: int,
    budget_up_px: float | None,
    budget_down_px: float | None,
    base_up_pts: float,
    base_down_pts: float,
    obstacles: Sequence[Sequence[float]] = (),
) -> list[Placement]:
    """Rows for the labels, so that no two label boxes overlap and no stem crosses a box.

    Greedy: each label takes the nearest free row (at most ``max_levels`` per side, and within
    ``budget_up_px`` above / ``budget_down_px`` below the marker row when given), trying first
    the side opposite to the previous label (the familiar alternating timeline); in a row it
    tries its box beside its stem, then centred on it. A box must lie within the Axes' width
    and clear of ``obstacles`` (boxes ``(x0, y0, x1, y1)`` in display pixels, y measured from
    the marker row). Pure geometry in display pixels of the Axes' current transform.

    Returns
    -------
    list
        Per label, ``(side, offset in points of the text from the row, horizontal
        alignment)``, or None when it fits nowhere.
    """
    fig = ax.get_figure(root=True)
    px_per_pt = fig.dpi / 72.0
    pad_px = LABEL_BOX_PAD * LABEL_FONTSIZE * px_per_pt
    gap = GAP_PTS * px_per_pt
    if not sizes:
        return []
    row_h = max(h for _, h in sizes) + LEVEL_GAP_PTS * px_per_pt
    left, right = ax.bbox.x0, ax.bbox.x1
    placed: list[tuple[float, float, float, float]] = [tuple(o) for o in obstacles]
    stems: list[tuple[float, float, float]] = []  # x, y low, y high (marker row at y = 0)
    prev_sign = -1
    xps = [ax.transData.transform((x, 0.0))[0] for x in xs]
    # Labels whose box cannot sit left of their stem (near the left edge) go right of it and
    # are placed first, right to left; the others left of their stem, left to right. Either
    # way a box lies over the stems of labels placed before it, never over those still to come,
    # so crowded years climb like stairs instead of blocking each other.
    near_left = [i for i, (xp, (w, _)) in enumerate(zip(xps, sizes, strict=True)) if xp - w < left]
    order = near_left[::-1] + [i for i in range(len(xps)) if i not in set(near_left)]
    out: dict[int, Placement] = {}
    for n, i in enumerate(order):
        xp, (w, h) = xps[i], sizes[i]
        spans = [("right", xp - w, xp), ("center", xp - w / 2, xp + w / 2), ("left", xp, xp + w)]
        if i in near_left:
            spans.reverse()
        # inside the Axes or not at all: a box over the edge would cover the spines or the
        # legend, or be cut off
        spans = [s for s in spans if s[1] >= left and s[2] <= right]
        # a box over a waiting label's anchor would block that label's stem: avoid such boxes
        # unless nothing else fits (labels of the same date share the stem, so they do not count)
        waiting = [xps[j] for j in order[n + 1 :] if abs(xps[j] - xp) > gap]
        clear = [s for s in spans if not any(s[1] - gap <= fx <= s[2] + gap for fx in waiting)]
        choice = None
        for options in (clear, spans):
            for level, sign in itertools.product(range(max_levels), (-prev_sign, prev_sign)):
                base_pts = base_up_pts if sign > 0 else base_down_pts
                near = base_pts * px_per_pt + level * row_h  # distance of the box's near edge
                budget = budget_up_px if sign > 0 else budget_down_px
                if budget is not None and near + h > budget + 0.5:  # px: rounding
                    continue
                y0, y1 = (near, near + h) if sign > 0 else (-near - h, -near)
                stem = (xp, 0.0, y0) if sign > 0 else (xp, y1, 0.0)
                for ha, x0, x1 in options:
                    box = (x0, y0, x1, y1)
                    if any(_overlaps(box, other, gap) for other in placed):
                        continue
                    if any(
                        x0 - gap <= sx <= x1 + gap and lo < y1 and hi > y0 for sx, lo, hi in stems
                    ):
                        continue  # an earlier stem would run through this box
                    if any(
                        b[0] - gap <= xp <= b[2] + gap and stem[1] < b[3] and stem[2] > b[1]
                        for b in placed
                    ):
                        continue  # this stem would run through an earlier box
                    choice = (sign, (near + pad_px) / px_per_pt, ha, box, stem)
                    break
                if choice is not None:
                    break
            if choice is not None:
                break
        if choice is None:
            out[i] = None
            continue
        sign, off_pts, ha, box, stem = choice
        prev_sign = sign
        placed.append(box)
        stems.append(stem)
        out[i] = (sign, off_pts, ha)
    return [out[i] for i in range(len(xps))]


def extent_pts(
    placements: Sequence[Placement], sizes: Sequence[tuple[float, float]], dpi: float
) -> tuple[float, float]:
    """Points used above and below the marker row by the placed labels."""
    px_per_pt = dpi / 72.0
    pad = LABEL_BOX_PAD * LABEL_FONTSIZE
    up = down = 0.0
    for place, (_, h) in zip(placements, sizes, strict=True):
        if place is None:
            continue
        sign, off_pts, _ = place
        reach = off_pts - pad + h / px_per_pt
        if sign > 0:
            up = max(up, reach)
        else:
            down = max(down, reach)
    return up, down


@contextmanager
def _quiet(*artists: Artist) -> Iterator[None]:
    """Change artists during a draw without marking the figure stale (an interactive backend
    would redraw it, and place the labels again, for ever)."""
    saved = [(a, a.stale_callback) for a in artists]
    for a, _ in saved:
        a.stale_callback = None
    try:
        yield
    finally:
        for a, callback in saved:
            a.stale_callback = callback


class TimelineLabels(Artist):
    """The labels of a timeline and their stems, placed each time the figure is drawn.

    Drawn just before the labels (zorder between the markers and the labels): by then the
    figure's layout engine has run, the phase names (drawn earlier) have chosen their lines,
    and ``renderer`` is the one drawing the figure, so the rows found here hold in the figure
    as drawn — on screen or in a PNG at any dpi. It moves, shows or hides the ``labels``
    (annotations at their marker, text offset in points) and sets the stems' segments.

    Parameters
    ----------
    ax
        The timeline's Axes; the marker row is at y = 0.
    labels
        One annotation per label (``xy`` at its marker), added to ``ax``.
    xs
        The labels' x in data coordinates.
    stems
        A LineCollection in display coordinates, added to ``ax``; its segments are set here.
    base_up_pts, base_down_pts
        Distance from the row of the nearest label row above and below (room for stacked
        markers above).
    """

    def __init__(
        self,
        ax: Axes,
        labels: Sequence[Annotation],
        xs: Sequence[float],
        stems: LineCollection,
        *,
        base_up_pts: float,
        base_down_pts: float,
    ) -> None:
        super().__init__()
        self.labels, self.xs, self.stems = list(labels), list(xs), stems
        self.base_up_pts, self.base_down_pts = base_up_pts, base_down_pts
        self.placements: list[Placement] = []
        self.ax = ax  # ``axes`` is set by ``ax.add_artist``
        self.set_zorder(3.9)
        self.set_in_layout(False)

    def obstacles(self, renderer: Any, row_y: float) -> list[tuple[float, float, float, float]]:
        """Boxes the labels must keep clear of, y from the marker row: the phase names shown
        (``add_phase_bands``) and a legend inside the Axes."""
        ax = self.ax
        boxes: list[Bbox] = []
        for text in ax.texts:
            gid = text.get_gid() or ""
            if gid.startswith("phase-label:") and getattr(text, "shown", True) is not None:
                boxes.append(text.get_window_extent(renderer))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            boxes.append(legend.get_window_extent(renderer))
        return [(b.x0, b.y0 - row_y, b.x1, b.y1 - row_y) for b in boxes if b.width and b.height]

    def place(self, renderer: Any) -> list[Placement]:
        """Rows for the labels in the Axes as it is now, measured with ``renderer``."""
        ax = self.ax
        fig = ax.get_figure(root=True)
        if not self.labels:
            return []
        px_per_pt = fig.dpi / 72.0
        row_y = ax.transData.transform((self.xs[0], 0.0))[1]
        edge = EDGE_PAD_PTS * px_per_pt
        return place_labels(
            ax,
            self.xs,
            label_sizes(fig, [a.get_text() for a in self.labels], renderer),
            max_levels=100,  # the room decides
            budget_up_px=ax.bbox.y1 - row_y - edge,
            budget_down_px=row_y - ax.bbox.y0 - edge,
            base_up_pts=self.base_up_pts,
            base_down_pts=self.base_down_pts,
            obstacles=self.obstacles(renderer, row_y),
        )

    def draw(self, renderer: Any) -> None:
        if not self.get_visible() or not self.labels:
            return
        ax = self.ax
        fig = ax.get_figure(root=True)
        self.placements = self.place(renderer)
        px_per_pt = fig.dpi / 72.0
        pad_pts = LABEL_BOX_PAD * LABEL_FONTSIZE
        segments = []
        with _quiet(self.stems, *self.labels):
            for label, x, place in zip(self.labels, self.xs, self.placements, strict=True):
                label.set_visible(place is not None)
                if place is None:
                    continue  # no free row: left out rather than overlapping
                sign, off_pts, ha = place
                dx = {"right": -pad_pts, "center": 0.0, "left": pad_pts}[ha]
                label.xyann = (dx, sign * off_pts)
                label.set_horizontalalignment(ha)
                label.set_verticalalignment("bottom" if sign > 0 else "top")
                xp, row_y = ax.transData.transform((x, 0.0))
                near = (off_pts - pad_pts) * px_per_pt  # the box's near edge
                shrink = STEM_SHRINK_PTS * px_per_pt
                segments.append([(xp, row_y + sign * shrink), (xp, row_y + sign * near)])
            self.stems.set_segments(segments)
