/** A question the engine cannot answer as asked (unknown endpoint, bad port): the user's to fix. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
}

/** The concrete and symbolic evaluators disagree: a bug in the engine, never an answer. */
export class EngineInconsistency extends Error {
  override readonly name = 'EngineInconsistency';
}
