"""Exact head counts from an affected-people roster held as Arrow data.

``count(data, mapping, salt)`` takes a pyarrow ``Table``, ``RecordBatch``, ``RecordBatchReader``
or a list of record batches, a pandas or polars ``DataFrame`` — anything that speaks the Arrow C
stream interface (``__arrow_c_stream__``) — and a roster mapping (TOML text or a path). The rows
cross into Rust without a copy; the counting is breachkit-roster's.

For Spark or Dask: compute each row's partition with ``partitions(...)``, repartition on it so
that all rows of one person meet in one partition, call ``count_partial`` per partition, and
``merge`` the partials. The merge is exact only under that partitioning (a person split across
partitions would be counted twice); see ``docs/guide/roster.md``.

The salt keys the person hash. It is an input, never stored in any output: keep it secret.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Tuple, Union

from . import _native

__all__ = ["count", "count_partial", "generate", "merge", "partitions"]

Mapping_ = Union[str, "os.PathLike[str]"]


def _mapping_text(mapping: Mapping_) -> str:
    if isinstance(mapping, os.PathLike) or (isinstance(mapping, str) and "\n" not in mapping and mapping.endswith(".toml")):
        with open(mapping, encoding="utf-8") as f:
            return f.read()
    return str(mapping)


def _salt(salt: Union[str, bytes]) -> bytes:
    return salt.encode("utf-8") if isinstance(salt, str) else bytes(salt)


def _stream(data: Any) -> Any:
    """Something with ``__arrow_c_stream__``: the object itself, or a pyarrow table made of it."""
    if hasattr(data, "__arrow_c_stream__"):
        return data
    import pyarrow as pa  # type: ignore[import-untyped]  # only for inputs without the stream protocol

    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if isinstance(data, (list, tuple)):
        return pa.Table.from_batches(list(data))
    if hasattr(data, "to_arrow"):  # older polars
        return data.to_arrow()
    try:
        import pandas as pd  # type: ignore[import-untyped]

        if isinstance(data, pd.DataFrame):
            return pa.Table.from_pandas(data, preserve_index=False)
    except ImportError:
        pass
    raise TypeError("expected Arrow data: a pyarrow table or batches, or a pandas or polars DataFrame")


def count_partial(data: Any, mapping: Mapping_, salt: Union[str, bytes], max_bad_rows: int = 0) -> str:
    """Counts one table or partition; returns the counts as JSON text, ready for ``merge``."""
    return _native.roster_count(_stream(data), _mapping_text(mapping), _salt(salt), max_bad_rows)


def count(data: Any, mapping: Mapping_, salt: Union[str, bytes], max_bad_rows: int = 0) -> Dict[str, Any]:
    """Counts distinct people per entity, group, jurisdiction and legal data class.

    Returns the counts as a dict (the JSON of ``breachkit roster count``). Raises
    ``breachkit.RosterError`` for a bad mapping, a missing column, a weak salt or more malformed
    rows than ``max_bad_rows``; its message and ``problems()`` never hold a roster value.
    """
    result: Dict[str, Any] = json.loads(count_partial(data, mapping, salt, max_bad_rows))
    return result


def partitions(data: Any, mapping: Mapping_, salt: Union[str, bytes], n: int) -> List[int]:
    """Each row's partition (0..n-1) by person-key hash; -1 for a row without a key."""
    return _native.roster_partitions(_stream(data), _mapping_text(mapping), _salt(salt), n)


def merge(partials: Iterable[Union[str, Dict[str, Any]]]) -> Dict[str, Any]:
    """Adds the counts of partitions that share no person (see the module docs)."""
    texts = [p if isinstance(p, str) else json.dumps(p) for p in partials]
    result: Dict[str, Any] = json.loads(_native.roster_merge(texts))
    return result


def generate(seed: int, rows: int) -> Tuple[str, Dict[str, Any], str]:
    """A synthetic roster (CSV text; never real data), the truth it was built from (rows,
    persons, entities, jurisdictions) and the mapping (TOML) that reads it. Same seed, same text.
    """
    text, truth, mapping = _native.roster_generate(seed, rows)
    return text, json.loads(truth), mapping
