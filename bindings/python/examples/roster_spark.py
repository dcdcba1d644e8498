"""Count an affected-people roster on Spark, exactly.

1. Each row gets its partition by person-key hash (``breachkit.roster.partitions``), computed
   with ``mapInArrow`` so the rows cross into Rust as Arrow batches.
2. ``repartition(n, "_bk_part")``: all rows of one person now sit in one Spark partition, so
   deduplication stays partition-local.
3. Each partition is counted by ``count_partial`` over a streaming ``RecordBatchReader`` (bounded
   memory), yielding one JSON row; the driver merges the partials with ``merge``.

The merge is exact because of step 2: without it, a person with rows in two partitions would be
counted twice.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Union

import pyarrow as pa

from breachkit import roster

PART = "_bk_part"


def spark_count(df: Any, mapping: str, salt: Union[str, bytes], n: int = 4) -> Dict[str, Any]:
    """Counts a Spark DataFrame of roster rows (all columns strings) with ``n`` partitions."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    keyed_schema = StructType(df.schema.fields + [StructField(PART, LongType(), False)])

    def add_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in batches:
            parts = roster.partitions(b, mapping, salt, n)
            yield b.append_column(PART, pa.array(parts, pa.int64()))

    def count_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        first = next(batches, None)
        if first is None:
            return
        rows = first.drop_columns([PART])

        def rest() -> Iterator[pa.RecordBatch]:
            yield rows
            for b in batches:
                yield b.drop_columns([PART])

        reader = pa.RecordBatchReader.from_batches(rows.schema, rest())
        yield pa.RecordBatch.from_pydict({"counts": [roster.count_partial(reader, mapping, salt)]})

    partials = (
        df.mapInArrow(add_partition, keyed_schema)
        .repartition(n, PART)
        .mapInArrow(count_partition, StructType([StructField("counts", StringType(), False)]))
        .collect()
    )
    return roster.merge(r["counts"] for r in partials)


if __name__ == "__main__":  # python roster_spark.py ROSTER.csv MAPPING.toml  (salt from env)
    import os
    import sys

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").appName("breachkit-roster").getOrCreate()
    frame = spark.read.option("header", True).csv(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        print(spark_count(frame, f.read(), os.environ["BREACHKIT_ROSTER_SALT"]))
