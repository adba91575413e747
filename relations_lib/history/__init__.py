"""Periodisations: ``phases`` (dated phase tracks such as the Cold War's, and the phase of a
date)."""
