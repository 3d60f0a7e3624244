// The Pulumi AWS resource types the importer reads, and the ones it knows to
// have no bearing on reachability. Any other type is reported as a warning.
export const T = {
  vpc: 'aws:ec2/vpc:Vpc',
  subnet: 'aws:ec2/subnet:Subnet',
  igw: 'aws:ec2/internetGateway:InternetGateway',
  routeTable: 'aws:ec2/routeTable:RouteTable',
  route: 'aws:ec2/route:Route',
  routeTableAssociation: 'aws:ec2/routeTableAssociation:RouteTableAssociation',
  securityGroup: 'aws:ec2/securityGroup:SecurityGroup',
  ingressRule: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
  egressRule: 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule',
  legacyRule: 'aws:ec2/securityGroupRule:SecurityGroupRule',
  networkAcl: 'aws:ec2/networkAcl:NetworkAcl',
  networkAclRule: 'aws:ec2/networkAclRule:NetworkAclRule',
  networkAclAssociation: 'aws:ec2/networkAclAssociation:NetworkAclAssociation',
  vpcEndpoint: 'aws:ec2/vpcEndpoint:VpcEndpoint',
  eip: 'aws:ec2/eip:Eip',
  natGateway: 'aws:ec2/natGateway:NatGateway',
  loadBalancer: 'aws:lb/loadBalancer:LoadBalancer',
  albLoadBalancer: 'aws:alb/loadBalancer:LoadBalancer',
  autoScalingGroup: 'aws:autoscaling/group:Group',
  launchTemplate: 'aws:ec2/launchTemplate:LaunchTemplate',
} as const;

const READ = new Set<string>(Object.values(T));

/** Types that carry no packet filter, route or interface of their own. */
const NO_NETWORK_EFFECT = [
  'pulumi:pulumi:Stack',
  'pulumi:providers:',
  'aws:iam/',
  'aws:lambda/',
  'aws:cloudwatch/',
  'aws:servicediscovery/',
  'aws:lb/listener',
  'aws:lb/targetGroup',
  'aws:alb/listener',
  'aws:alb/targetGroup',
  'aws:ec2/flowLog:',
  'aws:autoscaling/lifecycleHook:',
  'aws:acm/',
  'aws:kms/',
  'aws:s3/',
  'aws:ssm/',
  'aws:secretsmanager/',
  'aws:ecr/',
  'aws:sqs/',
  'aws:sns/',
  'aws:dynamodb/',
  'aws:route53/',
];

export type TypeKind = 'read' | 'no-network-effect' | 'unknown';

export function typeKind(type: string): TypeKind {
  if (READ.has(type)) return 'read';
  return NO_NETWORK_EFFECT.some((p) => type.startsWith(p)) ? 'no-network-effect' : 'unknown';
}
