import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AGENT_METRICS, agentConfigParameterName } from "./agentMetrics";
import { Tags, tierTags } from "../tags";

/**
 * The CloudWatch agent configuration every host of a site loads at boot. Memory and root-disk use,
 * rolled up per Auto Scaling group (pool alarms) and per instance (SBCs, which are not in a group).
 */
export function cloudWatchAgentConfig(): Record<string, unknown> {
  return {
    agent: { metrics_collection_interval: 60, run_as_user: "cwagent" },
    metrics: {
      namespace: AGENT_METRICS.namespace,
      append_dimensions: {
        [AGENT_METRICS.groupDimension]: "${aws:AutoScalingGroupName}",
        InstanceId: "${aws:InstanceId}",
      },
      aggregation_dimensions: [[AGENT_METRICS.groupDimension], ["InstanceId"]],
      metrics_collected: {
        // The agent names these mem_used_percent and disk_used_percent (AGENT_METRICS).
        mem: { measurement: ["used_percent"], metrics_collection_interval: 60 },
        disk: { measurement: ["used_percent"], resources: ["/"], metrics_collection_interval: 60 },
      },
    },
  };
}

export interface AgentConfigParameterArgs {
  /** Environment name (part of the parameter name). */
  readonly environment: string;
  /** Site name (part of the parameter name). */
  readonly site: string;
  /** The site's tags. */
  readonly tags: Tags;
}

/** The agent configuration in SSM Parameter Store, under the name the launch templates load. */
export class AgentConfigParameter extends pulumi.ComponentResource {
  readonly parameter: aws.ssm.Parameter;
  /** The parameter's name (what user data passes to amazon-cloudwatch-agent-ctl -c ssm:<name>). */
  readonly parameterName: string;

  constructor(name: string, args: AgentConfigParameterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:monitoring:AgentConfigParameter", name, {}, opts);
    this.parameterName = agentConfigParameterName(args.environment, args.site);
    this.parameter = new aws.ssm.Parameter(
      name,
      {
        name: this.parameterName,
        description: "CloudWatch agent configuration of the site's hosts (memory and disk use)",
        type: "String",
        tier: "Standard",
        // insecureValue: not a secret, and the plan and diffs should show it (`value` is always masked).
        insecureValue: JSON.stringify(cloudWatchAgentConfig()),
        tags: tierTags(args.tags, "network", this.parameterName),
      },
      { parent: this },
    );
    this.registerOutputs({ parameterName: this.parameterName });
  }
}
