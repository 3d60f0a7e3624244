// The audit as JSON: the report object itself, versioned by schemaVersion and
// documented by docs/report-schema.json (validated against it in the tests).
import type { AuditReport } from './types.js';

export function renderJson(r: AuditReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
