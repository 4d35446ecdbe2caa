// What a provider computes for a new resource (ids, ARNs, addresses), per resource type.
// Only used when mocking a deployment; a preview leaves computed values unknown, as the engine does.
import { MOCK_ACCOUNT_ID, documentationIp, hexFrom } from "./ids";

export interface ResourceContext {
  readonly name: string;
  readonly region: string;
  /** The id the mock gives this resource. */
  readonly id: string;
}

export type ComputedOutputs = (inputs: Record<string, any>, ctx: ResourceContext) => Record<string, unknown>;

/** `aws:ec2/vpc:Vpc` -> `ec2`, used to build plausible ARNs. */
export function awsService(type: string): string {
  return type.split(":")[1]?.split("/")[0] ?? "unknown";
}

/** Ids shaped like the real ones for the types where programs or tests read them. */
const ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc-",
  "aws:ec2/subnet:Subnet": "subnet-",
  "aws:ec2/routeTable:RouteTable": "rtb-",
  "aws:ec2/internetGateway:InternetGateway": "igw-",
  "aws:ec2/natGateway:NatGateway": "nat-",
  "aws:ec2/eip:Eip": "eipalloc-",
  "aws:ec2/securityGroup:SecurityGroup": "sg-",
  "aws:ec2/managedPrefixList:ManagedPrefixList": "pl-",
  "aws:ec2/networkAcl:NetworkAcl": "acl-",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
  "aws:ec2/flowLog:FlowLog": "fl-",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
  "aws:ec2/instance:Instance": "i-",
  "aws:ec2/networkInterface:NetworkInterface": "eni-",
  "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw-",
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "tgw-attach-",
  "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": "tgw-attach-",
  "aws:ec2/customerGateway:CustomerGateway": "cgw-",
  "aws:ec2/vpnConnection:VpnConnection": "vpn-",
  "aws:ec2clientvpn/endpoint:Endpoint": "cvpn-endpoint-",
  "aws:ec2/vpcEndpointService:VpcEndpointService": "vpce-svc-",
};

export function mockId(type: string, name: string): string {
  const prefix = ID_PREFIX[type];
  return prefix ? `${prefix}${hexFrom(`${type}/${name}`, 17)}` : `${name}-${hexFrom(`${type}/${name}`, 8)}`;
}

export function mockArn(type: string, ctx: ResourceContext): string {
  const kind = type.split(":")[2]?.replace(/^./, (c) => c.toLowerCase()) ?? "resource";
  return `arn:aws:${awsService(type)}:${ctx.region}:${MOCK_ACCOUNT_ID}:${kind}/${ctx.id}`;
}

export const COMPUTED: Record<string, ComputedOutputs> = {
  "aws:ec2/vpc:Vpc": (_i, { name }) => ({
    defaultRouteTableId: mockId("aws:ec2/routeTable:RouteTable", `${name}-default`),
    defaultNetworkAclId: mockId("aws:ec2/networkAcl:NetworkAcl", `${name}-default`),
    defaultSecurityGroupId: mockId("aws:ec2/securityGroup:SecurityGroup", `${name}-default`),
    mainRouteTableId: mockId("aws:ec2/routeTable:RouteTable", `${name}-default`),
  }),
  // The provider's `arn` of an Elastic IP is `elastic-ip/<allocation id>` (Shield wants another form, eip-allocation/).
  "aws:ec2/eip:Eip": (_i, { name, id, region }) => ({
    allocationId: id,
    publicIp: documentationIp(name),
    domain: "vpc",
    arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:elastic-ip/${id}`,
  }),
  // DescribeManagedPrefixLists: arn prefix-list/<id>, the owner, version 1 after the create.
  "aws:ec2/managedPrefixList:ManagedPrefixList": (_i, { id, region }) => ({
    arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:prefix-list/${id}`,
    ownerId: MOCK_ACCOUNT_ID,
    version: 1,
  }),
  "aws:ec2/natGateway:NatGateway": (_i, { name }) => ({ publicIp: documentationIp(name), privateIp: "10.0.0.10" }),
  "aws:cloudwatch/logGroup:LogGroup": (inputs, ctx) => ({
    arn: `arn:aws:logs:${ctx.region}:${MOCK_ACCOUNT_ID}:log-group:${inputs.name ?? ctx.name}`,
  }),
  "aws:iam/role:Role": (inputs, ctx) => ({
    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${inputs.name ?? ctx.name}`,
    uniqueId: `AROA${hexFrom(ctx.name, 16).toUpperCase()}`,
  }),
  "aws:ec2/vpcEndpoint:VpcEndpoint": (inputs, ctx) => ({
    dnsEntries: [{ dnsName: `${ctx.id}.${inputs.serviceName ?? "svc"}`, hostedZoneId: "Z1MOCKZONE" }],
    prefixListId: `pl-${hexFrom(ctx.name, 8)}`,
  }),
};

/** Mirrors @pulumi/random's RandomPassword: honours length, character classes, minimums and overrideSpecial. */
export function mockPassword(inputs: Record<string, any>, seed: string): string {
  const classes = [
    { on: inputs.upper ?? true, chars: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", min: inputs.minUpper ?? 0 },
    { on: inputs.lower ?? true, chars: "abcdefghijklmnopqrstuvwxyz", min: inputs.minLower ?? 0 },
    { on: inputs.numeric ?? true, chars: "0123456789", min: inputs.minNumeric ?? 0 },
    {
      on: inputs.special ?? true,
      chars: inputs.overrideSpecial ?? "!@#$%&*()-_=+[]{}<>:?",
      min: inputs.minSpecial ?? 0,
    },
  ].filter((c) => c.on && c.chars.length > 0);
  const all = classes.map((c) => c.chars).join("");
  const picked: string[] = [];
  let n = 0;
  const pick = (chars: string) => chars[parseInt(hexFrom(`${seed}/${n++}`, 8), 16) % chars.length];
  classes.forEach((c) => {
    for (let i = 0; i < c.min; i++) picked.push(pick(c.chars));
  });
  while (picked.length < (inputs.length ?? 16)) picked.push(pick(all));
  // Deterministic shuffle so the required characters are not always in front.
  return picked
    .map((ch, i) => ({ ch, key: hexFrom(`${seed}/shuffle/${i}`, 8) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((x) => x.ch)
    .join("");
}

function pem(label: string, seed: string): string {
  return `-----BEGIN ${label}-----\n${Buffer.from(hexFrom(seed, 96)).toString("base64")}\n-----END ${label}-----\n`;
}

Object.assign(COMPUTED, {
  "random:index/randomPassword:RandomPassword": (inputs: Record<string, any>, { name }: ResourceContext) => {
    const result = mockPassword(inputs, name);
    return { result, bcryptHash: `$2a$10$${hexFrom(name, 53)}` };
  },
  "random:index/randomString:RandomString": (inputs: Record<string, any>, { name }: ResourceContext) => ({
    result: mockPassword(inputs, name),
  }),
  "random:index/randomId:RandomId": (_i: Record<string, any>, { name }: ResourceContext) => ({
    hex: hexFrom(name, 16),
    b64Url: hexFrom(name, 11),
    dec: "1234567",
  }),
  "tls:index/privateKey:PrivateKey": (_i: Record<string, any>, { name }: ResourceContext) => ({
    privateKeyPem: pem("PRIVATE KEY", `${name}/private`),
    privateKeyOpenssh: pem("OPENSSH PRIVATE KEY", `${name}/openssh`),
    publicKeyPem: pem("PUBLIC KEY", `${name}/public`),
    publicKeyOpenssh: `ssh-rsa ${hexFrom(name, 40)}`,
  }),
  "tls:index/selfSignedCert:SelfSignedCert": (_i: Record<string, any>, { name }: ResourceContext) => ({
    certPem: pem("CERTIFICATE", name),
  }),
  "tls:index/locallySignedCert:LocallySignedCert": (_i: Record<string, any>, { name }: ResourceContext) => ({
    certPem: pem("CERTIFICATE", name),
  }),
  "tls:index/certRequest:CertRequest": (_i: Record<string, any>, { name }: ResourceContext) => ({
    certRequestPem: pem("CERTIFICATE REQUEST", name),
  }),
});
