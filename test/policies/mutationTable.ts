// Mutations of a real plan, one broken promise each. Add a row when a component lands.
import { PlanResource, UNKNOWN } from "../../tools/plan/capture";
import { PlanDocument } from "../../tools/plan/document";
import { res, T } from "./fixtures";

function first(plan: PlanDocument, type: string, match: (r: PlanResource) => boolean = () => true): PlanResource {
  const found = plan.resources.find((r) => r.type === type && match(r));
  if (!found) throw new Error(`the plan has no ${type} to mutate`);
  return found;
}

const tier = (r: PlanResource) => (r.inputs.tags as Record<string, string> | undefined)?.tier;
const isTier = (t: string) => (r: PlanResource) => tier(r) === t;

/** A new registration that refers to existing ones, placed like the program would (same provider). */
function add(plan: PlanDocument, type: string, name: string, inputs: PlanResource["inputs"], deps: Record<string, PlanResource>, provider: string | null): void {
  plan.resources.push({ ...res(type, name, inputs, deps), urn: `urn:pulumi:${plan.stack}::callmyway-network::${type}::${name}`, provider });
}

export interface Mutation {
  readonly name: string;
  /** The policies that must fail, and no others. */
  readonly policies: string[];
  readonly mutate: (plan: PlanDocument) => void;
}

export const MUTATIONS: Mutation[] = [
  {
    name: "open the endpoint security group (tier network) to the world on 443",
    policies: ["no-internet-ingress-outside-sbc-and-web"],
    mutate: (plan) => {
      const sg = first(plan, T.sg);
      add(plan, T.ingress, "world-https", { cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "x", tags: sg.inputs.tags }, { securityGroupId: sg }, sg.provider);
    },
  },
  {
    name: "turn the endpoint HTTPS rule into SSH from the world",
    policies: ["no-admin-ports-from-internet", "no-internet-ingress-outside-sbc-and-web"],
    mutate: (plan) => Object.assign(first(plan, T.ingress).inputs, { cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22 }),
  },
  {
    name: "give the default security group an inline rule from the internet",
    policies: ["no-internet-ingress-outside-sbc-and-web"],
    mutate: (plan) => {
      first(plan, T.defaultSg).inputs.ingress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }];
    },
  },
  {
    name: "map public IPs on a core subnet",
    policies: ["no-public-ip-mapping-on-core-or-data-subnets"],
    mutate: (plan) => {
      first(plan, T.subnet, isTier("core")).inputs.mapPublicIpOnLaunch = true;
    },
  },
  {
    name: "add an internet gateway route to a core route table",
    policies: ["no-internet-gateway-route-from-core-or-data", "tier-tags-match-topology"],
    mutate: (plan) => {
      const table = first(plan, T.routeTable, isTier("core"));
      const site = (table.inputs.tags as Record<string, string>).site;
      const igw = first(plan, T.igw, (r) => (r.inputs.tags as Record<string, string>).site === site);
      add(plan, T.route, "core-shortcut", { destinationCidrBlock: "0.0.0.0/0" }, { routeTableId: table, gatewayId: igw }, table.provider);
    },
  },
  {
    name: "associate a data subnet with the edge route table",
    policies: ["no-internet-gateway-route-from-core-or-data", "tier-tags-match-topology"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("data"));
      const site = (subnet.inputs.tags as Record<string, string>).site;
      const edge = first(plan, T.routeTable, (r) => (r.inputs.tags as Record<string, string>)["subnet-tier"] === "edge" && (r.inputs.tags as Record<string, string>).site === site);
      const association = first(plan, T.rtAssociation, (r) => r.propertyDependencies.subnetId?.includes(subnet.urn));
      association.propertyDependencies.routeTableId = [edge.urn];
    },
  },
  {
    name: "retag a NAT Elastic IP as data",
    policies: ["no-public-ip-on-core-or-data"],
    mutate: (plan) => {
      const eip = first(plan, T.eip);
      eip.inputs.tags = { ...(eip.inputs.tags as Record<string, string>), tier: "data" };
    },
  },
  {
    name: "drop a VPC's flow log",
    policies: ["vpc-flow-logs-required"],
    mutate: (plan) => {
      const log = first(plan, T.flowLog);
      plan.resources = plan.resources.filter((r) => r !== log);
    },
  },
  {
    name: "drop the tier tag of a subnet",
    policies: ["required-tags-present"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("web"));
      const { tier: _dropped, ...rest } = subnet.inputs.tags as Record<string, string>;
      subnet.inputs.tags = rest;
    },
  },
  {
    name: "tag a route table with an unknown tier",
    policies: ["required-tags-present"],
    mutate: (plan) => {
      const table = first(plan, T.routeTable, isTier("web"));
      table.inputs.tags = { ...(table.inputs.tags as Record<string, string>), tier: "dmz" };
    },
  },
  {
    name: "launch a well-formed core host with a public IP",
    policies: ["no-public-ip-on-core-or-data"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("core"));
      add(plan, T.instance, "core-debug-host", {
        imageId: UNKNOWN, instanceType: "m6i.large", associatePublicIpAddress: true,
        metadataOptions: { httpTokens: "required" }, rootBlockDevice: { encrypted: true }, tags: subnet.inputs.tags,
      }, { subnetId: subnet }, subnet.provider);
    },
  },
  // Kinds other components will register: added here, well-formed but for the one broken property,
  // so each row shows the rule firing alone inside a real plan. Replace them with edits of the real
  // resources once those components are merged.
  {
    name: "add a core load balancer that faces the internet",
    policies: ["no-internet-facing-load-balancer-outside-web", "tier-tags-match-topology"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("core"));
      add(plan, T.lb, "core-nlb", { internal: false, loadBalancerType: "network", tags: subnet.inputs.tags }, { subnets: subnet }, subnet.provider);
    },
  },
  {
    name: "add a core launch template whose interface takes a public IP",
    policies: ["no-public-ip-on-core-or-data"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("core"));
      add(plan, T.launchTemplate, "core-lt", {
        imageId: UNKNOWN, metadataOptions: { httpTokens: "required" }, tags: subnet.inputs.tags,
        blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { encrypted: "true" } }],
        networkInterfaces: [{ associatePublicIpAddress: "true", deviceIndex: 0 }],
        tagSpecifications: [{ resourceType: "volume", tags: { ...(subnet.inputs.tags as Record<string, string>), backup: "true" } }],
      }, {}, subnet.provider);
    },
  },
  {
    name: "pin a launch template to an image outside the validated list",
    policies: ["images-only-from-validated-rhel-list"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("web"));
      add(plan, T.launchTemplate, "web-unvalidated-image", {
        imageId: "ami-0123456789abcdef0", metadataOptions: { httpTokens: "required" }, tags: subnet.inputs.tags,
        blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { encrypted: "true" } }],
      }, {}, subnet.provider);
    },
  },
  {
    name: "add a backup vault without a vault lock",
    policies: ["backup-vaults-locked"],
    mutate: (plan) => {
      const vpc = first(plan, T.vpc);
      add(plan, T.vault, "unlocked-vault", { tags: { ...(vpc.inputs.tags as Record<string, string>), tier: "data" } }, {}, vpc.provider);
    },
  },
  {
    name: "add a KMS key without rotation",
    policies: ["kms-key-rotation-required"],
    mutate: (plan) => {
      const vpc = first(plan, T.vpc);
      add(plan, T.kms, "no-rotation", { enableKeyRotation: false, tags: { ...(vpc.inputs.tags as Record<string, string>), tier: "data" } }, {}, vpc.provider);
    },
  },
  {
    name: "add a VPN connection with a literal pre-shared key",
    policies: ["vpn-preshared-keys-not-literal"],
    mutate: (plan) => {
      // A copy of a real connection (pinned crypto, logging) whose first key is a literal.
      const real = first(plan, T.vpn);
      add(plan, T.vpn, "literal-psk", { ...real.inputs, tunnel1PresharedKey: "literal_key_123", tunnel2PresharedKey: UNKNOWN }, {}, real.provider);
    },
  },
];
