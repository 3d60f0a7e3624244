// The Pulumi AWS resource type tokens the policies read. `aws:alb/*` are the
// provider's aliases of `aws:lb/*` and are read the same way.
export const T = {
  securityGroup: 'aws:ec2/securityGroup:SecurityGroup',
  defaultSecurityGroup: 'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup',
  ingressRule: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
  egressRule: 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule',
  legacyRule: 'aws:ec2/securityGroupRule:SecurityGroupRule',
  networkAcl: 'aws:ec2/networkAcl:NetworkAcl',
  networkAclRule: 'aws:ec2/networkAclRule:NetworkAclRule',
  defaultNetworkAcl: 'aws:ec2/defaultNetworkAcl:DefaultNetworkAcl',
  launchTemplate: 'aws:ec2/launchTemplate:LaunchTemplate',
  instance: 'aws:ec2/instance:Instance',
  rdsInstance: 'aws:rds/instance:Instance',
  rdsClusterInstance: 'aws:rds/clusterInstance:ClusterInstance',
  subnet: 'aws:ec2/subnet:Subnet',
  vpc: 'aws:ec2/vpc:Vpc',
  flowLog: 'aws:ec2/flowLog:FlowLog',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  vpcEndpoint: 'aws:ec2/vpcEndpoint:VpcEndpoint',
} as const;

export const LB = {
  loadBalancer: ['aws:lb/loadBalancer:LoadBalancer', 'aws:alb/loadBalancer:LoadBalancer'],
  listener: ['aws:lb/listener:Listener', 'aws:alb/listener:Listener'],
  listenerRule: ['aws:lb/listenerRule:ListenerRule', 'aws:alb/listenerRule:ListenerRule'],
} as const;

export const SG_RULE_TYPES: readonly string[] = [T.ingressRule, T.egressRule, T.legacyRule, T.securityGroup];
