"""Per-article limits of a corpus run: a time limit on coding one article, and the warnings
an article raises collected as rows instead of printed.

Why a timer thread and not ``signal.setitimer``/``SIGALRM``: a Dask worker runs its tasks in a
thread of a pool, and a signal handler only ever runs in a process's main thread (where, in
a Dask worker, the event loop runs). :func:`call_with_limit` instead starts a timer thread
that, when the limit passes, raises an exception *in the coding thread* with CPython's
``PyThreadState_SetAsyncExc``: the same mechanism for the local process, the worker
processes of ``--jobs N`` and the threads of a Dask worker, on every platform CPython runs on.
Like a signal handler, the exception is raised between two Python bytecodes: one call into C
code (a spaCy parse of one chunk of at most 1,500 characters, a regular expression on one
sentence) finishes first, so an article stops within about that long after its limit.
On another Python implementation (no ``ctypes.pythonapi``) the limit is not enforced and
:data:`ENFORCED` is False.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable
from typing import TypeVar

__all__ = ["DEFAULT_TIMEOUT", "ENFORCED", "call_with_limit", "check_timeout", "collect_warnings"]

T = TypeVar("T")

#: Seconds one article may take to code in a corpus run unless told otherwise (``--timeout``).
#: A real article takes well under a second to a few seconds; ten minutes is only ever hit by
#: a pathological input (a generated line of thousands of dates).
DEFAULT_TIMEOUT = 600.0

try:
    import ctypes

    _set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    _set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
    ENFORCED = True
except (ImportError, AttributeError):  # not CPython
    _set_async_exc = None
    ENFORCED = False


class _Expired(BaseException):
    """Raised in the coding thread when its time is up. A BaseException: library code that
    catches ``Exception`` around one step must not swallow it."""


def check_timeout(seconds: float | None) -> None:
    """``seconds`` must be None (no limit) or a positive number.

    Raises
    ------
    ArgumentTypeError
        A value that is not a number (also a TypeError).
    ArgumentValueError
        For 0 or a negative number (a limit of zero would fail every article; ``None`` is
        "no limit") or NaN (also a ValueError).
    """
    from ..errors import ArgumentTypeError, ArgumentValueError

    accepts = "a number of seconds above 0 (None: no limit)"
    if seconds is None:
        return
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise ArgumentTypeError(
            f"timeout must be {accepts}, not {seconds!r}", parameter="timeout", accepts=accepts
        )
    if not seconds > 0:  # also refuses NaN
        raise ArgumentValueError(
            f"timeout must be {accepts}, not {seconds}", parameter="timeout", accepts=accepts
        )


def call_with_limit(fn: Callable[[], T], seconds: float | None) -> tuple[T | None, bool]:
    """Call ``fn()`` in this thread, stopping it after ``seconds`` (None: no limit).

    Returns
    -------
    (result, timed_out)
        ``fn``'s result and False; or None and True when the limit passed first (``fn`` was
        stopped by an exception raised inside it, so its ``finally`` blocks and context
        managers ran).

    When the limit passes, the exception is raised again every 50 ms until ``fn`` stops:
    Python drops an exception raised while it runs a garbage-collection callback or a
    ``__del__`` (it would print "Exception ignored in …"; :func:`_quiet` keeps those of ours
    silent), so one attempt may not be enough.
    """
    if seconds is None or _set_async_exc is None:
        return fn(), False
    _quiet()
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}
    stopped = threading.Event()

    def watch() -> None:
        if stopped.wait(seconds):
            return
        while True:
            with lock:  # decided under the lock: never raises once fn has returned
                if not state["armed"]:
                    return
                state["fired"] = True
                _set_async_exc(target, _Expired)
            if stopped.wait(0.05):
                return

    watcher = threading.Thread(target=watch, name="relations-time-limit", daemon=True)
    watcher.start()
    timed_out = False
    result = None
    try:
        try:
            result = fn()
        finally:
            with lock:
                state["armed"] = False
            stopped.set()  # a call: a pending exception is raised by now, inside this try
    except _Expired:
        timed_out = True
    if state["fired"] and not timed_out:  # pragma: no cover - a narrow race, kept safe
        try:
            for _ in range(1_000_000):  # backward jumps check for the pending exception
                pass
        except _Expired:
            pass
        timed_out = True
        result = None
    return result, timed_out


def _quiet() -> None:
    """Keep a time-limit exception that Python dropped (raised inside a garbage-collection
    callback or a ``__del__``) from being printed; other unraisable exceptions are reported
    as before. Installed again if something replaced the hook since."""
    import sys

    hook = sys.unraisablehook
    if getattr(hook, "_relations_time_limit", False):
        return

    def quiet(unraisable, _previous=hook) -> None:
        if unraisable.exc_type is _Expired:
            return
        _previous(unraisable)

    quiet._relations_time_limit = True  # type: ignore[attr-defined]
    sys.unraisablehook = quiet


#: One article at a time per process collects warnings: ``warnings.catch_warnings`` changes
#: process-wide state, and a Dask worker may run several tasks in threads. Coding is pure
#: Python under the GIL, so the threads lose next to nothing by taking turns.
_ONE_AT_A_TIME = threading.Lock()


def collect_warnings(fn: Callable[[], T]) -> tuple[T, list[warnings.WarningMessage]]:
    """Call ``fn()`` and return its result with every warning it raised (each one, however
    often the same warning was raised before in this process), none of them printed."""
    with _ONE_AT_A_TIME, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn()
    return result, list(caught)
