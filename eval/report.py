"""Writes eval/report.md, eval/report.json and PNG charts from an evaluation result."""

from __future__ import annotations

import json
from pathlib import Path

GOALS = [
    ("hybrid Recall@5", lambda r, b: r["retrieval"]["hybrid"]["recall@5"], ">= 0.95",
     lambda v: v >= 0.95),
    ("hybrid MRR", lambda r, b: r["retrieval"]["hybrid"]["mrr"], ">= 0.85", lambda v: v >= 0.85),
    ("hybrid nDCG@10", lambda r, b: r["retrieval"]["hybrid"]["ndcg@10"],
     ">= dense and lexical", None),
    ("citation_valid", lambda r, b: r["answers"]["citation_valid"], "1.0", lambda v: v == 1.0),
    ("fact_recall", lambda r, b: r["answers"]["fact_recall"], ">= 0.9", lambda v: v >= 0.9),
    ("abstention recall", lambda r, b: r["answers"]["abstain_recall"], "1.0",
     lambda v: v == 1.0),
    ("abstention precision", lambda r, b: r["answers"]["abstain_precision"], ">= 0.8",
     lambda v: v >= 0.8),
    ("warm reply p95 (ms)", lambda r, b: r["latency_ms"]["p95"], "<= 50", lambda v: v <= 50),
    ("hybrid search p95 at 100k chunks (ms)",
     lambda r, b: b and b["search_synthetic"]["100000"]["hybrid_p95_ms"], "<= 50",
     lambda v: v <= 50),
    ("careers top-3 program accuracy (eval/careers.jsonl)",
     lambda r, b: r["careers"]["top3_program_accuracy"], ">= 0.95", lambda v: v >= 0.95),
    ("careers sector accuracy", lambda r, b: r["careers"]["sector_accuracy"], ">= 0.9",
     lambda v: v >= 0.9),
    ("warm careers p95 (ms, bench)", lambda r, b: b and b["careers"]["careers_p95_ms"],
     "<= 50", lambda v: v <= 50),
]


def _charts(result: dict, bench: dict | None, folder: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    made = []
    systems = list(result["retrieval"])
    metrics = ["recall@5", "mrr", "ndcg@10"]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    width = 0.8 / len(systems)
    for i, name in enumerate(systems):
        ax.bar([m + i * width for m in range(len(metrics))],
               [result["retrieval"][name][k] for k in metrics], width, label=name)
    ax.set_xticks([m + width * (len(systems) - 1) / 2 for m in range(len(metrics))], metrics)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Retrieval on {result['questions']} development questions")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(folder / "retrieval.png", dpi=110)
    plt.close(fig)
    made.append("retrieval.png")
    if bench and bench.get("search_synthetic"):
        sizes = sorted(bench["search_synthetic"], key=int)
        fig, ax = plt.subplots(figsize=(6, 3))
        for mode in ("hybrid", "dense", "lexical"):
            ax.plot([int(s) for s in sizes],
                    [bench["search_synthetic"][s][f"{mode}_p95_ms"] for s in sizes],
                    marker="o", label=f"{mode} p95")
        ax.axhline(50, color="grey", linestyle="--", linewidth=1, label="goal 50 ms")
        ax.set_xscale("log")
        ax.set_xlabel("chunks in the index")
        ax.set_ylabel("ms")
        ax.set_title("Warm search latency vs corpus size")
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(folder / "latency.png", dpi=110)
        plt.close(fig)
        made.append("latency.png")
    return made


def write_report(result: dict, folder: Path) -> None:
    bench_file = folder / "bench.json"
    bench = json.loads(bench_file.read_text()) if bench_file.exists() else None
    (folder / "report.json").write_text(json.dumps(result, indent=2) + "\n")
    charts = _charts(result, bench, folder)
    r = result
    lines = ["# Evaluation report", "",
             "Produced by `make eval` (`eval/run.py` on `eval/questions.jsonl`) and "
             "`make bench` (`eval/bench.py`, figures in `bench.json`), on a 2-core machine "
             "with no GPU. Retrieval metrics are computed with ranx per source document.", "",
             "## Goals", "", "| metric | value | goal | met |", "|---|---|---|---|"]
    for name, get, goal, ok in GOALS:
        try:
            value = get(r, bench)
        except (KeyError, TypeError):
            value = None
        if ok is None:
            h = r["retrieval"]["hybrid"]["ndcg@10"]
            met = h >= r["retrieval"]["dense"]["ndcg@10"] and h >= r["retrieval"]["lexical"][
                "ndcg@10"]
        else:
            met = value is not None and ok(value)
        lines.append(f"| {name} | {value if value is not None else 'not measured'} | {goal} | "
                     f"{'yes' if met else 'no'} |")
    lines += ["", "## Retrieval", "", "| system | Recall@5 | MRR | nDCG@10 |", "|---|---|---|---|"]
    for name, m in r["retrieval"].items():
        lines.append(f"| {name} | {m['recall@5']} | {m['mrr']} | {m['ndcg@10']} |")
    lines += ["", "## Tuning third and holdout third", "",
              "| part | questions | hybrid Recall@5 | hybrid MRR | fact_recall | "
              "abstain precision | abstain recall |", "|---|---|---|---|---|---|---|"]
    for name, p in r["parts"].items():
        h = p["retrieval"].get("hybrid", {})
        a = p["answers"]
        lines.append(f"| {name} | {p['questions']} | {h.get('recall@5')} | {h.get('mrr')} | "
                     f"{a['fact_recall']} | {a['abstain_precision']} | {a['abstain_recall']} |")
    if r.get("other_sets"):
        lines += ["", "## Other question sets", "",
                  "Written after the development set; see the tuning log for when each was "
                  "first scored and what it changed.", "",
                  "| set | questions | hybrid Recall@5 | hybrid MRR | fact_recall | "
                  "citation_valid | abstain precision | abstain recall | reply p95 ms |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name, o in r["other_sets"].items():
            h, a = o["retrieval"]["hybrid"], o["answers"]
            lines.append(f"| `{name}` | {o['questions']} | {h['recall@5']} | {h['mrr']} | "
                         f"{a['fact_recall']} | {a['citation_valid']} | {a['abstain_precision']} "
                         f"| {a['abstain_recall']} | {o['latency_ms']['p95']} |")
    if r.get("careers"):
        c = r["careers"]
        lines += ["", "## Careers (eval/careers.jsonl)", "",
                  f"{c['phrasings']} phrasings written blind by a helper: top-3 program "
                  f"accuracy {c['top3_program_accuracy']}, sector accuracy "
                  f"{c['sector_accuracy']}, no-sector agreement {c['no_sector_agreement']}, "
                  f"match p95 {c['match_p95_ms']} ms. Misses: "
                  + (", ".join(f"`{m['id']}`" for m in c["misses"]) or "none") + "."]
    if r.get("catalog"):
        lines += ["", "## Offerings: questions about which schools offer what", "",
                  "Scored by `eval/catalog.py` over the catalog rows in the index (`search "
                  "--kind catalog`); both sets written blind by helpers from `../shared/catalog`."
                  " See the tuning log for which set was tuned on.", "",
                  "| set | questions | with rows | Recall@5 hybrid | dense | lexical | "
                  "answer row recall | answer row precision | \"none\" right | routed |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for name, c in r["catalog"].items():
            m = c["recall_at_5_by_mode"]
            lines.append(f"| `{name}` | {c['questions']} | {c['with_rows']} | {m['hybrid']} | "
                         f"{m['dense']} | {m['lexical']} | {c['answer_recall']} | "
                         f"{c['answer_precision']} | {c['none_correct']} | {c['routed']} |")
    a = r["answers"]
    lines += ["", "## Answers", "",
              f"- fact_recall {a['fact_recall']}, citation_valid {a['citation_valid']}, "
              f"abstention precision {a['abstain_precision']}, recall {a['abstain_recall']}.",
              f"- warm `Advisor.reply` latency: p50 {r['latency_ms']['p50']} ms, "
              f"p95 {r['latency_ms']['p95']} ms.",
              f"- settings: {r['settings']}.", ""]
    if r["failures"]:
        lines += ["Questions that missed a fact or the abstention decision:", ""]
        lines += [f"- `{f['id']}`: " + (f"missing {f['missing']}" if f["missing"] else
                                       ("abstained on an answerable question" if f["abstained"]
                                        else "answered an unanswerable question"))
                  for f in r["failures"]]
        lines.append("")
    if bench:
        lines += ["## Speed (eval/bench.py)", "",
                  "| figure | value | baseline in the same run |", "|---|---|---|"]
        ing = bench.get("ingest_scaled", {})
        lines.append(f"| ingest throughput, {ing.get('chunks')} chunks | "
                     f"{ing.get('throughput_ratio')}x of bare encode | "
                     f"{ing.get('bare_encode_chunks_per_s')} chunks/s bare encode |")
        lines.append(f"| re-ingest of unchanged corpus | {ing.get('reingest_fraction')} of first "
                     f"ingest | {ing.get('first_ingest_s')} s first ingest |")
        for size, s in sorted(bench.get("search_synthetic", {}).items(), key=lambda x: int(x[0])):
            lines.append(f"| hybrid search p95, {size} chunks | {s['hybrid_p95_ms']} ms | "
                         f"{s['query_encode_p50_ms']} ms query encode p50 |")
        lines.append("")
    load_file = folder / "load.json"
    if load_file.exists():
        load = json.loads(load_file.read_text())
        lines += ["## Load (eval/load.py, `make load`)", "",
                  f"{load['users']} simulated users (locust) for {load['seconds']} s per run "
                  "against the launched app on loopback; the first run, Gradio's default "
                  "concurrency limit, is the baseline.", "",
                  "| concurrency limit | requests | errors | throughput (req/s) | p50 ms | "
                  "p95 ms | throughput vs baseline | p95 vs baseline |",
                  "|---|---|---|---|---|---|---|---|"]
        for limit, run in load["runs"].items():
            lines.append(f"| {limit} | {run['requests']} | {run['errors']} | "
                         f"{run['throughput_rps']} | {run['p50_ms']} | {run['p95_ms']} | "
                         f"{run['throughput_vs_baseline']}x | {run['p95_vs_baseline']}x |")
        lines.append("")
    tuning = folder / "tuning.md"
    if tuning.exists():
        lines += [tuning.read_text().strip(), ""]
    lines += [f"![{c}]({c})" for c in charts]
    (folder / "report.md").write_text("\n".join(lines) + "\n")
