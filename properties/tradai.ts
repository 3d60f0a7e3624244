// The TradAI property set: what the architecture document promises about the
// network, one property per promise, covering every security group and tier.
import type { Property } from './language.js';

const PRIVATE = ['tier:private'];
// Clients open connections from their ephemeral ports (DESIGN section 4): the ALB
// (ELB) from 1024-65535, the Linux tasks and functions from 32768-60999. A flow
// only counts as open when it works from those ports.
const ELB_CLIENT = ['1024-65535'];
const LINUX_CLIENT = ['32768-60999'];
const SERVICE_GROUPS = ['sg:tradai-ecs-sg', 'sg:tradai-consolidated-sg'];

export function tradaiProperties(stack: string): Property[] {
  const prod = stack === 'prod';
  return [
    {
      id: 'database-only-from-private',
      reason: 'RDS holds the trading data: only PostgreSQL from the private tier may reach it',
      assert: 'only',
      from: ['*'],
      to: ['sg:tradai-rds-sg'],
      allowed: { from: PRIVATE, traffic: { protocols: ['tcp'], ports: ['5432'] } },
    },
    {
      id: 'database-tier-has-no-internet-path',
      reason: 'the database tier is isolated: no packet between it and the internet, either way',
      assert: 'none',
      from: ['tier:database'],
      to: ['internet'],
      bothWays: true,
    },
    {
      id: 'alb-only-on-80-443',
      reason: 'the ALB is the only door from the internet, and only for HTTP and HTTPS',
      assert: 'only',
      from: ['internet'],
      to: ['*'],
      allowed: { to: ['sg:tradai-alb-sg'], traffic: { protocols: ['tcp'], ports: ['80', '443'] } },
    },
    {
      id: 'lambda-has-no-ingress',
      reason: 'the Lambda functions are egress-only: nothing may open a connection to them',
      assert: 'none',
      from: ['*'],
      to: ['sg:tradai-lambda-sg'],
    },
    {
      id: 'nat-only-from-private',
      reason: 'the NAT instance serves the private tier only: nothing else may reach it',
      assert: 'only',
      from: ['*'],
      to: ['sg:tradai-nat-sg'],
      allowed: { from: PRIVATE, traffic: { protocols: ['tcp'] } },
    },
    {
      id: 'nat-forwards-only-private',
      reason: 'only the private tier leaves through the NAT instance',
      assert: 'only',
      from: ['*'],
      to: ['internet'],
      via: ['nat-instance'],
      allowed: { from: PRIVATE },
    },
    {
      id: 'endpoints-only-https-from-private',
      reason: 'the interface endpoints take HTTPS from the private tier and nothing else',
      assert: 'only',
      from: ['*'],
      to: ['sg:tradai-endpoint-sg'],
      allowed: { from: PRIVATE, traffic: { protocols: ['tcp'], ports: ['443'] } },
    },
    {
      id: 'private-egress-only-https-through-the-nat',
      reason: 'the private tier reaches the internet with HTTPS only, through the NAT instance or a gateway endpoint',
      assert: 'only',
      from: PRIVATE,
      to: ['internet'],
      allowed: { traffic: { protocols: ['tcp'], ports: ['443'] }, via: ['nat-instance', 'gateway-endpoint'] },
    },
    {
      id: 'mlflow-only-from-alb-lambda-ecs',
      reason: 'MLflow (5000) is reached from the ALB, the Lambda functions and ECS only',
      assert: 'only',
      from: ['*'],
      to: SERVICE_GROUPS,
      traffic: { protocols: ['tcp'], ports: ['5000'] },
      allowed: { from: ['sg:tradai-alb-sg', 'sg:tradai-lambda-sg', 'sg:tradai-ecs-sg'] },
    },
    {
      id: 'service-ports-only-from-alb-lambda-ecs',
      reason: 'the service ports (8000-8003) are reached from the ALB, the Lambda functions and ECS only',
      assert: 'only',
      from: ['*'],
      to: SERVICE_GROUPS,
      traffic: { protocols: ['tcp'], ports: ['8000-8003'] },
      allowed: { from: ['sg:tradai-alb-sg', 'sg:tradai-lambda-sg', 'sg:tradai-ecs-sg'] },
    },
    {
      id: prod ? 'consolidated-group-absent-in-prod' : 'consolidated-group-present-outside-prod',
      reason: 'the consolidated EC2 group exists in dev and staging only',
      assert: prod ? 'absent' : 'exists',
      endpoint: 'sg:tradai-consolidated-sg',
    },
    ...(['80', '443'] as const).map((port): Property => ({
      id: `internet-reaches-alb-on-${port}`,
      reason: `users reach the ALB on tcp ${port}`,
      assert: 'must',
      from: ['internet'],
      to: ['sg:tradai-alb-sg'],
      traffic: { protocols: ['tcp'], ports: [port], srcPorts: ELB_CLIENT },
    })),
    ...([['backend-api', '8000'], ['data-collection', '8002'], ['strategy-service', '8003'], ['mlflow', '5000']] as const).map(([service, port]): Property => ({
      id: `alb-reaches-${service}`,
      reason: `the ALB forwards to ${service} on tcp ${port}`,
      assert: 'must',
      from: ['sg:tradai-alb-sg'],
      to: ['sg:tradai-ecs-sg'],
      traffic: { protocols: ['tcp'], ports: [port], srcPorts: ELB_CLIENT },
    })),
    {
      id: 'services-reach-rds',
      reason: 'the ECS services read and write PostgreSQL',
      assert: 'must',
      from: ['sg:tradai-ecs-sg'],
      to: ['sg:tradai-rds-sg'],
      traffic: { protocols: ['tcp'], ports: ['5432'], srcPorts: LINUX_CLIENT },
    },
    {
      id: 'services-reach-endpoints',
      reason: 'the ECS services pull images and secrets through the interface endpoints',
      assert: 'must',
      from: ['sg:tradai-ecs-sg'],
      to: ['sg:tradai-endpoint-sg'],
      traffic: { protocols: ['tcp'], ports: ['443'], srcPorts: LINUX_CLIENT },
    },
    {
      id: 'lambda-reaches-endpoints',
      reason: 'the Lambda functions use the interface endpoints (SQS, logs, secrets)',
      assert: 'must',
      from: ['sg:tradai-lambda-sg'],
      to: ['sg:tradai-endpoint-sg'],
      traffic: { protocols: ['tcp'], ports: ['443'], srcPorts: LINUX_CLIENT },
    },
    {
      id: 'services-reach-internet-https',
      reason: 'the services reach external APIs (exchanges, market data) over HTTPS through the NAT instance',
      assert: 'must',
      from: ['sg:tradai-ecs-sg'],
      to: ['internet'],
      traffic: { protocols: ['tcp'], ports: ['443'], srcPorts: LINUX_CLIENT },
      via: ['nat-instance'],
    },
  ];
}
