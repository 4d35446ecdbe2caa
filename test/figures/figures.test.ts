import { NetworkConfig } from "../../config";
import {
  capacityFigures,
  capacityWarnings,
  exposureFigures,
  failoverFigures,
  failureRecoveryFigures,
  hostsInFullestAz,
  recoveryFigures,
} from "../../lib/figures";
import { stackConfig } from "../harness/config";

type AwsSite = Extract<NetworkConfig["sites"][number], { kind: "aws" }>;

const base = stackConfig("prod");
const template = base.sites.find((s): s is AwsSite => s.kind === "aws")!;

/** An AWS site with chosen host counts (web and core: min/max; SBC: count). */
function site(
  name: string,
  region: string,
  cidr: string,
  hosts: { sbc: number; web: number; core: number; max?: number },
  azCount = 3,
): AwsSite {
  return {
    ...template,
    name,
    region,
    cidr,
    azCount,
    pools: {
      sbc: { ...template.pools.sbc, count: hosts.sbc },
      web: { ...template.pools.web, min: hosts.web, max: hosts.max ?? hosts.web * 3 },
      core: { ...template.pools.core, min: hosts.core, max: hosts.max ?? hosts.core * 3 },
    },
  };
}

function withSites(sites: AwsSite[], design = 40, limit = 80): NetworkConfig {
  return {
    ...base,
    sites,
    capacity: { designLoadPercent: design, scaleOutPercent: 60, maxLoadAfterFailurePercent: limit },
  };
}

const pool = (config: NetworkConfig, tier: "sbc" | "web" | "core") =>
  capacityFigures(config).find((p) => p.tier === tier)!;

describe("capacity", () => {
  it("three equal sites at 40% carry 60% per host after losing one, for every pool", () => {
    const config = withSites([
      site("a", "us-east-1", "10.1.0.0/16", { sbc: 3, web: 3, core: 3 }),
      site("b", "sa-east-1", "10.2.0.0/16", { sbc: 3, web: 3, core: 3 }),
      site("c", "eu-west-1", "10.3.0.0/16", { sbc: 3, web: 3, core: 3 }),
    ]);
    ["sbc", "web", "core"].forEach((tier) => {
      const p = pool(config, tier as "sbc");
      expect(p.siteLoss.map((c) => c.loadPercent)).toEqual([60, 60, 60]);
      expect(p.siteLoss.every((c) => !c.aboveLimit)).toBe(true);
    });
    expect(capacityWarnings(capacityFigures(config))).toEqual([]);
  });

  it("two equal sites at 40% carry 80% after losing one: at the limit, not above it", () => {
    const config = withSites([
      site("a", "us-east-1", "10.1.0.0/16", { sbc: 2, web: 2, core: 2 }),
      site("b", "eu-west-1", "10.2.0.0/16", { sbc: 2, web: 2, core: 2 }),
    ]);
    expect(pool(config, "sbc").siteLoss.map((c) => [c.loadPercent, c.aboveLimit])).toEqual([
      [80, false],
      [80, false],
    ]);
  });

  it("spreads SBC load over the surviving hosts, but web load equally over the surviving sites (Cloudflare equal weights)", () => {
    // Sites of 2, 3 and 3 hosts at 40%. Losing a 3-host site:
    // per host (SBC): 40 x 8 / 5 = 64% everywhere; per site (web): the 2-host site takes 40 x (2 + 1.5) / 2 = 70%.
    const config = withSites([
      site("small", "us-east-1", "10.1.0.0/16", { sbc: 2, web: 2, core: 2 }),
      site("b", "sa-east-1", "10.2.0.0/16", { sbc: 3, web: 3, core: 3 }),
      site("c", "eu-west-1", "10.3.0.0/16", { sbc: 3, web: 3, core: 3 }),
    ]);
    const sbcLoss = pool(config, "sbc").siteLoss.find((c) => c.lost === "site b")!;
    expect(sbcLoss.loadPercent).toBe(64);
    const webLoss = pool(config, "web").siteLoss.find((c) => c.lost === "site b")!;
    expect(webLoss).toMatchObject({ worstSite: "small", loadPercent: 70, aboveLimit: false });
    // Losing the small site: 80 spread over 6 hosts on top of 240 -> 53.3% per SBC.
    expect(pool(config, "sbc").siteLoss.find((c) => c.lost === "site small")!.loadPercent).toBe(53.3);
  });

  it("flags an AZ loss that leaves too few hosts: 3 hosts in 2 AZs keep 1, at 120%", () => {
    expect(hostsInFullestAz(3, 2)).toBe(2);
    expect(hostsInFullestAz(3, 3)).toBe(1);
    const config = withSites([
      site("a", "us-east-1", "10.1.0.0/16", { sbc: 3, web: 4, core: 6 }, 2),
      site("b", "eu-west-1", "10.2.0.0/16", { sbc: 4, web: 4, core: 6 }, 2),
    ]);
    const sbcAz = pool(config, "sbc").azLoss;
    expect(sbcAz.map((c) => [c.lost, c.loadPercent, c.aboveLimit])).toEqual([
      ["one AZ of a", 120, true],
      ["one AZ of b", 80, false],
    ]);
    // Scaling pools relaunch into the surviving AZs up to their max: 4 web hosts (max 12) at 40% -> 13.3% once grown.
    expect(pool(config, "web").azLoss[0]).toMatchObject({ loadPercent: 80, afterScaleOutPercent: 13.3 });
    // A fixed SBC slot waits for its AZ.
    expect(sbcAz[0].afterScaleOutPercent).toBe(120);
    // Losing site b (4 SBCs) also puts its 160 on a's 3 SBCs: 40 x 7 / 3 = 93.3%.
    expect(capacityWarnings(capacityFigures(config))).toEqual([
      "sbc: losing site b leaves 93.3% per host (limit 80%)",
      "sbc: losing one AZ of a leaves 120% per host (limit 80%)",
    ]);
  });

  it("says plainly that losing the only AWS site leaves no host", () => {
    const config = withSites([site("a", "us-east-1", "10.1.0.0/16", { sbc: 2, web: 2, core: 2 })]);
    expect(pool(config, "web").siteLoss).toEqual([
      { lost: "site a", worstSite: null, loadPercent: null, afterScaleOutPercent: null, aboveLimit: true },
    ]);
    expect(capacityWarnings(capacityFigures(config))).toContain("web: losing site a leaves no host (limit 80%)");
  });
});

describe("failover", () => {
  it("web: interval + (retries + 1) x timeout, since Cloudflare retries a timed-out check at once", () => {
    const config = {
      ...base,
      dns: { ...base.dns, healthCheck: { path: "/healthz", intervalSeconds: 30, timeoutSeconds: 4, retries: 1 } },
    };
    const web = failoverFigures(config).find((f) => f.entryPoint.startsWith("web"))!;
    expect(web).toMatchObject({ detectionSeconds: 38, switchSeconds: 0, totalSeconds: 38 });
  });

  it("SIP: Timer B is 64 x T1 = 32 s before the next SRV target; SBC host: 2 minutes of failed system checks, then recovery", () => {
    const figures = failoverFigures(base);
    expect(figures.find((f) => f.entryPoint.startsWith("SIP over UDP"))!.detectionSeconds).toBe(32);
    expect(figures.find((f) => f.entryPoint.startsWith("SBC host"))).toMatchObject({
      detectionSeconds: 120,
      totalSeconds: 420,
    });
  });
});

describe("recovery", () => {
  it("gives point-in-time restore a 5-minute RPO in the database's region and daily copies 24 h", () => {
    const figures = recoveryFigures(base);
    expect(figures.find((f) => f.dataClass.startsWith("database, point-in-time"))).toMatchObject({
      rpoSeconds: 300,
      retentionDays: base.database.backupRetentionDays,
      location: expect.stringContaining("us-east-1"),
    });
    expect(figures.find((f) => f.dataClass.startsWith("daily isolated"))).toMatchObject({
      rpoSeconds: 86400,
      retentionDays: base.backup.retentionDays.daily,
    });
  });

  it("places the isolated copy in the isolated region, and in the backup account when a role is configured", () => {
    const config = {
      ...base,
      backup: { ...base.backup, isolatedAccountRoleArn: "arn:aws:iam::210987654321:role/backup" },
    };
    const isolated = recoveryFigures(config).filter((f) => f.dataClass.includes("isolated"));
    expect(isolated).toHaveLength(3);
    isolated.forEach((f) =>
      expect(f.location).toMatch(/^eu-central-1, separate account 210987654321, vault lock in compliance mode/),
    );
  });
});

describe("the database per failure", () => {
  it("loses nothing to an AZ (synchronous standby, RDS's 60-120 s failover)", () => {
    const [az] = failureRecoveryFigures(base);
    expect(az).toMatchObject({ rpoSeconds: 0, rtoSeconds: 120 });
    expect(az.failure).toContain(base.database.site);
  });

  it("on losing the primary's region, promotes the replica (RPO = lag) or, with none, restores the isolated copy (24 h)", () => {
    expect(base.database.replicaSite).toBeDefined();
    const [, withReplica] = failureRecoveryFigures(base);
    expect(withReplica).toMatchObject({ rpoSeconds: null, rtoSeconds: 600 });
    expect(withReplica.recovery).toContain(base.database.replicaSite!);
    const [, alone] = failureRecoveryFigures({ ...base, database: { ...base.database, replicaSite: undefined } });
    expect(alone.rpoSeconds).toBe(86400);
    expect(alone.rtoSeconds).toBeGreaterThan(withReplica.rtoSeconds);
    expect(alone.recovery).toContain("isolated copy");
  });
});

describe("exposure", () => {
  const cloudflare = ["173.245.48.0/20", "103.21.244.0/22"];
  const figures = exposureFigures(base, cloudflare);
  const cidrs = (list: { cidr: string }[]) => list.map((s) => s.cidr).sort();

  it("opens only SIP, SIP-TLS and RTP on the SBCs and HTTP/HTTPS on the ALB in every AWS site", () => {
    const sites = base.sites.filter((s) => s.kind === "aws").map((s) => s.name);
    sites.forEach((name) => {
      const ports = figures
        .filter((e) => e.site === name && e.tier !== "network")
        .map((e) => `${e.tier} ${e.protocol}/${e.fromPort}-${e.toPort}`);
      expect(ports.sort()).toEqual([
        "sbc tcp/5060-5060",
        "sbc tcp/5061-5061",
        "sbc udp/10000-20000",
        "sbc udp/5060-5060",
        "web tcp/443-443",
        "web tcp/80-80",
      ]);
    });
  });

  it("takes SIP only from carriers' signalling and customers' ranges, RTP from carriers' media and customers' ranges", () => {
    const sip = figures.find((e) => e.site === "use1" && e.service === "SIP" && e.protocol === "udp")!;
    const customers = base.customers.flatMap((c) => c.sipCidrs);
    expect(cidrs(sip.sources)).toEqual([...base.carriers.flatMap((c) => c.signallingCidrs), ...customers].sort());
    const rtp = figures.find((e) => e.site === "use1" && e.service === "RTP")!;
    expect(cidrs(rtp.sources)).toEqual([...base.carriers.flatMap((c) => c.mediaCidrs), ...customers].sort());
  });

  it("takes web traffic only from Cloudflare's ranges and exposes nothing on NAT", () => {
    figures.filter((e) => e.tier === "web").forEach((e) => expect(cidrs(e.sources)).toEqual([...cloudflare].sort()));
    expect(figures.filter((e) => /NAT gateway/i.test(e.entry))).toEqual([]);
  });

  it("lists the AWS-managed VPN endpoints: IKE from each data centre's device at its home sites, Client VPN at the admin site", () => {
    const ike = figures.filter((e) => e.service === "IKE").map((e) => [e.site, cidrs(e.sources)]);
    expect(ike).toEqual([
      ["use1", ["64.34.120.10/32", "85.62.44.10/32"]],
      ["sae1", ["64.34.120.10/32"]],
      ["euw1", ["85.62.44.10/32"]],
    ]);
    expect(figures.filter((e) => e.service === "OpenVPN").map((e) => e.site)).toEqual([base.admin.vpnSite]);
  });
});
