// Edges open only to who must reach them: carriers and customers for SBCs, Cloudflare for web (S3, S8, S10, S15).
import { cloudflareWebProxied } from "../../policies/rules/cloudflareWebProxied";
import { sbcIngressOnlyFromAllowlists } from "../../policies/rules/sbcIngressOnlyFromAllowlists";
import { webIngressOnlyFromCloudflare } from "../../policies/rules/webIngressOnlyFromCloudflare";
import { failing, res, T, tags } from "./fixtures";

const group = (tier: string) => res(T.sg, `${tier}-sg`, { tags: tags(tier) });
const rule = (
  name: string,
  sg: ReturnType<typeof group>,
  cidr: string,
  protocol: string,
  fromPort?: number,
  toPort?: number,
) =>
  res(
    T.ingress,
    name,
    {
      cidrIpv4: cidr,
      ipProtocol: protocol,
      ...(fromPort === undefined ? {} : { fromPort, toPort: toPort ?? fromPort }),
    },
    { securityGroupId: sg },
  );

describe("sbc-ingress-only-from-allowlisted-carriers-and-customers", () => {
  const sbc = group("sbc");
  const config = {
    allowedCidrs: ["64.16.10.0/28", "64.16.64.0/24", "91.121.30.0/29"],
    allowedPortRanges: [
      { fromPort: 5060, toPort: 5061 },
      { fromPort: 10000, toPort: 20000 },
    ],
  };

  it("passes SIP and RTP from allowlisted CIDRs (and subsets of them), and private sources", async () => {
    const resources = [
      sbc,
      rule("carrier-sip-udp", sbc, "64.16.10.0/28", "udp", 5060),
      rule("carrier-tls", sbc, "64.16.10.0/28", "tcp", 5061),
      rule("carrier-rtp", sbc, "64.16.64.0/24", "udp", 10000, 20000),
      rule("customer-host-sip", sbc, "91.121.30.1/32", "udp", 5060),
      rule("core-to-sbc", sbc, "10.10.32.0/19", "tcp", 8080),
      rule("carrier-icmp", sbc, "64.16.10.0/28", "icmp", 3, 4),
    ];
    expect(await failing(sbcIngressOnlyFromAllowlists, resources, config)).toEqual([]);
  });

  it("fails unlisted CIDRs, wider-than-listed CIDRs, non-SIP/RTP ports and all-port rules", async () => {
    const resources = [
      sbc,
      rule("world-sip", sbc, "0.0.0.0/0", "udp", 5060),
      rule("wider-than-carrier", sbc, "64.16.0.0/16", "udp", 5060),
      rule("carrier-http", sbc, "64.16.10.0/28", "tcp", 80),
      rule("rtp-beyond-range", sbc, "64.16.64.0/24", "udp", 10000, 30000),
      rule("carrier-all", sbc, "64.16.10.0/28", "-1"),
      rule("world-icmp", sbc, "0.0.0.0/0", "icmp", 8, 0),
    ];
    expect(await failing(sbcIngressOnlyFromAllowlists, resources, config)).toEqual([
      "carrier-all",
      "carrier-http",
      "rtp-beyond-range",
      "wider-than-carrier",
      "world-icmp",
      "world-sip",
    ]);
  });

  it("leaves other tiers to their own rules", async () => {
    const web = group("web");
    expect(
      await failing(sbcIngressOnlyFromAllowlists, [web, rule("web-world", web, "0.0.0.0/0", "tcp", 443)], config),
    ).toEqual([]);
  });
});

describe("web-ingress-only-from-cloudflare", () => {
  const web = group("web");
  it("passes Cloudflare's ranges on 80/443 and private sources", async () => {
    const resources = [
      web,
      rule("cf-https", web, "173.245.48.0/20", "tcp", 443),
      rule("cf-http", web, "104.16.0.0/13", "tcp", 80),
      res(
        T.ingress,
        "cf-v6-https",
        { cidrIpv6: "2606:4700::/32", ipProtocol: "tcp", fromPort: 443, toPort: 443 },
        { securityGroupId: web },
      ),
      rule("alb-health-from-vpc", web, "10.10.0.0/16", "tcp", 8080),
    ];
    expect(await failing(webIngressOnlyFromCloudflare, resources)).toEqual([]);
  });

  it("fails the world, non-Cloudflare ranges and other ports from Cloudflare", async () => {
    const resources = [
      web,
      rule("world-https", web, "0.0.0.0/0", "tcp", 443),
      rule("office-https", web, "198.51.100.0/24", "tcp", 443),
      rule("cf-ssh-range", web, "173.245.48.0/20", "tcp", 22, 443),
      res(
        T.ingress,
        "world-v6",
        { cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 },
        { securityGroupId: web },
      ),
    ];
    expect(await failing(webIngressOnlyFromCloudflare, resources)).toEqual([
      "cf-ssh-range",
      "office-https",
      "world-https",
      "world-v6",
    ]);
  });
});

describe("cloudflare-web-records-proxied", () => {
  const config = { webHostnames: ["www", "www.callmyway.com", "portal.callmyway.com"] };
  const record = (name: string, type: string, proxied: boolean | undefined) =>
    res(T.dnsRecord, `${name}-${type}-${String(proxied)}`, {
      zoneId: "z",
      name,
      type,
      ttl: 1,
      content: "origin.example.net",
      ...(proxied === undefined ? {} : { proxied }),
    });

  it("fails web records that are not proxied and any unproxied Cloudflare load balancer", async () => {
    const resources = [
      record("www.callmyway.com", "CNAME", true),
      record("portal.callmyway.com", "A", false),
      record("www", "CNAME", undefined),
      record("sbc1.use1.sip.callmyway.com", "A", false),
      record("www.callmyway.com", "TXT", false),
      res(T.cfLoadBalancer, "web-lb", { name: "www.callmyway.com", proxied: true, zoneId: "z" }),
      res(T.cfLoadBalancer, "dns-only-lb", { name: "api.callmyway.com", proxied: false, zoneId: "z" }),
      res(T.cfLoadBalancer, "default-lb", { name: "app.callmyway.com", zoneId: "z" }),
    ];
    expect(await failing(cloudflareWebProxied, resources, config)).toEqual([
      "default-lb",
      "dns-only-lb",
      "portal.callmyway.com-A-false",
      "www-CNAME-undefined",
    ]);
  });
});
