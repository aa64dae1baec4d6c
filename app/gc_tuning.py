"""Garbage-collector settings for the long-running servers (`serve`, `sandbox`).

CPython's cyclic collector runs a generation-0 pass every 700 net container
allocations (`gc.get_threshold()` is `(700, 10, 10)` by default; see
https://docs.python.org/3.11/library/gc.html#gc.set_threshold). A turn allocates
thousands of short-lived containers (Pydantic models, LangGraph channel values, dicts),
and with 100 turns in flight many of them are still alive at each pass, so they are
walked, promoted, and walked again in generation 1. Under the bench's load that was
about a tenth of the service's CPU (PERFORMANCE.md, "Third pass"). Reference counting
still frees almost everything at once; the collector only has to find cycles, and
finding them a little later costs a few megabytes at most.
"""

from __future__ import annotations

import gc

#: (generation 0, 1, 2) thresholds: a generation-0 pass every 50 000 net allocations.
SERVER_GC_THRESHOLDS = (50_000, 20, 20)


def settle_heap(thresholds: tuple[int, int, int] = SERVER_GC_THRESHOLDS) -> None:
    """Once start-up is done: collect, freeze what is left, and space out collections.

    `gc.freeze()` moves the ~280k objects the start-up leaves (modules, the NLU model,
    the compiled graph) to a permanent generation no collection walks again (a full
    collection: ~200 ms → ~2 ms). Then `thresholds` replace the defaults.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*thresholds)
