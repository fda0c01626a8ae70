"""One Cleaner serves many threads: the GIL is released while a page is cleaned.

What two threads gain over one is measured by `python/bench/throughput.py`,
not here: a timed test fails on a busy machine.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import deboiler

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a long page: the harbour board met again on Tuesday to weigh the bids.</p>"
    for i in range(400)
)
PAGE = f"<html><body><nav><a href='/'>Home</a></nav><article>{PARAGRAPHS}</article></body></html>"


def clean_all(cleaner, pages, threads):
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(cleaner.clean, pages))


def test_threads_get_the_same_results_as_one():
    cleaner = deboiler.Cleaner()
    pages = [PAGE.replace("Tuesday", day) for day in ("Monday", "Tuesday", "Friday")] * 4
    alone = [cleaner.clean(page).text for page in pages]
    assert [result.text for result in clean_all(cleaner, pages, 4)] == alone


def test_python_runs_while_a_page_is_cleaned():
    cleaner = deboiler.Cleaner()
    big = PAGE * 20
    ticks = 0
    done = threading.Event()

    def tick():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        start, before = time.perf_counter(), ticks
        cleaner.clean(big)
        elapsed, during = time.perf_counter() - start, ticks - before
    finally:
        done.set()
        ticker.join()
    # Holding the GIL for the whole clean would let the ticker in only at
    # the interpreter's switch interval (5 ms), a few times at most.
    assert during > 10 * elapsed / 0.005, (during, elapsed)
