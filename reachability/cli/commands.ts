// The command table: every command of `reach`, its flags and its help, in one place.
import type { Io } from './io.js';
import { type QueryOptions, runQuery } from './query-command.js';
import { runExposure, runMatrix, runProve } from './analysis-commands.js';
import { MAX_SG_LABELS, SCHEMA_VERSION } from '../report/types.js';

export interface OptionSpec {
  readonly flags: string;
  readonly help: string;
  readonly default?: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  readonly options: readonly OptionSpec[];
  run(options: Record<string, unknown>, io: Io): Promise<number>;
}

const MODEL_OPTIONS: OptionSpec[] = [
  { flags: '--snapshot <path>', help: 'a folder of `aws ec2 describe-*` JSON outputs (file names free), or one such file' },
  { flags: '--stack <name>', help: 'the bundled TradAI program under Pulumi mocks: dev, staging or prod (default dev when no --snapshot)' },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'query',
    summary: 'can packets get from one endpoint to another? a witness and the rule at every hop',
    help: `Endpoints: internet | an IPv4 address | a CIDR | eni:ID | sg:ID-or-name | subnet:ID-or-name.
Over several sources or destinations the answer is yes when it holds for at least one.
reachable: some packet of the set is delivered. connectable (tcp, udp): its reply also returns
(network ACLs are checked on the way back; security groups are stateful).
For icmp, --port is the ICMP type and --src-port the code.

--batch FILE reads one question per line as JSON, e.g.
  {"from": "internet", "to": "sg:web", "protocol": "tcp", "port": "443"}
and prints one answer per line (same shape as --json); a bad line is answered {"error": "..."}.

Exit codes: 0 answered (either way); 1 --expect given and the answer differs;
2 bad usage or bad input (one line on stderr naming file, resource and field);
3 internal inconsistency between the engine's evaluators (a bug; no answer is given).`,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--from <endpoint>', help: 'where packets start' },
      { flags: '--to <endpoint>', help: 'where packets should arrive' },
      { flags: '--protocol <p>', help: 'tcp, udp, icmp, all or a protocol number', default: 'tcp' },
      { flags: '--port <p>', help: 'destination port P or range P-Q (default: any)' },
      { flags: '--src-port <p>', help: 'source port P or range P-Q (default: any)' },
      { flags: '--json', help: 'print one JSON object: reachable, connectable, witness, forward, return, blocked, warnings' },
      { flags: '--expect <verdict>', help: 'reachable or unreachable: exit 1 when the answer differs' },
      { flags: '--batch <file>', help: 'answer every question of a JSON-lines file, one JSON answer per line' },
    ],
    run: (o, io) => runQuery(o as unknown as QueryOptions, io),
  },
  {
    name: 'prove',
    summary: 'prove the TradAI properties (or a property file): PROVED, VIOLATED with a counterexample, or UNDECIDED',
    help: `Each property is decided over every packet of its space. VIOLATED comes with a counterexample
packet, its path there and back with the rule at each hop, and the rule that let it through.
UNDECIDED (values unknown before deploy) counts as a failure. Findings follow: dead and redundant
group rules, shadowed ACL entries, ACL entries no group makes use of.
With --snapshot, --stack names the environment the TradAI properties are for (default dev).
--properties FILE: JSON or YAML, a list of properties (see properties/language.ts and the README).

Exit codes: 0 every property PROVED; 1 some property VIOLATED or UNDECIDED; 2 bad usage or input.`,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--properties <file>', help: 'a JSON or YAML property file instead of the TradAI set' },
      { flags: '--json', help: 'print {summary, results, findings, warnings} as JSON' },
    ],
    run: (o, io) => runProve(o as { snapshot?: string; stack?: string; json?: boolean; properties?: string }, io),
  },
  {
    name: 'matrix',
    summary: 'which protocols and ports each group (subnet, tier) can open to each other, and from the internet',
    help: `Rows open connections to columns. Each pair lists what is delivered (forward) and what also
gets its replies back (connectable), as protocols and compact destination port ranges.

The output is written row by row: a large estate's matrix can list tens of millions of pairs,
mostly between public addresses across the internet. --compact prints it factored instead: each
direct pair (within a VPC, to and from the internet itself, to services) once, then receiver
classes (columns whose public receivers admit the same), sender classes (rows whose senders send
the same) and what each sender class opens to each receiver class. A pair's access is its direct
line united with its classes' line; one line per pair of classes instead of one per pair of rows.

Exit codes: 0 answered; 2 bad usage or input.`,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--by <axis>', help: 'sg, subnet or tier', default: 'sg' },
      { flags: '--compact', help: 'print the matrix factored: direct pairs, then classes of rows and columns across the internet' },
      { flags: '--json', help: 'print {by, cells: [{from, to, forward, connectable}]} as JSON (with --compact: {by, factored, cellCount, direct, receiverClasses, senderClasses})' },
    ],
    run: (o, io) => runMatrix(o as { snapshot?: string; stack?: string; json?: boolean; by: string; compact?: boolean }, io),
  },
  {
    name: 'exposure',
    summary: 'everything the internet can reach: interface, groups, protocols and ports, one path each',
    help: `Exit codes: 0 answered; 2 bad usage or input.`,
    options: [...MODEL_OPTIONS, { flags: '--json', help: 'print {exposed, findings, warnings} as JSON' }],
    run: (o, io) => runExposure(o as { snapshot?: string; stack?: string; json?: boolean }, io),
  },
  {
    name: 'audit',
    summary: 'a review report: verdict, properties with proof or counterexample, matrix, exposure, findings, inventory, picture',
    help: `Formats:
  md     GitHub Markdown, the picture as a Mermaid diagram
  html   one self-contained file: inline SVG laid out by ELK,
         sortable and filterable tables, findings linked to their rules
  json   docs/report-schema.json (schemaVersion ${SCHEMA_VERSION})
  sarif  SARIF 2.1.0 for GitHub code scanning, each result at the line
         of infra/ (or of the snapshot) that declares the offending rule
  junit  one test case per property and per finding
With --snapshot, --stack names the environment of the TradAI properties.
The matrix by security group is left out (and says so) above
--sg-matrix-limit groups with members: an estate's is millions of pairs;
\`reach matrix --by sg --compact\` prints it whole.

Exit codes: 0 every property PROVED; 1 some property VIOLATED or
UNDECIDED; 2 bad usage or input.`,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--format <format>', help: 'md, html, json, sarif or junit', default: 'md' },
      { flags: '--out <file>', help: 'write the report to this file instead of stdout' },
      { flags: '--properties <file>', help: 'a JSON or YAML property file instead of the TradAI set' },
      { flags: '--sg-matrix-limit <n>', help: 'list the matrix by security group up to this many groups with members', default: String(MAX_SG_LABELS) },
    ],
    // Loaded on use: the report brings the graph layout engine with it.
    run: async (o, io) => (await import('../report/audit-command.js')).runAudit(o as { snapshot?: string; stack?: string; format?: string; out?: string; properties?: string; sgMatrixLimit?: string }, io),
  },
  {
    name: 'diff',
    summary: 'the flows a change adds and removes (in packets, per pair of security groups and the internet), changed verdicts and findings',
    help: `--base and --head: snapshots (as --snapshot takes them) or bundled
stacks (stack:dev, stack:staging, stack:prod). Groups are matched by name,
so ids may differ between the two. Properties: the TradAI set of the head's
stack (dev for snapshots), or --properties FILE.

Exit codes: 0 nothing opened from the internet and no property broken;
1 the head opens a flow from the internet or breaks a property PROVED in
the base; 2 bad usage or input.`,
    options: [
      { flags: '--base <source>', help: 'the network before the change: a snapshot path or stack:NAME' },
      { flags: '--head <source>', help: 'the network after the change: a snapshot path or stack:NAME' },
      { flags: '--format <format>', help: 'md (a pull-request comment) or json', default: 'md' },
      { flags: '--out <file>', help: 'write to this file instead of stdout' },
      { flags: '--properties <file>', help: 'a JSON or YAML property file instead of the TradAI set' },
    ],
    run: async (o, io) => (await import('../report/diff-command.js')).runDiff(o as { base?: string; head?: string; format?: string; out?: string; properties?: string }, io),
  },
  {
    name: 'gate',
    summary: 'run the TradAI policy pack on the bundled stack, exactly as `pulumi up --policy-pack policy-pack` runs it, with no Pulumi CLI or cloud',
    help: `Evaluates the program under Pulumi's mocks, starts policy-pack/ as the
Pulumi CLI does (run-policy-pack) and serves it, over the analyzer gRPC
protocol, every resource (Analyze) and the whole stack (AnalyzeStack).
Prints the policy results as \`pulumi preview\` does.
--preview sends every computed value (ids, ARNs, addresses, inputs made
from them) as unknown, as a first preview would; the mandatory verdicts
still hold (one that cannot be decided fails).

Exit codes: 0 no mandatory violation; 1 a mandatory policy failed;
2 bad usage or input;
3 the policy pack crashed or broke the protocol (nothing verified).`,
    options: [
      { flags: '--stack <name>', help: 'dev, staging or prod', default: 'dev' },
      { flags: '--preview', help: 'analyse as a first `pulumi preview`: computed values unknown' },
      { flags: '--policy-pack-config <file>', help: 'policy configuration, the JSON format of `pulumi up --policy-pack-config`' },
      { flags: '--json', help: 'print one JSON document: pack, policies, diagnostics, summary, timings' },
    ],
    // Loaded on use: the gate brings gRPC and the protocol buffers with it.
    run: async (o, io) => (await import('../gate/gate-command.js')).runGateCommand(o as { stack?: string; preview?: boolean; policyPackConfig?: string; json?: boolean }, io),
  },
];
