// The security groups the program builds hold exactly the rules of the network model, group by group
// and direction, so the quota check (which counts the model) counts what will be deployed.
import { buildModel, groupKey } from "../../lib/model";
import { CLOUDFLARE_IPV4 } from "../../tools/mocks/invokes";
import { documentFromRaw, rawStackConfig } from "../harness/config";
import { Run, runStackDocument } from "../harness/program";
import { validateConfig } from "../../config";

const GROUP = "aws:ec2/securityGroup:SecurityGroup";

/** The resource name of a model group (as the pools, the database, the VPN and the network name them). */
const resourceName = (site: string, role: string) =>
  (
    ({ database: `core-db-${site}-db`, adminVpn: `${site}-admin-vpn-sg`, endpoints: `${site}-endpoints` }) as Record<
      string,
      string
    >
  )[role] ?? `${site}-pools-${role}`;

describe.each(["prod", "staging"] as const)("security group rules of a widened %s", (stack) => {
  let run: Run;
  const raw = rawStackConfig(stack);
  // More carrier CIDRs, and a customer sharing one, so that repeats are counted once.
  raw.carriers[0].signallingCidrs.push("64.16.13.0/29", "64.16.14.0/29");
  raw.customers.push({ name: "qa-lab", sipCidrs: [raw.customers[0].sipCidrs[0], "91.121.32.0/29"] });
  const model = buildModel(validateConfig(raw));
  // A whole-program run of its own (the widened config is in no other test): allow for a busy machine.
  beforeAll(async () => {
    run = await runStackDocument(stack, documentFromRaw(stack, raw));
  }, 180_000);

  it("are the model's, one resource per rule, for every group and direction", () => {
    const built = (urn: string, direction: "Ingress" | "Egress") =>
      run
        .ofType(`aws:vpc/securityGroup${direction}Rule:SecurityGroup${direction}Rule`)
        .filter((r) => r.propertyDependencies.securityGroupId?.[0] === urn).length;
    const counts = model.firewall.groups.map((g) => {
      const urn = run.named(GROUP, resourceName(g.ref.site, g.ref.role)).urn;
      const modelled = (direction: "in" | "out") =>
        model.firewall.rules
          .filter((r) => groupKey(r.group) === groupKey(g.ref) && r.direction === direction)
          .reduce((n, r) => n + (r.peer.kind === "published" ? CLOUDFLARE_IPV4.length : 1), 0);
      return {
        group: groupKey(g.ref),
        built: [built(urn, "Ingress"), built(urn, "Egress")],
        modelled: [modelled("in"), modelled("out")],
      };
    });
    counts.forEach((c) => expect({ group: c.group, rules: c.built }).toEqual({ group: c.group, rules: c.modelled }));
    // Every security group the program builds (beyond each VPC's adopted default) is one of the model's.
    expect(run.ofType(GROUP).length).toBe(model.firewall.groups.length);
  });
});
