// reach: the command-line front end. Thin: parses flags from the command
// table, calls the engine's API, maps failures to exit codes.
import { Command, CommanderError } from 'commander';
import { ImportError } from '../import/import-error.js';
import { EngineInconsistency, QueryError } from '../paths/errors.js';
import { PropertyError } from '../../properties/traffic.js';
import { COMMANDS } from './commands.js';
import { EXIT, type Io, UsageError, processIo } from './io.js';
import { toolVersion } from '../project.js';

export const HELP_WIDTH = 110;

function build(io: Io, result: { code: number }): Command {
  const program = new Command('reach')
    .description('Exact reachability proofs over AWS networks: describe-* snapshots or the TradAI Pulumi stack.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(s) })
    // The command table's help is laid out by hand in lines of up to 100 characters; commander's
    // default 80 columns (off a terminal) would break each of them again.
    .configureHelp({ helpWidth: HELP_WIDTH })
    .version(toolVersion(), '-V, --version', 'print the version of reach (the one reports carry as tool.version)')
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(false);
  for (const spec of COMMANDS) {
    const cmd = program.command(spec.name).summary(spec.summary).description(`${spec.summary}\n\n${spec.help}`).allowExcessArguments(false);
    for (const o of spec.options) {
      if (o.default !== undefined) cmd.option(o.flags, o.help, o.default);
      else cmd.option(o.flags, o.help);
    }
    cmd.action(async (opts: Record<string, unknown>) => {
      result.code = await spec.run(opts, io);
    });
  }
  return program;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = build(io, result);
  if (argv.length === 0) {
    io.err(program.helpInformation());
    return EXIT.badInput;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (e instanceof UsageError || e instanceof QueryError || e instanceof ImportError || e instanceof PropertyError) {
      io.err(`reach: ${e.message}\n`);
      return EXIT.badInput;
    }
    if (e instanceof EngineInconsistency) {
      io.err(`reach: internal error, no answer given: ${e.message}\n`);
      return EXIT.internal;
    }
    io.err(`reach: unexpected error: ${(e as Error).message}\n`);
    if (process.env.REACH_DEBUG) io.err(`${(e as Error).stack}\n`);
    return EXIT.internal;
  }
}
