import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Tags, tierTags } from "../tags";

export interface AlertTopicsArgs {
  /** Escalation levels in order (first: where alarms start). */
  readonly levels: NetworkConfig["monitoring"]["levels"];
  /** The site's tags. */
  readonly tags: Tags;
}

/**
 * One SNS topic per escalation level, per site: a CloudWatch alarm can only notify a topic in its
 * own region, so each site carries the whole ladder.
 */
export class AlertTopics extends pulumi.ComponentResource {
  /** Topics in escalation order. */
  readonly topics: aws.sns.Topic[];
  readonly levelNames: string[];

  constructor(name: string, args: AlertTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:monitoring:AlertTopics", name, {}, opts);
    const tags = tierTags(args.tags, "network");
    this.levelNames = args.levels.map((l) => l.name);
    this.topics = args.levels.map((level) => {
      const topic = new aws.sns.Topic(`${name}-${level.name}`, {
        displayName: `CallMyWay ${level.name} (${args.tags.site})`,
        tags: { ...tags, "escalation-level": level.name },
      }, { parent: this });
      level.emails.forEach((email, i) =>
        new aws.sns.TopicSubscription(`${name}-${level.name}-${i}`, { topic: topic.arn, protocol: "email", endpoint: email }, { parent: topic }),
      );
      return topic;
    });
    this.registerOutputs({ topicArns: this.topics.map((t) => t.arn) });
  }

  /** Topic ARN of the level at `index`, clamped to the top of the ladder. */
  level(index: number): pulumi.Output<string> {
    return this.topics[Math.min(index, this.topics.length - 1)].arn;
  }
}
