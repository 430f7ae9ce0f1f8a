"""`python -m advisor search`: ranked passages with their sources."""

from __future__ import annotations

import argparse

from advisor.cli.common import emit, fail, settings_from


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--mode", choices=["hybrid", "dense", "lexical"], default="hybrid")
    parser.add_argument("--source", help="only passages from this source id")
    parser.add_argument("--kind", choices=["guidance", "catalog"],
                        help="only guidance passages, or only catalog rows (default: both)")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from advisor.retrieval import Searcher
    from advisor.store import StoreUnavailable

    if args.k < 1:
        return fail("--k must be at least 1", args.json)
    try:
        hits = Searcher(settings_from(args)).search(
            args.query, k=args.k, mode=args.mode,
            where={"source": args.source} if args.source else None, kind=args.kind)
    except StoreUnavailable as exc:
        return fail(str(exc), args.json)
    if args.json:
        emit({"results": [h.contract() for h in hits]})
        return 0
    if not hits:
        print("No passages found.")
    for n, h in enumerate(hits, 1):
        where = f"p. {h.page}" if h.page else (h.section or "")
        if h.row:
            where = f"row {h.row['row']}, {h.row['url'] or 'no source page'}"
        print(f"{n}. [{h.score:.4f}] {h.title} ({h.source}{', ' + where if where else ''})")
        print("   " + h.text.replace("\n", " ")[:300])
    return 0
