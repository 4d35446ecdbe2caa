import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { referenced } from "../lib/resources";
import { DEFAULT_PLACEMENT_TIERS, derivedTier, PLACEMENT_TIERS_SCHEMA, T, topologyOf } from "../lib/topology";
import { indices, known } from "../lib/values";

const DEFAULTS = {
  recoveredTiers: ["sbc"],
  ...DEFAULT_PLACEMENT_TIERS,
};
const HTTP = ["HTTP", "HTTPS"];

/** An alarm that recovers (or reboots) the instance it watches when its system status check fails. */
function recovers(alarm: PolicyResource): boolean {
  const actions = indices(known(() => alarm.props.alarmActions)).map((i) => known(() => alarm.props.alarmActions[i]));
  return (
    known(() => alarm.props.metricName) === "StatusCheckFailed_System" &&
    actions.some((a) => typeof a === "string" && /^arn:aws[a-z-]*:automate:[a-z0-9-]+:ec2:recover$/.test(a))
  );
}

/**
 * S5/S10: a failed or attacked server can be withdrawn without anyone noticing. Load balancer health
 * checks ask the application (HTTP(S) on a path, not a bare TCP connect); groups behind a load balancer
 * replace hosts that fail it (health check type ELB); Cloudflare's monitors ask the application too; and
 * every SBC (a static-address host outside any group) has an alarm that recovers it on new hardware.
 */
export const serversWithdrawableOnFailure: StackValidationPolicy = {
  name: "servers-withdrawable-on-failure",
  description:
    "Target groups and Cloudflare monitors check the application over HTTP(S) on a path, auto scaling groups behind a load balancer use ELB health checks, " +
    "and every SBC instance has a StatusCheckFailed_System alarm that recovers it.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["resilience", "ddos", "fsbp:AutoScaling.1"],
  configSchema: {
    properties: {
      recoveredTiers: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.recoveredTiers,
        description: "Tiers whose single instances need a recover alarm",
      },
      ...PLACEMENT_TIERS_SCHEMA,
    },
  },
  validateStack: (args, reportViolation) => {
    const config = configOf(args, DEFAULTS);
    const recovered = new Set(
      args.resources
        .filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && recovers(r))
        .flatMap((a) => referenced(a, "dimensions").map((i) => i.urn)),
    );
    const topology = topologyOf(args.resources);
    for (const p of topology.placements) {
      if (p.resource.type !== T.instance) continue;
      const tier = derivedTier(p, config, topology) ?? known(() => p.resource.props.tags?.tier);
      if (typeof tier === "string" && config.recoveredTiers.includes(tier) && !recovered.has(p.resource.urn)) {
        reportViolation(
          `${p.resource.name}: ${tier} instance without an alarm that recovers it (StatusCheckFailed_System -> ec2:recover)`,
          p.resource.urn,
        );
      }
    }
    for (const r of args.resources) {
      if (r.type === "aws:lb/targetGroup:TargetGroup" || r.type === "aws:alb/targetGroup:TargetGroup") {
        const enabled = known(() => r.props.healthCheck?.enabled);
        const protocol = known(() => r.props.healthCheck?.protocol) ?? known(() => r.props.protocol);
        const path = known(() => r.props.healthCheck?.path);
        if (enabled === false) reportViolation(`${r.name}: health checks are disabled`, r.urn);
        else if (
          HTTP.includes(String(known(() => r.props.protocol))) &&
          (!HTTP.includes(String(protocol)) || typeof path !== "string" || path === "")
        ) {
          reportViolation(
            `${r.name}: the health check does not ask the application (needs HTTP or HTTPS on a path)`,
            r.urn,
          );
        }
      }
      if (
        r.type === "aws:autoscaling/group:Group" &&
        referenced(r, "targetGroupArns").length > 0 &&
        known(() => r.props.healthCheckType) !== "ELB"
      ) {
        reportViolation(
          `${r.name}: behind a load balancer but replaces hosts only on EC2 status checks (healthCheckType must be ELB)`,
          r.urn,
        );
      }
      if (r.type === "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor") {
        const type = known(() => r.props.type) ?? "http";
        const path = known(() => r.props.path);
        if (!["http", "https"].includes(String(type)) || typeof path !== "string" || path === "")
          reportViolation(`${r.name}: monitor type ${String(type)} does not ask the application on a path`, r.urn);
      }
      if (
        r.type === "cloudflare:index/loadBalancerPool:LoadBalancerPool" &&
        known(() => r.props.monitor) === undefined
      ) {
        reportViolation(`${r.name}: pool without a monitor: Cloudflare never withdraws a failed origin`, r.urn);
      }
    }
  },
};
