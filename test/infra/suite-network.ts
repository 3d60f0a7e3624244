// Stack assertions, part 1: resource inventory, VPC and routing, security groups, network ACLs.
// Expected values come from expected-tables.ts (the document, transcribed).

import { beforeAll, describe, expect, it } from "vitest";
import {
  EXPECTED_ACL_RULES,
  EXPECTED_SUBNETS,
  expectedSgRules,
} from "./expected-tables.js";
import {
  countByType,
  mockId,
  named,
  nameById,
  ofType,
  type RegisteredResource,
  type StackRun,
  T,
} from "./harness.js";
import type { StackSuiteOptions } from "./stack-suite.js";

function portsOf(text: string): [number, number] {
  const [from, to = from] = text.split("-").map(Number) as [number, number?];
  return [from, to];
}

export function defineNetworkAssertions(getRun: () => StackRun, opts: StackSuiteOptions): void {
  const env = opts.stack;
  let run!: StackRun;
  beforeAll(() => {
    run = getRun();
  });

  describe(`${env}: resources`, () => {
    it("registers exactly the expected resources, by type", () => {
      expect(countByType(run)).toEqual(opts.expectedCounts);
    });

    it("names every resource tradai-... and tags it with that Name", () => {
      for (const r of run.resources) {
        expect(r.name, r.type).toMatch(/^tradai-/);
        const tags = r.inputs.tags;
        if (tags && !Array.isArray(tags)) {
          expect(tags.Name, `${r.type} ${r.name}`).toMatch(/^tradai-/);
          expect(tags.Environment).toBe(env);
        }
      }
      // Every taggable resource kind that matters to a reader carries a Name.
      for (const type of [T.vpc, T.subnet, T.igw, T.routeTable, T.sg, T.sgIngress, T.sgEgress, T.nacl, T.endpoint, T.alb, T.targetGroup]) {
        for (const r of ofType(run, type)) expect(r.inputs.tags?.Name, `${type} ${r.name}`).toBe(r.name);
      }
    });
  });

  describe(`${env}: VPC, subnets, routing`, () => {
    it("has the 10.0.0.0/16 VPC with DNS hostnames and support", () => {
      const vpc = named(run, T.vpc, "tradai-vpc");
      expect(vpc.inputs).toMatchObject({ cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });
      expect(named(run, T.igw, "tradai-igw").inputs.vpcId).toBe(mockId("tradai-vpc"));
    });

    it.each(EXPECTED_SUBNETS)("subnet $name: $cidr in $az, its tier's route table and ACL", (expected) => {
      const subnet = named(run, T.subnet, expected.name);
      expect(subnet.inputs.cidrBlock).toBe(expected.cidr);
      expect(subnet.inputs.availabilityZone).toBe(expected.az);
      expect(subnet.inputs.vpcId).toBe(mockId("tradai-vpc"));
      expect(subnet.inputs.mapPublicIpOnLaunch).toBe(expected.publicIp);

      const rtAssocs = ofType(run, T.rtAssoc).filter((a) => a.inputs.subnetId === subnet.id);
      expect(rtAssocs.map((a) => a.inputs.routeTableId)).toEqual([mockId(expected.rt)]);
      const aclAssocs = ofType(run, T.naclAssoc).filter((a) => a.inputs.subnetId === subnet.id);
      expect(aclAssocs.map((a) => a.inputs.networkAclId)).toEqual([mockId(expected.acl)]);
    });

    it("has one route table per tier and declares only the public default route", () => {
      expect(ofType(run, T.routeTable).map((r) => r.name).sort()).toEqual(
        ["tradai-database-rt", "tradai-private-rt", "tradai-public-rt"],
      );
      for (const rt of ofType(run, T.routeTable)) {
        // Inline routes would make Pulumi delete the run-time NAT route.
        expect(rt.inputs.routes, rt.name).toBeUndefined();
        expect(rt.inputs.vpcId).toBe(mockId("tradai-vpc"));
      }
      const routes = ofType(run, T.route);
      expect(routes.map((r) => r.inputs)).toEqual([
        { routeTableId: mockId("tradai-public-rt"), destinationCidrBlock: "0.0.0.0/0", gatewayId: mockId("tradai-igw") },
      ]);
    });
  });

  describe(`${env}: security groups`, () => {
    const expected = expectedSgRules(opts.consolidated);

    function actualRules(): { resource: RegisteredResource; row: string }[] {
      const groupNames = nameById(run, T.sg);
      return [...ofType(run, T.sgIngress), ...ofType(run, T.sgEgress)].map((resource) => {
        const i = resource.inputs;
        const peer = i.cidrIpv4 ?? groupNames.get(i.referencedSecurityGroupId) ?? `?${i.referencedSecurityGroupId}`;
        const direction = resource.type === T.sgIngress ? "ingress" : "egress";
        const ports = i.fromPort === i.toPort ? `${i.fromPort}` : `${i.fromPort}-${i.toPort}`;
        return { resource, row: `${groupNames.get(i.securityGroupId)} ${direction} ${i.ipProtocol} ${ports} ${peer} | ${i.description}` };
      });
    }

    it("creates exactly the groups of the document, named tradai-<role>-sg, without inline rules", () => {
      const names = ofType(run, T.sg).map((g) => g.inputs.name).sort();
      const roles = ["alb", "ecs", "lambda", "rds", "nat", "endpoint", ...(opts.consolidated ? ["consolidated"] : [])];
      expect(names).toEqual(roles.map((r) => `tradai-${r}-sg`).sort());
      for (const g of ofType(run, T.sg)) {
        expect(g.inputs.ingress, g.name).toBeUndefined();
        expect(g.inputs.egress, g.name).toBeUndefined();
        expect(g.inputs.vpcId).toBe(mockId("tradai-vpc"));
        expect(g.inputs.description).toBeTruthy();
      }
    });

    it.each(expected)("$group $direction $ports $peer ($description)", (rule) => {
      const [from, to] = portsOf(rule.ports);
      const peerIsCidr = /^\d/.test(rule.peer);
      const row = `${rule.group} ${rule.direction} tcp ${rule.ports} ${rule.peer} | ${rule.description}`;
      const matches = actualRules().filter((a) => a.row === row);
      expect(matches, row).toHaveLength(1);
      const inputs = matches[0]!.resource.inputs;
      expect([inputs.fromPort, inputs.toPort]).toEqual([from, to]);
      // One peer per rule resource.
      if (peerIsCidr) expect(inputs.referencedSecurityGroupId).toBeUndefined();
      else expect(inputs.cidrIpv4).toBeUndefined();
    });

    it("has no rule beyond the document's tables", () => {
      const wanted = expected.map((r) => `${r.group} ${r.direction} tcp ${r.ports} ${r.peer} | ${r.description}`).sort();
      expect(actualRules().map((a) => a.row).sort()).toEqual(wanted);
    });

    it("gives RDS no egress and Lambda no ingress", () => {
      const groupNames = nameById(run, T.sg);
      const egressGroups = ofType(run, T.sgEgress).map((r) => groupNames.get(r.inputs.securityGroupId));
      const ingressGroups = ofType(run, T.sgIngress).map((r) => groupNames.get(r.inputs.securityGroupId));
      expect(egressGroups).not.toContain("tradai-rds-sg");
      expect(ingressGroups).not.toContain("tradai-lambda-sg");
    });
  });

  describe(`${env}: network ACLs`, () => {
    function actualAclRows(): string[] {
      const aclNames = new Map(ofType(run, T.nacl).map((a) => [a.id, a.name]));
      return ofType(run, T.naclRule).map((r) => {
        const i = r.inputs;
        const direction = i.egress ? "outbound" : "inbound";
        const ports = i.protocol === "icmp" ? `All(type ${i.icmpType} code ${i.icmpCode})` : i.fromPort === i.toPort ? `${i.fromPort}` : `${i.fromPort}-${i.toPort}`;
        return `${aclNames.get(i.networkAclId)} ${direction} ${i.ruleNumber} ${String(i.protocol).toUpperCase()} ${ports} ${i.cidrBlock} ${i.ruleAction}`;
      });
    }
    function expectedRow(r: (typeof EXPECTED_ACL_RULES)[number]): string {
      const ports = r.protocol === "ICMP" ? "All(type -1 code -1)" : r.ports;
      return `${r.acl} ${r.direction} ${r.ruleNumber} ${r.protocol} ${ports} ${r.cidr} allow`;
    }

    it("creates the public, private and database ACLs on the VPC", () => {
      expect(ofType(run, T.nacl).map((a) => a.name).sort()).toEqual(["tradai-database-nacl", "tradai-private-nacl", "tradai-public-nacl"]);
      for (const acl of ofType(run, T.nacl)) {
        expect(acl.inputs.vpcId).toBe(mockId("tradai-vpc"));
        expect(acl.inputs.ingress).toBeUndefined();
        expect(acl.inputs.egress).toBeUndefined();
      }
    });

    it.each(EXPECTED_ACL_RULES)("$acl $direction rule $ruleNumber: $protocol $ports $cidr", (rule) => {
      expect(actualAclRows().filter((row) => row === expectedRow(rule))).toHaveLength(1);
    });

    it("has no ACL entry beyond the document's tables", () => {
      expect(actualAclRows().sort()).toEqual(EXPECTED_ACL_RULES.map(expectedRow).sort());
    });
  });

}
