import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { nameSuffix, webFqdns } from "./names";

type DnsConfig = NetworkConfig["dns"];

/** The SSL mode Cloudflare uses towards the ALBs: HTTPS, certificate verified (ACM, the web hostname). */
export const WEB_SSL_MODE = "strict";

/** Every web hostname the zone's configuration rule pins: this stack's and the other stacks' in the zone. */
export function sslPinnedHostnames(dns: DnsConfig): string[] {
  return [...webFqdns(dns), ...dns.sharedZoneWebHostnames];
}

/** `http.host in {"www.callmyway.com" "portal.callmyway.com"}`: exact names, an operator every plan has. */
export function hostExpression(hosts: readonly string[]): string {
  return `http.host in {${hosts.map((h) => JSON.stringify(h)).join(" ")}}`;
}

/**
 * Pins the web hostnames to Full (strict): on Flexible (a zone's default) Cloudflare reaches the ALB
 * over HTTP, the ALB redirects to HTTPS, and the browser loops. A per-hostname configuration rule
 * rather than the zone-wide `ssl` setting, so that names of the zone this program does not own keep
 * theirs (https://developers.cloudflare.com/rules/configuration-rules/, action `set_config`, phase
 * `http_config_settings`, https://developers.cloudflare.com/rules/configuration-rules/create-api/).
 * A zone has at most one entry-point ruleset per phase
 * (https://developers.cloudflare.com/ruleset-engine/about/rulesets/), so two stacks cannot each own
 * one: the stack at the zone apex (no `subdomain`) owns it and also pins the other stacks' web
 * hostnames (`dns.sharedZoneWebHostnames`); a subdomain stack declares none (config refuses the list
 * there). The ruleset replaces any configuration rule set by hand in the zone.
 */
export function createWebSslRuleset(
  name: string,
  dns: DnsConfig,
  parent: pulumi.Resource,
): cloudflare.Ruleset | undefined {
  if (dns.subdomain) return undefined;
  return new cloudflare.Ruleset(
    `${name}-web-ssl`,
    {
      zoneId: dns.zoneId,
      kind: "zone",
      phase: "http_config_settings",
      name: `${nameSuffix(dns)} configuration rules`,
      description: "Managed by the CallMyWay network program: web hostnames use SSL Full (strict) towards their ALBs",
      rules: [
        {
          ref: "callmyway_web_ssl_strict",
          description: "Web hostnames: SSL Full (strict), so the ALB's HTTP-to-HTTPS redirect cannot loop",
          expression: hostExpression(sslPinnedHostnames(dns)),
          action: "set_config",
          actionParameters: { ssl: WEB_SSL_MODE },
          enabled: true,
        },
      ],
    },
    { parent },
  );
}
