// EC2 and VPC resources: what the EC2 API accepts in each input.
import type { Json } from "../../plan/capture";
import { charset, combination, count, eachValue, exactlyOne, length, oneOf, pattern, range, required } from "../rules";
import type { KindConstraints } from "../types";
import { known } from "../view";
import { cidr, isCidr } from "./common";
import { awsTags } from "./tags";

const API = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference";
const VPC_GUIDE = "https://docs.aws.amazon.com/vpc/latest/userguide";
// Security group names, descriptions and rule descriptions share one character set.
const SG_CHARS = "a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*";
const SG_CHARS_TEXT = "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*";
const PROTOCOLS = /^(tcp|udp|icmp|icmpv6|-1|\d{1,3})$/;
const VOLUME_TYPES = ["standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"];

const portsInOrder = (inputs: { [key: string]: Json }) =>
  !known(inputs.fromPort) ||
  !known(inputs.toPort) ||
  ["icmp", "icmpv6", "-1", "1", "58"].includes(String(inputs.ipProtocol)) ||
  Number(inputs.fromPort) <= Number(inputs.toPort);

const ruleConstraints = (api: string) => [
  charset(
    "description",
    SG_CHARS,
    SG_CHARS_TEXT,
    `${API}/API_IpRange.html`,
    "from the site ALB",
    "from the site's ALB",
  ),
  length("description", 0, 255, `${API}/API_IpRange.html`),
  pattern(
    "ipProtocol",
    PROTOCOLS,
    "tcp, udp, icmp, icmpv6, -1 or a protocol number",
    `${API}/API_IpPermission.html`,
    "tcp",
    "sctp-ish",
  ),
  range("fromPort", -1, 65535, `${API}/API_IpPermission.html`),
  range("toPort", -1, 65535, `${API}/API_IpPermission.html`),
  combination("toPort", "fromPort no greater than toPort (tcp, udp)", `${API}/API_IpPermission.html`, portsInOrder, {
    ok: { ipProtocol: "tcp", fromPort: 5060, toPort: 5061 },
    bad: { ipProtocol: "tcp", fromPort: 5061, toPort: 5060 },
  }),
  exactlyOne(["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"], api),
  cidr("cidrIpv4", `${API}/API_IpRange.html`),
  awsTags(),
];

const PREFIX_LIST_API = `${API}/API_CreateManagedPrefixList.html`;
const PREFIX_LIST_QUOTAS =
  "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists";

/** The entries' CIDRs, when every one is known (a list built from computed blocks is judged at apply). */
const entryCidrs = (inputs: { [key: string]: Json }): string[] | undefined => {
  const entries = inputs.entries;
  if (!Array.isArray(entries) || !known(entries)) return undefined;
  const cidrs = entries.map((e) => (e && typeof e === "object" && !Array.isArray(e) ? e.cidr : undefined));
  return cidrs.every((c) => typeof c === "string" && known(c)) ? (cidrs as string[]) : undefined;
};

export const EC2_KINDS: KindConstraints = {
  "aws:ec2/managedPrefixList:ManagedPrefixList": [
    required(["name", "addressFamily", "maxEntries"], PREFIX_LIST_API),
    oneOf("addressFamily", ["IPv4", "IPv6"], PREFIX_LIST_API),
    length("name", 1, 255, PREFIX_LIST_API),
    pattern(
      "name",
      /^(?!com\.amazonaws)/,
      "does not start with com.amazonaws",
      PREFIX_LIST_API,
      "prod-use1-customers",
      "com.amazonaws.customers",
    ),
    // "Maximum number of entries per prefix list: 1,000" (VPC quotas, not adjustable).
    range("maxEntries", 1, 1000, PREFIX_LIST_QUOTAS),
    eachValue(
      "entries[].cidr",
      "entries[].cidr: an IPv4 CIDR block",
      `${API}/API_AddPrefixListEntry.html`,
      (v) => isCidr(v),
      { ok: { entries: [{ cidr: "10.0.0.0/16" }] }, bad: { entries: [{ cidr: "10.0.0.0/33" }] } },
    ),
    length("entries[].description", 0, 255, `${API}/API_AddPrefixListEntry.html`),
    combination(
      "entries",
      "no more entries than maxEntries",
      PREFIX_LIST_API,
      (i) => !Array.isArray(i.entries) || !known(i.maxEntries) || i.entries.length <= Number(i.maxEntries),
      {
        ok: { maxEntries: 2, entries: [{ cidr: "10.0.0.0/16" }, { cidr: "10.1.0.0/16" }] },
        bad: { maxEntries: 1, entries: [{ cidr: "10.0.0.0/16" }, { cidr: "10.1.0.0/16" }] },
      },
    ),
    combination(
      "entries",
      "each CIDR once (a duplicate entry is refused)",
      PREFIX_LIST_API,
      (i) => {
        const cidrs = entryCidrs(i);
        return !cidrs || new Set(cidrs).size === cidrs.length;
      },
      {
        ok: { entries: [{ cidr: "10.0.0.0/16" }, { cidr: "10.1.0.0/16" }] },
        bad: { entries: [{ cidr: "10.0.0.0/16" }, { cidr: "10.0.0.0/16" }] },
      },
    ),
    awsTags(),
  ],
  "aws:ec2/vpc:Vpc": [
    cidr("cidrBlock", `${VPC_GUIDE}/vpc-cidr-blocks.html`, 16, 28),
    required(["cidrBlock"], `${API}/API_CreateVpc.html`),
    awsTags(),
  ],
  "aws:ec2/subnet:Subnet": [
    cidr("cidrBlock", `${VPC_GUIDE}/subnet-sizing.html`, 16, 28),
    required(["vpcId", "cidrBlock"], `${API}/API_CreateSubnet.html`),
    pattern(
      "availabilityZone",
      /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/,
      "an Availability Zone name (region plus letter)",
      `${API}/API_CreateSubnet.html`,
      "us-east-1a",
      "us-east-1",
    ),
    awsTags(),
  ],
  "aws:ec2/securityGroup:SecurityGroup": [
    charset(
      "description",
      SG_CHARS,
      SG_CHARS_TEXT,
      `${API}/API_CreateSecurityGroup.html`,
      "SBCs: SIP from carriers",
      "the site's SBCs",
    ),
    length("description", 0, 255, `${API}/API_CreateSecurityGroup.html`),
    charset(
      "name",
      SG_CHARS,
      SG_CHARS_TEXT,
      `${API}/API_CreateSecurityGroup.html`,
      "use1-pools-sbc-1a2b3c4",
      "use1 pools sbc's",
    ),
    length("name", 1, 255, `${API}/API_CreateSecurityGroup.html`),
    pattern("name", /^(?!sg-)/, "does not start with sg-", `${API}/API_CreateSecurityGroup.html`, "web", "sg-web"),
    awsTags(),
  ],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": [
    required(["vpcId"], "https://www.pulumi.com/registry/packages/aws/api-docs/ec2/defaultsecuritygroup/"),
    awsTags(),
  ],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
    ...ruleConstraints(`${API}/API_AuthorizeSecurityGroupIngress.html`),
    required(["securityGroupId", "ipProtocol"], `${API}/API_AuthorizeSecurityGroupIngress.html`),
  ],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [
    ...ruleConstraints(`${API}/API_AuthorizeSecurityGroupEgress.html`),
    required(["securityGroupId", "ipProtocol"], `${API}/API_AuthorizeSecurityGroupEgress.html`),
  ],
  "aws:ec2/networkAcl:NetworkAcl": [required(["vpcId"], `${API}/API_CreateNetworkAcl.html`), awsTags()],
  "aws:ec2/networkAclRule:NetworkAclRule": [
    range("ruleNumber", 1, 32766, `${API}/API_CreateNetworkAclEntry.html`),
    oneOf("ruleAction", ["allow", "deny"], `${API}/API_CreateNetworkAclEntry.html`),
    pattern(
      "protocol",
      PROTOCOLS,
      "tcp, udp, icmp, -1 or a protocol number",
      `${API}/API_CreateNetworkAclEntry.html`,
      "6",
      "sctp-ish",
    ),
    range("fromPort", 0, 65535, `${API}/API_PortRange.html`),
    range("toPort", 0, 65535, `${API}/API_PortRange.html`),
    exactlyOne(["cidrBlock", "ipv6CidrBlock"], `${API}/API_CreateNetworkAclEntry.html`),
    cidr("cidrBlock", `${API}/API_CreateNetworkAclEntry.html`),
    required(["networkAclId", "ruleNumber", "ruleAction", "protocol"], `${API}/API_CreateNetworkAclEntry.html`),
  ],
  "aws:ec2/routeTable:RouteTable": [required(["vpcId"], `${API}/API_CreateRouteTable.html`), awsTags()],
  "aws:ec2/route:Route": [
    exactlyOne(
      ["destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
      `${API}/API_CreateRoute.html`,
    ),
    exactlyOne(
      [
        "gatewayId",
        "natGatewayId",
        "transitGatewayId",
        "networkInterfaceId",
        "vpcPeeringConnectionId",
        "vpcEndpointId",
        "egressOnlyGatewayId",
        "carrierGatewayId",
        "localGatewayId",
        "coreNetworkArn",
      ],
      `${API}/API_CreateRoute.html`,
    ),
    cidr("destinationCidrBlock", `${API}/API_CreateRoute.html`),
    required(["routeTableId"], `${API}/API_CreateRoute.html`),
  ],
  "aws:ec2/routeTableAssociation:RouteTableAssociation": [
    exactlyOne(["subnetId", "gatewayId"], `${API}/API_AssociateRouteTable.html`),
    required(["routeTableId"], `${API}/API_AssociateRouteTable.html`),
  ],
  "aws:ec2/internetGateway:InternetGateway": [required(["vpcId"], `${API}/API_AttachInternetGateway.html`), awsTags()],
  "aws:ec2/natGateway:NatGateway": [
    oneOf("connectivityType", ["public", "private"], `${API}/API_CreateNatGateway.html`),
    combination(
      "allocationId",
      "a public NAT gateway needs an Elastic IP allocation",
      `${API}/API_CreateNatGateway.html`,
      (i) => i.connectivityType === "private" || known(i.allocationId) || i.allocationId === "[unknown]",
      {
        ok: { connectivityType: "public", allocationId: "eipalloc-1" },
        bad: { connectivityType: "public" },
      },
    ),
    required(["subnetId"], `${API}/API_CreateNatGateway.html`),
    awsTags(),
  ],
  "aws:ec2/eip:Eip": [oneOf("domain", ["vpc", "standard"], `${API}/API_AllocateAddress.html`), awsTags()],
  "aws:ec2/eipAssociation:EipAssociation": [
    exactlyOne(["instanceId", "networkInterfaceId"], `${API}/API_AssociateAddress.html`),
    required(["allocationId"], `${API}/API_AssociateAddress.html`),
  ],
  "aws:ec2/flowLog:FlowLog": [
    oneOf("trafficType", ["ACCEPT", "REJECT", "ALL"], `${API}/API_CreateFlowLogs.html`),
    oneOf("maxAggregationInterval", [60, 600], `${API}/API_CreateFlowLogs.html`),
    oneOf("logDestinationType", ["cloud-watch-logs", "s3", "kinesis-data-firehose"], `${API}/API_CreateFlowLogs.html`),
    combination(
      "iamRoleArn",
      "delivery to CloudWatch Logs needs a role (DeliverLogsPermissionArn)",
      `${API}/API_CreateFlowLogs.html`,
      (i) =>
        (i.logDestinationType ?? "cloud-watch-logs") !== "cloud-watch-logs" ||
        (i.iamRoleArn !== undefined && i.iamRoleArn !== null),
      {
        ok: { logDestinationType: "cloud-watch-logs", iamRoleArn: "arn:aws:iam::123456789012:role/flow-logs" },
        bad: { logDestinationType: "cloud-watch-logs" },
      },
    ),
    awsTags(),
  ],
  "aws:ec2/launchTemplate:LaunchTemplate": [
    length("name", 3, 128, `${API}/API_CreateLaunchTemplate.html`),
    pattern(
      "name",
      /^[a-zA-Z0-9().\-/_]+$/,
      "letters, digits and ().-/_",
      `${API}/API_CreateLaunchTemplate.html`,
      "use1-pools-sbc-1a2b3c4",
      "use1 pools sbc",
    ),
    length("description", 0, 255, `${API}/API_CreateLaunchTemplate.html`),
    eachValue(
      "userData",
      "userData: at most 16 KB before base64 encoding",
      "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html",
      (v) => typeof v !== "string" || Buffer.from(v, "base64").length <= 16384,
      {
        ok: { userData: Buffer.from("#!/bin/bash\n").toString("base64") },
        bad: { userData: Buffer.from("#".repeat(16385)).toString("base64") },
      },
    ),
    oneOf(
      "metadataOptions.httpTokens",
      ["required", "optional"],
      `${API}/API_LaunchTemplateInstanceMetadataOptionsRequest.html`,
    ),
    range(
      "metadataOptions.httpPutResponseHopLimit",
      1,
      64,
      `${API}/API_LaunchTemplateInstanceMetadataOptionsRequest.html`,
    ),
    oneOf("blockDeviceMappings[].ebs.volumeType", VOLUME_TYPES, `${API}/API_LaunchTemplateEbsBlockDeviceRequest.html`),
    range("blockDeviceMappings[].ebs.volumeSize", 1, 65536, `${API}/API_LaunchTemplateEbsBlockDeviceRequest.html`),
    count(
      "vpcSecurityGroupIds",
      0,
      5,
      "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups",
    ),
    awsTags(),
  ],
  "aws:ec2/instance:Instance": [
    oneOf("metadataOptions.httpTokens", ["required", "optional"], `${API}/API_InstanceMetadataOptionsRequest.html`),
    range("metadataOptions.httpPutResponseHopLimit", 1, 64, `${API}/API_InstanceMetadataOptionsRequest.html`),
    oneOf("rootBlockDevice.volumeType", VOLUME_TYPES, `${API}/API_EbsBlockDevice.html`),
    range("rootBlockDevice.volumeSize", 1, 65536, `${API}/API_EbsBlockDevice.html`),
    pattern(
      "instanceType",
      /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
      "an instance type (family.size)",
      `${API}/API_RunInstances.html`,
      "c6in.xlarge",
      "c6in",
    ),
    awsTags(),
  ],
  "aws:ec2/vpcEndpoint:VpcEndpoint": [
    oneOf(
      "vpcEndpointType",
      ["Interface", "Gateway", "GatewayLoadBalancer", "Resource", "ServiceNetwork"],
      `${API}/API_CreateVpcEndpoint.html`,
    ),
    pattern(
      "serviceName",
      /^com\.amazonaws\.(vpce\.)?[a-z0-9-]+\.[a-z0-9.-]+$/,
      "com.amazonaws.<region>.<service>",
      `${API}/API_CreateVpcEndpoint.html`,
      "com.amazonaws.us-east-1.ssm",
      "ssm",
    ),
    combination(
      "routeTableIds",
      "route tables only on Gateway endpoints; subnets and security groups only on Interface ones",
      `${API}/API_CreateVpcEndpoint.html`,
      (i) => (i.vpcEndpointType === "Gateway" ? !i.subnetIds && !i.securityGroupIds : !i.routeTableIds),
      {
        ok: { vpcEndpointType: "Gateway", routeTableIds: ["rtb-1"] },
        bad: { vpcEndpointType: "Interface", routeTableIds: ["rtb-1"] },
      },
    ),
    required(["vpcId", "serviceName"], `${API}/API_CreateVpcEndpoint.html`),
    awsTags(),
  ],
  "aws:ec2/customerGateway:CustomerGateway": [
    range("bgpAsn", 1, 2147483647, `${API}/API_CreateCustomerGateway.html`),
    oneOf("type", ["ipsec.1"], `${API}/API_CreateCustomerGateway.html`),
    pattern(
      "ipAddress",
      /^(\d{1,3}\.){3}\d{1,3}$/,
      "an IPv4 address",
      `${API}/API_CreateCustomerGateway.html`,
      "64.34.120.10",
      "vpn.example.com",
    ),
    awsTags(),
  ],
};
