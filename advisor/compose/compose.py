"""The answer: exact facts and checks first, then cited supporting sentences.

Every number in the answer comes from a rule or from a quoted passage. When
neither the rules nor the retrieved passages support an answer, it abstains.
"""

from __future__ import annotations

from advisor.compose.checks import conflict_notes, describe_check
from advisor.compose.reply import Citer, Reply
from advisor.compose.support import best_sentences

ABSTAIN = ("I can't find this in the guidance I have, so I won't guess. Please ask your "
           "school counselor, or the district's CCTE liaison at the Massachusetts Department "
           "of Elementary and Secondary Education.")


def _abstain(intent, pathways, hits) -> Reply:
    return Reply(answer=ABSTAIN, abstained=True, intent=intent, pathways=pathways,
                 passages=[h.model_dump() for h in hits])


def compose(*, intent, question, pathways, types, checks, hits, sectors, district_rows,
            audience, min_similarity, titles, urls=None, sector_ref=None,
            all_sectors=(), idf=None) -> Reply:
    citer = Citer(titles, urls)
    lines: list[str] = []
    rule_based = False
    for check in checks:
        lines += describe_check(check, types[check.pathway].name, citer, audience)
        lines += conflict_notes(check, audience)
        rule_based = True
    if intent in ("cost_credits", "requirements") and not checks:
        for pid in pathways:
            spec = types[pid]
            if intent == "requirements":
                lines.append(f"**{spec.name} asks for:**")
                lines += [f"- {c.requirement} {citer.cite(c.source, c.quote)}"
                          for c in spec.criteria]
            else:
                lines.append(f"**{spec.name}:**")
                lines += [f"- {k.replace('_', ' ').capitalize()}: {f.text} "
                          f"{citer.cite(f.source, f.quote)}" for k, f in spec.facts.items()]
            rule_based = True
    if intent == "sectors" and all_sectors:
        ref = citer.cite(sector_ref[0], sector_ref[1]) if sector_ref else ""
        lines.append(f"**Innovation Career Pathways are designated in {len(all_sectors)} "
                     f"industry sectors:** {ref}")
        lines += [f"- {s.name}: {s.description}" for s in all_sectors]
        rule_based = True
    if intent == "fit" and sectors:
        ref = citer.cite(sector_ref[0], sector_ref[1]) if sector_ref else ""
        lines.append(f"**These Innovation Career Pathways sectors match what you said:** {ref}")
        for s in sectors[:3]:
            lines.append(f"- {s.name}: {s.description} Jobs like {', '.join(s.occupations[:3])}.")
        rows = [r for r in district_rows if r.sector in {s.id for s in sectors[:3]}]
        if rows:
            lines.append("Pathways in the district catalog (SAMPLE DATA, a fictional district):")
            lines += [f"- {r.pathway_name} ({r.type}) at {r.school}" for r in rows[:5]]
        rule_based = True

    top = max((h.dense or 0.0) for h in hits) if hits else 0.0
    supported = top >= min_similarity
    if not rule_based and not supported:
        return _abstain(intent, pathways, hits)
    if supported:
        cited = {c.source for c in citer.items}
        pool = [h for h in hits if h.source in cited] if checks else hits
        picked = best_sentences(question, pool, limit=2 if rule_based else 3,
                                skip={c.quote for c in citer.items}, idf=idf,
                                context=" ".join(" ".join([types[p].name, *types[p].aliases])
                                                 for p in pathways),
                                strict=not rule_based)
        if not picked and not rule_based:  # passages near the question, none about it
            return _abstain(intent, pathways, hits)
        if picked:
            lines.append("" if lines else "**From the guidance:**")
            for hit, sentence in picked:
                ref = citer.cite(hit.source, sentence, page=hit.page, section=hit.section,
                                 url=hit.url, title=hit.title)
                lines.append(f"- “{sentence}” {ref}")
    if audience == "counselor" and hits:
        lines.append("\nRetrieval: " + ", ".join(
            f"{h.source} ({h.score:.3f}; cos {h.dense or 0:.2f})" for h in hits[:5]))
    return Reply(answer="\n".join(lines).strip(), citations=citer.items,
                 checks=[c.contract() for c in checks], intent=intent, pathways=pathways,
                 passages=[h.model_dump() for h in hits])
