"""Numbers of a bench run: percentiles, the history check, and the printed report."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.bench.conversation import TurnRecord

TIMING_PARTS = ("total", "pf360", "llm", "store", "overhead")


def percentile(values: Sequence[float], q: float) -> float:
    """The `q`-th percentile (0..100) by nearest rank; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean of `values`."""
    if not values:
        return {"p50": math.nan, "p95": math.nan, "p99": math.nan, "max": math.nan, "mean": math.nan}
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "p99": percentile(values, 99),
            "max": max(values), "mean": sum(values) / len(values)}


@dataclass
class HistoryCheck:
    """What reading every session's history back found."""

    sessions: int = 0
    turns_expected: int = 0
    turns_found: int = 0
    lost: int = 0
    duplicated: int = 0
    out_of_order: int = 0
    unknown_stored: int = 0
    unreadable: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No message lost, doubled or out of order, and every history readable."""
        return not (self.lost or self.duplicated or self.out_of_order or self.unreadable)


def check_history(expected: list[tuple[str, str | None, bool]], stored: list[dict[str, Any]],
                  check: HistoryCheck, session_id: str) -> None:
    """Compare one session's history with what the bench sent and got 200 for.

    The history must hold exactly the 200-answered turns, in the order they were
    sent, each as the user message followed by the assistant's answer. A turn that
    got no answer (client timeout) may appear once at its place, or not at all.
    """
    check.sessions += 1
    pairs: list[tuple[str, str]] = []
    for i in range(0, len(stored) - 1, 2):
        user, assistant = stored[i], stored[i + 1]
        if user["role"] != "user" or assistant["role"] != "assistant":
            check.out_of_order += 1
            _problem(check, f"session {session_id}: messages {i}-{i + 1} are not a user/assistant pair")
            return
        pairs.append((user["text"], assistant["text"]))
    if len(stored) % 2:
        check.lost += 1
        _problem(check, f"session {session_id}: a user message without its answer")
    certain = [(m, a) for m, a, sure in expected if sure]
    check.turns_expected += len(certain)
    check.turns_found += len(pairs)
    missing = Counter(certain) - Counter(pairs)
    surplus = Counter(pairs) - Counter(certain)
    maybe = Counter(m for m, _, sure in expected if not sure)
    for (message, answer), count in list(surplus.items()):  # unanswered turns that were stored
        taken = min(count, maybe[message])
        maybe[message] -= taken
        check.unknown_stored += taken
        surplus[(message, answer)] -= taken
    lost, doubled = sum(missing.values()), sum(n for n in surplus.values() if n > 0)
    check.lost += lost
    check.duplicated += doubled
    if lost:
        _problem(check, f"session {session_id}: {lost} answered turn(s) missing, e.g. {next(iter(missing))[0]!r}")
    if doubled:
        _problem(check, f"session {session_id}: {doubled} turn(s) stored more than once")
    # Order: the stored turns, first occurrences only, must follow the order they were sent in.
    sent_order = [m for m, _, _ in expected]
    seen: Counter = Counter()
    walk = 0
    for message, _ in pairs:
        seen[message] += 1
        if seen[message] > sent_order.count(message):
            continue  # a duplicate, counted above
        while walk < len(sent_order) and sent_order[walk] != message:
            walk += 1
        if walk == len(sent_order):
            check.out_of_order += 1
            _problem(check, f"session {session_id}: {message!r} stored out of order")
            return
        walk += 1


def _problem(check: HistoryCheck, text: str) -> None:
    if len(check.problems) < 10:
        check.problems.append(text)


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def build_results(records: list[TurnRecord], *, measure_from: float, measure_to: float,
                  meta: dict[str, Any], history: HistoryCheck) -> dict[str, Any]:
    """All numbers of the run, JSON-ready."""
    measured = [r for r in records if measure_from <= r.started < measure_to]
    ok = [r for r in measured if r.status == 200]
    elapsed = measure_to - measure_from
    statuses = Counter(str(r.status) for r in records if r.status != 200)
    five_xx = sum(n for status, n in statuses.items() if status.isdigit() and int(status) >= 500)
    timings = {part: [r.timing[part] for r in ok if r.timing and part in r.timing] for part in TIMING_PARTS}
    per_instance = Counter(r.instance for r in ok)
    return {
        **meta,
        "measured_seconds": round(elapsed, 2),
        "turns_ok": len(ok),
        "turns_total": len(records),
        "throughput_turns_per_s": round(len(ok) / elapsed, 1) if elapsed > 0 else 0.0,
        "latency_ms": {k: round(v * 1000, 2) for k, v in summary([r.latency for r in ok]).items()},
        "errors_by_status": dict(sorted(statuses.items())),
        "errors_5xx": five_xx,
        "server_timing_ms": {part: {k: round(v, 2) for k, v in summary(values).items()}
                             for part, values in timings.items()},
        "turns_per_instance": {str(k + 1): v for k, v in sorted(per_instance.items())},
        "intents": dict(Counter(r.intent for r in ok).most_common()),
        "tools": dict(Counter(t for r in ok for t in r.tools).most_common()),
        "history": {
            "sessions": history.sessions, "turns_expected": history.turns_expected,
            "turns_found": history.turns_found, "lost": history.lost, "duplicated": history.duplicated,
            "out_of_order": history.out_of_order, "unanswered_but_stored": history.unknown_stored,
            "unreadable": history.unreadable, "ok": history.ok, "problems": history.problems,
        },
    }


def render(results: dict[str, Any]) -> str:
    """The human-readable report."""
    lat, st = results["latency_ms"], results["server_timing_ms"]
    errors = results["errors_by_status"]
    lines = [
        f"target      {results['target']}",
        f"load        {results['sessions']} concurrent sessions (customers {results['first_customer']}.."
        f"{results['last_customer']}), {results['measured_seconds']:.1f} s measured after "
        f"{results['warmup_seconds']:.0f} s warm-up; "
        + (f"offered {results['offered_rate']:g} turns/s (paced)" if results.get("offered_rate")
           else "closed loop (no think time)"),
        f"throughput  {results['throughput_turns_per_s']:.1f} turns/s  "
        f"({results['turns_ok']} turns answered 200 in the window; {results['turns_total']} sent in all)",
        f"latency ms  p50 {_ms(lat['p50'])}  p95 {_ms(lat['p95'])}  p99 {_ms(lat['p99'])}  max {_ms(lat['max'])}"
        "   (client side, 200s)",
        "errors      " + (", ".join(f"{k}: {v}" for k, v in errors.items()) if errors else "none")
        + f"   (5xx: {results['errors_5xx']})",
        "server ms   (X-Turn-Timing)     p50     p95     p99",
    ]
    for part in TIMING_PARTS:
        s = st[part]
        label = {"overhead": "overhead (total-pf360-llm)"}.get(part, part)
        lines.append(f"  {label:<27} {_ms(s['p50']):>7} {_ms(s['p95']):>7} {_ms(s['p99']):>7}")
    per = results["turns_per_instance"]
    if len(per) > 1:
        lines.append("instances   " + ", ".join(f"#{k}: {v} turns" for k, v in per.items()))
    lines.append("intents     " + ", ".join(f"{k} {v}" for k, v in list(results["intents"].items())[:14]))
    lines.append("tools       " + ", ".join(f"{k} {v}" for k, v in list(results["tools"].items())[:14]))
    cpu = results.get("cpu")
    if cpu:
        order = ["service", "sandbox", "postgres", "redis", "bench client", "machine (all processes)"]
        roles = sorted(cpu, key=lambda role: order.index(role) if role in order else len(order))
        lines.append("cpu ms/turn " + ", ".join(f"{role} {cpu[role]['ms_per_turn']:.2f} ({cpu[role]['cores']:.2f} cores)"
                                            for role in roles)
                     + f"   [machine: {results['machine']['nproc']} cores]")
    reference = results["machine"].get("reference_ms")
    if reference:
        lines.append(f"machine     reference workload {reference['before']:.1f} ms before the load, "
                     f"{reference['after']:.1f} ms after (CPU time of fixed plain-Python work, "
                     "app/bench/calibration.py: lower is a faster machine; compare runs by it)")
    h = results["history"]
    verdict = "OK" if h["ok"] else "FAILED"
    lines.append(
        f"history     {h['sessions']} sessions read back: {h['turns_found']} turns stored / {h['turns_expected']} "
        f"answered 200; lost {h['lost']}, duplicated {h['duplicated']}, out of order {h['out_of_order']}, "
        f"unreadable {h['unreadable']} (unanswered but stored: {h['unanswered_but_stored']}) -> {verdict}"
    )
    lines.extend(f"  ! {p}" for p in h["problems"])
    return "\n".join(lines)
