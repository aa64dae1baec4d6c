"""Build the NLU corpus, train the intent model, write the artifact, print metrics.

    uv run python scripts/train_nlu.py              # corpus -> model -> app/nlu/model/
    uv run python scripts/train_nlu.py --compare    # also measure the candidate models
    uv run python scripts/train_nlu.py --keep-corpus

Deterministic: the same code gives the same corpus, the same model and the same
numbers. Metrics are measured on the held-out split of the corpus
(``app/nlu/corpus/test.jsonl``), never on ``shared/data``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _measure(clf, rows, today) -> dict:
    from app.nlu.evaluate import evaluate

    return evaluate(rows, clf, today=today)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep-corpus", action="store_true", help="do not regenerate the corpus files")
    ap.add_argument("--kind", default=None, help="model kind (default: the classifier's DEFAULT_KIND)")
    ap.add_argument("--compare", action="store_true", help="train and measure every candidate kind first")
    args = ap.parse_args(argv)

    import joblib
    import sklearn

    from app.nlu import classifier as C
    from app.nlu.corpus import build as B

    t_all = time.perf_counter()
    if not args.keep_corpus:
        train_rows, test_rows = B.build()
        meta = B.write(train_rows, test_rows)
        print(f"corpus: {meta['train_rows']} train / {meta['test_rows']} test rows (today={meta['today']})")
    train_rows = B.load_rows(B.TRAIN_PATH)
    test_rows = B.load_rows(B.TEST_PATH)

    if args.compare:
        print(f"{'kind':<14}{'acc':>8}{'macroF1':>9}{'ECE':>8}{'<0.7':>8}{'ent.acc':>9}{'p50 ms':>8}{'p99 ms':>8}{'train s':>9}")
        for kind in C.MODEL_KINDS:
            t0 = time.perf_counter()
            model = C.train_model(train_rows, kind=kind)
            secs = time.perf_counter() - t0
            m = _measure(C.LocalIntentClassifier(model), test_rows, B.CORPUS_TODAY)
            print(
                f"{kind:<14}{m['accuracy']:>8.4f}{m['macro_f1']:>9.4f}{m['ece']:>8.4f}{m['below_threshold_share']:>8.3f}"
                f"{m['entity_accuracy']:>9.4f}{m['latency_ms_p50']:>8.3f}{m['latency_ms_p99']:>8.3f}{secs:>9.1f}"
            )

    kind = args.kind or C.DEFAULT_KIND
    t0 = time.perf_counter()
    model = C.train_model(train_rows, kind=kind)
    train_secs = time.perf_counter() - t0
    clf = C.LocalIntentClassifier(model)
    m = _measure(clf, test_rows, B.CORPUS_TODAY)

    C.MODEL_DIR.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, C.MODEL_PATH, compress=3)
    meta = {
        "format": C.MODEL_FORMAT,
        "kind": kind,
        "corpus_hash": C.corpus_file_hash(),
        "code_hash": C.code_hash(),
        "sklearn_version": sklearn.__version__,
        "train_rows": len(train_rows),
        "test_rows": len(test_rows),
        "corpus_today": B.CORPUS_TODAY.isoformat(),
        "train_seconds": round(train_secs, 2),
        "test_metrics": {
            k: m[k]
            for k in (
                "accuracy",
                "macro_f1",
                "out_of_scope_recall",
                "entity_accuracy",
                "entity_precision",
                "entity_accuracy_per_type",
                "below_threshold_share",
                "ece",
                "latency_ms_p50",
                "latency_ms_p99",
            )
        },
        "source": "artifact",
    }
    C.META_PATH.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    from app.nlu.evaluate import format_report

    print(f"model: {kind}, trained in {train_secs:.1f} s on {len(train_rows)} rows; artifact {C.MODEL_PATH.relative_to(ROOT)}")
    print("held-out test split of the corpus:")
    print(format_report(m))
    print(f"total {time.perf_counter() - t_all:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
