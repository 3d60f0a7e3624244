// Bad input is reported as one line naming the file, the resource and the
// field, so that a person can open the exact place. Never a stack trace.
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly file: string,
    readonly resource: string | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super([file, resource, field, problem].filter((p) => p !== undefined && p !== '').join(': '));
  }
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
