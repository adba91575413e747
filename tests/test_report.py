"""relations_lib.report: running notebooks, offline HTML, PNG figures, the index, failures.

Notebooks here are small ones written into tmp_path; the real notebooks' reports are opened in a
browser by tests/test_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import relations_lib as rl
from relations_lib import report
from relations_lib.errors import RelationsLibError

REPO = Path(__file__).resolve().parent.parent


def write_notebook(folder: Path, name: str, *cells) -> Path:
    """A notebook of markdown (``"# …"`` strings starting with #) and code cells."""
    nb = new_notebook(
        cells=[new_markdown_cell(c) if c.startswith("#") else new_code_cell(c) for c in cells],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def small_figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.plot([1988, 1990, 2012], [1, 2, 3], marker="o")
    ax.set_title("a test figure")
    return fig


# --------------------------------------------------------------------------- pure helpers


def test_caption_is_first_markdown_heading_as_plain_text():
    nb = new_notebook(
        cells=[
            new_code_cell("# a comment, not a heading"),
            new_markdown_cell("Intro text without heading."),
            new_markdown_cell("Some text\n\n## 01 · *Diplomatic* `milestones` ##\n# later"),
        ]
    )
    assert report.notebook_caption(nb) == "01 · Diplomatic milestones"


def test_caption_default_without_heading():
    nb = new_notebook(cells=[new_markdown_cell("no heading here"), new_code_cell("1")])
    assert report.notebook_caption(nb, default="fallback") == "fallback"


@pytest.mark.parametrize(
    ("page", "found"),
    [
        (
            '<script src="https://cdn.example.org/x.js"></script>',
            ["<script> https://cdn.example.org/x.js"],
        ),
        ("<script src=//cdn.example.org/x.js></script>", ["<script> //cdn.example.org/x.js"]),
        (
            '<link rel="stylesheet" href="http://example.org/a.css">',
            ["<link> http://example.org/a.css"],
        ),
        ('<img src="https://example.org/p.png">', ["<img> https://example.org/p.png"]),
        (
            '<script type="module">const m = await import("https://x.org/m.mjs")</script>',
            ["<script type=module> import from the network"],
        ),
        (
            "<style>@font-face { src: url('https://f.org/a.woff') }</style>",
            ["<style> https://f.org/a.woff"],
        ),
        # what does not load anything from the network
        ('<a href="https://example.org">a link to click</a>', []),
        ('<img src="data:image/png;base64,AAAA"><script src="plotly.min.js"></script>', []),
        ('<script>var s = "<script src=https://x.org/y.js>";</script>', []),
        ("<p>see https://example.org/x.js</p>", []),
    ],
)
def test_remote_references(page, found):
    assert report.remote_references(page) == found


def test_strip_remote_scripts_keeps_inline_scripts():
    nb = new_notebook(cells=[new_code_cell("fig")])
    html = (
        '<div> <script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/3.2.2/es5/tex-svg.min.js">'
        "</script><script>window.PlotlyConfig = {};</script> <div id=plot></div></div>"
    )
    nb.cells[0].outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "Figure"})
    ]
    assert report.strip_remote_scripts(nb) == 1
    out = nb.cells[0].outputs[0].data["text/html"]
    assert "mathjax" not in out
    assert "<script>window.PlotlyConfig = {};</script>" in out and "<div id=plot>" in out
    assert report.strip_remote_scripts(nb) == 0


def test_notebook_execution_error_message_names_notebook_cell_source_and_error(tmp_path):
    source = "\n".join(f"line_{i} = {i}" for i in range(15)) + "\nevents['year']"
    exc = report.NotebookExecutionError(
        tmp_path / "01_x.ipynb", 4, source, "KeyError", "'year'", "Traceback …\nKeyError: 'year'"
    )
    text = str(exc)
    first = text.splitlines()[0]
    assert first.endswith("01_x.ipynb: cell 4 failed: KeyError: 'year'")
    assert "    | line_0 = 0" in text and "    | line_11 = 11" in text
    assert "line_12" not in text and "(4 more lines)" in text
    assert text.rstrip().endswith("KeyError: 'year'")
    assert isinstance(exc, RelationsLibError)


# --------------------------------------------------------------------------- figures


def png_size(payload: bytes) -> tuple[int, int]:
    assert payload[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", payload[16:24])


def test_figures_are_byte_stable_pngs_at_fixed_dpi(tmp_path):
    figures = {"timeline": ("A timeline", small_figure)}
    first = report.write_figures(tmp_path / "a", figures, dpi=100, log=lambda _: None)
    second = report.write_figures(tmp_path / "b", figures, dpi=100, log=lambda _: None)
    a, b = first[0].png.read_bytes(), second[0].png.read_bytes()
    assert first[0].png.name == "timeline.png" and first[0].caption == "A timeline"
    assert a == b
    assert b"Software" not in a and b"matplotlib" not in a.lower()
    assert png_size(a) == (400, 300)  # 4 × 3 inches at 100 dpi


def test_figures_reject_what_is_not_a_figure(tmp_path):
    with pytest.raises(report.ReportError, match=r"'axes_only'.*Axes"):
        report.write_figures(
            tmp_path, {"axes_only": ("x", lambda: small_figure().axes[0])}, log=lambda _: None
        )
    with pytest.raises(report.ReportError, match="file name"):
        report.write_figures(tmp_path, {"../up": ("x", small_figure)}, log=lambda _: None)


def test_index_escapes_captions_and_links_relatively(tmp_path):
    nb = report.NotebookReport(
        Path("notebooks/01_a.ipynb"), tmp_path / "01_a.html", "Votes <script>x()</script>", 1.0
    )
    fig = report.FigureReport(
        "votes", 'Tally "67/19" & <b>', tmp_path / "figures" / "votes.png", 0.1
    )
    page = report.index_html([nb], [fig], out_dir=tmp_path)
    assert '<a href="01_a.html">01_a</a> — Votes &lt;script&gt;x()&lt;/script&gt;' in page
    assert '<img src="figures/votes.png" alt="Tally &quot;67/19&quot; &amp; &lt;b&gt;"' in page
    assert "<script" not in page
    assert report.remote_references(page) == []


# --------------------------------------------------------------------------- running notebooks


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """A small notebook with a plotly chart and a matplotlib figure, run once by the report."""
    folder = tmp_path_factory.mktemp("nb")
    path = write_notebook(
        folder,
        "01_demo",
        "# 01 · Demo: a chart and a figure",
        "import os, sys\nos.environ['PLOTLY_RENDERER'], os.getcwd(), sys.executable",
        "import plotly.graph_objects as go\n"
        "go.Figure(go.Scatter(x=[1988, 2012], y=[1, 2], text=['<b>a</b>', 'b']))",
        "%matplotlib inline\nimport matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\nax.plot([1, 2]);",
    )
    before = path.read_bytes()
    nb = report.execute_notebook(path, timeout=120)
    return path, before, nb


def test_execute_notebook_runs_a_copy_in_this_environment(executed):
    path, before, nb = executed
    assert path.read_bytes() == before  # the stored notebook is not written
    renderer, cwd, executable = eval(nb.cells[1].outputs[0].data["text/plain"])
    assert renderer == report.PLOTLY_RENDERER
    assert Path(cwd) == path.parent
    assert Path(executable) == Path(sys.executable)
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, 3]


def test_notebook_html_is_self_contained_and_embeds_plotly(executed):
    path, _, nb = executed
    page = report.notebook_html(nb, name=path.stem)
    assert report.remote_references(page) == []
    assert "Plotly.newPlot" in page and "plotly.js v" in page  # the chart and the library
    assert 'src="data:image/png;base64,' in page  # the matplotlib figure, inline
    assert "<title>01_demo</title>" in page
    # the chart's text is JSON data in the page, not markup
    assert '"text":["\\u003cb\\u003ea\\u003c\\u002fb\\u003e","b"]' in page
    assert "<b>a</b>" not in page


def test_failing_notebook_stops_with_cell_source_and_error(tmp_path, capsys):
    path = write_notebook(
        tmp_path,
        "02_broken",
        "# Broken",
        "x = 1",
        "row = {'a': 1}  # a column that does not exist:\nrow['year']",
        "never = 'reached'",
    )
    before = path.read_bytes()
    out_dir = tmp_path / "reports"
    status = report.main([str(path), "--no-data", "--out", str(out_dir)])
    err = capsys.readouterr().err
    assert status == 1
    assert "02_broken.ipynb: cell 3 failed: KeyError: 'year'" in err
    assert "    | row = {'a': 1}  # a column that does not exist:\n    | row['year']" in err
    assert "----> 2 row['year']" in err  # the traceback, pointing at the line
    assert "\x1b[" not in err  # no terminal colour codes
    assert path.read_bytes() == before
    assert not (out_dir / "index.html").exists()


def test_timeout_names_the_running_cell(tmp_path):
    path = write_notebook(tmp_path, "slow", "x = 1", "import time\ntime.sleep(60)")
    with pytest.raises(report.NotebookExecutionError) as info:
        report.execute_notebook(path, timeout=1)
    assert info.value.cell_number == 2
    assert info.value.ename == "CellTimeoutError"
    assert "time.sleep(60)" in str(info.value)


def test_build_reports_writes_index_and_removes_stale_pages(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    first = write_notebook(folder, "01_demo", "# 01 · Demo: *one* number", "6 * 7")
    second = write_notebook(folder, "00_intro", "1 + 1")  # no heading
    out = tmp_path / "reports"
    out.mkdir()
    (out / "notes.txt").write_text("a file the report did not write")
    lines: list[str] = []
    figures = {"timeline": ("A timeline", small_figure)}

    built = report.build_reports(
        out,
        rebuild_data=False,
        notebooks=[first, second],
        figures=figures,
        jobs=2,  # both kernels at once; the result keeps the order given
        log=lines.append,
    )
    assert built.index == out / "index.html"
    assert [r.html.name for r in built.notebooks] == ["01_demo.html", "00_intro.html"]
    assert [r.caption for r in built.notebooks] == ["01 · Demo: one number", "00 intro"]
    assert "42" in (out / "01_demo.html").read_text(encoding="utf-8")
    assert (out / "figures" / "timeline.png").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="01_demo.html">01_demo</a> — 01 · Demo: one number' in index
    assert '<a href="figures/timeline.png">timeline</a> — A timeline' in index
    # one progress line per step, with its time
    assert sorted(line.split()[1] for line in lines) == [
        "00_intro.ipynb",
        "01_demo.ipynb",
        "figures/timeline.png",
    ]
    assert all(re.fullmatch(r"\[report\] \S+ +\d+\.\d s", line) for line in lines), lines

    # a notebook is renamed, one removed: their old pages go, files the report never wrote stay
    renamed = first.rename(folder / "01_renamed.ipynb")
    report.build_reports(out, rebuild_data=False, notebooks=[renamed], figures={}, log=lines.append)
    assert sorted(p.name for p in out.iterdir()) == [
        ".manifest.json",
        "01_renamed.html",
        "figures",
        "index.html",
        "notes.txt",
    ]
    assert not (out / "figures" / "timeline.png").exists()
    assert json.loads((out / report.MANIFEST).read_text()) == ["01_renamed.html", "index.html"]


def test_build_output_is_ignored_by_git():
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    paths = ["reports/index.html", "reports/figures/x.png", "test-artifacts/lab_x.png"]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths], cwd=REPO, capture_output=True, text=True
    )
    assert result.stdout.split() == paths


# --------------------------------------------------------------------------- any article
def _parameterised_notebook(folder: Path, tagged: bool = True) -> Path:
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 09 · Parameters"),
            new_code_cell("ARTICLE = None", metadata={"tags": ["parameters"] if tagged else []}),
            new_code_cell("repr(ARTICLE)"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    path = folder / "09_parameters.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_article_is_injected_after_the_parameters_cell(tmp_path):
    path = _parameterised_notebook(tmp_path)
    nb = report.execute_notebook(path, timeout=120, parameters={"ARTICLE": "/x/y_z_relations.txt"})
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags[1] == ["parameters"] and tags[2] == ["injected-parameters"]
    assert 'ARTICLE = "/x/y_z_relations.txt"' in nb.cells[2].source
    assert nb.cells[3].outputs[0].data["text/plain"] == "\"'/x/y_z_relations.txt'\""
    plain = report.execute_notebook(path, timeout=120)  # the default: nothing injected
    assert len(plain.cells) == 3
    assert plain.cells[2].outputs[0].data["text/plain"] == "'None'"


def test_a_notebook_without_a_parameters_cell_cannot_take_an_article(tmp_path):
    path = _parameterised_notebook(tmp_path, tagged=False)
    with pytest.raises(report.ReportError, match="no cell tagged 'parameters'"):
        report.execute_notebook(path, timeout=120, parameters={"ARTICLE": "x.txt"})


def test_every_stored_notebook_names_its_article_in_a_parameters_cell():
    for path in report.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(cells) == 1, path.name
        assert cells[0].source.strip() == "ARTICLE = None  # a path to an article; None: the seed"


def test_report_for_another_article_goes_to_its_own_folder(tmp_path, monkeypatch):
    calls = {}

    def fake_build(out, **kwargs):
        calls.update(out=out, **kwargs)
        return report.Reports(tmp_path, tmp_path / "index.html", (), ())

    monkeypatch.setattr(report, "build_reports", fake_build)
    article = REPO / "tests/fixtures/real/articles/cuba_soviet_union_relations.txt"
    assert report.main(["--article", str(article), "--no-data"]) == 0
    assert calls["out"].name == "cuba_soviet_union_relations"
    assert calls["article"] == article
    assert report.main(["--article", str(tmp_path / "missing.txt"), "--no-data"]) == 2


# --- every notebook runs for other real articles, not only the seed ---------------------------
OTHER_ARTICLES = ("cuba_soviet_union_relations", "ireland_palestine_relations")


@pytest.mark.parametrize("slug", OTHER_ARTICLES)
@pytest.mark.parametrize("notebook", [p.name for p in report.notebook_paths()])
def test_every_notebook_runs_top_to_bottom_for_another_real_article(notebook, slug):
    """The notebooks are general: with the article injected into the parameters cell (as
    ``make report ARTICLE=...`` does) each runs without an error or a warning on stderr, and
    what it shows is the injected pair's, not the seed's."""
    article = REPO / "tests" / "fixtures" / "real" / "articles" / f"{slug}.txt"
    path = next(p for p in report.notebook_paths() if p.name == notebook)
    nb = report.execute_notebook(path, timeout=300, parameters={"ARTICLE": str(article)})
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    shown = " ".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs
    )
    names = [c.name.casefold() for c in rl.read_article(article).countries]
    assert any(name in shown.casefold() for name in names), notebook  # the pair's, shown
    assert "Albania–Palestine relations" not in shown, notebook
