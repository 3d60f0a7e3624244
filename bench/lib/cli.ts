// The benchmark scripts' command lines: --help prints what the script does and
// exits 0; an option the script does not take is one line on stderr and exit
// code 2, before anything is measured.

/** On --help or -h: prints the usage and exits 0. */
export function helpIfAsked(usage: string, argv: readonly string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    process.exit(0);
  }
}

/** Checks `argv` against the options the script takes (each `--name` followed by a value). */
export function checkOptions(script: string, usage: string, argv: readonly string[], withValue: readonly string[] = []): void {
  helpIfAsked(usage, argv);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!withValue.includes(a)) fail(script, `unknown option ${a} (${withValue.length ? `expected ${withValue.join(', ')}` : 'it takes none'}; --help for more)`);
    if (argv[++i] === undefined) fail(script, `${a} needs a value`);
  }
}

function fail(script: string, message: string): never {
  process.stderr.write(`${script}: ${message}\n`);
  process.exit(2);
}
