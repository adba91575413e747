"""The notebooks in a real JupyterLab and the reports in a real browser (Debian's Chromium).

- Every notebooks/*.ipynb is opened in JupyterLab, its outputs cleared, run with Run → Run All
  Cells, and checked: no error or stderr output, every plotly chart drawn, every matplotlib
  figure an image, the numbers a reader relies on (computed here from the library) on the page,
  and the stored file unchanged.
- Every report :mod:`relations_lib.report` writes is opened from disk with the network cut off:
  charts draw, images load, no script error, no request leaves the machine.
- Text from an article that looks like HTML stays text on a plotly chart.

One JupyterLab server and one browser for the session. Without /usr/bin/chromium the tests skip
(``sudo apt-get install chromium`` enables them); in CI (``CI=true``) they fail instead.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import relations_lib as rl

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
ARTIFACTS = REPO / "test-artifacts"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile" / "xss_relations.txt"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PLOTLY_MIME = "application/vnd.plotly.v1+json"
SERVER_START_S = 60
NOTEBOOK_RUN_S = 240

pytestmark = pytest.mark.browser


# --------------------------------------------------------------------------- what to expect


def stored_outputs(path: Path) -> dict[str, int]:
    """How many plotly charts and PNG images the stored notebook shows (its saved outputs)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    return {
        "plotly": sum(PLOTLY_MIME in o.get("data", {}) for o in outputs),
        "png": sum("image/png" in o.get("data", {}) for o in outputs),
        "code_cells": sum(
            c["cell_type"] == "code" and "".join(c["source"]).strip() != "" for c in nb["cells"]
        ),
    }


def _seed_numbers() -> list[str]:
    seed = rl.load_seed()
    return [str(len(seed.sentences)), *(section.title for section in seed.sections)]


def _event_numbers() -> list[str]:
    events = rl.extract_events(rl.load_seed())
    return [str(len(events)), *events["date_text"]]


def _phase_names() -> list[str]:
    """The phases of the seed's tracks (its two countries' and the global one), which notebook
    02 lists for the seed."""
    from relations_lib.history.phases import pair_tracks

    phases = rl.cold_war_phases()
    tracks = pair_tracks(rl.load_seed().countries)
    return [str(p) for p in phases.loc[phases["track"].isin(tracks), "phase"]]


def _vote_numbers() -> list[str]:
    key = rl.key_resolutions()
    row = key.loc[key["resolution"] == "67/19"].iloc[0]
    return ["67/19", str(row["official_yes"]), str(row["official_abstain"])]


#: Notebook stem -> what its outputs must show, computed from the library (not copied from the
#: notebook): the numbers a reader of that notebook relies on.
EXPECTED_TEXT: dict[str, Callable[[], list[str]]] = {
    "00_quickstart": _seed_numbers,
    "01_diplomatic_milestones": _event_numbers,
    "02_cold_war_phases": _phase_names,
    "03_un_voting_record": _vote_numbers,
}


# --------------------------------------------------------------------------- fixtures


def _chromium() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    message = "Chromium not found: install it with `sudo apt-get install chromium` (Debian/Ubuntu)"
    if IN_CI:
        pytest.fail(f"{message}; browser tests cannot be skipped in CI")
    pytest.skip(f"{message} to run the browser tests")
    raise AssertionError  # unreachable: skip raises


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium (the system's; Playwright cannot download its own here)."""
    executable = _chromium()
    if IN_CI:
        from playwright.sync_api import sync_playwright
    else:
        sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings_overrides(folder: Path) -> None:
    """JupyterLab user settings for a quiet, reproducible test session."""
    overrides = {
        # no "would you like to receive news?" pop-up over the screenshots, no network
        "@jupyterlab/apputils-extension/notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        # the stored notebooks must never be written, not even by a late autosave
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    }
    for plugin, values in overrides.items():
        target = folder / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")


# The server is on 127.0.0.1: never send its requests to an http_proxy from the environment.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Lab:
    """A running JupyterLab: its URL, token and a small REST helper."""

    def __init__(self, url: str, token: str, process: subprocess.Popen, log: Path):
        self.url, self.token, self.process, self.log = url, token, process, log

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with _NO_PROXY.open(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def lab(browser, tmp_path_factory) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 (free port, random token) serving the repository.

    Runtime, config, data, settings, workspace, IPython and checkpoint folders are temporary,
    so the user's own Jupyter setup is neither read nor changed. Always stopped afterwards.
    """
    home = tmp_path_factory.mktemp("jupyter")
    for sub in ("runtime", "config", "data", "settings", "workspaces", "ipython", "checkpoints"):
        (home / sub).mkdir()
    _settings_overrides(home / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),  # no user kernelspecs: the venv's python3
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    env.pop("PLOTLY_RENDERER", None)  # JupyterLab shows what a user sees: the default renderer
    cmd = [
        str(Path(sys.prefix) / "bin" / "jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={REPO}",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        # an absolute checkpoint folder keeps .ipynb_checkpoints/ out of notebooks/
        f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = home / "server.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    server = Lab(f"http://127.0.0.1:{port}", token, process, log)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited ({process.returncode}):\n{server.log_tail()}")
            try:
                server.api("/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"jupyter lab not ready in {SERVER_START_S} s:\n{server.log_tail()}"
                    )
                time.sleep(0.25)
        yield server
    finally:
        try:
            if process.poll() is None:
                server.shutdown_sessions()  # stop the kernels before their server
        except (urllib.error.URLError, OSError):
            pass
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _new_page(browser, *, offline: bool = False):
    """A page in a context of its own. It records uncaught script errors in ``page.errors``
    and dialogs (dismissed) in ``page.dialogs``; with ``offline`` every request that is not
    for a local file is aborted and recorded in ``page.blocked``."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.errors, page.dialogs, page.blocked = [], [], []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))

    def on_dialog(dialog) -> None:
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    if offline:

        def route(route) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                page.blocked.append(route.request.url)
                route.abort()

        page.route("**/*", route)
    return context, page


@pytest.fixture
def page_in(browser) -> Iterator[Callable]:
    """``page_in(offline=True)`` → a fresh page (see :func:`_new_page`), closed after the test."""
    contexts = []

    def _page(offline: bool = False):
        context, page = _new_page(browser, offline=offline)
        contexts.append(context)
        return page

    yield _page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def lab_page(lab, browser) -> Iterator:
    """JupyterLab loaded once in one page; each test opens its notebook there."""
    context, page = _new_page(browser)
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{lab.url}/lab?reset&token={lab.token}")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell")
        page.evaluate("async () => { await window.jupyterapp.restored; }")
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # room for the notebook
        yield page
    finally:
        context.close()


def _scroll_to_first_chart(scope) -> None:
    """Bring the first plotly chart (else the first image) into view for the screenshot."""
    for selector in (".js-plotly-plot", ".jp-RenderedImage"):
        target = scope.locator(selector).first
        if target.count():
            target.scroll_into_view_if_needed()
            return


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


# --------------------------------------------------------------------------- JupyterLab

_OPEN = """async (path) => {
  await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
}"""
_PANEL = """(path) => {
  const w = window.jupyterapp.shell.currentWidget;
  return !!(w && w.context && w.context.path === path && w.sessionContext
            && w.sessionContext.isReady && w.content && w.content.widgets.length);
}"""
_KERNEL_READY = """async () => {
  const w = window.jupyterapp.shell.currentWidget;
  await w.sessionContext.ready;
  const kernel = w.sessionContext.session.kernel;
  await kernel.info;  // answered only once the kernel's channels are really connected
  return {status: kernel.connectionStatus, panel: w.id};
}"""
_CELLS_STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const cells = w.content.widgets;
  const code = cells.filter(c => c.model.type === 'code'
                                 && c.model.sharedModel.getSource().trim());
  const outputs = cells.flatMap(c => c.model.outputs ? c.model.outputs.toJSON() : []);
  return {counts: code.map(c => c.model.executionCount),
          status: w.sessionContext.session.kernel.status,
          outputs: outputs.length,
          errors: outputs.filter(o => o.output_type === 'error').length};
}"""
# Run All stops at a failing cell: the run is over when the kernel is idle and either every
# code cell has run or one has failed.
_RUN_OVER = f"""() => {{ const s = ({_CELLS_STATE})();
  return s.status === 'idle' && (s.errors > 0 || s.counts.every(n => n !== null)); }}"""
_CLOSE_ALL = """() => {
  for (const w of [...window.jupyterapp.shell.widgets('main')]) {
    if (w.context) { w.context.model.dirty = false; }  // no "save changes?": nothing is written
    w.close();
  }
}"""
# Counted inside one element (by id), or in the whole document when the id is null.
_PLOTLY_CHARTS = """(id) => [...(id ? document.getElementById(id) : document)
  .querySelectorAll('.js-plotly-plot')].filter(el => el.querySelector('.main-svg')).length"""
_LOADED_IMAGES = """([id, selector]) => [...(id ? document.getElementById(id) : document)
  .querySelectorAll(selector)].filter(img => img.complete && img.naturalWidth > 0).length"""
_ERROR_OUTPUTS = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],'
    ' .jp-RenderedText[data-mime-type*="error"]'
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(lab, lab_page, path):
    before = path.read_bytes()
    stored = stored_outputs(path)
    expected_text = EXPECTED_TEXT.get(path.stem, list)()
    relative = path.relative_to(REPO).as_posix()
    page = lab_page
    page.errors.clear()
    page.dialogs.clear()
    try:
        page.evaluate(_OPEN, relative)
        page.wait_for_function(_PANEL, arg=relative)
        kernel = page.evaluate(_KERNEL_READY)
        assert kernel["status"] == "connected"
        panel = page.locator(f'[id="{kernel["panel"]}"]')

        # Start from nothing, so that what is counted below was drawn by this run.
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        cleared = page.evaluate(_CELLS_STATE)
        assert cleared["outputs"] == 0 and set(cleared["counts"]) <= {None}, cleared

        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        page.wait_for_function(_RUN_OVER, timeout=NOTEBOOK_RUN_S * 1000)
        state = page.evaluate(_CELLS_STATE)
        errors = panel.locator(_ERROR_OUTPUTS)
        assert errors.count() == 0, errors.all_inner_texts()
        # a fresh kernel ran every code cell once, top to bottom
        assert state["counts"] == list(range(1, stored["code_cells"] + 1)), state

        if stored["plotly"]:
            panel.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached")
        assert page.evaluate(_PLOTLY_CHARTS, kernel["panel"]) >= stored["plotly"]
        if stored["png"]:
            panel.locator(".jp-RenderedImage img").first.wait_for(state="attached")
        images = page.evaluate(_LOADED_IMAGES, [kernel["panel"], ".jp-RenderedImage img"])
        assert images >= stored["png"]

        # textContent, not innerText: cells scrolled out of view are not rendered
        shown = "\n".join(panel.locator(".jp-OutputArea").all_text_contents())
        missing = [text for text in expected_text if text not in shown]
        assert not missing, f"outputs of {path.name} do not show {missing}"
        assert not page.errors, page.errors
        assert not page.dialogs, page.dialogs
        _scroll_to_first_chart(panel)
        _screenshot(page, f"lab_{path.stem}")
    finally:
        page.evaluate(_CLOSE_ALL)
        lab.shutdown_sessions()
    assert path.read_bytes() == before, f"{path.name} was modified"


# --------------------------------------------------------------------------- reports


@pytest.fixture(scope="session")
def built_reports(browser, tmp_path_factory):
    """reports/ as ``make report`` writes it, built into a temporary folder (data/ untouched).

    Asks for ``browser`` first so that, without Chromium, nothing is built only to be skipped."""
    from relations_lib import report

    return report.build_reports(
        tmp_path_factory.mktemp("reports"), rebuild_data=False, log=lambda _line: None
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_report_renders_offline(built_reports, page_in, path):
    html_file = built_reports.out_dir / f"{path.stem}.html"
    assert html_file.exists(), f"no report for {path.name}"
    stored = stored_outputs(path)
    page = page_in(offline=True)
    page.goto(html_file.as_uri(), wait_until="load")
    if stored["plotly"]:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached")
    assert page.evaluate(_PLOTLY_CHARTS, None) >= stored["plotly"]
    assert page.evaluate(_LOADED_IMAGES, [None, ".jp-RenderedImage img"]) >= stored["png"]
    for text in EXPECTED_TEXT.get(path.stem, list)():
        assert text in page.locator("main").text_content()
    _scroll_to_first_chart(page)
    _screenshot(page, f"report_{path.stem}")
    assert not page.errors, page.errors
    assert not page.blocked, f"the report tried the network: {page.blocked}"


def test_report_index_links_everything(built_reports, page_in):
    page = page_in(offline=True)
    page.goto(built_reports.index.as_uri(), wait_until="load")
    hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.href)")
    targets = {Path(re.sub("^file://", "", h)).resolve() for h in hrefs}
    expected = {r.html.resolve() for r in built_reports.notebooks} | {
        f.png.resolve() for f in built_reports.figures
    }
    assert targets == expected
    assert all(t.exists() for t in targets)
    assert page.evaluate(_LOADED_IMAGES, [None, "img"]) == len(built_reports.figures)
    _screenshot(page, "report_index")
    assert not page.errors and not page.blocked


# --------------------------------------------------------------------------- escaping


_HOVER_LABEL = "(() => (document.querySelector('.hoverlayer') || {}).textContent || '')()"


def test_article_text_stays_text_on_a_chart(page_in, tmp_path):
    payloads = ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=2</script>"]
    events = rl.extract_events(rl.read_article(HOSTILE))
    hostile = events[events["sentence"].str.contains(payloads[0], regex=False)]
    assert len(hostile) == 1, "the hostile sentence yielded no event"
    assert payloads[1] in hostile["sentence"].iloc[0]
    out = tmp_path / "hostile.html"
    rl.plots.milestones_figure(events).write_html(out, include_plotlyjs=True, full_html=True)

    page = page_in(offline=True)
    page.goto(out.as_uri(), wait_until="load")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached")
    # hover each event until the label of the hostile one shows
    points = page.locator(".js-plotly-plot .scatterlayer .point")
    for i in range(points.count()):
        page.mouse.move(0, 0)  # away: the previous label goes
        page.wait_for_function(_HOVER_LABEL + ".length === 0")
        points.nth(i).hover(force=True)
        page.wait_for_function(_HOVER_LABEL + ".length > 0", timeout=5_000)
        label = page.evaluate(_HOVER_LABEL)
        if "__xss" in label:
            break
    else:
        pytest.fail("no hover label shows the hostile sentence")
    _screenshot(page, "hostile_hover")
    # the reader sees the sentence's characters as written (label lines wrap at spaces) …
    shown = re.sub(r"\s+", "", label)
    for payload in payloads:
        assert re.sub(r"\s+", "", payload) in shown, f"{payload!r} not shown as text: {label!r}"
    # … and none of it ran or became an element
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    assert not page.dialogs and not page.errors and not page.blocked
