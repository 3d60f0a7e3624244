// A minimal pulumirpc.Engine: the endpoint plugins send their log messages
// to, and the root resource they may ask for. The pack gets its address the
// way the CLI passes it (first argument of run-policy-pack); what it logs is
// kept and shown with the gate's answer.
import * as grpc from '@grpc/grpc-js';
import engineGrpc from '@pulumi/pulumi/proto/engine_grpc_pb.js';
import enginePb from '@pulumi/pulumi/proto/engine_pb.js';

export type LogSeverity = 'debug' | 'info' | 'warning' | 'error';

export interface EngineLog {
  readonly severity: LogSeverity;
  readonly message: string;
  readonly urn: string;
}

export interface EngineService {
  readonly address: string;
  readonly logs: readonly EngineLog[];
  stop(): Promise<void>;
}

const SEVERITY: Record<number, LogSeverity> = {
  [enginePb.LogSeverity.DEBUG]: 'debug',
  [enginePb.LogSeverity.INFO]: 'info',
  [enginePb.LogSeverity.WARNING]: 'warning',
  [enginePb.LogSeverity.ERROR]: 'error',
};

type Callback = (err: grpc.ServiceError | null, value?: unknown) => void;
type Call<T> = { request: T };

export async function startEngineService(rootUrn: string): Promise<EngineService> {
  const logs: EngineLog[] = [];
  const svc = engineGrpc.EngineService;
  // The response classes of the service definition itself: google-protobuf checks instanceof.
  const Empty = (svc.log as unknown as { responseType: new () => object }).responseType;
  let root = rootUrn;
  const server = new grpc.Server();
  server.addService(svc as unknown as grpc.ServiceDefinition, {
    log(call: Call<InstanceType<typeof enginePb.LogRequest>>, cb: Callback) {
      const r = call.request;
      logs.push({ severity: SEVERITY[r.getSeverity()] ?? 'info', message: r.getMessage(), urn: r.getUrn() });
      cb(null, new Empty());
    },
    getRootResource(_call: unknown, cb: Callback) {
      const res = new enginePb.GetRootResourceResponse();
      res.setUrn(root);
      cb(null, res);
    },
    setRootResource(call: Call<InstanceType<typeof enginePb.SetRootResourceRequest>>, cb: Callback) {
      root = call.request.getUrn();
      cb(null, new enginePb.SetRootResourceResponse());
    },
    startDebugging(_call: unknown, cb: Callback) {
      cb(null, new Empty());
    },
    requirePulumiVersion(_call: unknown, cb: Callback) {
      cb(null, new enginePb.RequirePulumiVersionResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // A client that never closes must not hold the gate open.
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1000).unref();
      }),
  };
}
