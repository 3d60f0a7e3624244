// The pure modules: configuration, rule builder, placements, user data renderer.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CommonPorts,
  getMlflowTrackingUri,
  getSdNamespace,
  isConsolidatedMode,
  parseEnvironment,
  resolveRegion,
} from "../../infra/config.js";
import { runtimeRoutes, workloadPlacements } from "../../infra/placements.js";
import { SecurityRuleBuilder } from "../../infra/security/rule-builder.js";
import { renderNatUserData, renderTemplate } from "../../infra/nat/user-data.js";
import { readStackConfig } from "./harness.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Every module a file pulls in, following relative imports. */
function importClosure(file: string, seen = new Set<string>()): { files: Set<string>; packages: Set<string> } {
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, "utf8");
    for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      const spec = match[1]!;
      if (spec.startsWith(".")) visit(join(dirname(path), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(file);
  return { files: seen, packages };
}

describe("pure modules (the analyzer imports them)", () => {
  it.each(["infra/config.ts", "infra/placements.ts", "infra/security/rules.ts", "infra/endpoint-policies.ts"])(
    "%s imports no @pulumi/* package, directly or indirectly",
    (file) => {
      const { files, packages } = importClosure(join(ROOT, file));
      expect(files.size).toBeGreaterThan(0);
      expect([...packages].filter((p) => p.startsWith("@pulumi/"))).toEqual([]);
      expect([...packages].filter((p) => !p.startsWith("node:"))).toEqual([]);
    },
  );
});

describe("config", () => {
  it("knows the three environments and their consolidated mode", () => {
    expect(isConsolidatedMode(parseEnvironment("dev"))).toBe(true);
    expect(isConsolidatedMode(parseEnvironment("staging"))).toBe(true);
    expect(isConsolidatedMode(parseEnvironment("prod"))).toBe(false);
    expect(() => parseEnvironment("test")).toThrow(/dev, staging, prod/);
  });

  it("defaults to eu-central-1, stack config first, then AWS_REGION", () => {
    expect(resolveRegion(undefined, undefined)).toBe("eu-central-1");
    expect(resolveRegion(undefined, "eu-west-1")).toBe("eu-west-1");
    expect(resolveRegion("us-east-1", "eu-west-1")).toBe("us-east-1");
  });

  it("names the Cloud Map namespace and the MLflow tracking URI per environment", () => {
    expect(getSdNamespace("staging")).toBe("tradai-staging.local");
    expect(getMlflowTrackingUri("dev")).toBe("http://mlflow.tradai-dev.local:5000/mlflow");
    expect(getMlflowTrackingUri("prod")).toBe("http://mlflow.tradai-prod.local:5000/mlflow");
  });

  it("has the document's CommonPorts", () => {
    const ports = Object.fromEntries(Object.entries(CommonPorts).map(([k, v]) => [k, [v.from, v.to, v.protocol]]));
    expect(ports).toEqual({
      HTTP: [80, 80, "tcp"],
      HTTPS: [443, 443, "tcp"],
      POSTGRESQL: [5432, 5432, "tcp"],
      BACKEND_API: [8000, 8000, "tcp"],
      DATA_COLLECTION: [8002, 8002, "tcp"],
      STRATEGY_SERVICE: [8003, 8003, "tcp"],
      MLFLOW: [5000, 5000, "tcp"],
      ALL_SERVICES: [8000, 8003, "tcp"],
      ALL_TCP: [0, 65535, "tcp"],
    });
  });

  it.each(["dev", "staging", "prod"] as const)("Pulumi.%s.yaml pins aws:region to eu-central-1", (stack) => {
    expect(readStackConfig(stack)["aws:region"]).toBe("eu-central-1");
  });

  it("Pulumi.yaml runs the compiled program (dist/infra/, built by npm ci) as a nodejs project named tradai", () => {
    const text = readFileSync(join(ROOT, "Pulumi.yaml"), "utf8");
    expect(text).toMatch(/^name: tradai$/m);
    expect(text).toMatch(/^runtime:\n\s+name: nodejs\n\s+options:\n(\s+#.*\n)*\s+typescript: false$/m);
    expect(text).toMatch(/^main: dist\/infra\/$/m);
    // What Pulumi will load must exist after the build, with the files tsc does not copy.
    for (const f of ["dist/infra/index.js", "dist/infra/nat/nat-userdata.sh.tpl", "dist/infra/nat/lambda/update-nat-routes.mjs"]) {
      expect(existsSync(join(ROOT, f)), f).toBe(true);
    }
  });
});

describe("SecurityRuleBuilder", () => {
  it("writes one described rule per peer", () => {
    const rules = new SecurityRuleBuilder("nat", false)
      .ingressFromCidr(CommonPorts.ALL_TCP, "10.0.11.0/24", "All TCP from private subnet AZ-1")
      .egressToGroup(CommonPorts.HTTPS, "endpoint", "HTTPS to endpoints")
      .build();
    expect(rules).toEqual([
      expect.objectContaining({ group: "nat", direction: "ingress", fromPort: 0, toPort: 65535, peer: { kind: "cidr", cidr: "10.0.11.0/24" } }),
      expect.objectContaining({ group: "nat", direction: "egress", fromPort: 443, toPort: 443, peer: { kind: "group", group: "endpoint" } }),
    ]);
  });

  it("keeps consolidated-only rules out unless consolidated mode is on", () => {
    const write = (on: boolean) =>
      new SecurityRuleBuilder("alb", on)
        .ingressFromCidr(CommonPorts.HTTP, "0.0.0.0/0", "HTTP from internet")
        .ifConsolidated((b) => b.egressToGroup(CommonPorts.MLFLOW, "consolidated", "MLflow to EC2"))
        .build();
    expect(write(false)).toHaveLength(1);
    expect(write(true).map((r) => r.consolidatedOnly)).toEqual([false, true]);
  });

  it("refuses an undescribed rule, a duplicate, or a consolidated reference outside its block", () => {
    expect(() => new SecurityRuleBuilder("alb", true).ingressFromCidr(CommonPorts.HTTP, "0.0.0.0/0", " ")).toThrow(/description/);
    expect(() =>
      new SecurityRuleBuilder("alb", true)
        .ingressFromCidr(CommonPorts.HTTP, "0.0.0.0/0", "a")
        .ingressFromCidr(CommonPorts.HTTP, "0.0.0.0/0", "b"),
    ).toThrow(/duplicate/);
    expect(() => new SecurityRuleBuilder("alb", true).egressToGroup(CommonPorts.MLFLOW, "consolidated", "x")).toThrow(/ifConsolidated/);
  });
});

describe("placements", () => {
  it("adds the consolidated instance only in dev and staging", () => {
    const names = (env: "dev" | "staging" | "prod") => workloadPlacements(env).map((p) => p.name);
    expect(names("dev")).toContain("tradai-consolidated-ec2");
    expect(names("staging")).toContain("tradai-consolidated-ec2");
    expect(names("prod")).not.toContain("tradai-consolidated-ec2");
    expect(workloadPlacements("prod")).toHaveLength(7);
  });

  it("declares the NAT route as written at run time by the route updater", () => {
    expect(runtimeRoutes("prod")).toEqual([
      expect.objectContaining({ routeTable: "tradai-private-rt", destination: "0.0.0.0/0", writtenBy: "tradai-update-nat-routes" }),
    ]);
  });
});

describe("user data renderer", () => {
  it("fills {{ name }} placeholders", () => {
    expect(renderTemplate("a={{ x }} b={{y}}", { x: "1", y: "eu-central-1" })).toBe("a=1 b=eu-central-1");
  });

  it("refuses missing values, shell metacharacters and malformed placeholders", () => {
    expect(() => renderTemplate("{{ x }}", {})).toThrow(/"x" has no value/);
    expect(() => renderTemplate("{{ x }}", { x: "$(reboot)" })).toThrow(/unsafe/);
    expect(() => renderTemplate("{{ x y }}", { x: "1" })).toThrow(/malformed/);
  });

  it("renders the NAT template with every value and no placeholder left", () => {
    const script = renderNatUserData({ region: "eu-central-1", eipAllocationId: "eipalloc-123", vpcCidr: "10.0.0.0/16" });
    expect(script).toContain('EIP_ALLOCATION_ID="eipalloc-123"');
    expect(script).toContain('REGION="eu-central-1"');
    expect(script).toContain("sysctl");
    expect(script).toContain("MASQUERADE");
    expect(script).not.toContain("{{");
  });
});
