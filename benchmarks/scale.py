"""The archive at scale: one core, every core, and a two-worker Dask cluster, over the same 10,000 pages.

Run: ``python benchmarks/scale.py`` (``--pages 2000`` for a quick look;
``--keep DIR`` to keep the archive).  Never a test: it takes minutes.  It
needs the ``dask`` extra.

The archive is ``benchmarks/export.py``'s: 100 symbols fetched again and
again, the score moving every third fetch.  Each job runs in a fresh
process, one after the other, and prints pages a second and peak memory:

* ``export``, one core: ``symboldoc.export(..., workers=1)`` to Parquet (the
  baseline of this run; its peak is the one process that does everything);
* ``load_many``, every core: reading alone (``transform=id``, nothing sent
  back), the facts sent back (``transform=symboldoc.fact_rows``), and whole
  documents sent back; the same three on one core, for the ratios;
* Dask on a ``LocalCluster`` of two worker processes (one thread each):
  ``read_facts`` with only each partition's row count sent back (the facts
  are made on the workers), and ``write_dataset`` into a new dataset; the
  peak is the largest worker's.

The last lines give what a 100-million-page estimate in
``docs/performance.md`` is made from: seconds of one core a page, facts and
Parquet bytes a written page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from export import make_archive, seed_text

#: Run in a fresh interpreter: one job, then its time and peaks (its own, its largest child's or worker's).
_CHILD = r"""
import json, resource, sys, time
import symboldoc

def peak_kib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

job, listing, out = sys.argv[1], sys.argv[2], sys.argv[3]
paths = open(listing, encoding="utf-8").read().split("\n")
done = {}
worker_peak = None
if job.startswith("dask"):
    import symboldoc.dask
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(lambda: None)  # workers up before the clock starts
        start = time.perf_counter()
        if job == "dask-facts":
            counts = symboldoc.dask.read_facts(paths).map_partitions(len).compute()
            done["facts"] = int(sum(counts))
        else:
            report = symboldoc.dask.write_dataset(paths, out)
            done.update(written=report.written, facts=report.facts, failed=len(report.failed))
        seconds = time.perf_counter() - start
        worker_peak = max(client.run(peak_kib).values())
else:
    start = time.perf_counter()
    if job == "export-1":
        report = symboldoc.export(paths, out, workers=1)
        done.update(written=report.written, facts=report.facts, failed=len(report.failed))
    else:
        kind, workers = job.rsplit("-", 1)
        transform = {"read": id, "facts": symboldoc.fact_rows, "whole": None}[kind]
        workers = None if workers == "all" else int(workers)
        loaded = symboldoc.load_many(paths, workers=workers, transform=transform)
        done["read"] = sum(1 for one in loaded if one.ok)
    seconds = time.perf_counter() - start
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, **done, "peak_self_kib": peak_kib(), "peak_worker_kib": worker_peak}))
"""

JOBS = (
    ("export-1", "export, 1 core (the baseline)"),
    ("read-1", "load_many, 1 core, reading alone"),
    ("read-all", "load_many, all cores, reading alone"),
    ("facts-1", "load_many, 1 core, facts sent back"),
    ("facts-all", "load_many, all cores, facts sent back"),
    ("whole-1", "load_many, 1 core, whole documents"),
    ("whole-all", "load_many, all cores, whole documents"),
    ("dask-facts", "Dask, 2 workers, read_facts"),
    ("dask-dataset", "Dask, 2 workers, write_dataset"),
)


def run(job: str, listing: Path, out: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, job, str(listing), str(out)], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="make the archive here, and keep it")
    args = parser.parse_args()
    text = seed_text()
    print(f"scale benchmark: {args.pages} pages, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        folder = base / f"archive-{args.pages}"
        folder.mkdir(parents=True, exist_ok=True)
        paths = make_archive(folder, args.pages, text)
        listing = folder / "paths.txt"
        listing.write_text("\n".join(paths), encoding="utf-8")
        results = {}
        print(f"  {'job':<40} {'pages/s':>8} {'x baseline':>10} {'peak MiB':>9} {'peak worker MiB':>16}")
        for job, label in JOBS:
            out = base / ("dataset-" + job if job.startswith("dask") else f"facts-{job}.parquet")
            started = time.perf_counter()
            results[job] = result = run(job, listing, out)
            rate = args.pages / result["seconds"]
            baseline = args.pages / results["export-1"]["seconds"]
            worker = result["peak_worker_kib"] / 1024 if result["peak_worker_kib"] else float("nan")
            print(
                f"  {label:<40} {rate:>8.0f} {rate / baseline:>10.2f} {result['peak_self_kib'] / 1024:>9.1f} "
                f"{worker:>16.1f}   ({time.perf_counter() - started:.0f} s with start-up)"
            )
        pairs = [("read", "reading alone"), ("facts", "facts sent back"), ("whole", "whole documents")]
        for kind, label in pairs:
            ratio = results[f"{kind}-1"]["seconds"] / results[f"{kind}-all"]["seconds"]
            print(f"  load_many all cores / 1 core, {label}: {ratio:.2f}x")
        exported = results["export-1"]
        written = exported["written"]
        size = sum(path.stat().st_size for path in (base / "dataset-dask-dataset").rglob("*.parquet"))
        print("for the estimate:")
        print(f"  one core: {exported['seconds'] / args.pages * 1000:.2f} ms a page exported (read, facts, written)")
        print(f"  written: {written:.0f} of {args.pages} pages, {exported['facts'] / written:.0f} facts a written page")
        print(f"  Parquet dataset: {size / 2**20:.1f} MiB, {size / written:.0f} bytes a written page")
        print(f"  Dask write_dataset: {results['dask-dataset']['written']:.0f} pages written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
