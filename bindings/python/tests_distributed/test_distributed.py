"""The PySpark and Dask examples on a generated roster: counts equal the single-process result
exactly. Run by `cargo xtask test` (step "roster: PySpark and Dask examples")."""

from __future__ import annotations

import io
import os
import pathlib
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from breachkit import roster

EXAMPLES = str(pathlib.Path(__file__).resolve().parents[1] / "examples")
sys.path.insert(0, EXAMPLES)
# Spark's Python workers must run this interpreter (the venv with breachkit) and see the examples.
os.environ["PYSPARK_PYTHON"] = sys.executable
os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [EXAMPLES, os.environ.get("PYTHONPATH", "")] if p)

SALT = b"distributed test salt, 16+ bytes"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    text, truth, mapping = roster.generate(17, 8000)
    path = tmp_path_factory.mktemp("roster") / "roster.csv"
    path.write_text(text, encoding="utf-8")
    header = text.split("\n", 1)[0].split(",")
    opts = pacsv.ConvertOptions(column_types={c: pa.string() for c in header})
    t = pacsv.read_csv(io.BytesIO(text.encode()), convert_options=opts)
    single = roster.count(t, mapping, SALT)
    assert single["persons"] == truth["persons"]
    return path, mapping, single


def test_pyspark_matches_single_process(generated: tuple) -> None:
    from pyspark.sql import SparkSession
    from roster_spark import spark_count

    path, mapping, single = generated
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("breachkit-roster-test")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        frame = spark.read.option("header", True).csv(str(path)).repartition(3)
        assert spark_count(frame, mapping, SALT, n=4) == single
    finally:
        spark.stop()


def test_dask_matches_single_process(generated: tuple) -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster
    from roster_dask import dask_count

    path, mapping, single = generated
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        frame = dd.read_csv(str(path), dtype=str, keep_default_na=False, blocksize=200_000)
        assert frame.npartitions > 1
        assert dask_count(frame, mapping, SALT, n=4) == single
