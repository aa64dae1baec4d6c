"""Measure an intent classifier on a labelled JSONL file (``shared/data/README.md``).

``scheduling-agent eval-nlu --data FILE --today YYYY-MM-DD [--json]`` calls
:func:`cli_main`. Each row is classified on its own, without dialogue context.
Metrics follow ``rasa test``: accuracy, macro-F1, per-intent precision/recall/F1,
the most frequent confusions, entity accuracy/precision (exact normalised values),
the share below the 0.7 confidence threshold, calibration (ECE over 10 bins and a
reliability table) and per-message latency (p50/p99, entity extraction included).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from app.nlu.types import ENTITY_TYPES, INTENTS, IntentClassifier

CONFIDENCE_THRESHOLD = 0.7
ECE_BINS = 10


def _reliability(conf: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> tuple[float, list[dict[str, Any]]]:
    table: list[dict[str, Any]] = []
    ece = 0.0
    n = len(conf)
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        mask = (conf > lo) & (conf <= hi) if i else (conf >= lo) & (conf <= hi)
        count = int(mask.sum())
        if count:
            avg_conf = float(conf[mask].mean())
            acc = float(correct[mask].mean())
            ece += count / n * abs(avg_conf - acc)
        else:
            avg_conf = acc = None  # type: ignore[assignment]
        table.append(
            {
                "bin": f"{lo:.1f}-{hi:.1f}",
                "count": count,
                "avg_confidence": None if avg_conf is None else round(avg_conf, 4),
                "accuracy": None if acc is None else round(acc, 4),
            }
        )
    return float(ece), table


def evaluate(rows: list[dict], classifier: IntentClassifier, *, today: date) -> dict:
    """Classify every row (no dialogue context) and compute the metrics."""
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    if not rows:
        raise ValueError("no rows to evaluate")
    # one untimed call so lazy initialisation is not counted as latency
    classifier.classify("hello", today=today)

    y_true: list[str] = []
    y_pred: list[str] = []
    confs: list[float] = []
    lat_ms: list[float] = []
    ent_total: Counter[str] = Counter()
    ent_correct: Counter[str] = Counter()
    ent_returned = 0
    ent_returned_correct = 0
    for row in rows:
        text = row["text"]
        gold = row.get("entities") or {}
        t0 = time.perf_counter()
        res = classifier.classify(text, today=today)
        lat_ms.append((time.perf_counter() - t0) * 1000.0)
        y_true.append(row["intent"])
        y_pred.append(res.intent)
        confs.append(float(res.confidence))
        got = res.entities or {}
        for key, val in gold.items():
            ent_total[key] += 1
            if got.get(key) == val:
                ent_correct[key] += 1
        for key, val in got.items():
            ent_returned += 1
            if gold.get(key) == val:
                ent_returned_correct += 1

    labels = [i for i in INTENTS if i in set(y_true) | set(y_pred)]
    labels += sorted((set(y_true) | set(y_pred)) - set(labels))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    per_intent = {
        lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4), "support": int(s[i])}
        for i, lab in enumerate(labels)
    }
    confusions = Counter((t, q) for t, q in zip(y_true, y_pred) if t != q)
    conf_arr = np.asarray(confs, dtype=float)
    correct = np.asarray([t == q for t, q in zip(y_true, y_pred)], dtype=float)
    ece, table = _reliability(conf_arr, correct)
    total_ents = sum(ent_total.values())
    lat = np.asarray(lat_ms)
    oos = per_intent.get("out_of_scope")
    return {
        "n": len(rows),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(y_true, y_pred, labels=labels, average="weighted", zero_division=0)), 4),
        "out_of_scope_recall": None if oos is None or oos["support"] == 0 else oos["recall"],
        "per_intent": per_intent,
        "confusions": [{"true": t, "predicted": q, "count": c} for (t, q), c in confusions.most_common(15)],
        "entity_accuracy": round(sum(ent_correct.values()) / total_ents, 4) if total_ents else None,
        "entity_precision": round(ent_returned_correct / ent_returned, 4) if ent_returned else None,
        "entity_support": total_ents,
        "entities_returned": ent_returned,
        "entity_accuracy_per_type": {
            k: {"accuracy": round(ent_correct[k] / ent_total[k], 4), "support": ent_total[k]}
            for k in list(ENTITY_TYPES) + sorted(set(ent_total) - set(ENTITY_TYPES))
            if ent_total[k]
        },
        "below_threshold_share": round(float((conf_arr < CONFIDENCE_THRESHOLD).mean()), 4),
        "threshold": CONFIDENCE_THRESHOLD,
        "ece": round(ece, 4),
        "reliability": table,
        "mean_confidence": round(float(conf_arr.mean()), 4),
        "latency_ms_p50": round(float(np.percentile(lat, 50)), 3),
        "latency_ms_p99": round(float(np.percentile(lat, 99)), 3),
        "latency_ms_max": round(float(lat.max()), 3),
    }


def load_jsonl(path: Path) -> list[dict]:
    rows: list[dict] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not isinstance(row.get("intent"), str):
                raise ValueError(f"{path}:{lineno}: a row needs a string 'text' and 'intent'")
            rows.append(row)
    return rows


def format_report(m: dict) -> str:
    out: list[str] = []
    out.append(f"NLU evaluation: {m['n']} messages")
    out.append(
        f"  accuracy {m['accuracy']:.4f}   macro-F1 {m['macro_f1']:.4f}   weighted-F1 {m['weighted_f1']:.4f}"
        + (f"   out_of_scope recall {m['out_of_scope_recall']:.4f}" if m.get("out_of_scope_recall") is not None else "")
    )
    ea = m["entity_accuracy"]
    ep = m["entity_precision"]
    out.append(
        f"  entity accuracy {'-' if ea is None else f'{ea:.4f}'} ({m['entity_support']} labelled)   "
        f"entity precision {'-' if ep is None else f'{ep:.4f}'} ({m['entities_returned']} returned)"
    )
    for k, v in m["entity_accuracy_per_type"].items():
        out.append(f"    {k:<12} {v['accuracy']:.4f}  (n={v['support']})")
    out.append(
        f"  below {m['threshold']} confidence: {m['below_threshold_share']:.2%}   ECE {m['ece']:.4f}   mean confidence {m['mean_confidence']:.4f}"
    )
    out.append(f"  latency p50 {m['latency_ms_p50']:.3f} ms   p99 {m['latency_ms_p99']:.3f} ms   max {m['latency_ms_max']:.3f} ms")
    out.append("")
    out.append(f"  {'intent':<24}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}")
    for lab, v in m["per_intent"].items():
        out.append(f"  {lab:<24}{v['precision']:>10.4f}{v['recall']:>10.4f}{v['f1']:>10.4f}{v['support']:>9}")
    if m["confusions"]:
        out.append("")
        out.append("  most frequent confusions (true -> predicted):")
        for c in m["confusions"][:10]:
            out.append(f"    {c['count']:>4}  {c['true']} -> {c['predicted']}")
    out.append("")
    out.append("  reliability (confidence bin: count, mean confidence, accuracy):")
    for b in m["reliability"]:
        if b["count"]:
            out.append(f"    {b['bin']}: {b['count']:>5}  {b['avg_confidence']:.3f}  {b['accuracy']:.3f}")
    return "\n".join(out)


def cli_main(data: Path, today: date, as_json: bool, classifier: IntentClassifier | None = None) -> int:
    """Entry point of ``scheduling-agent eval-nlu``. Returns the process exit code."""
    try:
        rows = load_jsonl(Path(data))
    except (OSError, ValueError) as exc:
        print(f"eval-nlu: cannot read {data}: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print(f"eval-nlu: {data} has no rows", file=sys.stderr)
        return 2
    if classifier is None:
        from app.nlu.classifier import get_local_classifier

        classifier = get_local_classifier()
    metrics = evaluate(rows, classifier, today=today)
    if as_json:
        print(json.dumps(metrics, ensure_ascii=False))
    else:
        print(format_report(metrics))
    return 0
