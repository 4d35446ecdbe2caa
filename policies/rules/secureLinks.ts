// S7/S9: the cryptography and logging a carrier's auditor asks for on every link: site-to-site tunnels,
// the admin VPN, the database and the load balancer listeners.
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { FSBP } from "../lib/rule";
import { asArray, indices, isTrue, known, UNKNOWN } from "../lib/values";

/**
 * Site-to-Site VPN tunnel options (https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html): left
 * unset, AWS offers IKEv1, AES128, SHA1 and DH group 2 among the defaults, so every list must be set.
 */
const VPN_DEFAULTS = {
  encryption: ["AES256", "AES256-GCM-16"],
  integrity: ["SHA2-256", "SHA2-384", "SHA2-512"],
  dhGroups: [19, 20, 21],
};

function values(args: ResourceValidationArgs, key: string): unknown[] | typeof UNKNOWN | undefined {
  const list = known(() => args.props[key]);
  if (list === UNKNOWN || list === undefined || list === null) return list === UNKNOWN ? UNKNOWN : undefined;
  return indices(list).map((i) => known(() => args.props[key][i]));
}

export const vpnTunnelsStrongAndLogged: ResourceValidationPolicy = {
  name: "vpn-tunnels-ikev2-strong-crypto-logged",
  description:
    "Each Site-to-Site VPN tunnel pins IKEv2, AES-256, SHA-2 and elliptic-curve DH groups for both phases, and logs to CloudWatch.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["encryption", "logging", "vpn"],
  configSchema: {
    properties: {
      encryption: {
        type: "array",
        items: { type: "string" },
        default: VPN_DEFAULTS.encryption,
        description: "Allowed encryption algorithms",
      },
      integrity: {
        type: "array",
        items: { type: "string" },
        default: VPN_DEFAULTS.integrity,
        description: "Allowed integrity algorithms",
      },
      dhGroups: {
        type: "array",
        items: { type: "integer" },
        default: VPN_DEFAULTS.dhGroups,
        description: "Allowed Diffie-Hellman groups",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ec2/vpnConnection:VpnConnection") return;
    const allowed = configOf(args, VPN_DEFAULTS);
    const problems: string[] = [];
    for (const tunnel of ["tunnel1", "tunnel2"]) {
      const check = (key: string, permitted: unknown[]) => {
        const list = values(args, `${tunnel}${key}`);
        if (list === UNKNOWN) return;
        if (!list || list.length === 0)
          problems.push(`${tunnel}${key} is not set (AWS's defaults include weak choices)`);
        else if (list.some((v) => !permitted.includes(v)))
          problems.push(`${tunnel}${key} allows ${list.filter((v) => !permitted.includes(v)).join(", ")}`);
      };
      check("IkeVersions", ["ikev2"]);
      ["Phase1", "Phase2"].forEach((phase) => {
        check(`${phase}EncryptionAlgorithms`, allowed.encryption);
        check(`${phase}IntegrityAlgorithms`, allowed.integrity);
        check(`${phase}DhGroupNumbers`, allowed.dhGroups);
      });
      const logging = known(() => args.props[`${tunnel}LogOptions`]?.cloudwatchLogOptions?.logEnabled);
      if (logging !== UNKNOWN && !isTrue(logging)) problems.push(`${tunnel} does not log to CloudWatch`);
    }
    if (problems.length > 0) reportViolation(`${args.name}: ${problems.join("; ")}`);
  },
};

export const clientVpnCertificateAuthAndLogged: ResourceValidationPolicy = {
  name: "client-vpn-strong-auth-and-logged",
  description:
    "The admin Client VPN authenticates with certificates (mutual TLS) or federation, logs every connection, and ends sessions within 24 hours.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["encryption", "logging", "admin"],
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ec2clientvpn/endpoint:Endpoint") return;
    const problems: string[] = [];
    const types = indices(known(() => args.props.authenticationOptions)).map((i) =>
      known(() => args.props.authenticationOptions[i].type),
    );
    if (!types.some((t) => t === "certificate-authentication" || t === "federated-authentication"))
      problems.push("no certificate or federated authentication (a directory password alone)");
    const logged = known(() => args.props.connectionLogOptions?.enabled);
    if (logged !== UNKNOWN && !isTrue(logged)) problems.push("connection logging is off");
    const hours = known(() => args.props.sessionTimeoutHours);
    if (typeof hours === "number" && hours > 24) problems.push(`sessions last ${hours} h`);
    if (problems.length > 0) reportViolation(`${args.name}: ${problems.join("; ")}`);
  },
};

/** Parameters that make an engine refuse clear-text connections (RDS user guide, "Using SSL/TLS to encrypt a connection"). */
const TLS_PARAMETERS: Record<string, string> = { "rds.force_ssl": "1", require_secure_transport: "1" };

export const databaseTlsRequiredAndLogged: ResourceValidationPolicy = {
  name: "database-tls-required-and-logged",
  description:
    "RDS parameter groups require TLS (rds.force_ssl or require_secure_transport), and RDS instances export their logs to CloudWatch.",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: FSBP("RDS.9", "RDS DB instances should publish logs to CloudWatch Logs"),
  tags: ["encryption", "logging", "fsbp:RDS.9"],
  validateResource: (args, reportViolation) => {
    if (args.type === "aws:rds/parameterGroup:ParameterGroup") {
      const params = indices(known(() => args.props.parameters)).map((i) => [
        known(() => args.props.parameters[i].name),
        String(known(() => args.props.parameters[i].value)).toLowerCase(),
      ]);
      const requires = params.some(
        ([name, value]) =>
          typeof name === "string" && name in TLS_PARAMETERS && (value === TLS_PARAMETERS[name] || value === "on"),
      );
      if (!requires)
        reportViolation(`${args.name}: does not require TLS (rds.force_ssl = 1 or require_secure_transport = ON)`);
    }
    if (args.type === "aws:rds/instance:Instance") {
      const exports = known(() => args.props.enabledCloudwatchLogsExports);
      if (exports !== UNKNOWN && asArray(exports).length === 0)
        reportViolation(`${args.name}: exports no logs to CloudWatch (enabledCloudwatchLogsExports)`);
      if (known(() => args.props.parameterGroupName) === undefined)
        reportViolation(`${args.name}: runs on the default parameter group, which accepts clear-text connections`);
    }
  },
};

const LISTENER_DEFAULTS = {
  sslPolicyPrefixes: ["ELBSecurityPolicy-TLS13-1-2", "ELBSecurityPolicy-TLS-1-2", "ELBSecurityPolicy-FS-1-2"],
};

export const listenersTlsOnly: ResourceValidationPolicy = {
  name: "listeners-tls-1-2-or-redirect",
  description:
    "Load balancer listeners serve HTTPS/TLS with a TLS 1.2+ security policy; a plain HTTP listener only redirects to HTTPS.",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: FSBP("ELB.1", "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS"),
  tags: ["encryption", "fsbp:ELB.1", "fsbp:ELB.17"],
  configSchema: {
    properties: {
      sslPolicyPrefixes: {
        type: "array",
        items: { type: "string" },
        default: LISTENER_DEFAULTS.sslPolicyPrefixes,
        description: "Accepted security policies (prefixes)",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:lb/listener:Listener" && args.type !== "aws:alb/listener:Listener") return;
    const protocol = String(known(() => args.props.protocol) ?? "HTTP");
    if (["HTTPS", "TLS"].includes(protocol)) {
      const policy = known(() => args.props.sslPolicy);
      const { sslPolicyPrefixes } = configOf(args, LISTENER_DEFAULTS);
      if (policy !== UNKNOWN && !(typeof policy === "string" && sslPolicyPrefixes.some((p) => policy.startsWith(p)))) {
        reportViolation(
          `${args.name}: ${protocol} listener with security policy ${String(policy ?? "default (ELBSecurityPolicy-2016-08, TLS 1.0)")}, not TLS 1.2+`,
        );
      }
      return;
    }
    if (protocol !== "HTTP") return;
    const actions = indices(known(() => args.props.defaultActions));
    const redirects =
      actions.length > 0 &&
      actions.every(
        (i) =>
          known(() => args.props.defaultActions[i].type) === "redirect" &&
          known(() => args.props.defaultActions[i].redirect?.protocol) === "HTTPS",
      );
    if (!redirects) reportViolation(`${args.name}: plain HTTP listener that does not redirect to HTTPS`);
  },
};
