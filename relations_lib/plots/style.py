"""Colours both event charts use (the milestone timelines and the per-phase summaries), declared
once below both so that neither chart module imports the other for them."""

from __future__ import annotations

#: CAMEO / GDELT quad classes. 0 stands for "uncoded" (no CAMEO code).
QUAD_CLASS_NAMES: dict[int, str] = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
    0: "uncoded",
}
#: Okabe–Ito colours (safe for the common colour-vision deficiencies): blues for cooperation,
#: orange/vermillion for conflict, grey for uncoded. Marker shapes differ too, so the classes
#: stay apart in greyscale.
QUAD_CLASS_COLORS: dict[int, str] = {
    1: "#56B4E9",
    2: "#0072B2",
    3: "#E69F00",
    4: "#D55E00",
    0: "#999999",
}
#: One colour per side, for charts that only split cooperation from conflict.
COOPERATION_COLOR = "#0072B2"
CONFLICT_COLOR = "#D55E00"
NEUTRAL_COLOR = "#999999"
