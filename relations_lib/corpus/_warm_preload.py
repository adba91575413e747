"""Imported by the local pool's fork server (``forkserver`` preload): warms it up, so that every
worker it forks starts with the dictionaries and the language model already loaded (shared
copy-on-write), instead of loading them itself. A failure here is left to the workers'
initializer to report, where it names the problem; the fork server must not die of it."""

from __future__ import annotations

import contextlib

with contextlib.suppress(Exception):
    from .batches import warm_up

    warm_up()
