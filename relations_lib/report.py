"""Run every notebook and write self-contained reports (``make report``).

``python -m relations_lib.report [--article PATH]`` rebuilds data/
(:func:`relations_lib.build.build`), executes a copy of every ``notebooks/*.ipynb`` in a fresh
kernel of this environment (working directory notebooks/, the stored files are never written)
and writes

- ``reports/<notebook>.html``: the executed notebook as one HTML file that works offline
  (plotly.js is embedded: the kernel runs with ``PLOTLY_RENDERER=notebook``);
- ``reports/figures/<name>.png``: the static figures of
  :func:`relations_lib.casestudy.report_figures`;
- ``reports/index.html``: a link and a one-line caption for every report and figure.

Every notebook names its article in a cell tagged ``parameters`` (papermill's convention:
``ARTICLE = None``, the seed). With ``--article PATH`` (``make report ARTICLE=path``) the same
parameters are injected after that cell, as papermill does, so the whole report is written for
that article's pair, into ``reports/<article stem>/`` unless ``--out`` says otherwise.

Each step prints one line with its time. A failing cell stops the run with the notebook, the cell
number, the cell's source and the error (:class:`NotebookExecutionError`, exit status 1).
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import NotebookExecutionError, RelationsLibError, ReportError
from .paths import notebooks_dir, reports_dir

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = [
    "CELL_TIMEOUT",
    "FIGURE_DPI",
    "MANIFEST",
    "PLOTLY_RENDERER",
    "FigureReport",
    "NotebookReport",
    "Reports",
    "build_reports",
    "default_jobs",
    "execute_notebook",
    "index_html",
    "inject_parameters",
    "main",
    "notebook_caption",
    "notebook_html",
    "notebook_paths",
    "remote_references",
    "strip_remote_scripts",
    "write_figures",
    "write_notebook_reports",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


#: Renderer the kernels use: embeds plotly.js in the output, so the HTML needs no network.
PLOTLY_RENDERER = "notebook"
#: Resolution of the PNG figures (fixed, so that a rebuild gives the same bytes).
FIGURE_DPI = 150
#: Seconds one cell may run before the report gives up.
CELL_TIMEOUT = 600
#: Files written by the last run, relative to the output folder (to remove stale ones).
MANIFEST = ".manifest.json"

Log = Callable[[str], None]

# nbconvert's "lab" template, minus the scripts it loads from CDNs (require.js, MathJax,
# mermaid, the widget manager): the reports must render with the network switched off.
_TEMPLATE_NAME = "relations_report.html.j2"
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""

# A <script src="http…"></script> element. Plotly's notebook renderer adds one for MathJax to
# every chart; in an offline report it could only fail, so outputs lose such tags.
_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.IGNORECASE
)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FIGURE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class NotebookReport:
    """One executed notebook: the stored notebook, its HTML report, caption and run time."""

    notebook: Path
    html: Path
    caption: str
    seconds: float


@dataclass(frozen=True)
class FigureReport:
    """One static figure: its name, caption and PNG file."""

    name: str
    caption: str
    png: Path
    seconds: float


@dataclass(frozen=True)
class Reports:
    """Everything one run wrote; ``index`` is the page linking the rest."""

    out_dir: Path
    index: Path
    notebooks: tuple[NotebookReport, ...]
    figures: tuple[FigureReport, ...]


# --------------------------------------------------------------------------- notebooks


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """Every ``*.ipynb`` in ``folder`` (default notebooks/), sorted by name."""
    return sorted((Path(folder) if folder else notebooks_dir()).glob("*.ipynb"))


def notebook_caption(nb: NotebookNode, default: str = "") -> str:
    """First markdown heading of a notebook, as plain text (``default`` when there is none).

    ``"# 01 · *Diplomatic* milestones"`` → ``"01 · Diplomatic milestones"``
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        match = _HEADING.search(cell.source)
        if match:
            return re.sub(r"[*_`]+", "", match.group(1)).strip()
    return default


def inject_parameters(nb: NotebookNode, parameters: Mapping[str, Any]) -> NotebookNode:
    """A copy of ``nb`` with ``parameters`` injected after its cell tagged ``parameters``, as
    papermill does (``papermill.parameterize.parameterize_notebook``: a cell tagged
    ``injected-parameters`` that assigns each name). Without parameters, ``nb`` itself.

    Raises
    ------
    ReportError
        The notebook has no cell tagged ``parameters``.
    """
    if not parameters:
        return nb
    if not any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells):
        raise ReportError("the notebook has no cell tagged 'parameters' to inject the article into")
    import copy

    from papermill.parameterize import parameterize_notebook

    nb = copy.deepcopy(nb)
    # papermill reads every cell's tags list and writes nb.metadata.papermill: give it both
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])
    nb.metadata["papermill"] = {}
    out = parameterize_notebook(nb, dict(parameters), kernel_name="python3", language="python")
    for cell in out.cells:
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
    out.metadata.pop("papermill", None)
    return out


def execute_notebook(
    path: Path,
    *,
    timeout: int = CELL_TIMEOUT,
    env: Mapping[str, str] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> NotebookNode:
    """Run a copy of the notebook at ``path`` in a fresh kernel; the file is not written.

    The kernel is this environment's Python (like ``nbval --nbval-current-env``, whatever
    kernelspecs the user has installed), its working directory is the notebook's folder and its
    environment is ``env`` (default: this process's) with ``PLOTLY_RENDERER=notebook``.
    ``parameters`` (e.g. ``{"ARTICLE": "/path/x_y_relations.txt"}``) are injected after the
    cell tagged ``parameters`` (:func:`inject_parameters`).

    Returns
    -------
    The executed notebook (outputs filled in).

    Raises
    ------
    NotebookExecutionError : a cell raised, timed out, or the kernel died.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellControlSignal, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        try:
            nb = inject_parameters(nb, parameters)
        except ReportError as exc:
            raise ReportError(f"{_shown(path)}: {exc}") from None
    running: list[int] = []  # index of the cell being run (the one to blame on a failure)

    client = NotebookClient(
        nb,
        timeout=timeout,
        km=_current_env_kernel_manager(),
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=lambda cell, cell_index: running.append(cell_index),
    )
    kernel_env = {**(os.environ if env is None else env), "PLOTLY_RENDERER": PLOTLY_RENDERER}
    # The kernel process's own stderr (start-up warnings, crashes) is kept aside and shown only
    # when the kernel dies; what cells print arrives as outputs, not here.
    with tempfile.TemporaryFile(mode="w+b") as kernel_stderr:
        try:
            client.execute(env=kernel_env, stderr=kernel_stderr)
        except (CellControlSignal, DeadKernelError) as exc:  # error, timeout, dead kernel
            kernel_stderr.seek(0)
            log = kernel_stderr.read().decode("utf-8", "replace")
            index = running[-1] if running else None
            cell = nb.cells[index] if index is not None else None
            raise _failure(path, cell, index, exc, log) from None
    return nb


def _current_env_kernel_manager() -> Any:
    """A kernel manager whose ``python3`` is ``sys.executable``, not a user-installed kernelspec."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    # With no kernel folders only ipykernel's native spec (this interpreter) remains.
    specs = KernelSpecManager(kernel_dirs=[])
    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=specs)


def _failure(
    path: Path, cell: Any, index: int | None, exc: Exception, kernel_log: str
) -> NotebookExecutionError:
    """The error to raise for a failed run: the cell's error output when it has one, else the
    exception (a timeout) and, for a dead kernel, the kernel's own stderr."""
    from nbclient.exceptions import DeadKernelError

    error = None
    if cell is not None:
        error = next((o for o in cell.get("outputs", []) if o.output_type == "error"), None)
    if error is not None:
        ename, evalue, traceback = error.ename, error.evalue, "\n".join(error.traceback)
    else:
        ename, evalue = type(exc).__name__, (str(exc).strip().splitlines() or [""])[0]
        traceback = kernel_log if isinstance(exc, DeadKernelError) else ""
    return NotebookExecutionError(
        path,
        None if index is None else index + 1,
        "" if cell is None else cell.source,
        ename,
        evalue,
        _ANSI.sub("", traceback),
    )


def strip_remote_scripts(nb: NotebookNode) -> int:
    """Remove ``<script src="http…">`` elements from the notebook's HTML outputs, in place.

    Returns the number removed.
    """
    removed = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                data["text/html"], n = _REMOTE_SCRIPT.subn("", data["text/html"])
                removed += n
    return removed


def notebook_html(nb: NotebookNode, *, name: str, exporter: Any = None) -> str:
    """The executed notebook as one self-contained HTML page (nbconvert's lab look).

    Raises
    ------
    ReportError : the page would still load something from the network.
    """
    exporter = exporter or _html_exporter()
    strip_remote_scripts(nb)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    remote = remote_references(body)
    if remote:
        raise ReportError(f"{name}.html would load from the network: {', '.join(remote[:5])}")
    return body


def _html_exporter() -> Any:
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        template_file=_TEMPLATE_NAME,
        embed_images=True,  # markdown images too, so the page is one file
    )


# element -> attribute whose URL a browser fetches when the page loads
_FETCHED = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "embed": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "object": "data",
}


class _RemoteFinder(HTMLParser):
    _IMPORT = re.compile(r"""\bimport\s*\(?\s*["'](?:https?:)?//""")
    _CSS_URL = re.compile(r"""(?:url\(\s*|@import\s+)["']?((?:https?:)?//[^"')\s;]*)""")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inside = ""  # "module" in <script type=module>, "style" in <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        url = (values.get(_FETCHED.get(tag, "")) or "").strip()
        if re.match(r"(?:https?:)?//", url, re.IGNORECASE):
            self.found.append(f"<{tag}> {url}")
        if tag == "script" and (values.get("type") or "") == "module":
            self._inside = "module"
        elif tag == "style":
            self._inside = "style"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._inside = ""

    def handle_data(self, data: str) -> None:
        if self._inside == "module" and self._IMPORT.search(data):
            self.found.append("<script type=module> import from the network")
        elif self._inside == "style":
            self.found += [f"<style> {url}" for url in self._CSS_URL.findall(data)]


def remote_references(page: str) -> list[str]:
    """What an HTML page would fetch from the network when it loads: remote ``<script src>``,
    ``<link href>``, ``<img src>``, ``<iframe src>`` …, ES-module imports and CSS ``url()`` /
    ``@import`` in ``<style>``. Links a reader may click (``<a href>``) do not count.

    Returns a list of ``"<tag> url"`` strings, empty for a page that works offline.
    """
    finder = _RemoteFinder()
    finder.feed(page)
    finder.close()
    return finder.found


def default_jobs() -> int:
    """How many notebooks to run at once: one per CPU core (kernels are CPU-bound)."""
    return max(1, os.cpu_count() or 1)


def write_notebook_reports(
    out_dir: Path,
    notebooks: Iterable[Path] | None = None,
    *,
    timeout: int = CELL_TIMEOUT,
    jobs: int | None = None,
    log: Log = print,
    parameters: Mapping[str, Any] | None = None,
) -> list[NotebookReport]:
    """Execute each notebook (default: every notebooks/*.ipynb) and write ``<stem>.html``;
    ``parameters`` are injected into each (:func:`inject_parameters`).

    Up to ``jobs`` notebooks (default :func:`default_jobs`) run at once, each in its own
    kernel; a line is logged as each one finishes. The first failure stops the run (notebooks
    not yet started are not run) and is raised.

    Returns one :class:`NotebookReport` per notebook, in the order given.
    """
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    from .build import write_atomic

    out_dir = Path(out_dir)
    paths = notebook_paths() if notebooks is None else [Path(p) for p in notebooks]
    exporter = _html_exporter()

    def run(path: Path) -> tuple[Any, float]:
        t0 = time.perf_counter()
        nb = execute_notebook(path, timeout=timeout, parameters=parameters)
        return nb, time.perf_counter() - t0

    done: dict[Path, NotebookReport] = {}
    workers = max(1, min(jobs or default_jobs(), len(paths)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = {pool.submit(run, path): path for path in paths}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: paths.index(pending[f])):
                path = pending.pop(future)
                if future.exception() is not None:
                    for other in pending:
                        other.cancel()
                    raise future.exception()
                nb, seconds = future.result()
                target = out_dir / f"{path.stem}.html"
                page = notebook_html(nb, name=path.stem, exporter=exporter)
                write_atomic(target, page.encode("utf-8"))
                caption = notebook_caption(nb, default=path.stem.replace("_", " "))
                log(_step(path.name, seconds))
                done[path] = NotebookReport(path, target, caption, seconds)
    return [done[path] for path in paths]


# --------------------------------------------------------------------------- figures


def write_figures(
    out_dir: Path,
    figures: Mapping[str, tuple[str, Callable[[], Any]]] | None = None,
    *,
    dpi: int = FIGURE_DPI,
    log: Log = print,
) -> list[FigureReport]:
    """Draw each figure (default :func:`relations_lib.casestudy.report_figures` of the seed) to
    ``<name>.png``.

    PNGs are written at a fixed ``dpi`` without the "Software" metadata stamp, so the same
    figure gives the same bytes. Returns one :class:`FigureReport` per figure, sorted by name.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from .build import write_atomic

    if figures is None:
        from .casestudies.study import report_figures

        figures = report_figures()
    out_dir = Path(out_dir)
    done = []
    for name, (caption, make) in sorted(figures.items()):
        if not _FIGURE_NAME.fullmatch(name):
            raise ReportError(f"figure name {name!r} is not usable as a file name")
        t0 = time.perf_counter()
        fig = make()
        if not isinstance(fig, Figure):
            raise ReportError(
                f"figure {name!r}: its callable returned {type(fig).__name__}, not a Figure"
            )
        buf = io.BytesIO()
        try:
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        finally:
            plt.close(fig)
        target = out_dir / f"{name}.png"
        write_atomic(target, buf.getvalue())
        seconds = time.perf_counter() - t0
        log(_step(f"figures/{name}.png", seconds))
        done.append(FigureReport(name, caption, target, seconds))
    return done


# --------------------------------------------------------------------------- index


def index_html(
    notebooks: Iterable[NotebookReport], figures: Iterable[FigureReport], *, out_dir: Path
) -> str:
    """The index page: a link and a one-line caption per report and per figure (no timestamps,
    so an unchanged build gives the same page)."""
    from . import __version__

    def rel(path: Path) -> str:
        return html.escape(Path(os.path.relpath(path, out_dir)).as_posix(), quote=True)

    nb_items = "\n".join(
        f'<li><a href="{rel(r.html)}">{html.escape(r.notebook.stem)}</a>'
        f" — {html.escape(r.caption)}</li>"
        for r in notebooks
    )
    fig_items = "\n".join(
        f'<li><a href="{rel(f.png)}">{html.escape(f.name)}</a> — {html.escape(f.caption)}<br>'
        f'<a href="{rel(f.png)}"><img src="{rel(f.png)}" alt="{html.escape(f.caption)}">'
        "</a></li>"
        for f in figures
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="relations_lib {html.escape(__version__)}">
<title>relations_lib reports</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
li {{ margin: 0.4rem 0; }}
img {{ max-width: 36rem; width: 100%; border: 1px solid #ddd; margin-top: 0.3rem; }}
</style>
</head>
<body>
<h1>relations_lib reports</h1>
<p>Built by <code>make report</code> from the notebooks in <code>notebooks/</code> and the tables
in <code>data/</code>. Each report is a single HTML file that works offline.</p>
<h2>Notebooks</h2>
<ul>
{nb_items or "<li>(no notebooks)</li>"}
</ul>
<h2>Figures</h2>
<ul>
{fig_items or "<li>(no figures)</li>"}
</ul>
</body>
</html>
"""


# --------------------------------------------------------------------------- the whole run


def build_reports(
    out_dir: Path | None = None,
    *,
    rebuild_data: bool = True,
    notebooks: Iterable[Path] | None = None,
    figures: Mapping[str, tuple[str, Callable[[], Any]]] | None = None,
    timeout: int = CELL_TIMEOUT,
    jobs: int | None = None,
    log: Log = print,
    article: Path | None = None,
) -> Reports:
    """Rebuild data/, run the notebooks, draw the figures and write the index.

    Parameters
    ----------
    out_dir : where to write (default reports/); files a previous run wrote there and this
        run did not are removed.
    rebuild_data : call :func:`relations_lib.build.build` first (``make report`` always does).
    notebooks : notebooks to run (default every notebooks/*.ipynb).
    figures : name -> (caption, callable returning a Figure); default
        :func:`relations_lib.casestudy.report_figures` of the article.
    jobs : notebooks run at once (default one per CPU core).
    article : the article whose pair the report is about (default the seed): injected into
        every notebook as ``ARTICLE`` (absolute path), and the figures are built from it.

    Returns
    -------
    :class:`Reports` with the paths written.
    """
    from .build import write_atomic

    out_dir = Path(out_dir) if out_dir else reports_dir()
    if rebuild_data:
        from .build import build

        t0 = time.perf_counter()
        changed = build(log=lambda _message: None)
        log(_step(f"data ({len(changed)} files changed)", time.perf_counter() - t0))
    parameters = None
    if article is not None:
        article = Path(article).resolve()
        parameters = {"ARTICLE": str(article)}
        if figures is None:
            from .casestudies.study import report_figures

            figures = report_figures(article)
    nb_reports = write_notebook_reports(
        out_dir, notebooks, timeout=timeout, jobs=jobs, log=log, parameters=parameters
    )
    fig_reports = write_figures(out_dir / "figures", figures, log=log)
    index = out_dir / "index.html"
    write_atomic(index, index_html(nb_reports, fig_reports, out_dir=out_dir).encode("utf-8"))
    written = [index, *(r.html for r in nb_reports), *(f.png for f in fig_reports)]
    _prune(out_dir, written)
    return Reports(out_dir, index, tuple(nb_reports), tuple(fig_reports))


def _prune(out_dir: Path, written: list[Path]) -> None:
    """Delete what the previous run wrote and this one did not (a renamed notebook's old page);
    then record this run's files. Only files listed in the manifest are ever deleted."""
    manifest = out_dir / MANIFEST
    now = sorted(Path(os.path.relpath(p, out_dir)).as_posix() for p in written)
    try:
        before = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = []
    for rel in set(before) - set(now):
        if isinstance(rel, str) and ".." not in Path(rel).parts:
            (out_dir / rel).unlink(missing_ok=True)
    manifest.write_text(json.dumps(now, indent=1) + "\n", encoding="utf-8")


def _step(what: str, seconds: float) -> str:
    """One progress line: ``[report] 01_x.ipynb      6.2 s``."""
    return f"[report] {what:<34} {seconds:5.1f} s"


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    """``python -m relations_lib.report [--article PATH] [--out DIR] [--no-data] [NOTEBOOK …]``."""
    parser = argparse.ArgumentParser(
        prog="python -m relations_lib.report",
        description="Rebuild data/, run every notebook and write HTML reports and PNG figures.",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument(
        "--article",
        type=Path,
        default=None,
        help="the article whose pair the report is about (default: the seed)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (reports/, or reports/<article>/)"
    )
    parser.add_argument("--no-data", action="store_true", help="do not rebuild data/ first")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks run at once (cores)")
    args = parser.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")  # figures are files here, never windows
    t0 = time.perf_counter()
    out = args.out
    if args.article is not None and out is None:
        out = reports_dir() / args.article.stem
    try:
        if args.article is not None and not args.article.is_file():
            raise ReportError(f"{args.article}: no such article")
        reports = build_reports(
            out,
            rebuild_data=not args.no_data,
            notebooks=args.notebooks or None,
            timeout=args.timeout,
            jobs=args.jobs,
            article=args.article,
        )
    except NotebookExecutionError as exc:
        print(f"[report] failed\n{exc}", file=sys.stderr)
        return 1
    except RelationsLibError as exc:
        print(f"[report] error: {exc}", file=sys.stderr)
        return 2
    print(
        f"[report] {len(reports.notebooks)} notebooks and {len(reports.figures)} figures in "
        f"{time.perf_counter() - t0:.1f} s; open {_shown(reports.index)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
