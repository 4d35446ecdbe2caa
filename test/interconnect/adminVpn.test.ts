import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdminCertificates } from "../../components/admin/certificates";
import { AdminClientVpn } from "../../components/admin/clientVpn";
import { buildModel, groupOf, rulesOf, subnetCidr, tierCidr } from "../../lib/model";
import { AwsSiteConfig } from "../../config";
import { contains, mustParseCidr, overlaps } from "../../lib/ipv4";
import { PlanResource } from "../../tools/plan/capture";
import { stackConfig } from "../harness/config";
import { Run, runComponent, runStack } from "../harness/program";

const ENDPOINT = "aws:ec2clientvpn/endpoint:Endpoint";
const AUTH = "aws:ec2clientvpn/authorizationRule:AuthorizationRule";
const CVPN_ROUTE = "aws:ec2clientvpn/route:Route";
const ASSOCIATION = "aws:ec2clientvpn/networkAssociation:NetworkAssociation";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const GROUP = "aws:ec2/securityGroup:SecurityGroup";
const ACM = "aws:acm/certificate:Certificate";
const CERT = "tls:index/locallySignedCert:LocallySignedCert";

const dep = (r: PlanResource, prop: string) => r.propertyDependencies[prop]?.[0];
const tags = (r: PlanResource) => (r.inputs.tags ?? {}) as Record<string, string>;

describe("admin Client VPN of the prod stack", () => {
  let run: Run;
  const config = stackConfig("prod");
  const aws = config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");
  // Written out from the config here: the core API of every AWS site (the database is reached from a core host).
  const reachable = aws.map((s) => `${tierCidr(s.cidr, "core")}:tcp:${config.ports.coreApi}`).sort();
  const allowed = aws.map((s) => tierCidr(s.cidr, "core")).sort();
  // Data centres are administered from their own networks; edge and web are never admin destinations.
  const forbidden = [
    ...aws.flatMap((s) => [tierCidr(s.cidr, "edge"), tierCidr(s.cidr, "web"), tierCidr(s.cidr, "data")]),
    ...config.sites.filter((s) => s.kind === "onprem").map((s) => s.cidr),
  ];
  beforeAll(async () => {
    run = await runStack("prod");
  });

  const endpoint = () => run.ofType(ENDPOINT)[0];
  const ofEndpoint = (type: string) => run.ofType(type).filter((r) => dep(r, "clientVpnEndpointId") === endpoint().urn);

  it("is one endpoint in admin.vpnSite: split tunnel, client CIDR from config, certificate authentication against the imported CA", () => {
    expect(run.ofType(ENDPOINT)).toHaveLength(1);
    const e = endpoint();
    expect(tags(e)).toMatchObject({ site: config.admin.vpnSite, tier: "core" });
    expect(e.inputs).toMatchObject({ splitTunnel: true, clientCidrBlock: config.admin.clientCidr });
    const auth = e.inputs.authenticationOptions as { type: string; rootCertificateChainArn: string }[];
    expect(auth.map((a) => a.type)).toEqual(["certificate-authentication"]);
    const ca = run.ofType(ACM).find((c) => c.urn === dep(e, "authenticationOptions"));
    expect(ca?.name).toMatch(/client-ca$/);
    expect(run.ofType(ACM).find((c) => c.urn === dep(e, "serverCertificateArn"))?.name).toMatch(/-server$/);
  });

  it("logs every connection to a CloudWatch log group and stream", () => {
    const logs = endpoint().inputs.connectionLogOptions as Record<string, unknown>;
    expect(logs.enabled).toBe(true);
    expect(logs.cloudwatchLogGroup).toMatch(/^\/callmyway\/prod\/admin-vpn\//);
    expect(logs.cloudwatchLogStream).toBe("connections");
    const groupDeps = endpoint().propertyDependencies.connectionLogOptions;
    expect(groupDeps.map((u) => run.resources.find((r) => r.urn === u)!.type).sort()).toEqual([
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:cloudwatch/logStream:LogStream",
    ]);
  });

  it("is associated with the core subnets of its site, one per AZ", () => {
    const site = aws.find((s) => s.name === config.admin.vpnSite)!;
    const cidrs = ofEndpoint(ASSOCIATION).map(
      (a) => run.resources.find((r) => r.urn === dep(a, "subnetId"))!.inputs.cidrBlock,
    );
    expect(cidrs.sort()).toEqual(
      Array.from({ length: site.azCount }, (_, i) => subnetCidr(site.cidr, "core", i)).sort(),
    );
  });

  it("authorises exactly the admin destinations' blocks, for all groups", () => {
    const rules = ofEndpoint(AUTH);
    expect(rules.map((r) => r.inputs.targetNetworkCidr).sort()).toEqual(allowed);
    rules.forEach((r) => expect(r.inputs.authorizeAllGroups).toBe(true));
  });

  it("routes exactly those blocks outside its own VPC, through every association, and never anything wider", () => {
    // Inside the hosting VPC, AWS's own association route carries the traffic; authorisation still limits it.
    const hostCidr = aws.find((s) => s.name === config.admin.vpnSite)!.cidr;
    const routed = allowed.filter((c) => !contains(mustParseCidr(hostCidr), mustParseCidr(c)));
    expect(routed.length).toBe(allowed.length - 1);
    const routes = ofEndpoint(CVPN_ROUTE);
    const associations = ofEndpoint(ASSOCIATION);
    expect([...new Set(routes.map((r) => r.inputs.destinationCidrBlock))].sort()).toEqual(routed);
    routed.forEach((cidr) => {
      const targets = routes
        .filter((r) => r.inputs.destinationCidrBlock === cidr)
        .map((r) => dep(r, "targetVpcSubnetId"));
      expect(targets.sort()).toEqual(associations.map((a) => a.urn).sort());
    });
    [
      ...routes.map((r) => r.inputs.destinationCidrBlock as string),
      ...ofEndpoint(AUTH).map((r) => r.inputs.targetNetworkCidr as string),
    ].forEach((cidr) => {
      expect(cidr).not.toBe("0.0.0.0/0");
      forbidden.forEach((f) => expect(overlaps(mustParseCidr(f), mustParseCidr(cidr))).toBe(false));
    });
  });

  it("has its own security group whose egress reaches only the destinations, each on its own port (no SSH: hosts are reached by Session Manager)", () => {
    const sgUrns = endpoint().propertyDependencies.securityGroupIds;
    expect(sgUrns).toHaveLength(1);
    const rules = run.ofType(EGRESS).filter((r) => dep(r, "securityGroupId") === sgUrns[0]);
    expect(rules.map((r) => `${r.inputs.cidrIpv4}:${r.inputs.ipProtocol}:${r.inputs.fromPort}`).sort()).toEqual(
      reachable,
    );
    rules.forEach((r) => expect(r.inputs.fromPort).toBe(r.inputs.toPort));
    rules.forEach((r) => expect(r.inputs.description).toEqual(expect.any(String)));
    expect(
      run
        .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        .filter((r) => dep(r, "securityGroupId") === sgUrns[0]),
    ).toEqual([]);
  });

  it("is admitted on the far side of every egress rule: the destination's group admits the VPN's group (its own site) or its site's core block", () => {
    const adminGroup = endpoint().propertyDependencies.securityGroupIds[0];
    const vpnCore = tierCidr(aws.find((s) => s.name === config.admin.vpnSite)!.cidr, "core");
    const groupAt = (cidr: string) =>
      run.named(GROUP, `${aws.find((s) => tierCidr(s.cidr, "core") === cidr)!.name}-pools-core`);
    const egress = run.ofType(EGRESS).filter((r) => dep(r, "securityGroupId") === adminGroup);
    expect(egress.length).toBe(reachable.length);
    egress.forEach((out) => {
      const target = groupAt(out.inputs.cidrIpv4 as string);
      const admitting = run
        .ofType(INGRESS)
        .filter(
          (r) =>
            dep(r, "securityGroupId") === target.urn &&
            r.inputs.ipProtocol === out.inputs.ipProtocol &&
            r.inputs.fromPort === out.inputs.fromPort &&
            r.inputs.toPort === out.inputs.toPort &&
            (dep(r, "referencedSecurityGroupId") === adminGroup || r.inputs.cidrIpv4 === vpnCore),
        );
      expect({ to: out.name, admitted: admitting.length }).toEqual({ to: out.name, admitted: 1 });
    });
    // Only the VPN's own site admits its group by reference, on its core; no database admits admins (data admits only core).
    const byReference = run
      .ofType(INGRESS)
      .filter((r) => dep(r, "referencedSecurityGroupId") === adminGroup)
      .map((r) => run.resources.find((g) => g.urn === dep(r, "securityGroupId"))!.name);
    expect(byReference).toEqual([`${config.admin.vpnSite}-pools-core`]);
  });

  it("issues a CA, a server certificate and one client certificate per workstation, all imported or signed by the CA", () => {
    const ca = run.ofType("tls:index/selfSignedCert:SelfSignedCert");
    expect(ca).toHaveLength(1);
    expect(ca[0].inputs).toMatchObject({ isCaCertificate: true, allowedUses: ["cert_signing", "crl_signing"] });
    const leaves = run.ofType(CERT);
    expect(leaves).toHaveLength(1 + config.admin.workstations.length);
    leaves.forEach((l) => expect(dep(l, "caCertPem")).toBe(ca[0].urn));
    const clientNames = leaves
      .filter((l) => (l.inputs.allowedUses as string[]).includes("client_auth"))
      .map((l) => l.name);
    expect(clientNames.sort()).toEqual(config.admin.workstations.map((w) => `admin-pki-client-${w.name}`).sort());
    expect(leaves.filter((l) => (l.inputs.allowedUses as string[]).includes("server_auth"))).toHaveLength(1);
    // Imported certificates (the web ALBs' are DNS-validated by ACM and carry no key).
    const imported = run.ofType(ACM).filter((c) => c.inputs.certificateBody !== undefined);
    expect(imported.length).toBeGreaterThan(0);
    imported.forEach((c) => expect(c.inputs.privateKey).toBe("[secret]"));
  });

  it("exports each workstation's bundle only as a secret", () => {
    expect(run.stacks[`prod-${config.admin.vpnSite}`].outputs.adminClientBundles).toBe("[secret]");
    // The PKI's keys leave the shared stack only as secrets.
    expect((run.stacks.prod.outputs.adminPki as { ca: unknown }).ca).toMatchObject({ privateKeyPem: "[secret]" });
    expect(JSON.stringify(run.outputs)).not.toMatch(/PRIVATE KEY/);
  });
});

describe("removing a workstation", () => {
  it("removes its key and certificate and touches no other", async () => {
    const pki = (workstations: string[]) =>
      runComponent(() => new AdminCertificates("pki", { environment: "test", workstations }));
    const before = await pki(["noc-ws-01", "soc-ws-09", "noc-ws-07"]);
    const after = await pki(["noc-ws-01", "noc-ws-07"]);
    const urns = (r: Run) => r.resources.filter((x) => x.custom).map((x) => x.urn);
    const gone = urns(before).filter((u) => !urns(after).includes(u));
    // Its key, certificate request and certificate; the CA, server and other clients keep their URNs.
    expect(gone).toHaveLength(3);
    gone.forEach((u) => expect(u).toMatch(/::pki-client-soc-ws-09$/));
    expect(urns(after).every((u) => urns(before).includes(u))).toBe(true);
  });
});

describe("admin destinations of the model", () => {
  it("never include edge or web blocks or data centres, and are authorised, egressed and admitted alike, for any stack", () => {
    (["prod", "staging"] as const).forEach((stack) => {
      const c = stackConfig(stack);
      const { admin, firewall } = buildModel(c);
      admin.destinations.forEach((d) =>
        c.sites.forEach((s) => {
          if (s.kind !== "aws") return expect(overlaps(mustParseCidr(s.cidr), mustParseCidr(d.cidr))).toBe(false);
          ["edge", "web"].forEach((tier) =>
            expect(overlaps(mustParseCidr(tierCidr(s.cidr, tier as "edge")), mustParseCidr(d.cidr))).toBe(false),
          );
        }),
      );
      expect([...admin.authorisedCidrs].sort()).toEqual([...new Set(admin.destinations.map((d) => d.cidr))].sort());
      const egress = firewall.rules.filter((r) => r.group.role === "adminVpn");
      expect(egress.map((r) => `${r.direction} ${r.peer.kind === "cidr" && r.peer.cidr}:${r.fromPort}`).sort()).toEqual(
        admin.destinations.map((d) => `out ${d.cidr}:${d.port}`).sort(),
      );
      admin.destinations.forEach((d) => {
        const admitted = firewall.rules.filter(
          (r) =>
            r.group.site === d.site &&
            r.group.role === "core" &&
            r.direction === "in" &&
            r.fromPort === d.port &&
            (d.site === admin.site.name
              ? r.peer.kind === "group" && r.peer.group.role === "adminVpn"
              : r.peer.kind === "cidr" && r.peer.cidr === tierCidr(admin.site.cidr, "core")),
        );
        expect({ stack, d, admitted: admitted.length }).toEqual({ stack, d, admitted: 1 });
      });
    });
  });
});

describe("client bundles", () => {
  it("hold, per workstation by name, its own certificate and key, the CA and the endpoint's DNS name", async () => {
    const { admin, firewall } = buildModel(stackConfig("staging"));
    const vpnGroup = { site: admin.site.name, role: "adminVpn" as const };
    const run = await runComponent(() => {
      const vpn = new AdminClientVpn(
        "admin",
        {
          environment: "test",
          site: "use1",
          vpcId: "vpc-0123456789abcdef0",
          coreSubnetIds: ["subnet-a", "subnet-b"],
          access: { ...admin, clientCidr: "10.250.0.0/22" },
          firewall: { group: groupOf(firewall, vpnGroup), rules: rulesOf(firewall, vpnGroup, "out") },
          workstations: ["noc-ws-01", "soc-ws-01"],
          pki: new AdminCertificates("admin-pki", { environment: "test", workstations: ["noc-ws-01", "soc-ws-01"] }),
          tags: { project: "callmyway", environment: "test", site: "use1", "managed-by": "pulumi" },
        },
        { provider: new aws.Provider("use1", { region: "us-east-1" }) },
      );
      // Only the test unwraps the secret, to look inside.
      return { bundles: pulumi.unsecret(vpn.clientBundles), sealed: vpn.clientBundles };
    });
    expect(run.outputs.sealed).toBe("[secret]");
    const bundles = run.outputs.bundles as Record<string, Record<string, string>>;
    expect(Object.keys(bundles).sort()).toEqual(["noc-ws-01", "soc-ws-01"]);
    Object.values(bundles).forEach((b) => {
      expect(b.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(b.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(b.caCertificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(b.endpointDnsName).toMatch(/^\*\.cvpn-endpoint-[0-9a-f]{17}\.prod\.clientvpn\.us-east-1\.amazonaws\.com$/);
    });
    expect(bundles["noc-ws-01"].certificatePem).not.toBe(bundles["soc-ws-01"].certificatePem);
    expect(bundles["noc-ws-01"].privateKeyPem).not.toBe(bundles["soc-ws-01"].privateKeyPem);
    expect(bundles["noc-ws-01"].caCertificatePem).toBe(bundles["soc-ws-01"].caCertificatePem);
  });
});
