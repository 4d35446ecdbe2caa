// The web and reachability rules read Cloudflare's ranges from Cloudflare's API when it runs, as a real preview's pack
// does; here the API is a local server, so a new published range is seen without any edit in the repo.
import * as http from "http";
import { AddressInfo } from "net";
import { CLOUDFLARE_IPV4, CLOUDFLARE_IPV6 } from "../../tools/mocks/invokes";
import { fetchCloudflareRanges, useCloudflareRanges } from "../../policies/lib/cloudflare";
import { reachabilityMatchesDesign } from "../../policies/rules/reachabilityMatchesDesign";
import { webIngressOnlyFromCloudflare } from "../../policies/rules/webIngressOnlyFromCloudflare";
import { check, failing, res, T, tags } from "./fixtures";
import { NAMED_SOURCES, site } from "./siteFixture";

describe("Cloudflare's published ranges, read at evaluation", () => {
  let published = { ipv4_cidrs: [...CLOUDFLARE_IPV4], ipv6_cidrs: [...CLOUDFLARE_IPV6] };
  let status = 200;
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === "/client/v4/ips" ? status : 404, { "content-type": "application/json" });
    res.end(JSON.stringify({ success: status === 200, result: published }));
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4/ips`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  // The pack's own source (the offline engine replaces it with the mocks' answer when it loads).
  beforeEach(() => useCloudflareRanges(fetchCloudflareRanges));

  const web = res(T.sg, "web-sg", { tags: tags("web") });
  const https = (name: string, cidr: string) =>
    res(T.ingress, name, { cidrIpv4: cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443 }, { securityGroupId: web });
  const verdicts = async (cidr: string) =>
    (await check(webIngressOnlyFromCloudflare, [web, https("from-range", cidr)], { cloudflareIpsUrl: url })).map(
      (v) => v.message,
    );

  it("answers IPv4 then IPv6, as the API lists them", async () => {
    expect(await fetchCloudflareRanges(url)).toEqual([...CLOUDFLARE_IPV4, ...CLOUDFLARE_IPV6]);
  });

  it("admits a range Cloudflare publishes tomorrow, and still refuses one it does not", async () => {
    expect(await verdicts("198.18.0.0/24")).toEqual([
      expect.stringMatching(/from-range: web ingress .* is not a Cloudflare range on 80\/443/),
    ]);
    published = { ...published, ipv4_cidrs: [...published.ipv4_cidrs, "198.18.0.0/24"] };
    useCloudflareRanges(fetchCloudflareRanges);
    expect(await verdicts("198.18.0.0/24")).toEqual([]);
  });

  it("fails closed, naming the URL, when the list cannot be read", async () => {
    status = 503;
    try {
      expect(await verdicts(CLOUDFLARE_IPV4[0])).toEqual([
        `cannot read Cloudflare's published ranges from ${url} (${url} answered HTTP 503); web ingress cannot be judged`,
      ]);
    } finally {
      status = 200;
    }
  });

  describe("the reachability rule", () => {
    // The committed config names the Cloudflare source without ranges, as tools/policy/fromStack.ts writes it.
    const config = () => ({
      namedSources: NAMED_SOURCES.map((n) => (n.kind === "cloudflare" ? { ...n, cidrs: [] } : n)),
      cloudflareIpsUrl: url,
    });
    const withNewRange = () => {
      const s = site();
      return [...s.all, s.ingress("alb-https-new-range", s.groups.alb, "tcp", 443, "198.18.0.0/24")];
    };

    it("takes a range Cloudflare publishes tomorrow as Cloudflare's, not the internet's", async () => {
      published = { ipv4_cidrs: [...CLOUDFLARE_IPV4], ipv6_cidrs: [...CLOUDFLARE_IPV6] };
      expect(await failing(reachabilityMatchesDesign, withNewRange(), config())).toEqual(["use1-alb-https-new-range"]);
      published = { ...published, ipv4_cidrs: [...published.ipv4_cidrs, "198.18.0.0/24"] };
      useCloudflareRanges(fetchCloudflareRanges);
      expect(await failing(reachabilityMatchesDesign, withNewRange(), config())).toEqual([]);
    });

    it("fails closed, naming the URL, when the list cannot be read", async () => {
      status = 503;
      try {
        expect((await check(reachabilityMatchesDesign, site().all, config())).map((v) => v.message)).toEqual([
          `cannot read Cloudflare's published ranges from ${url} (${url} answered HTTP 503); reachability cannot be judged`,
        ]);
      } finally {
        status = 200;
      }
    });
  });
});
