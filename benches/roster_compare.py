#!/usr/bin/env python3
"""`breachkit roster count` vs DuckDB vs polars on the same generated roster, CSV and Parquet,
in one run, each as a whole process; medians, ratios and peak RSS.

Workload (the same for all three): read the roster, normalise the key fields (family name,
given name, birth date), group by the normalised key, OR each person's exposed categories, and
count distinct people per State column value. Differences that the figures carry:

- breachkit also resolves residence (State names, abbreviations, ZIP prefixes, ISO codes),
  unions entities and groups, and counts per legal data class; DuckDB and polars only group by
  the raw State column — breachkit does strictly more work.
- DuckDB has no NFKC normalisation (only `nfc_normalize`), so full-width variants do not merge
  there and its person count is higher: the table shows each tool's count. polars has
  `str.normalize("NFKC")` and agrees with breachkit on the number of people. For the exactness
  check, DuckDB runs the query once more with NFKC as a Python UDF (untimed: row-by-row Python);
  its person count is the last column of the table.

The parse floor is the time to read the file and touch every column once (DuckDB and polars
`count` over all columns read as text), the least any of these tools can do.

    python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install duckdb polars pyarrow numpy   # numpy: DuckDB Python UDFs
    cargo build --release -p breachkit-cli
    /tmp/bench-venv/bin/python benches/roster_compare.py --rows 1000000 --runs 3
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "breachkit")
SALT = "benchmark salt, not a secret at all"

DUCK = r"""
import duckdb, sys
duckdb.sql('SET enable_progress_bar = false')
path = sys.argv[1]
src = f"read_csv('{path}', all_varchar=true, header=true)" if path.endswith('.csv') else f"read_parquet('{path}')"
norm = lambda c: f"regexp_replace(lower(trim(nfc_normalize(coalesce({c}, '')))), '\\s+', ' ', 'g')"
q = f'''
with p as (
  select {norm('family_name')} || chr(31) || {norm('given_name')} || chr(31) || {norm('birth_date')} as k,
         bool_or(coalesce(email, '') <> '') as email, bool_or(coalesce(phone, '') <> '') as phone,
         bool_or(coalesce(card_number, '') <> '') as card, min(coalesce(state, '')) as state
  from {src} group by k)
select state, count(*) from p group by state order by state'''
rows = duckdb.sql(q).fetchall()
print(sum(n for _, n in rows))
"""

# The same query with NFKC through a Python UDF: DuckDB's answer under breachkit's normalisation,
# for the exactness check only (row-by-row Python, so not timed against the others).
DUCK_NFKC = r"""
import duckdb, sys, unicodedata
from duckdb.sqltypes import VARCHAR
con = duckdb.connect()
con.sql('SET enable_progress_bar = false')
con.create_function('nfkc', lambda s: unicodedata.normalize('NFKC', s), [VARCHAR], VARCHAR, null_handling='special')
path = sys.argv[1]
src = f"read_csv('{path}', all_varchar=true, header=true)" if path.endswith('.csv') else f"read_parquet('{path}')"
norm = lambda c: f"regexp_replace(trim(lower(nfkc(coalesce({c}, '')))), '\\s+', ' ', 'g')"
q = f'''
select count(*) from (select {norm('family_name')} || chr(31) || {norm('given_name')} || chr(31) || {norm('birth_date')} as k
  from {src} group by k)'''
print(con.sql(q).fetchall()[0][0])
"""

DUCK_FLOOR = r"""
import duckdb, sys
duckdb.sql('SET enable_progress_bar = false')
path = sys.argv[1]
src = f"read_csv('{path}', all_varchar=true, header=true)" if path.endswith('.csv') else f"read_parquet('{path}')"
cols = "family_name, given_name, birth_date, email, phone, address, zip, state, country, prefecture, card_number, diagnosis, minor, deceased, company, system"
print(duckdb.sql(f"select count(*), " + ", ".join(f"max(length({c}))" for c in cols.split(", ")) + f" from {src}").fetchall()[0][0])
"""

POLARS = r"""
import polars as pl, sys
path = sys.argv[1]
lf = pl.scan_csv(path, infer_schema=False) if path.endswith('.csv') else pl.scan_parquet(path)
def norm(c):
    return pl.col(c).fill_null('').str.normalize('NFKC').str.to_lowercase().str.strip_chars().str.replace_all(r'\s+', ' ')
p = (lf.with_columns(k=pl.concat_str([norm('family_name'), norm('given_name'), norm('birth_date')], separator='\x1f'))
       .group_by('k').agg((pl.col('email').fill_null('') != '').any(), (pl.col('phone').fill_null('') != '').any(),
                          (pl.col('card_number').fill_null('') != '').any(), pl.col('state').fill_null('').min())
       .group_by('state').len().collect())
print(p['len'].sum())
"""

POLARS_FLOOR = r"""
import polars as pl, sys
path = sys.argv[1]
lf = pl.scan_csv(path, infer_schema=False) if path.endswith('.csv') else pl.scan_parquet(path)
print(lf.select(pl.all().str.len_bytes().max()).collect().width)
"""


def run_once(cmd, env=None):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t
    if status != 0:
        raise SystemExit(f"{cmd[:3]} failed with status {status}")
    return dt, ru.ru_maxrss * 1024, out.decode()


def timed(cmd, runs, env=None):
    times, rss, out = [], 0, ""
    for _ in range(runs):
        dt, r, out = run_once(cmd, env)
        times.append(dt)
        rss = max(rss, r)
    return statistics.median(times), rss, out


def ensure(rows, workdir):
    csv_path = os.path.join(workdir, f"roster-{rows}.csv")
    pq_path = os.path.join(workdir, f"roster-{rows}.parquet")
    mapping = os.path.join(workdir, "mapping.toml")
    if not os.path.exists(csv_path):
        subprocess.run([BIN, "roster", "generate", "--rows", str(rows), "--seed", "1", "--out", csv_path,
                        "--mapping-out", mapping], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(pq_path):
        import pyarrow as pa, pyarrow.csv as pacsv, pyarrow.parquet as pq
        reader = pacsv.open_csv(csv_path, convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in open(csv_path, encoding="utf-8").readline().strip().split(",")}))
        with pq.ParquetWriter(pq_path, reader.schema, compression="snappy") as w:
            for b in reader:
                w.write_batch(b)
    return csv_path, pq_path, mapping


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, action="append")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir", default="/tmp/breachkit-roster-bench")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    env = dict(os.environ, BREACHKIT_ROSTER_SALT=SALT)
    py = sys.executable
    results = []
    for rows in a.rows or [1_000_000]:
        csv_path, pq_path, mapping = ensure(rows, a.workdir)
        for path in (csv_path, pq_path):
            kind = "csv" if path.endswith(".csv") else "parquet"
            bk_t, bk_rss, bk_out = timed([BIN, "roster", "count", mapping, path], a.runs, env)
            bk_persons = json.loads(bk_out)["persons"]
            d_t, d_rss, d_out = timed([py, "-c", DUCK, path], a.runs)
            p_t, p_rss, p_out = timed([py, "-c", POLARS, path], a.runs)
            df_t, _, _ = timed([py, "-c", DUCK_FLOOR, path], a.runs)
            pf_t, _, _ = timed([py, "-c", POLARS_FLOOR, path], a.runs)
            floor = min(df_t, pf_t)
            _, _, dn_out = run_once([py, "-c", DUCK_NFKC, path])
            r = dict(rows=rows, format=kind, breachkit_s=bk_t, duckdb_s=d_t, polars_s=p_t,
                     floor_s=floor, breachkit_rss_mib=bk_rss / 2**20, duckdb_rss_mib=d_rss / 2**20,
                     polars_rss_mib=p_rss / 2**20, persons_breachkit=bk_persons,
                     persons_duckdb=int(d_out.split()[-1]), persons_polars=int(p_out.split()[-1]),
                     persons_duckdb_nfkc=int(dn_out.split()[-1]),
                     ratio_vs_duckdb=bk_t / d_t, ratio_vs_polars=bk_t / p_t, ratio_vs_floor=bk_t / floor)
            results.append(r)
            print(json.dumps(r), flush=True)
    print("\n| rows | format | breachkit s | DuckDB s | polars s | parse floor s | bk/DuckDB | bk/polars | bk/floor | bk RSS MiB | DuckDB RSS MiB | polars RSS MiB | people bk / DuckDB / polars | people DuckDB+NFKC UDF |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for r in results:
        print(f"| {r['rows']:,} | {r['format']} | {r['breachkit_s']:.2f} | {r['duckdb_s']:.2f} | {r['polars_s']:.2f} | "
              f"{r['floor_s']:.2f} | {r['ratio_vs_duckdb']:.2f} | {r['ratio_vs_polars']:.2f} | {r['ratio_vs_floor']:.2f} | "
              f"{r['breachkit_rss_mib']:.0f} | {r['duckdb_rss_mib']:.0f} | {r['polars_rss_mib']:.0f} | "
              f"{r['persons_breachkit']:,} / {r['persons_duckdb']:,} / {r['persons_polars']:,} | {r['persons_duckdb_nfkc']:,} |")


if __name__ == "__main__":
    main()
