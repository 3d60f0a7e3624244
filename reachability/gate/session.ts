// One conversation with the policy pack, in the order the Pulumi engine holds
// it (NewPolicyAnalyzer, the plugin loader, the step generator):
//   start the pack, read its port; Handshake (older packs answer
//   UNIMPLEMENTED, which the engine accepts); ConfigureStack; GetAnalyzerInfo;
//   Configure with the reconciled policy config; for every resource in
//   registration order Remediate then Analyze (its inputs); AnalyzeStack
//   (every resource's outputs); stop the pack.
// A pack that dies or answers with an RPC error fails the gate (GateProtocolError),
// never passes it. The pack and the engine service are stopped whatever happens.
import * as grpc from '@grpc/grpc-js';
import analyzerGrpc from '@pulumi/pulumi/proto/analyzer_grpc_pb.js';
import analyzerPb from '@pulumi/pulumi/proto/analyzer_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import { type EngineLog, startEngineService } from './engine-service.js';
import { PackError, startPack } from './pack-process.js';
import { type ConfigEntry, type EnforcementLevel, type PolicyDecl, type ResolvedConfig, reconcilePolicyConfig } from './policy-config.js';
import type { GateResource, GateStack } from './records.js';
import { analyzeRequest, stackResource, toStruct } from './wire.js';

export class GateProtocolError extends Error {
  override readonly name = 'GateProtocolError';
}

export interface Diagnostic {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly policyPackVersion: string;
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
  readonly resourceType: string;
  readonly resourceName: string;
  /** Analyze (one resource's inputs) or AnalyzeStack (the whole stack's outputs). */
  readonly stage: 'analyze' | 'analyzeStack' | 'remediate';
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly policies: readonly (PolicyDecl & { readonly description: string })[];
}

export interface SessionResult {
  readonly info: PackInfo;
  readonly config: Record<string, ResolvedConfig>;
  readonly diagnostics: readonly Diagnostic[];
  readonly logs: readonly EngineLog[];
  /** RPC name -> number of calls, in the order first made. */
  readonly rpcs: Readonly<Record<string, number>>;
  readonly timings: Readonly<Record<string, number>>;
}

const LEVELS: Record<number, EnforcementLevel> = {
  [analyzerPb.EnforcementLevel.ADVISORY]: 'advisory',
  [analyzerPb.EnforcementLevel.MANDATORY]: 'mandatory',
  [analyzerPb.EnforcementLevel.DISABLED]: 'disabled',
  [analyzerPb.EnforcementLevel.REMEDIATE]: 'remediate',
};
const LEVEL_CODES: Record<EnforcementLevel, number> = {
  advisory: analyzerPb.EnforcementLevel.ADVISORY,
  mandatory: analyzerPb.EnforcementLevel.MANDATORY,
  disabled: analyzerPb.EnforcementLevel.DISABLED,
  remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};

type Unary = (req: unknown, meta: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: any) => void) => void;

/** What the pack is told about the stack before any resource: known before the program runs. */
export interface StackSettings {
  readonly stack: string;
  readonly project: string;
  readonly description: string;
  readonly rootUrn: string;
  readonly preview: boolean;
  /** The stack configuration (Pulumi.<stack>.yaml). */
  readonly config: Record<string, string>;
}

/** The stack settings in the pack's environment, as the CLI sets them (constructEnv). */
function packEnv(stack: StackSettings, engineAddress: string): Record<string, string> {
  const dryRun = String(stack.preview);
  return {
    PULUMI_CONFIG: JSON.stringify(stack.config),
    PULUMI_NODEJS_PROJECT: stack.project,
    PULUMI_NODEJS_STACK: stack.stack,
    PULUMI_NODEJS_DRY_RUN: dryRun,
    PULUMI_PROJECT: stack.project,
    PULUMI_STACK: stack.stack,
    PULUMI_DRY_RUN: dryRun,
    // Lets @pulumi/pulumi's log functions in the pack reach the Engine service.
    PULUMI_NODEJS_ENGINE: engineAddress,
  };
}

/** A started and configured pack, ready for the resources. */
export interface Session {
  readonly pid: number;
  readonly info: PackInfo;
  readonly config: Record<string, ResolvedConfig>;
  analyze(stack: GateStack): Promise<SessionResult>;
  /** Stops the pack and the engine service; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Resources in flight at once. The engine analyses one registration at a time;
 * the calls are independent (each resource's own Remediate then Analyze), so a
 * few in flight only save round trips. Results keep registration order.
 */
const IN_FLIGHT = 8;

export async function openSession(
  settings: StackSettings,
  opts: { packDir: string; config: Record<string, ConfigEntry>; configFile: string; onStarted?: (pid: number) => void; startTimeoutMs?: number },
): Promise<Session> {
  const timings: Record<string, number> = {};
  const rpcs: Record<string, number> = {};
  const t0 = Date.now();
  const engine = await startEngineService(settings.rootUrn);
  let pack: Awaited<ReturnType<typeof startPack>> | undefined;
  let client: grpc.Client | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    client?.close();
    await pack?.stop();
    await engine.stop();
  };
  try {
    pack = await startPack({ packDir: opts.packDir, engineAddress: engine.address, env: packEnv(settings, engine.address), ...(opts.startTimeoutMs ? { startTimeoutMs: opts.startTimeoutMs } : {}) });
    opts.onStarted?.(pack.pid);
    timings.packStartMs = Date.now() - t0;
    const running = pack;
    const c = new analyzerGrpc.AnalyzerClient(running.address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 400 * 1024 * 1024 });
    client = c;

    const call = async <T>(method: string, req: unknown, what: string, tolerateUnimplemented = false): Promise<T | undefined> => {
      rpcs[method] = (rpcs[method] ?? 0) + 1;
      const fn = (c as unknown as Record<string, Unary>)[method[0]!.toLowerCase() + method.slice(1)]!.bind(c);
      try {
        return await new Promise<T>((resolve, reject) => fn(req, new grpc.Metadata(), { deadline: Date.now() + 120_000 }, (err, res) => (err ? reject(err) : resolve(res as T))));
      } catch (e) {
        const err = e as grpc.ServiceError;
        if (tolerateUnimplemented && err.code === grpc.status.UNIMPLEMENTED) return undefined;
        // Give a dying process a moment to be seen dead, so the message says so.
        await Promise.race([running.exited, new Promise((r) => setTimeout(r, 200))]);
        const state = running.isRunning() ? '' : ` (the policy pack ${await running.exited})`;
        const out = running.output().trim();
        const details = withoutStack(err.details || err.message);
        throw new GateProtocolError(`${method}${what ? ` ${what}` : ''} failed${state}: ${details}${out ? `\n${out}` : ''}`);
      }
    };

    await new Promise<void>((resolve, reject) => c.waitForReady(Date.now() + 30_000, (err) => (err ? reject(new GateProtocolError(`cannot connect to the policy pack at ${running.address}: ${err.message}`)) : resolve())));

    const hs = new analyzerPb.AnalyzerHandshakeRequest();
    hs.setEngineAddress(engine.address);
    hs.setRootDirectory(opts.packDir);
    hs.setProgramDirectory(opts.packDir);
    await call('Handshake', hs, '', true);

    const cs = new analyzerPb.AnalyzerStackConfigureRequest();
    cs.setStack(settings.stack);
    cs.setProject(settings.project);
    cs.setOrganization('');
    cs.setDryRun(settings.preview);
    for (const [k, v] of Object.entries(settings.config)) cs.getConfigMap().set(k, v);
    cs.getTagsMap().set('pulumi:project', settings.project);
    cs.getTagsMap().set('pulumi:runtime', 'nodejs');
    if (settings.description) cs.getTagsMap().set('pulumi:description', settings.description);
    await call('ConfigureStack', cs, '', true);

    const infoMsg = await call<InstanceType<typeof analyzerPb.AnalyzerInfo>>('GetAnalyzerInfo', new emptyPb.Empty(), '');
    const info = packInfo(infoMsg!);
    const config = reconcilePolicyConfig(info.policies, opts.config, opts.configFile);
    const configure = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [name, cfg] of Object.entries(config)) {
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_CODES[cfg.enforcementLevel]);
      pc.setProperties(toStruct(cfg.properties));
      configure.getPolicyconfigMap().set(name, pc);
    }
    await call('Configure', configure, '');
    timings.configureMs = Date.now() - t0 - timings.packStartMs;

    const analyzeOne = async (r: GateResource): Promise<Diagnostic[]> => {
      const out: Diagnostic[] = [];
      let inputs = r.inputs;
      const rem = await call<InstanceType<typeof analyzerPb.RemediateResponse>>('Remediate', analyzeRequest(r), `of ${r.urn}`);
      for (const m of rem?.getRemediationsList() ?? []) {
        if (m.getDiagnostic()) out.push(diag(r, 'remediate', { policyName: m.getPolicyname(), policyPackName: m.getPolicypackname(), policyPackVersion: m.getPolicypackversion(), description: m.getDescription(), message: m.getDiagnostic(), enforcementLevel: 'advisory' }));
        else if (m.getProperties()) inputs = m.getProperties()!.toJavaScript() as Record<string, unknown>;
      }
      const res = await call<InstanceType<typeof analyzerPb.AnalyzeResponse>>('Analyze', analyzeRequest(r, inputs), `of ${r.urn}`);
      // The engine files resource diagnostics under the resource analysed, whatever URN they carry.
      for (const d of res?.getDiagnosticsList() ?? []) out.push(diag(r, 'analyze', fields(d)));
      return out;
    };

    const analyze = async (stack: GateStack): Promise<SessionResult> => {
      const tAnalyze = Date.now();
      // Remediate then Analyze per resource; a few resources in flight, results kept in registration order.
      const perResource: Diagnostic[][] = new Array(stack.resources.length);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(IN_FLIGHT, stack.resources.length) }, async () => {
          while (next < stack.resources.length) {
            const i = next++;
            perResource[i] = await analyzeOne(stack.resources[i]!);
          }
        }),
      );
      const diagnostics = perResource.flat();
      timings.analyzeMs = Date.now() - tAnalyze;

      const tStack = Date.now();
      const as = new analyzerPb.AnalyzeStackRequest();
      as.setResourcesList(stack.resources.map(stackResource));
      const sres = await call<InstanceType<typeof analyzerPb.AnalyzeResponse>>('AnalyzeStack', as, `of ${stack.resources.length} resources`);
      const byUrn = new Map(stack.resources.map((r) => [r.urn, r]));
      for (const d of sres?.getDiagnosticsList() ?? []) {
        // A URN that is no resource of the stack is filed under the root stack, as the engine does.
        const r = byUrn.get(d.getUrn()) ?? stack.resources[0]!;
        diagnostics.push(diag(r, 'analyzeStack', fields(d)));
      }
      timings.analyzeStackMs = Date.now() - tStack;
      if (!running.isRunning()) throw new GateProtocolError(`the policy pack ${await running.exited} during the analysis${running.output().trim() ? `\n${running.output().trim()}` : ''}`);
      return { info, config, diagnostics, logs: engine.logs, rpcs, timings };
    };
    return { pid: running.pid, info, config, analyze, close };
  } catch (e) {
    await close();
    // run-policy-pack reports a pack that fails to load through the Engine, not on stderr: keep what it said.
    const said = engine.logs.filter((l) => l.severity === 'error').map((l) => withoutStack(l.message).trim());
    if (said.length > 0 && (e instanceof PackError || e instanceof GateProtocolError)) e.message += `\n${said.join('\n')}`;
    throw e;
  }
}

/** The pack's stack frames say nothing to the user; the message lines do. */
function withoutStack(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s+at /.test(l.replace(/\x1b\[[0-9;]*m/g, '')))
    .join('\n');
}

type DiagFields = Pick<Diagnostic, 'policyName' | 'policyPackName' | 'policyPackVersion' | 'description' | 'message' | 'enforcementLevel'>;

function fields(d: InstanceType<typeof analyzerPb.AnalyzeDiagnostic>): DiagFields {
  return {
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? 'mandatory',
  };
}

function diag(r: GateResource, stage: Diagnostic['stage'], f: DiagFields): Diagnostic {
  return { ...f, urn: r.urn, resourceType: r.type, resourceName: r.name, stage };
}

function packInfo(m: InstanceType<typeof analyzerPb.AnalyzerInfo>): PackInfo {
  return {
    name: m.getName(),
    version: m.getVersion(),
    policies: m.getPoliciesList().map((p) => {
      const schema = p.getConfigschema();
      return {
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? 'advisory',
        ...(schema ? { configSchema: { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>, required: schema.getRequiredList() } } : {}),
      };
    }),
  };
}
