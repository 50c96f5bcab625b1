"""``symboldoc export`` at scale: pages a second and peak memory at 1k, 10k and 100k pages.

Run: ``python benchmarks/export.py`` (``--sizes 1000 10000`` for fewer;
``--keep DIR`` to keep the archive made).  Never a test: it takes minutes.

An archive is made from the seed page (``../shared/corpus/seed/KC.US.md``
when it is beside the checkout, else the bundled example): 100 symbols,
fetched again and again, every fetch with its own ``datetime``, the score
moving every third fetch (so two fetches in three repeat the one before and
are left out).  For each size it runs, each in a fresh process:

* ``export`` to Parquet on every core, as the command does;
* the baseline, in the same run: ``load_many`` reading the same pages on the
  same cores and sending back nothing (what reading alone costs);

and prints pages a second for both, their ratio, and the peak resident
memory of the exporting process and of its largest worker.  Bounded memory
shows as peaks that stay flat from 1k to 100k pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

HERE = Path(__file__).parent
SEED = HERE.parent.parent / "shared" / "corpus" / "seed" / "KC.US.md"
SYMBOLS = 100

#: Run in a fresh interpreter: one job, then its time and its peaks (its own, and its largest child's).
_CHILD = r"""
import json, resource, sys, time
import symboldoc
job, listing, out = sys.argv[1], sys.argv[2], sys.argv[3]
paths = open(listing, encoding="utf-8").read().split("\n")
start = time.perf_counter()
if job == "export":
    report = symboldoc.export(paths, out)
    done = {"written": report.written, "duplicates": report.duplicates, "facts": report.facts,
            "failed": len(report.failed)}
else:
    done = {"read": sum(1 for loaded in symboldoc.load_many(paths, transform=id) if loaded.ok)}
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, **done,
                  "peak_self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "peak_worker_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def seed_text() -> str:
    if SEED.is_file():
        return SEED.read_bytes().decode("utf-8")
    return (resources.files("symboldoc") / "data" / "example.md").read_bytes().decode("utf-8")


def make_archive(folder: Path, pages: int, text: str) -> list[str]:
    """``pages`` fetches of :data:`SYMBOLS` symbols, one file each, in a directory per symbol."""
    import symboldoc

    doc = symboldoc.loads(text)
    symbol = str(doc.symbol)
    assert doc.front_matter is not None
    assert doc.score is not None
    stamp = symboldoc.to_dict(doc)["front_matter"]["datetime"]
    assert doc.score.value is not None
    overall = f"({doc.score.value.text})"
    assert text.count(stamp) == 1, "the seed's datetime is written once"
    assert text.count(overall) == 1, "the seed's overall score is written once"
    paths = []
    for index in range(pages):
        code = f"S{index % SYMBOLS:03d}"
        fetch = index // SYMBOLS
        when = f"2026-{1 + fetch // 700 % 12:02d}-{1 + fetch // 24 % 28:02d}T{fetch % 24:02d}:00:00.000Z"
        page = text.replace(symbol, f"{code}.US").replace(stamp, when)
        page = page.replace(overall, f"(0.{fetch // 3 % 100:02d})")  # a new score every third fetch
        directory = folder / code
        directory.mkdir(exist_ok=True)
        path = directory / f"{fetch:06d}.md"
        path.write_text(page, encoding="utf-8", newline="")
        paths.append(str(path))
    return paths


def run(job: str, listing: Path, out: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, job, str(listing), str(out)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="make the archive here, and keep it")
    args = parser.parse_args()
    text = seed_text()
    python = sys.version.split()[0]
    print(f"export benchmark: {os.cpu_count()} cores, Python {python}, {len(text.encode())} bytes a page")
    print(f"{'pages':>8} {'export p/s':>11} {'read p/s':>9} {'ratio':>6} {'written':>8} {'facts':>10} "
          f"{'peak main MiB':>14} {'peak worker MiB':>16}")  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        for size in args.sizes:
            folder = base / f"archive-{size}"
            folder.mkdir(parents=True, exist_ok=True)
            made = time.perf_counter()
            paths = make_archive(folder, size, text)
            made = time.perf_counter() - made
            listing = folder / "paths.txt"
            listing.write_text("\n".join(paths), encoding="utf-8")
            read = run("read", listing, folder / "unused")
            exported = run("export", listing, base / f"facts-{size}.parquet")
            assert exported["failed"] == 0
            assert read["read"] == size
            parquet = (base / f"facts-{size}.parquet").stat().st_size / 2**10
            export_rate, read_rate = size / exported["seconds"], size / read["seconds"]
            print(
                f"{size:>8} {export_rate:>11.0f} {read_rate:>9.0f} {export_rate / read_rate:>6.2f} "
                f"{exported['written']:>8.0f} {exported['facts']:>10.0f} "
                f"{exported['peak_self_kib'] / 1024:>14.1f} {exported['peak_worker_kib'] / 1024:>16.1f}"
                f"   (archive made in {made:.0f} s; Parquet {parquet:.0f} KiB)"
            )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
