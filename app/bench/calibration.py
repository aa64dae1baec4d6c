"""How fast the machine runs plain Python right now: a yardstick for comparing bench runs.

The benchmark machine is a shared VM whose speed changes by a third or more within an
hour (other tenants of the host), so a run's turns/s and CPU ms/turn say as much about
the hour as about the code. The bench times a fixed CPU-only workload (JSON, sorting,
string building: interpreter work like a turn's, none of our code) right before the
load starts and right after it ends, while the load is off. Divide a run's CPU ms/turn
by its reference milliseconds to compare runs taken at different hours.
"""

from __future__ import annotations

import json
import statistics
import time

#: A fixed document: 2 000 keys of mixed values (built once per call, not timed).
_KEYS = 2_000
_ROUNDS = 8


def _workload(document: dict[str, list]) -> int:
    """One pass of the reference workload over `document`; returns a checksum."""
    text = json.dumps(document)
    parsed = json.loads(text)
    ranked = sorted(parsed, key=lambda key: parsed[key][2])
    joined = "".join(key.upper() for key in ranked[:500])
    return len(text) + len(joined) + sum(len(value[1]) for value in parsed.values())


def reference_ms(repeats: int = 7) -> float:
    """Median CPU time (ms, `time.process_time`) of `repeats` runs of the reference
    workload (each `_ROUNDS` passes over a `_KEYS`-key document). Blocks the caller for
    about `repeats` × 25-60 ms, depending on the machine's speed."""
    document = {f"key-{index:05d}": [index, str(index * 7919), (index * 37) % 1000 / 7] for index in range(_KEYS)}
    timings = []
    for _ in range(repeats):
        started = time.process_time()
        for _ in range(_ROUNDS):
            _workload(document)
        timings.append((time.process_time() - started) * 1000)
    return round(statistics.median(timings), 2)
