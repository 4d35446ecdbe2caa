// Typical creation times per resource kind, for the deploy-time estimate. Each entry says where its
// figure comes from; "estimate" marks the ones no public measurement backs.

/** What the estimate needs to know about a resource. */
export interface TimedResource {
  readonly type: string;
  readonly custom: boolean;
  readonly inputs?: Record<string, unknown>;
}

export interface CreationTime {
  /** Human name of the kind, for reports. */
  readonly kind: string;
  /** Type tokens this entry covers (exact), or a package prefix ending with ":" (e.g. "cloudflare:"). */
  readonly types: readonly string[];
  /** Narrows the entry by inputs (e.g. Multi-AZ databases only); the first matching entry wins. */
  readonly when?: (inputs: Record<string, unknown>) => boolean;
  /** Typical range in seconds, from a fresh create to the provider reporting it ready. */
  readonly lowSeconds: number;
  readonly highSeconds: number;
  readonly source: string;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== false;

export const CREATION_TIMES: readonly CreationTime[] = [
  {
    kind: "transit gateway",
    types: ["aws:ec2transitgateway/transitGateway:TransitGateway"],
    lowSeconds: 180, highSeconds: 300,
    source: "estimate (AWS documents no figure; the 'pending' phase is long enough that aws-controllers-k8s/ec2-controller#17 sleeps in its tests because the resource 'takes so long to be created')",
  },
  {
    kind: "TGW VPC attachment",
    types: ["aws:ec2transitgateway/vpcAttachment:VpcAttachment"],
    lowSeconds: 60, highSeconds: 180,
    source: "estimate (pending -> available; one ENI per AZ subnet)",
  },
  {
    kind: "TGW peering attachment (request)",
    types: ["aws:ec2transitgateway/peeringAttachment:PeeringAttachment"],
    lowSeconds: 60, highSeconds: 120,
    source: "estimate (initiating -> pendingAcceptance; AWS API CreateTransitGatewayPeeringAttachment: the accepter side must then accept)",
  },
  {
    kind: "TGW peering accepter",
    types: ["aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter"],
    lowSeconds: 180, highSeconds: 420,
    source: "estimate (pendingAcceptance -> pending -> available across two regions)",
  },
  {
    kind: "Site-to-Site VPN connection",
    types: ["aws:ec2/vpnConnection:VpnConnection"],
    lowSeconds: 300, highSeconds: 600,
    source: "typical 5-10 min, long tail: boto/botocore#912 ('can take roughly 30 minutes'), hashicorp/terraform-provider-aws#1819 (create timeout raised to 40 min)",
  },
  {
    kind: "NAT gateway",
    types: ["aws:ec2/natGateway:NatGateway"],
    lowSeconds: 60, highSeconds: 120,
    source: "typical 1-2 min; kubernetes/kops#944 reports up to 5-10 min for pending -> available",
  },
  {
    kind: "RDS cross-region read replica",
    types: ["aws:rds/instance:Instance"],
    when: (i) => present(i.replicateSourceDb),
    lowSeconds: 1200, highSeconds: 2400,
    source: "estimate (snapshot of the primary, cross-region copy, restore; grows with the database size)",
  },
  {
    kind: "RDS Multi-AZ instance",
    types: ["aws:rds/instance:Instance"],
    when: (i) => i.multiAz === true,
    lowSeconds: 900, highSeconds: 1800,
    source: "hashicorp/terraform#498 (15-20 min with Multi-AZ, event log quoted), hashicorp/terraform-provider-aws#43322 (36 min)",
  },
  {
    kind: "RDS single-AZ instance",
    types: ["aws:rds/instance:Instance"],
    lowSeconds: 300, highSeconds: 600,
    source: "hashicorp/terraform#498 (5-10 min without Multi-AZ)",
  },
  {
    kind: "application/network load balancer",
    types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    lowSeconds: 120, highSeconds: 240,
    source: "estimate (provisioning -> active, about 3 min)",
  },
  {
    kind: "ACM certificate validation",
    types: ["aws:acm/certificateValidation:CertificateValidation"],
    lowSeconds: 60, highSeconds: 600,
    source: "estimate (DNS validation: waits for the record to propagate and ACM to poll it)",
  },
  {
    kind: "Client VPN endpoint",
    types: ["aws:ec2clientvpn/endpoint:Endpoint"],
    lowSeconds: 30, highSeconds: 120,
    source: "estimate (the endpoint is created in pending-associate; the association is the slow part)",
  },
  {
    kind: "Client VPN network association",
    types: ["aws:ec2clientvpn/networkAssociation:NetworkAssociation"],
    lowSeconds: 300, highSeconds: 600,
    source: "hashicorp/terraform-provider-aws#7030 (acceptance test of one association: 661 s), #16522 (timeout raised from 10 to 30 min), #18542",
  },
  {
    kind: "Client VPN route",
    types: ["aws:ec2clientvpn/route:Route"],
    lowSeconds: 90, highSeconds: 180,
    source: "cloudposse/terraform-aws-ec2-client-vpn#40 (about 90 s), hashicorp/terraform-provider-aws#30552 (2-3 min)",
  },
  {
    kind: "Client VPN authorization rule",
    types: ["aws:ec2clientvpn/authorizationRule:AuthorizationRule"],
    lowSeconds: 10, highSeconds: 60,
    source: "estimate (authorizing -> active; hashicorp/terraform-provider-aws#16890 reports rare 10 min timeouts)",
  },
  {
    kind: "interface VPC endpoint",
    types: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
    when: (i) => i.vpcEndpointType === "Interface",
    lowSeconds: 60, highSeconds: 180,
    source: "estimate (pending -> available, one ENI per subnet)",
  },
  {
    kind: "auto scaling group (waits for healthy capacity)",
    types: ["aws:autoscaling/group:Group"],
    lowSeconds: 120, highSeconds: 300,
    source: "estimate (the provider waits for min healthy instances, up to wait_for_capacity_timeout = 10 min; boot and health-check grace)",
  },
  {
    kind: "EC2 instance",
    types: ["aws:ec2/instance:Instance"],
    lowSeconds: 30, highSeconds: 90,
    source: "estimate (pending -> running; the provider does not wait for status checks)",
  },
  {
    kind: "Cloudflare object",
    types: ["cloudflare:"],
    lowSeconds: 1, highSeconds: 5,
    source: "estimate (one synchronous API call: records, pools, monitors, load balancers)",
  },
  {
    kind: "generated locally (random, tls)",
    types: ["random:", "tls:"],
    lowSeconds: 0, highSeconds: 1,
    source: "computed by the provider plugin, no cloud call",
  },
];

/** Anything else (VPC, subnets, routes, rules, IAM, SNS, alarms, ...): one or two API calls. */
export const DEFAULT_CREATION: CreationTime = {
  kind: "default (API call)",
  types: [],
  lowSeconds: 2,
  highSeconds: 10,
  source: "estimate (a few seconds: one or two API calls, eventual consistency retries)",
};

/** Components and providers take no time: they are bookkeeping in the engine. */
export const NO_TIME: CreationTime = { kind: "component or provider", types: [], lowSeconds: 0, highSeconds: 0, source: "no cloud operation" };

function covers(entry: CreationTime, type: string): boolean {
  return entry.types.some((t) => (t.endsWith(":") ? type.startsWith(t) : type === t));
}

/** The entry that applies to a resource. */
export function creationTimeOf(resource: TimedResource, table: readonly CreationTime[] = CREATION_TIMES): CreationTime {
  if (!resource.custom || resource.type.startsWith("pulumi:providers:")) return NO_TIME;
  return table.find((e) => covers(e, resource.type) && (!e.when || e.when(resource.inputs ?? {}))) ?? DEFAULT_CREATION;
}

/** Typical seconds: the middle of the range. */
export function typicalSeconds(entry: CreationTime): number {
  return (entry.lowSeconds + entry.highSeconds) / 2;
}
