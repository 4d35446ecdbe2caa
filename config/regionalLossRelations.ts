// What a regional-loss step may say (docs/ARCHITECTURE.md "Losing a region"): lost sites are AWS sites
// and not all of them; the promoted replica and a new replica are not in a lost site. (The admin VPN may
// stay in a lost site for one step: moving it is the runbook's second step.)
import type { ConfigIssue } from "./relations";
import { NetworkConfig } from "./schema";

export function regionalLossRelations(c: NetworkConfig): ConfigIssue[] {
  const loss = c.regionalLoss;
  if (!loss) return [];
  const issues: ConfigIssue[] = [];
  const aws = c.sites.filter((s) => s.kind === "aws").map((s) => s.name);
  const key = (k: string) => ["regionalLoss", k];
  loss.lostSites.forEach((site, i) => {
    if (!aws.includes(site)) issues.push({ path: [...key("lostSites"), i], message: `"${site}" is not an AWS site` });
  });
  if (aws.every((s) => loss.lostSites.includes(s)))
    issues.push({ path: key("lostSites"), message: "every AWS site is lost: nothing is left to serve" });
  const lost = (site: string | undefined) => site !== undefined && loss.lostSites.includes(site);
  if (loss.promoteReplica) {
    if (c.database.replicaSite === undefined)
      issues.push({ path: key("promoteReplica"), message: "there is no replica to promote (database.replicaSite)" });
    else if (lost(c.database.replicaSite))
      issues.push({ path: key("promoteReplica"), message: `the replica's site ${c.database.replicaSite} is lost too` });
  }
  if (loss.replicaSite !== undefined) {
    if (!loss.promoteReplica)
      issues.push({
        path: key("replicaSite"),
        message: "a new replica follows a promoted primary: set promoteReplica",
      });
    if (!aws.includes(loss.replicaSite))
      issues.push({ path: key("replicaSite"), message: `"${loss.replicaSite}" is not an AWS site` });
    else if (lost(loss.replicaSite))
      issues.push({
        path: key("replicaSite"),
        message: `${loss.replicaSite} is still lost: its region must be back first`,
      });
    else if (loss.replicaSite === c.database.replicaSite)
      issues.push({ path: key("replicaSite"), message: "the promoted primary cannot be its own replica" });
  }
  return issues;
}
