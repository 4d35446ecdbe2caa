import { SitePools } from "../pools";
import { SiteWatches } from "./buildMonitoring";

/** What the monitoring watches on one site's pools: both scaling groups, every SBC, the web entry. */
export function poolWatches(pools: SitePools): SiteWatches {
  return {
    pools: [
      { tier: "web", autoScalingGroupName: pools.web.group.name },
      { tier: "core", autoScalingGroupName: pools.core.group.name },
    ],
    sbcInstances: pools.sbc.slots.map((s) => ({ slot: s.slot, instanceId: s.instance.id })),
    alb: { arnSuffix: pools.web.alb.arnSuffix, targetGroupArnSuffixes: [pools.web.targetGroup.arnSuffix] },
  };
}
