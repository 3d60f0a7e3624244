// Stack assertions, part 2: NAT instance, endpoints, load balancer, discovery, flow logs, outputs.
// Expected values come from expected-tables.ts (the document, transcribed).

import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  EXPECTED_INTERFACE_ENDPOINTS,
  EXPECTED_PATH_RULES,
  EXPECTED_ROUTE_UPDATER_ACTIONS,
  EXPECTED_TARGET_GROUPS,
} from "./expected-tables.js";
import {
  dependenciesOf,
  MOCK_ACCOUNT,
  MOCK_AMI_ID,
  mockAllocationId,
  mockArn,
  mockId,
  named,
  ofType,
  type StackRun,
  T,
} from "./harness.js";
import type { StackSuiteOptions } from "./stack-suite.js";

function policyActions(policyJson: string): string[] {
  const doc = JSON.parse(policyJson) as { Statement: { Effect: string; Action: string | string[] }[] };
  return doc.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

export function defineServiceAssertions(getRun: () => StackRun, opts: StackSuiteOptions): void {
  const env = opts.stack;
  let run!: StackRun;
  beforeAll(() => {
    run = getRun();
  });

  describe(`${env}: NAT instance`, () => {
    it("looks up the latest Amazon Linux 2023 ARM64 AMI from Amazon", () => {
      const lookups = run.invokes.filter((i) => i.token === "aws:ec2/getAmi:getAmi");
      expect(lookups).toHaveLength(1);
      const args = lookups[0]!.inputs;
      expect(args.mostRecent).toBe(true);
      expect(args.owners).toEqual(["amazon"]);
      const filters = Object.fromEntries((args.filters as { name: string; values: string[] }[]).map((f) => [f.name, f.values]));
      expect(filters.architecture).toEqual(["arm64"]);
      expect(filters.name).toEqual(["al2023-ami-2023.*-arm64"]);
    });

    it("launches t4g.nano with IMDSv2 required, detailed monitoring and the NAT group", () => {
      const lt = named(run, T.launchTemplate, "tradai-nat-lt");
      expect(lt.inputs.instanceType).toBe("t4g.nano");
      expect(lt.inputs.imageId).toBe(MOCK_AMI_ID);
      expect(lt.inputs.metadataOptions.httpTokens).toBe("required");
      expect(lt.inputs.monitoring).toEqual({ enabled: true });
      expect(lt.inputs.vpcSecurityGroupIds).toEqual([mockId("tradai-nat-sg")]);
      expect(lt.inputs.iamInstanceProfile.arn).toBe(mockArn(T.instanceProfile, "tradai-nat-instance-profile"));
    });

    it("renders user data: forwarding, masquerade, EIP association, source/dest check off", () => {
      const lt = named(run, T.launchTemplate, "tradai-nat-lt");
      const script = Buffer.from(lt.inputs.userData, "base64").toString("utf8");
      expect(script.startsWith("#!/bin/bash")).toBe(true);
      expect(script).toContain("net.ipv4.ip_forward = 1");
      expect(script).toMatch(/iptables -t nat -A POSTROUTING .*-j MASQUERADE/);
      expect(script).toContain(`EIP_ALLOCATION_ID="${mockAllocationId("tradai-nat-eip")}"`);
      expect(script).toContain("associate-address");
      expect(script).toContain("--no-source-dest-check");
      expect(script).toContain('REGION="eu-central-1"');
      expect(script).toContain('VPC_CIDR="10.0.0.0/16"');
      expect(script).not.toMatch(/\{\{|\}\}/);
    });

    it("runs one instance in an ASG in the first public subnet with a 300 s launch hook", () => {
      const asg = named(run, T.asg, "tradai-nat-asg");
      expect(asg.inputs).toMatchObject({ name: "tradai-nat-asg", minSize: 1, maxSize: 1, desiredCapacity: 1 });
      expect(asg.inputs.vpcZoneIdentifiers).toEqual([mockId("tradai-public-a")]);
      expect(asg.inputs.launchTemplate.id).toBe(mockId("tradai-nat-lt"));
      expect(asg.inputs.initialLifecycleHooks).toEqual([
        expect.objectContaining({ lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING", heartbeatTimeout: 300 }),
      ]);
      expect(named(run, T.eip, "tradai-nat-eip").inputs.domain).toBe("vpc");
    });

    it("creates the Lambda and the EventBridge rule before the ASG (explicit dependencies)", () => {
      const deps = dependenciesOf(run, "tradai-nat-asg");
      expect(deps).toContainEqual({ type: T.lambda, name: "tradai-update-nat-routes" });
      expect(deps).toContainEqual({ type: T.eventRule, name: "tradai-nat-launch-events" });
      expect(deps).toContainEqual({ type: T.eventTarget, name: "tradai-nat-launch-events-target" });
    });

    it("routes the NAT ASG's launch events to update-nat-routes", () => {
      const rule = named(run, T.eventRule, "tradai-nat-launch-events");
      const pattern = JSON.parse(rule.inputs.eventPattern);
      expect(pattern.source).toEqual(["aws.autoscaling"]);
      expect(pattern["detail-type"]).toEqual(["EC2 Instance-launch Lifecycle Action"]);
      expect(pattern.detail.AutoScalingGroupName).toEqual([named(run, T.asg, "tradai-nat-asg").inputs.name]);

      const target = named(run, T.eventTarget, "tradai-nat-launch-events-target");
      expect(target.inputs.arn).toBe(mockArn(T.lambda, "tradai-update-nat-routes"));
      expect(target.inputs.rule).toBe("tradai-nat-launch-events");

      const permission = named(run, T.lambdaPermission, "tradai-update-nat-routes-invoke");
      expect(permission.inputs).toMatchObject({
        action: "lambda:InvokeFunction",
        principal: "events.amazonaws.com",
        sourceArn: mockArn(T.eventRule, "tradai-nat-launch-events"),
      });
    });

    it("packages the real handler file and configures its route table and EIP", async () => {
      const fn = named(run, T.lambda, "tradai-update-nat-routes");
      expect(fn.inputs.handler).toBe("update-nat-routes.handler");
      expect(fn.inputs.runtime).toMatch(/^nodejs\d+\.x$/);
      expect(fn.inputs.environment.variables).toMatchObject({
        ROUTE_TABLE_ID: mockId("tradai-private-rt"),
        EIP_ALLOCATION_ID: mockAllocationId("tradai-nat-eip"),
      });
      const assets = (await fn.inputs.code.assets) as Record<string, { path: Promise<string> | string }>;
      expect(Object.keys(assets)).toEqual(["update-nat-routes.mjs"]);
      const path = await assets["update-nat-routes.mjs"]!.path;
      expect(path).toMatch(/infra\/nat\/lambda\/update-nat-routes\.mjs$/);
      expect(existsSync(path)).toBe(true);
      expect(fn.inputs.role).toBe(mockArn(T.role, "tradai-update-nat-routes-role"));
      // Not in the VPC: it must work before the NAT it configures exists.
      expect(fn.inputs.vpcConfig).toBeUndefined();
    });

    it("grants the route updater exactly the document's three actions", () => {
      const role = named(run, T.role, "tradai-update-nat-routes-role");
      expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: "lambda.amazonaws.com" });
      const policies = ofType(run, T.rolePolicy).filter((p) => p.inputs.role === role.id);
      expect(policies).toHaveLength(1);
      expect(policyActions(policies[0]!.inputs.policy).sort()).toEqual([...EXPECTED_ROUTE_UPDATER_ACTIONS].sort());
      expect(ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toHaveLength(0);
    });
  });

  describe(`${env}: VPC endpoints`, () => {
    it("puts the S3 and DynamoDB gateway endpoints on the private and database route tables", () => {
      for (const svc of ["s3", "dynamodb"]) {
        const ep = named(run, T.endpoint, `tradai-${svc}-endpoint`);
        expect(ep.inputs).toMatchObject({ vpcEndpointType: "Gateway", serviceName: `com.amazonaws.eu-central-1.${svc}` });
        expect(ep.inputs.routeTableIds).toEqual([mockId("tradai-private-rt"), mockId("tradai-database-rt")]);
      }
    });

    it("restricts S3 to TradAI, ECR layer and system package buckets", () => {
      const policy = JSON.parse(named(run, T.endpoint, "tradai-s3-endpoint").inputs.policy);
      const resources: string[] = policy.Statement.flatMap((s: { Resource: string[] }) => s.Resource);
      for (const bucket of [`tradai-*-${env}`, "prod-*-starport-layer-bucket", "amazon-ssm-*", "al2023-repos-*", "amazonlinux-*"]) {
        expect(resources.some((r) => r.startsWith(`arn:aws:s3:::${bucket}`)), bucket).toBe(true);
      }
      for (const r of resources) expect(r).not.toBe("*");
      expect(policy.Statement.every((s: { Effect: string }) => s.Effect === "Allow")).toBe(true);
    });

    it("restricts DynamoDB to tradai-* tables and their indexes", () => {
      const policy = JSON.parse(named(run, T.endpoint, "tradai-dynamodb-endpoint").inputs.policy);
      const resources: string[] = policy.Statement.flatMap((s: { Resource: string[] }) => s.Resource);
      const table = `arn:aws:dynamodb:eu-central-1:${MOCK_ACCOUNT}:table/tradai-*`;
      expect(resources.sort()).toEqual([table, `${table}/index/*`]);
    });

    it.each(EXPECTED_INTERFACE_ENDPOINTS)("interface endpoint %s: private subnets, endpoint group, private DNS", (svc) => {
      const ep = named(run, T.endpoint, `tradai-${svc.replace(".", "-")}-endpoint`);
      expect(ep.inputs).toMatchObject({
        vpcEndpointType: "Interface",
        serviceName: `com.amazonaws.eu-central-1.${svc}`,
        privateDnsEnabled: true,
        vpcId: mockId("tradai-vpc"),
      });
      expect(ep.inputs.subnetIds).toEqual([mockId("tradai-private-a"), mockId("tradai-private-b")]);
      expect(ep.inputs.securityGroupIds).toEqual([mockId("tradai-endpoint-sg")]);
    });
  });

  describe(`${env}: load balancer`, () => {
    it("is an internet-facing ALB in both public subnets with the ALB group", () => {
      const alb = named(run, T.alb, "tradai-alb");
      expect(alb.inputs).toMatchObject({ internal: false, loadBalancerType: "application" });
      expect(alb.inputs.subnets).toEqual([mockId("tradai-public-a"), mockId("tradai-public-b")]);
      expect(alb.inputs.securityGroups).toEqual([mockId("tradai-alb-sg")]);
      expect(alb.inputs.enableDeletionProtection).toBe(opts.deletionProtection);
    });

    it.each(EXPECTED_TARGET_GROUPS)("target group $service: port $port, health check $path", (tg) => {
      const group = named(run, T.targetGroup, `tradai-${tg.service}-tg`);
      expect(group.inputs).toMatchObject({ port: tg.port, protocol: "HTTP", vpcId: mockId("tradai-vpc") });
      expect(group.inputs.healthCheck).toMatchObject({
        path: tg.path,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        timeout: 5,
        interval: 30,
        matcher: "200",
      });
      const instanceTargets = opts.consolidated && (tg.service === "backend-api" || tg.service === "mlflow");
      expect(group.inputs.targetType).toBe(instanceTargets ? "instance" : "ip");
    });

    it("routes the document's paths by priority band to their target groups", () => {
      const listener = opts.certificateArn ? "tradai-https-listener" : "tradai-http-listener";
      const rules = ofType(run, T.listenerRule);
      expect(rules).toHaveLength(EXPECTED_PATH_RULES.length);
      for (const expected of EXPECTED_PATH_RULES) {
        const matching = rules.filter(
          (r) => JSON.stringify(r.inputs.conditions) === JSON.stringify([{ pathPattern: { values: expected.patterns } }]),
        );
        expect(matching, expected.patterns.join(",")).toHaveLength(1);
        const rule = matching[0]!;
        expect(rule.inputs.listenerArn).toBe(mockArn(T.listener, listener));
        expect(rule.inputs.actions).toEqual([
          { type: "forward", targetGroupArn: mockArn(T.targetGroup, `tradai-${expected.service}-tg`) },
        ]);
        if (expected.band === "specific") expect(rule.inputs.priority).toBeGreaterThanOrEqual(100);
        if (expected.band === "specific") expect(rule.inputs.priority).toBeLessThan(900);
        if (expected.band === "catch-all") expect(rule.inputs.priority).toBeGreaterThanOrEqual(900);
      }
      // Internal-only services get no path rule.
      const forwarded = rules.flatMap((r) => r.inputs.actions.map((a: { targetGroupArn: string }) => a.targetGroupArn));
      expect(forwarded).not.toContain(mockArn(T.targetGroup, "tradai-data-collection-tg"));
      expect(forwarded).not.toContain(mockArn(T.targetGroup, "tradai-strategy-service-tg"));
    });

    it(opts.certificateArn ? "serves HTTPS 443 with the TLS 1.3 policy and redirects 80 with a 301" : "routes on HTTP 80 directly with a default 404", () => {
      const listeners = ofType(run, T.listener);
      const notFound = [{ type: "fixed-response", fixedResponse: expect.objectContaining({ statusCode: "404" }) }];
      const http = named(run, T.listener, "tradai-http-listener");
      expect(http.inputs).toMatchObject({ port: 80, protocol: "HTTP", loadBalancerArn: mockArn(T.alb, "tradai-alb") });
      if (opts.certificateArn) {
        expect(listeners).toHaveLength(2);
        const https = named(run, T.listener, "tradai-https-listener");
        expect(https.inputs).toMatchObject({
          port: 443,
          protocol: "HTTPS",
          sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
          certificateArn: opts.certificateArn,
          loadBalancerArn: mockArn(T.alb, "tradai-alb"),
        });
        expect(https.inputs.defaultActions).toEqual(notFound);
        expect(http.inputs.defaultActions).toEqual([
          { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } },
        ]);
      } else {
        expect(listeners).toHaveLength(1);
        expect(http.inputs.defaultActions).toEqual(notFound);
        expect(http.inputs.certificateArn).toBeUndefined();
      }
    });
  });

  describe(`${env}: discovery and flow logs`, () => {
    it(`has the private DNS namespace tradai-${env}.local on the VPC and the MLflow URI`, () => {
      const ns = named(run, T.namespace, "tradai-service-discovery");
      expect(ns.inputs).toMatchObject({ name: `tradai-${env}.local`, vpc: mockId("tradai-vpc") });
      expect(run.outputs.mlflowTrackingUri).toBe(`http://mlflow.tradai-${env}.local:5000/mlflow`);
    });

    it("logs ALL VPC traffic to /aws/vpc/tradai-flow-logs for 7 days through a dedicated role", () => {
      const group = named(run, T.logGroup, "tradai-flow-logs");
      expect(group.inputs).toMatchObject({ name: "/aws/vpc/tradai-flow-logs", retentionInDays: 7 });
      const role = named(run, T.role, "tradai-flow-logs-role");
      expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
        { Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
      const flowLog = named(run, T.flowLog, "tradai-vpc-flow-log");
      expect(flowLog.inputs).toMatchObject({
        vpcId: mockId("tradai-vpc"),
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: mockArn(T.logGroup, "tradai-flow-logs"),
        iamRoleArn: mockArn(T.role, "tradai-flow-logs-role"),
      });
      const policy = ofType(run, T.rolePolicy).find((p) => p.inputs.role === role.id);
      expect(policyActions(policy!.inputs.policy)).toEqual(expect.arrayContaining(["logs:CreateLogStream", "logs:PutLogEvents"]));
    });
  });

  describe(`${env}: outputs`, () => {
    it("exports the workload placements: private, no public address, groups of this stack", () => {
      const placements = run.outputs.placements as {
        name: string;
        kind: string;
        securityGroupRoles: string[];
        securityGroupNames: string[];
        subnetKeys: string[];
        publicIp: boolean;
      }[];
      const kinds = placements.map((p) => `${p.kind}:${p.name}`).sort();
      expect(kinds).toEqual(
        [
          "ecs-task:tradai-backend-api",
          "ecs-task:tradai-data-collection",
          "ecs-task:tradai-strategy-service",
          "ecs-task:tradai-mlflow",
          "lambda:tradai-lambda-functions",
          "rds:tradai-rds-primary",
          "rds:tradai-rds-standby",
          ...(opts.consolidated ? ["ec2:tradai-consolidated-ec2"] : []),
        ].sort(),
      );
      const groupIds = run.outputs.securityGroupIds as Record<string, string>;
      const subnetIds = run.outputs.subnetIds as Record<string, string>;
      for (const p of placements) {
        expect(p.publicIp).toBe(false);
        for (const role of p.securityGroupRoles) expect(groupIds[role], `${p.name} ${role}`).toBeDefined();
        expect(p.securityGroupNames).toEqual(p.securityGroupRoles.map((r) => `tradai-${r}-sg`));
        for (const key of p.subnetKeys) expect(subnetIds[key], `${p.name} ${key}`).toBeDefined();
      }
      const rds = placements.filter((p) => p.kind === "rds").flatMap((p) => p.subnetKeys).sort();
      expect(rds).toEqual(["database-a", "database-b"]);
      for (const p of placements.filter((p) => p.kind !== "rds")) {
        for (const key of p.subnetKeys) expect(key).toMatch(/^private-/);
      }
    });

    it("exports the run-time NAT route that the program does not declare", () => {
      expect(run.outputs.runtimeRoutes).toEqual([
        {
          routeTable: "tradai-private-rt",
          destination: "0.0.0.0/0",
          target: { kind: "nat-instance", autoScalingGroup: "tradai-nat-asg", subnetKey: "public-a", securityGroupRole: "nat" },
          writtenBy: "tradai-update-nat-routes",
          trigger: "EC2 Instance-launch Lifecycle Action",
        },
      ]);
      expect(run.outputs.natRouteUpdaterFunctionName).toBe("tradai-update-nat-routes");
    });

    it("exports ids by key", () => {
      expect(run.outputs).toMatchObject({
        environment: env,
        region: "eu-central-1",
        consolidatedMode: opts.consolidated,
        vpcId: mockId("tradai-vpc"),
        routeTableIds: { public: mockId("tradai-public-rt"), private: mockId("tradai-private-rt"), database: mockId("tradai-database-rt") },
        networkAclIds: {
          public: mockId("tradai-public-nacl"),
          private: mockId("tradai-private-nacl"),
          database: mockId("tradai-database-nacl"),
        },
        natAutoScalingGroupName: "tradai-nat-asg",
        flowLogGroupName: "/aws/vpc/tradai-flow-logs",
      });
      expect(Object.keys(run.outputs.interfaceEndpointIds)).toHaveLength(9);
      expect(Object.keys(run.outputs.gatewayEndpointIds).sort()).toEqual(["dynamodb", "s3"]);
    });
  });

}
