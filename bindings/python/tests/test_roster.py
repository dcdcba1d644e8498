"""breachkit.roster over pyarrow, pandas and polars: the same counts as the truth and as each
other, exact merges under key-hash partitioning, and errors that never hold a roster value."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import breachkit
from breachkit import roster

SALT = b"python test salt, 16 bytes or more"


def _table(text: str) -> pa.Table:
    # Every column as text, as a roster export would be (ZIP codes keep their leading zeros).
    header = text.split("\n", 1)[0].split(",")
    opts = pacsv.ConvertOptions(column_types={c: pa.string() for c in header})
    return pacsv.read_csv(io.BytesIO(text.encode()), convert_options=opts)


@pytest.fixture(scope="module")
def generated() -> tuple:
    text, truth, mapping = roster.generate(3, 5000)
    return _table(text), truth, mapping


def test_pyarrow_counts_equal_the_truth(generated: tuple) -> None:
    table, truth, mapping = generated
    c = roster.count(table, mapping, SALT)
    assert c["rows"] == truth["rows"]
    assert c["persons"] == truth["persons"]
    assert c["entities"] == truth["entities"]
    assert c["jurisdictions"] == truth["jurisdictions"]


def test_every_input_kind_counts_the_same(generated: tuple) -> None:
    table, _, mapping = generated
    want = roster.count(table, mapping, SALT)
    assert roster.count(table.to_batches(max_chunksize=777), mapping, SALT) == want
    assert roster.count(table.to_reader(max_chunksize=1000), mapping, SALT) == want
    assert roster.count(table.to_pandas(), mapping, SALT) == want
    import polars

    assert roster.count(polars.from_arrow(table), mapping, SALT) == want
    small = table.slice(0, 1)
    assert roster.count(small.to_batches()[0], mapping, SALT)["persons"] == 1


def test_key_hash_partitions_merge_exactly(generated: tuple) -> None:
    table, _, mapping = generated
    want = roster.count(table, mapping, SALT)
    parts = roster.partitions(table, mapping, SALT, 4)
    assert len(parts) == table.num_rows and set(parts) <= {0, 1, 2, 3}
    import pyarrow.compute as pc

    arr = pa.array(parts)
    partials = [roster.count_partial(table.filter(pc.equal(arr, i)), mapping, SALT) for i in range(4)]
    assert roster.merge(partials) == want
    # A split that ignores the key overcounts: why partitioning by key hash matters.
    halves = [table.take(list(range(i, table.num_rows, 2))) for i in (0, 1)]
    naive = roster.merge(roster.count_partial(h, mapping, SALT) for h in halves)
    assert naive["persons"] > want["persons"]


def test_errors_name_paths_and_rows_never_values(generated: tuple) -> None:
    table, _, mapping = generated
    with pytest.raises(breachkit.RosterError) as e:
        roster.count(table, mapping.replace('category = "email_address"', 'category = "CANARY_cat"'), SALT)
    assert "CANARY" not in str(e.value) and e.value.problems()[0]["path"].startswith("/category/")
    with pytest.raises(breachkit.RosterError):
        roster.count(table, mapping, b"short")
    bad = table.set_column(table.schema.get_field_index("state"), "state", pa.array(["CANARY State"] * table.num_rows))
    with pytest.raises(breachkit.RosterError) as e:
        roster.count(bad, mapping, SALT, max_bad_rows=2)
    assert "CANARY" not in str(e.value)
    assert all("CANARY" not in str(p) for p in e.value.problems())
    assert e.value.problems()[0]["column"] == "state"
    with pytest.raises(breachkit.RosterError) as e:
        roster.count(table.drop_columns(["birth_date"]), mapping, SALT)
    assert "birth_date" in str(e.value)
