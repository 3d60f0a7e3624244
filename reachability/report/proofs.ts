// The evidence behind a PROVED `must` property: the checker says "connectable,
// e.g. PACKET"; a reviewer wants the path that packet takes, rule by rule.
// This asks the engine the same question the checker asked (same endpoints,
// traffic and path scope) and keeps the whole answer.
import { crosses } from '../../properties/check.js';
import type { MustProperty, Property } from '../../properties/language.js';
import { trafficSet } from '../../properties/traffic.js';
import { unionEndpoints } from '../paths/endpoints.js';
import type { QueryAnswer, ReachabilityEngine } from '../paths/query.js';

function isMust(p: Property): p is MustProperty {
  return p.assert === 'must';
}

export function mustProof(engine: ReachabilityEngine, p: Property): QueryAnswer | null {
  if (!isMust(p)) return null;
  const side = (texts: readonly string[]) => unionEndpoints(texts.join(', '), texts.map((t) => engine.resolve(t, { missingIsEmpty: true })));
  const answer = engine.answer(side(p.from), side(p.to), trafficSet(p.traffic, `property ${p.id}`), (d) => (!p.via || crosses(engine, d.via, p.via)) && (!p.notVia || !crosses(engine, d.via, p.notVia)));
  return answer.connectable ? answer : null;
}
