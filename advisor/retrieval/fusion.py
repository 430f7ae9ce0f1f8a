"""Reciprocal-rank fusion of the dense and lexical result lists."""

from __future__ import annotations

from advisor.store.hit import Hit


def rrf(dense: list[Hit], lexical: list[Hit], k: int, rrf_k: int = 60,
        weights: tuple[float, float] = (1.0, 1.0)) -> list[Hit]:
    fused: dict[str, Hit] = {}
    scores: dict[str, float] = {}
    for weight, hits, side in ((weights[0], dense, "dense"), (weights[1], lexical, "lexical")):
        for rank, hit in enumerate(hits, 1):
            scores[hit.chunk_id] = scores.get(hit.chunk_id, 0.0) + weight / (rrf_k + rank)
            if hit.chunk_id in fused:
                setattr(fused[hit.chunk_id], side, getattr(hit, side))
            else:
                fused[hit.chunk_id] = hit.model_copy()
    ranked = sorted(fused, key=lambda cid: (-scores[cid], cid))[:k]
    return [fused[cid].model_copy(update={"score": scores[cid]}) for cid in ranked]
