"""Count an affected-people roster on Dask, exactly.

Like the Spark example: each row's partition by person-key hash (``map_partitions`` over
pandas partitions, which cross into Rust as Arrow), a shuffle on it so that all rows of one
person meet in one partition, one ``count_partial`` per partition, and a ``merge`` of the
partials — exact because of the shuffle.
"""

from __future__ import annotations

from typing import Any, Dict, Union

import pandas as pd

from breachkit import roster

PART = "_bk_part"


def dask_count(ddf: Any, mapping: str, salt: Union[str, bytes], n: int = 4) -> Dict[str, Any]:
    """Counts a Dask DataFrame of roster rows (all columns strings) with ``n`` partitions."""

    def add_partition(pdf: pd.DataFrame) -> pd.DataFrame:
        return pdf.assign(**{PART: roster.partitions(pdf, mapping, salt, n)})

    def count_partition(pdf: pd.DataFrame) -> pd.DataFrame:
        if len(pdf) == 0:
            return pd.DataFrame({"counts": pd.Series([], dtype=object)})
        return pd.DataFrame({"counts": [roster.count_partial(pdf.drop(columns=[PART]), mapping, salt)]})

    meta = ddf._meta.assign(**{PART: pd.Series([], dtype="int64")})
    keyed = ddf.map_partitions(add_partition, meta=meta)
    shuffled = keyed.shuffle(on=PART, npartitions=n)
    partials = shuffled.map_partitions(
        count_partition, meta=pd.DataFrame({"counts": pd.Series([], dtype=object)})
    ).compute()
    return roster.merge(list(partials["counts"]))


if __name__ == "__main__":  # python roster_dask.py ROSTER.csv MAPPING.toml  (salt from env)
    import os
    import sys

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        frame = dd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, blocksize="16MB")
        with open(sys.argv[2], encoding="utf-8") as f:
            print(dask_count(frame, f.read(), os.environ["BREACHKIT_ROSTER_SALT"]))
