// Inputs whose change makes the provider replace the resource (create a new one, delete the old)
// rather than update it in place, per kind. The providers' schemas mark these ("Changing this forces a
// new resource", ForceNew/RequiresReplace); each kind's registry page lists them.

/** The registry page of a kind (`aws:ec2/vpc:Vpc` -> .../aws/api-docs/ec2/vpc/), where its replacing inputs are marked. */
export function registryPage(kind: string): string {
  const [pkg, module, name] = kind.split(":");
  if (pkg === "pulumi") return "https://www.pulumi.com/docs/iac/concepts/resources/providers/";
  const folder = module.split("/")[0];
  return `https://www.pulumi.com/registry/packages/${pkg}/api-docs/${folder === "index" ? "" : `${folder}/`}${name.toLowerCase()}/`;
}

const ALL_INPUTS = "*";

/** Replacing inputs by kind; `*` means any input change replaces (the kind has no update). */
export const REPLACED_BY: Readonly<Record<string, readonly string[]>> = {
  "aws:ec2/vpc:Vpc": ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
  "aws:ec2/subnet:Subnet": ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "ipv6Native", "outpostArn"],
  "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix", "description", "vpcId"],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["vpcId"],
  // Name, max entries and entries change in place (ModifyManagedPrefixList); the family cannot.
  "aws:ec2/managedPrefixList:ManagedPrefixList": ["addressFamily"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["securityGroupId"],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["securityGroupId"],
  "aws:ec2/networkAcl:NetworkAcl": ["vpcId"],
  "aws:ec2/networkAclRule:NetworkAclRule": [ALL_INPUTS],
  "aws:ec2/routeTable:RouteTable": ["vpcId"],
  "aws:ec2/route:Route": [
    "routeTableId",
    "destinationCidrBlock",
    "destinationIpv6CidrBlock",
    "destinationPrefixListId",
  ],
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ["subnetId", "gatewayId"],
  "aws:ec2/internetGateway:InternetGateway": [],
  "aws:ec2/natGateway:NatGateway": ["allocationId", "connectivityType", "privateIp", "subnetId"],
  "aws:ec2/eip:Eip": [
    "domain",
    "address",
    "customerOwnedIpv4Pool",
    "networkBorderGroup",
    "publicIpv4Pool",
    "ipamPoolId",
  ],
  "aws:ec2/eipAssociation:EipAssociation": [ALL_INPUTS],
  "aws:ec2/flowLog:FlowLog": [
    "vpcId",
    "subnetId",
    "trafficType",
    "logDestination",
    "logDestinationType",
    "iamRoleArn",
    "maxAggregationInterval",
    "logFormat",
    "destinationOptions",
  ],
  "aws:ec2/launchTemplate:LaunchTemplate": ["name", "namePrefix"],
  "aws:ec2/instance:Instance": [
    "ami",
    "availabilityZone",
    "subnetId",
    "privateIp",
    "associatePublicIpAddress",
    "keyName",
    "launchTemplate.id",
    "launchTemplate.name",
    // "Updating Launch Template specification will force new instance" (the provider's instance docs, since
    // https://github.com/hashicorp/terraform-provider-aws/pull/10807): a new template version replaces it.
    "launchTemplate.version",
    "networkInterfaces",
    "ebsBlockDevices",
    "placementGroup",
    "hostId",
    "cpuOptions",
    "rootBlockDevice.encrypted",
    "rootBlockDevice.kmsKeyId",
  ],
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["vpcId", "serviceName", "vpcEndpointType", "serviceRegion"],
  "aws:ec2/customerGateway:CustomerGateway": [
    "bgpAsn",
    "bgpAsnExtended",
    "ipAddress",
    "type",
    "certificateArn",
    "deviceName",
  ],
  "aws:ec2/vpnConnection:VpnConnection": [
    "type",
    "staticRoutesOnly",
    "enableAcceleration",
    "outsideIpAddressType",
    "tunnelInsideIpVersion",
    "transportTransitGatewayAttachmentId",
  ],
  "aws:ec2transitgateway/transitGateway:TransitGateway": ["multicastSupport"],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ["transitGatewayId", "vpcId"],
  "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": [
    "peerAccountId",
    "peerRegion",
    "peerTransitGatewayId",
    "transitGatewayId",
  ],
  "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter": ["transitGatewayAttachmentId"],
  "aws:ec2transitgateway/route:Route": [ALL_INPUTS],
  "aws:ec2clientvpn/endpoint:Endpoint": ["clientCidrBlock", "authenticationOptions", "transportProtocol"],
  "aws:ec2clientvpn/networkAssociation:NetworkAssociation": ["clientVpnEndpointId", "subnetId"],
  "aws:ec2clientvpn/authorizationRule:AuthorizationRule": [ALL_INPUTS],
  "aws:ec2clientvpn/route:Route": [ALL_INPUTS],
  "aws:lb/loadBalancer:LoadBalancer": ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
  "aws:lb/targetGroup:TargetGroup": [
    "name",
    "namePrefix",
    "port",
    "protocol",
    "protocolVersion",
    "vpcId",
    "targetType",
    "ipAddressType",
  ],
  "aws:lb/listener:Listener": ["loadBalancerArn"],
  "aws:autoscaling/group:Group": ["name", "namePrefix"],
  "aws:autoscaling/policy:Policy": ["name", "autoscalingGroupName"],
  "aws:iam/role:Role": ["name", "namePrefix", "path"],
  "aws:iam/instanceProfile:InstanceProfile": ["name", "namePrefix", "path"],
  "aws:iam/rolePolicy:RolePolicy": ["name", "namePrefix", "role"],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": [ALL_INPUTS],
  "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
  "aws:kms/alias:Alias": ["name", "namePrefix"],
  "aws:rds/instance:Instance": [
    "engine",
    "dbName",
    "kmsKeyId",
    "storageEncrypted",
    "username",
    "availabilityZone",
    "characterSetName",
    "snapshotIdentifier",
    "timezone",
  ],
  "aws:rds/subnetGroup:SubnetGroup": ["name", "namePrefix"],
  "aws:rds/parameterGroup:ParameterGroup": ["name", "namePrefix", "family"],
  "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
  "aws:secretsmanager/secretVersion:SecretVersion": ["secretId", "secretString", "secretBinary"],
  "aws:ssm/parameter:Parameter": ["name"],
  // A content change is a new document version, in place; the association follows it in place too.
  // Restore testing: a plan is named once; a selection belongs to its plan by name. The CloudFormation
  // schema of AWS::Backup::RestoreTestingSelection lists the same three as createOnlyProperties.
  "aws:backup/restoreTestingPlan:RestoreTestingPlan": ["name"],
  "aws:backup/restoreTestingSelection:RestoreTestingSelection": [
    "name",
    "restoreTestingPlanName",
    "protectedResourceType",
  ],
  "aws:ssm/document:Document": ["name", "documentType"],
  "aws:ssm/association:Association": ["instanceId"],
  "aws:backup/vault:Vault": ["name", "kmsKeyArn"],
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": [ALL_INPUTS],
  "aws:backup/vaultNotifications:VaultNotifications": [ALL_INPUTS],
  "aws:backup/vaultPolicy:VaultPolicy": ["backupVaultName"],
  "aws:backup/plan:Plan": ["name"],
  "aws:backup/selection:Selection": [ALL_INPUTS],
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["name"],
  "aws:cloudwatch/dashboard:Dashboard": ["dashboardName"],
  "aws:cloudwatch/eventRule:EventRule": ["name", "namePrefix", "eventBusName"],
  "aws:cloudwatch/eventTarget:EventTarget": ["rule", "targetId", "eventBusName"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix", "logGroupClass"],
  "aws:cloudwatch/logStream:LogStream": ["name", "logGroupName"],
  "aws:sns/topic:Topic": ["name", "namePrefix", "fifoTopic"],
  "aws:sns/topicPolicy:TopicPolicy": ["arn"],
  "aws:sns/topicSubscription:TopicSubscription": ["topic", "protocol", "endpoint"],
  "aws:acm/certificate:Certificate": [
    "domainName",
    "subjectAlternativeNames",
    "validationMethod",
    "keyAlgorithm",
    "certificateAuthorityArn",
  ],
  "aws:acm/certificateValidation:CertificateValidation": [ALL_INPUTS],
  "aws:shield/protection:Protection": ["name", "resourceArn"],
  "cloudflare:index/dnsRecord:DnsRecord": ["zoneId"],
  "cloudflare:index/loadBalancer:LoadBalancer": ["zoneId"],
  "cloudflare:index/loadBalancerPool:LoadBalancerPool": ["accountId"],
  "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor": ["accountId"],
  "cloudflare:index/notificationPolicy:NotificationPolicy": ["accountId"],
  "cloudflare:index/certificatePack:CertificatePack": [ALL_INPUTS],
  "cloudflare:index/zoneSetting:ZoneSetting": ["zoneId", "settingId"],
  "cloudflare:index/ruleset:Ruleset": ["accountId", "zoneId", "kind", "phase"],
  "random:index/randomPassword:RandomPassword": [ALL_INPUTS],
  "tls:index/privateKey:PrivateKey": ["algorithm", "rsaBits", "ecdsaCurve"],
  "tls:index/certRequest:CertRequest": [ALL_INPUTS],
  "tls:index/locallySignedCert:LocallySignedCert": [ALL_INPUTS],
  "tls:index/selfSignedCert:SelfSignedCert": [ALL_INPUTS],
  // A provider whose region changes is replaced, and every resource it manages with it.
  "pulumi:providers:aws": ["region"],
  "pulumi:providers:cloudflare": [],
};

/** Tags and the like never replace; a path replaces when it is, or lies under, a replacing input. */
export function replacingPaths(kind: string, changedPaths: readonly string[]): string[] | undefined {
  const replacing = REPLACED_BY[kind];
  if (!replacing) return undefined;
  if (replacing.includes(ALL_INPUTS)) return [...changedPaths];
  return changedPaths.filter((path) =>
    replacing.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)),
  );
}

/** Whether a top-level input (a reference to another resource) replaces the resource when it changes. */
export function replacesWhenChanged(kind: string, property: string): boolean {
  const replacing = REPLACED_BY[kind] ?? [];
  return replacing.includes(ALL_INPUTS) || replacing.some((p) => p === property || p.startsWith(`${property}.`));
}
