// The internet-facing application load balancer: path-based routing to the
// services' target groups, HTTPS when a certificate is configured.

import * as aws from "@pulumi/aws";
import {
  ALB_NAME,
  ALB_PATH_ROUTES,
  ALB_TLS_POLICY,
  HEALTH_CHECK,
  isDeletionProtected,
  type ServiceKey,
  SERVICES,
  targetGroupName,
  targetTypeFor,
} from "./config.js";
import type { StackContext } from "./context.js";
import type { Network } from "./network/vpc.js";
import { requireGroup, type SecurityGroups } from "./security/security-groups.js";

export interface Alb {
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly targetGroups: Readonly<Record<ServiceKey, aws.lb.TargetGroup>>;
  /** The listener that carries the path rules: HTTPS 443 with a certificate, else HTTP 80. */
  readonly routingListener: aws.lb.Listener;
  readonly redirectListener?: aws.lb.Listener;
}

const NOT_FOUND: aws.types.input.lb.ListenerDefaultAction = {
  type: "fixed-response",
  fixedResponse: { contentType: "text/plain", messageBody: "Not Found", statusCode: "404" },
};

export function createAlb(
  ctx: StackContext,
  network: Network,
  groups: SecurityGroups,
  certificateArn: string | undefined,
): Alb {
  const loadBalancer = new aws.lb.LoadBalancer(ALB_NAME, {
    name: ALB_NAME,
    internal: false,
    loadBalancerType: "application",
    securityGroups: [requireGroup(groups, "alb").id],
    subnets: [network.subnets["public-a"].id, network.subnets["public-b"].id],
    enableDeletionProtection: isDeletionProtected(ctx.env),
    tags: ctx.tags(ALB_NAME),
  });

  // Every service in the health-check table gets a target group, including
  // data collection and strategy service, which have no path rule ("internal
  // only"): their health checks are specified, so their groups exist for the
  // services to register with.
  const targetGroups = {} as Record<ServiceKey, aws.lb.TargetGroup>;
  for (const service of SERVICES) {
    const name = targetGroupName(service.key);
    targetGroups[service.key] = new aws.lb.TargetGroup(name, {
      name,
      port: service.port,
      protocol: "HTTP",
      targetType: targetTypeFor(service, ctx.env),
      vpcId: network.vpc.id,
      healthCheck: {
        enabled: true,
        path: service.healthCheckPath,
        port: "traffic-port",
        protocol: "HTTP",
        healthyThreshold: HEALTH_CHECK.healthyThreshold,
        unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
        timeout: HEALTH_CHECK.timeout,
        interval: HEALTH_CHECK.interval,
        matcher: HEALTH_CHECK.matcher,
      },
      tags: { ...ctx.tags(name), Service: service.key },
    });
  }

  let routingListener: aws.lb.Listener;
  let redirectListener: aws.lb.Listener | undefined;
  if (certificateArn) {
    routingListener = new aws.lb.Listener("tradai-https-listener", {
      loadBalancerArn: loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: ALB_TLS_POLICY,
      certificateArn,
      defaultActions: [NOT_FOUND],
      tags: ctx.tags("tradai-https-listener"),
    });
    redirectListener = new aws.lb.Listener("tradai-http-listener", {
      loadBalancerArn: loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
      tags: ctx.tags("tradai-http-listener"),
    });
  } else {
    // No certificate (dev): plain HTTP carries the routing itself.
    routingListener = new aws.lb.Listener("tradai-http-listener", {
      loadBalancerArn: loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [NOT_FOUND],
      tags: ctx.tags("tradai-http-listener"),
    });
  }

  for (const route of ALB_PATH_ROUTES) {
    const name = `tradai-${route.name}-rule`;
    new aws.lb.ListenerRule(name, {
      listenerArn: routingListener.arn,
      priority: route.priority,
      actions: [{ type: "forward", targetGroupArn: targetGroups[route.service].arn }],
      conditions: [{ pathPattern: { values: [...route.patterns] } }],
      tags: ctx.tags(name),
    });
  }

  return { loadBalancer, targetGroups, routingListener, redirectListener };
}
