import { validateConfig } from "../../config";
import { rawStackConfig } from "../harness/config";

describe("dns config", () => {
  it("accepts both stack files, whose fallback site is an AWS site", () => {
    (["prod", "staging"] as const).forEach((stack) =>
      expect(validateConfig(rawStackConfig(stack)).dns.fallbackSite).toBe("use1"),
    );
  });

  it("orders an advanced edge certificate only where the stack file asks (staging), never by default", () => {
    expect(validateConfig(rawStackConfig("staging")).dns.advancedCertificate).toBe(true);
    expect(validateConfig(rawStackConfig("prod")).dns.advancedCertificate).toBe(false);
  });

  it("refuses a fallback site that is not an AWS site", () => {
    const raw = rawStackConfig("prod");
    raw.dns.fallbackSite = "mia-dc";
    expect(() => validateConfig(raw)).toThrow(/dns\.fallbackSite: "mia-dc" is not the name of an AWS site/);
  });

  it("refuses a monitor interval below Cloudflare's minimum", () => {
    const raw = rawStackConfig("prod");
    raw.dns.healthCheck.intervalSeconds = 5;
    expect(() => validateConfig(raw)).toThrow(
      /dns\.healthCheck\.intervalSeconds: Cloudflare monitors run at most every 10 s/,
    );
  });

  it("refuses an interval that a probe and its retries would overrun", () => {
    const raw = rawStackConfig("prod");
    raw.dns.healthCheck = { path: "/healthz", intervalSeconds: 15, timeoutSeconds: 5, retries: 2 };
    expect(() => validateConfig(raw)).toThrow(
      /intervalSeconds: interval \(15 s\) must exceed timeout x \(retries \+ 1\) = 15 s/,
    );
    raw.dns.healthCheck.retries = 1;
    expect(validateConfig(raw).dns.healthCheck.retries).toBe(1);
  });
});
