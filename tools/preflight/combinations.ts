// Constraints between a resource and the ones its inputs come from: what one API call refuses because
// of another resource's inputs.
import type { Json, PlanResource } from "../plan/capture";
import { contains, overlaps, parseCidr } from "../../lib/ipv4";
import type { PlanConstraint, PreflightViolation } from "./types";
import type { PlanView } from "./view";
import { known } from "./view";

const v = (r: PlanResource, property: string, value: Json, rule: string, source: string): PreflightViolation => ({
  urn: r.urn,
  property,
  value,
  rule,
  source,
});
const SUBNET = "aws:ec2/subnet:Subnet";
const zonesOf = (view: PlanView, r: PlanResource, property: string) =>
  view
    .dependencies(r, property, SUBNET)
    .map((s) => s.inputs.availabilityZone)
    .filter((z): z is string => typeof z === "string" && known(z));

/**
 * The provider turns `associatePublicIpAddress` into a network interface of its own; EC2 refuses a
 * network interface beside a launch template that carries security groups.
 */
const RUN_INSTANCES = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html";
const publicIpWithTemplateGroups: PlanConstraint = {
  rule: "associatePublicIpAddress with a launch template that sets security groups: EC2 refuses the combination (InvalidParameterCombination)",
  source: RUN_INSTANCES,
  kinds: ["aws:ec2/instance:Instance"],
  check: (view) =>
    view.ofKind("aws:ec2/instance:Instance").flatMap((r) => {
      if (r.inputs.associatePublicIpAddress === undefined || r.inputs.associatePublicIpAddress === null) return [];
      const templates = view.dependencies(r, "launchTemplate", "aws:ec2/launchTemplate:LaunchTemplate");
      const withGroups = templates.filter(
        (t) => Array.isArray(t.inputs.vpcSecurityGroupIds) && t.inputs.vpcSecurityGroupIds.length > 0,
      );
      return withGroups.length > 0
        ? [
            v(
              r,
              "associatePublicIpAddress",
              r.inputs.associatePublicIpAddress,
              publicIpWithTemplateGroups.rule,
              RUN_INSTANCES,
            ),
          ]
        : [];
    }),
};

const SUBNETS = "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html";
const subnetsInVpc: PlanConstraint = {
  rule: "a subnet's CIDR inside its VPC's, overlapping no other subnet of the VPC",
  source: SUBNETS,
  kinds: [SUBNET],
  check: (view) => {
    const out: PreflightViolation[] = [];
    const seen = new Map<string, PlanResource[]>();
    view.ofKind(SUBNET).forEach((s) => {
      const cidr = typeof s.inputs.cidrBlock === "string" ? parseCidr(s.inputs.cidrBlock) : undefined;
      const vpc = view.dependencies(s, "vpcId", "aws:ec2/vpc:Vpc")[0];
      const vpcCidr = vpc && typeof vpc.inputs.cidrBlock === "string" ? parseCidr(vpc.inputs.cidrBlock) : undefined;
      if (!cidr || !vpc) return;
      if (vpcCidr && !contains(vpcCidr, cidr))
        out.push(v(s, "cidrBlock", s.inputs.cidrBlock, `inside the VPC's ${vpc.inputs.cidrBlock}`, SUBNETS));
      const siblings = seen.get(vpc.urn) ?? [];
      const clash = siblings.find((o) => overlaps(parseCidr(String(o.inputs.cidrBlock))!, cidr));
      if (clash)
        out.push(v(s, "cidrBlock", s.inputs.cidrBlock, `overlaps ${clash.urn} (InvalidSubnet.Conflict)`, SUBNETS));
      seen.set(vpc.urn, [...siblings, s]);
    });
    return out;
  },
};

const subnetZoneInRegion: PlanConstraint = {
  rule: "a subnet's Availability Zone in its provider's region",
  source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html",
  kinds: [SUBNET],
  check: (view) =>
    view.ofKind(SUBNET).flatMap((s) => {
      const zone = s.inputs.availabilityZone;
      const region = view.regionOf(s);
      return typeof zone === "string" && known(zone) && region && !zone.startsWith(region)
        ? [v(s, "availabilityZone", zone, `${subnetZoneInRegion.rule} (${region})`, subnetZoneInRegion.source)]
        : [];
    }),
};

const endpointServiceInRegion: PlanConstraint = {
  rule: "a VPC endpoint's service in the endpoint's region",
  source: "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html",
  kinds: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
  check: (view) =>
    view.ofKind("aws:ec2/vpcEndpoint:VpcEndpoint").flatMap((e) => {
      const region = view.regionOf(e);
      const service = e.inputs.serviceName;
      return typeof service === "string" &&
        known(service) &&
        region &&
        service.startsWith("com.amazonaws.") &&
        !service.startsWith(`com.amazonaws.${region}.`)
        ? [v(e, "serviceName", service, `${endpointServiceInRegion.rule} (${region})`, endpointServiceInRegion.source)]
        : [];
    }),
};

/** One subnet per Availability Zone, and (for some) at least two zones, for the kinds that spread over subnets. */
function subnetZones(kind: string, property: string, minZones: number, rule: string, source: string): PlanConstraint {
  return {
    rule,
    source,
    kinds: [kind],
    check: (view) =>
      view.ofKind(kind).flatMap((r) => {
        const zones = zonesOf(view, r, property);
        const distinct = new Set(zones);
        const problems = [
          ...(distinct.size < zones.length
            ? [`two subnets in one Availability Zone (${zones.sort().join(", ")})`]
            : []),
          ...(zones.length > 0 && distinct.size < minZones
            ? [`subnets in ${distinct.size} Availability Zone(s), at least ${minZones} needed`]
            : []),
        ];
        return problems.map((p) => v(r, property, zones, `${rule}: ${p}`, source));
      }),
  };
}

/** Client VPN associations: one subnet per Availability Zone per endpoint. */
const clientVpnZones: PlanConstraint = {
  rule: "Client VPN target networks: one subnet per Availability Zone",
  source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateClientVpnTargetNetwork.html",
  kinds: ["aws:ec2clientvpn/networkAssociation:NetworkAssociation"],
  check: (view) => {
    const byEndpoint = new Map<string, Map<string, PlanResource>>();
    return view.ofKind("aws:ec2clientvpn/networkAssociation:NetworkAssociation").flatMap((a) => {
      const endpoint = a.propertyDependencies.clientVpnEndpointId?.[0] ?? String(a.inputs.clientVpnEndpointId);
      const zone = zonesOf(view, a, "subnetId")[0];
      if (!zone) return [];
      const zones = byEndpoint.get(endpoint) ?? new Map<string, PlanResource>();
      byEndpoint.set(endpoint, zones);
      const earlier = zones.get(zone);
      zones.set(zone, earlier ?? a);
      return earlier
        ? [v(a, "subnetId", zone, `${clientVpnZones.rule} (also ${earlier.urn})`, clientVpnZones.source)]
        : [];
    });
  },
};

/** A parameter group's family names the engine major version of the instances that use it. */
const parameterGroupFamily: PlanConstraint = {
  rule: "the parameter group's family matches the instance's engine and major version",
  source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html",
  kinds: ["aws:rds/parameterGroup:ParameterGroup"],
  check: (view) =>
    view.ofKind("aws:rds/instance:Instance").flatMap((db) => {
      if (db.inputs.engine !== "postgres" || typeof db.inputs.engineVersion !== "string") return [];
      const family = `postgres${db.inputs.engineVersion.split(".")[0]}`;
      return view
        .dependencies(db, "parameterGroupName", "aws:rds/parameterGroup:ParameterGroup")
        .filter((g) => known(g.inputs.family) && g.inputs.family !== family)
        .map((g) =>
          v(
            g,
            "family",
            g.inputs.family,
            `${parameterGroupFamily.rule} (${db.urn} runs postgres ${db.inputs.engineVersion}: ${family})`,
            parameterGroupFamily.source,
          ),
        );
    }),
};

/** A generated master password must avoid what RDS refuses in one: / " @ and spaces. */
const RDS_PASSWORD = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html";
const rdsPasswordCharacters: PlanConstraint = {
  rule: 'an RDS master password has no /, ", @ or space: the generator must not produce them',
  source: RDS_PASSWORD,
  kinds: ["random:index/randomPassword:RandomPassword"],
  check: (view) =>
    view.ofKind("aws:rds/instance:Instance").flatMap((db) =>
      view.dependencies(db, "password", "random:index/randomPassword:RandomPassword").flatMap((p) => {
        const specials =
          p.inputs.special === false
            ? ""
            : typeof p.inputs.overrideSpecial === "string"
              ? p.inputs.overrideSpecial
              : "!@#$%&*()-_=+[]{}<>:?";
        const refused = [...specials].filter((c) => `/"@ `.includes(c));
        return refused.length > 0
          ? [v(p, "overrideSpecial", specials, `${rdsPasswordCharacters.rule} (used by ${db.urn})`, RDS_PASSWORD)]
          : [];
      }),
    ),
};

/** Client VPN certificates (server and client CA) are RSA keys of 1024 or 2048 bits. */
const CLIENT_VPN_KEYS = "https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/mutual.html";
const clientVpnKeySizes: PlanConstraint = {
  rule: "certificates Client VPN uses hold RSA keys of 1024 or 2048 bits",
  source: CLIENT_VPN_KEYS,
  kinds: ["tls:index/privateKey:PrivateKey"],
  check: (view) =>
    view.ofKind("aws:ec2clientvpn/endpoint:Endpoint").flatMap((endpoint) => {
      const certificateUrns = [
        ...(endpoint.propertyDependencies.serverCertificateArn ?? []),
        ...(endpoint.propertyDependencies.authenticationOptions ?? []),
      ];
      const keys = certificateUrns
        .map((u) => view.byUrn(u))
        .filter((c): c is PlanResource => c?.type === "aws:acm/certificate:Certificate")
        .flatMap((c) => view.dependencies(c, "privateKey", "tls:index/privateKey:PrivateKey"));
      return [...new Set(keys)]
        .filter((k) => k.inputs.algorithm !== "RSA" || ![1024, 2048].includes(Number(k.inputs.rsaBits ?? 2048)))
        .map((k) =>
          v(
            k,
            k.inputs.algorithm !== "RSA" ? "algorithm" : "rsaBits",
            k.inputs.algorithm !== "RSA" ? k.inputs.algorithm : k.inputs.rsaBits,
            `${clientVpnKeySizes.rule} (${endpoint.urn})`,
            CLIENT_VPN_KEYS,
          ),
        );
    }),
};

export const COMBINATIONS: readonly PlanConstraint[] = [
  publicIpWithTemplateGroups,
  subnetsInVpc,
  subnetZoneInRegion,
  endpointServiceInRegion,
  subnetZones(
    "aws:lb/loadBalancer:LoadBalancer",
    "subnets",
    2,
    "load balancer subnets: one per Availability Zone, at least two zones",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
  ),
  subnetZones(
    "aws:rds/subnetGroup:SubnetGroup",
    "subnetIds",
    2,
    "DB subnet group: at least two Availability Zones",
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
  ),
  subnetZones(
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    "subnetIds",
    1,
    "transit gateway attachment: one subnet per Availability Zone",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html",
  ),
  subnetZones(
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "subnetIds",
    1,
    "interface endpoint: one subnet per Availability Zone",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
  ),
  clientVpnZones,
  parameterGroupFamily,
  rdsPasswordCharacters,
  clientVpnKeySizes,
];
