// Cloudflare DNS records, load balancing and notifications: what the Cloudflare API accepts.
import { combination, count, eachValue, exactlyOne, length, oneOf, pattern, range, required } from "../rules";
import type { KindConstraints } from "../types";
import { known } from "../view";

const CF = "https://developers.cloudflare.com/api/resources";
const RECORD_ATTRIBUTES = "https://developers.cloudflare.com/dns/manage-dns-records/reference/record-attributes/";
const TTL = "https://developers.cloudflare.com/dns/manage-dns-records/reference/ttl/";
const PROXIED = "https://developers.cloudflare.com/dns/proxy-status/";
const RECORD_TYPES = [
  "A",
  "AAAA",
  "CAA",
  "CERT",
  "CNAME",
  "DNSKEY",
  "DS",
  "HTTPS",
  "LOC",
  "MX",
  "NAPTR",
  "NS",
  "OPENPGPKEY",
  "PTR",
  "SMIMEA",
  "SRV",
  "SSHFP",
  "SVCB",
  "TLSA",
  "TXT",
  "URI",
];

export const CLOUDFLARE_KINDS: KindConstraints = {
  "cloudflare:index/dnsRecord:DnsRecord": [
    oneOf("type", RECORD_TYPES, `${CF}/dns/subresources/records/methods/create/`),
    length("name", 1, 255, RECORD_ATTRIBUTES),
    eachValue(
      "ttl",
      "ttl: 1 (automatic) or 60 to 86400 seconds",
      TTL,
      (v) => Number(v) === 1 || (Number(v) >= 60 && Number(v) <= 86400),
      { ok: { ttl: 60 }, bad: { ttl: 30 } },
    ),
    combination(
      "proxied",
      "only A, AAAA and CNAME records can be proxied",
      PROXIED,
      (i) => i.proxied !== true || ["A", "AAAA", "CNAME"].includes(String(i.type)) || !known(i.type),
      {
        ok: { type: "A", proxied: true },
        bad: { type: "SRV", proxied: true },
      },
    ),
    combination(
      "content",
      "an A record's content is an IPv4 address, an AAAA record's an IPv6 address",
      `${CF}/dns/subresources/records/methods/create/`,
      (i) =>
        !known(i.content) ||
        (i.type === "A"
          ? /^(\d{1,3}\.){3}\d{1,3}$/.test(String(i.content))
          : i.type === "AAAA"
            ? String(i.content).includes(":")
            : true),
      {
        ok: { type: "A", content: "192.0.2.10" },
        bad: { type: "A", content: "sbc.example.com" },
      },
    ),
    length("comment", 0, 100, RECORD_ATTRIBUTES),
    range("data.priority", 0, 65535, `${CF}/dns/subresources/records/methods/create/`),
    range("data.weight", 0, 65535, `${CF}/dns/subresources/records/methods/create/`),
    range("data.port", 0, 65535, `${CF}/dns/subresources/records/methods/create/`),
    required(["zoneId", "name", "type", "ttl"], `${CF}/dns/subresources/records/methods/create/`),
  ],
  "cloudflare:index/loadBalancer:LoadBalancer": [
    oneOf(
      "steeringPolicy",
      ["off", "geo", "random", "dynamic_latency", "proximity", "least_outstanding_requests", "least_connections", ""],
      `${CF}/load_balancers/methods/create/`,
    ),
    oneOf("sessionAffinity", ["none", "cookie", "ip_cookie", "header", ""], `${CF}/load_balancers/methods/create/`),
    count("defaultPools", 1, 1000, `${CF}/load_balancers/methods/create/`),
    pattern(
      "name",
      /^(?=.{1,253}$)([a-zA-Z0-9*]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$/,
      "the DNS hostname it answers for",
      `${CF}/load_balancers/methods/create/`,
      "www.callmyway.com",
      "www callmyway",
    ),
    combination(
      "ttl",
      "no TTL on a proxied load balancer (Cloudflare answers with its own)",
      `${CF}/load_balancers/methods/create/`,
      (i) => i.proxied !== true || i.ttl === undefined,
      {
        ok: { proxied: true },
        bad: { proxied: true, ttl: 30 },
      },
    ),
    required(["zoneId", "name", "defaultPools", "fallbackPool"], `${CF}/load_balancers/methods/create/`),
  ],
  "cloudflare:index/loadBalancerPool:LoadBalancerPool": [
    pattern(
      "name",
      /^[A-Za-z0-9_-]+$/,
      "letters, digits, hyphens and underscores",
      `${CF}/load_balancers/subresources/pools/methods/create/`,
      "www-callmyway-com-use1",
      "www.callmyway.com use1",
    ),
    count("origins", 1, 1000, `${CF}/load_balancers/subresources/pools/methods/create/`),
    range("origins[].weight", 0, 1, `${CF}/load_balancers/subresources/pools/methods/create/`),
    combination(
      "minimumOrigins",
      "minimumOrigins from 1 to the number of origins",
      `${CF}/load_balancers/subresources/pools/methods/create/`,
      (i) =>
        i.minimumOrigins === undefined ||
        (Number(i.minimumOrigins) >= 1 && (!Array.isArray(i.origins) || Number(i.minimumOrigins) <= i.origins.length)),
      {
        ok: { minimumOrigins: 1, origins: [{ name: "alb" }] },
        bad: { minimumOrigins: 2, origins: [{ name: "alb" }] },
      },
    ),
    required(["accountId", "name", "origins"], `${CF}/load_balancers/subresources/pools/methods/create/`),
  ],
  "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor": [
    oneOf(
      "type",
      ["http", "https", "tcp", "udp_icmp", "icmp_ping", "smtp"],
      `${CF}/load_balancers/subresources/monitors/methods/create/`,
    ),
    oneOf(
      "method",
      ["GET", "HEAD", "connection_established"],
      `${CF}/load_balancers/subresources/monitors/methods/create/`,
    ),
    range("interval", 10, 3600, `${CF}/load_balancers/subresources/monitors/methods/create/`),
    range("retries", 0, 5, `${CF}/load_balancers/subresources/monitors/methods/create/`),
    combination(
      "timeout",
      "the timeout shorter than the interval",
      `${CF}/load_balancers/subresources/monitors/methods/create/`,
      (i) => i.timeout === undefined || i.interval === undefined || Number(i.timeout) < Number(i.interval),
      {
        ok: { interval: 60, timeout: 5 },
        bad: { interval: 10, timeout: 10 },
      },
    ),
    pattern(
      "expectedCodes",
      /^([1-5]xx|[1-5]\d\d)(,\s*([1-5]xx|[1-5]\d\d))*$/,
      "status codes such as 200 or 2xx",
      `${CF}/load_balancers/subresources/monitors/methods/create/`,
      "2xx",
      "ok",
    ),
    pattern(
      "path",
      /^\//,
      "starts with /",
      `${CF}/load_balancers/subresources/monitors/methods/create/`,
      "/healthz",
      "healthz",
    ),
    required(["accountId"], `${CF}/load_balancers/subresources/monitors/methods/create/`),
  ],
  "cloudflare:index/notificationPolicy:NotificationPolicy": [
    pattern(
      "alertType",
      /^[a-z0-9_]+$/,
      "an alert type name (lowercase and underscores)",
      `${CF}/alerting/subresources/policies/methods/create/`,
      "load_balancing_health_alert",
      "Load Balancing Health",
    ),
    oneOf("filters.newHealths[]", ["Healthy", "Unhealthy"], `${CF}/alerting/subresources/policies/methods/create/`),
    oneOf("filters.eventSources[]", ["pool", "origin"], `${CF}/alerting/subresources/policies/methods/create/`),
    pattern(
      "mechanisms.emails[].id",
      /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
      "an email address",
      `${CF}/alerting/subresources/policies/methods/create/`,
      "noc@callmyway.com",
      "noc",
    ),
    required(
      ["accountId", "alertType", "name", "enabled", "mechanisms"],
      `${CF}/alerting/subresources/policies/methods/create/`,
    ),
  ],
  "cloudflare:index/certificatePack:CertificatePack": [
    oneOf(
      "certificateAuthority",
      ["google", "lets_encrypt", "ssl_com"],
      `${CF}/ssl/subresources/certificate_packs/methods/create/`,
    ),
    oneOf("type", ["advanced"], `${CF}/ssl/subresources/certificate_packs/methods/create/`),
    oneOf("validationMethod", ["txt", "http", "email"], `${CF}/ssl/subresources/certificate_packs/methods/create/`),
    oneOf("validityDays", [14, 30, 90, 365], `${CF}/ssl/subresources/certificate_packs/methods/create/`),
    count("hosts", 1, 50, `${CF}/ssl/subresources/certificate_packs/methods/create/`),
    // Let's Encrypt issues 90-day certificates at most; wildcard hosts cannot be validated over HTTP.
    combination(
      "validityDays",
      "a Let's Encrypt pack lasts at most 90 days",
      "https://developers.cloudflare.com/ssl/reference/certificate-authorities/",
      (i) => i.certificateAuthority !== "lets_encrypt" || Number(i.validityDays) <= 90,
      {
        ok: { certificateAuthority: "lets_encrypt", validityDays: 90 },
        bad: { certificateAuthority: "lets_encrypt", validityDays: 365 },
      },
    ),
    combination(
      "validationMethod",
      "wildcard hosts are validated by txt (not http)",
      "https://developers.cloudflare.com/ssl/edge-certificates/changing-dcv-method/methods/",
      (i) =>
        i.validationMethod !== "http" || !Array.isArray(i.hosts) || !i.hosts.some((h) => String(h).startsWith("*.")),
      {
        ok: { validationMethod: "txt", hosts: ["callmyway.com", "*.staging.callmyway.com"] },
        bad: { validationMethod: "http", hosts: ["callmyway.com", "*.staging.callmyway.com"] },
      },
    ),
    required(
      ["zoneId", "certificateAuthority", "type", "validationMethod", "validityDays"],
      `${CF}/ssl/subresources/certificate_packs/methods/create/`,
    ),
  ],
  "cloudflare:index/ruleset:Ruleset": [
    oneOf("kind", ["managed", "custom", "root", "zone"], `${CF}/rulesets/methods/create/`),
    oneOf(
      "phase",
      [
        "ddos_l4",
        "ddos_l7",
        "http_config_settings",
        "http_custom_errors",
        "http_log_custom_fields",
        "http_ratelimit",
        "http_request_cache_settings",
        "http_request_dynamic_redirect",
        "http_request_firewall_custom",
        "http_request_firewall_managed",
        "http_request_late_transform",
        "http_request_origin",
        "http_request_redirect",
        "http_request_sanitize",
        "http_request_sbfm",
        "http_request_transform",
        "http_response_compression",
        "http_response_firewall_managed",
        "http_response_headers_transform",
        "magic_transit",
        "magic_transit_ids_managed",
        "magic_transit_managed",
        "magic_transit_ratelimit",
      ],
      "https://developers.cloudflare.com/ruleset-engine/reference/phases-list/",
    ),
    exactlyOne(["zoneId", "accountId"], `${CF}/rulesets/methods/create/`),
    combination(
      "rules",
      "configuration rules (http_config_settings) use the set_config action",
      "https://developers.cloudflare.com/rules/configuration-rules/create-api/",
      (i) =>
        i.phase !== "http_config_settings" ||
        !Array.isArray(i.rules) ||
        i.rules.every((r) => (r as { action?: string }).action === "set_config"),
      {
        ok: { phase: "http_config_settings", rules: [{ action: "set_config" }] },
        bad: { phase: "http_config_settings", rules: [{ action: "redirect" }] },
      },
    ),
    oneOf(
      "rules[].actionParameters.ssl",
      ["off", "flexible", "full", "strict", "origin_pull"],
      "https://developers.cloudflare.com/rules/configuration-rules/settings/#ssl",
    ),
    required(["kind", "name", "phase"], `${CF}/rulesets/methods/create/`),
  ],
  "cloudflare:index/zoneSetting:ZoneSetting": [
    combination(
      "value",
      "the ssl setting is off, flexible, full or strict",
      "https://developers.cloudflare.com/ssl/origin-configuration/ssl-modes/",
      (i) => i.settingId !== "ssl" || ["off", "flexible", "full", "strict"].includes(String(i.value)),
      {
        ok: { settingId: "ssl", value: "strict" },
        bad: { settingId: "ssl", value: "full_strict" },
      },
    ),
    required(["zoneId", "settingId", "value"], `${CF}/zones/subresources/settings/methods/edit/`),
  ],
};
