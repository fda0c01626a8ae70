"""Pages per second from Python over a folder of HTML pages: deboiler with
one thread and with two, against Trafilatura's ``extract`` in the same
process, and lxml's parse as the floor that Trafilatura stands on.

    pip install ./python trafilatura==2.3.1 lxml_html_clean
    python python/bench/throughput.py ../shared/data/wcxb-dev/html

Every page is read into memory first, as ``str``, so that only cleaning is
timed. Both extractors get the same strings. Timing on a shared machine is
noisy: ``--rounds 3`` runs each measurement three times and reports the
median.
"""

import argparse
import gzip
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import deboiler


def read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def timed(label, run, pages, rounds):
    """The median pages per second of `rounds` runs over all `pages`."""
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        run(pages)
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    rate = len(pages) / median
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    print(f"{label:<34} {median:8.2f} s {rate:8.1f} pages/s   (runs: {runs} s)", flush=True)
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder of .html or .html.gz files")
    parser.add_argument("--threads", type=int, default=2, help="threads of the parallel deboiler run (default 2)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each measurement; the median counts (default 1)")
    parser.add_argument("--skip-trafilatura", action="store_true")
    args = parser.parse_args()

    paths = sorted(path for path in args.folder.iterdir() if path.name.endswith((".html", ".html.gz")))
    pages = [read(path).decode("utf-8", "replace") for path in paths]
    if not pages:
        sys.exit(f"no .html or .html.gz files in {args.folder}")
    megabytes = sum(len(page.encode()) for page in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB, Python {sys.version.split()[0]}, deboiler {deboiler.__version__}")

    cleaner = deboiler.Cleaner()

    def one_thread(pages):
        for page in pages:
            cleaner.clean(page)

    def many_threads(pages):
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            for _ in pool.map(cleaner.clean, pages, chunksize=8):
                pass

    rates = {}
    one_thread(pages[:50])  # warm up: the model loads, the allocator grows
    rates["deboiler"] = timed("deboiler, 1 thread", one_thread, pages, args.rounds)
    rates["deboiler-n"] = timed(f"deboiler, {args.threads} threads", many_threads, pages, args.rounds)
    if not args.skip_trafilatura:
        import lxml.html
        import trafilatura

        def trafilatura_extract(pages):
            for page in pages:
                trafilatura.extract(page, include_comments=False)

        def lxml_parse(pages):
            for page in pages:
                try:
                    lxml.html.fromstring(page)
                except Exception:  # lxml refuses some documents; they still count
                    pass

        rates["trafilatura"] = timed(
            f"trafilatura {trafilatura.__version__}, 1 thread", trafilatura_extract, pages, args.rounds
        )
        rates["lxml"] = timed("lxml parse only, 1 thread", lxml_parse, pages, args.rounds)
        print(f"deboiler / trafilatura, 1 thread: {rates['deboiler'] / rates['trafilatura']:.1f} x the pages per second")
        print(f"trafilatura costs {rates['lxml'] / rates['trafilatura']:.1f} x an lxml parse")
    print(f"deboiler, {args.threads} threads / 1 thread: {rates['deboiler-n'] / rates['deboiler']:.2f}")


if __name__ == "__main__":
    main()
