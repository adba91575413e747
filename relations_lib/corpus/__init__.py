"""Many articles: ``local`` reads a folder of articles and maps the per-article extraction over
it (the ``"local"`` engine); ``dask_engine`` maps it with dask (the ``"dask"`` engine), gives
dask DataFrames and Parquet.

``dask_engine`` builds on ``local`` (its failures, corpora and per-article function), so
``local`` cannot import it; the ``"dask"`` engine is registered here instead, when the package
is imported (importing ``dask_engine`` does not import dask).
"""

from __future__ import annotations

from . import dask_engine, local

local.ENGINES["dask"] = dask_engine.run_dask
