import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Tags, tierTags } from "../tags";
import { ALERT_PUBLISHERS, alertKeyPolicy, alertTopicPolicy } from "./alertPolicies";

export interface AlertTopicsArgs {
  /** Escalation levels in order (first: where alarms start). */
  readonly levels: NetworkConfig["monitoring"]["levels"];
  /** The site's tags. */
  readonly tags: Tags;
}

/**
 * One SNS topic per escalation level, per site: a CloudWatch alarm can only notify a topic in its
 * own region, so each site carries the whole ladder.
 *
 * Topics are encrypted with a customer-managed key: the AWS-managed alias/aws/sns key cannot be used
 * by CloudWatch alarms (its policy is not editable), so alarms would silently fail to publish.
 */
export class AlertTopics extends pulumi.ComponentResource {
  /** Topics in escalation order. */
  readonly topics: aws.sns.Topic[];
  readonly levelNames: string[];
  /** The key that encrypts the topics (CloudWatch, AWS Backup and EventBridge may use it). */
  readonly key: aws.kms.Key;

  constructor(name: string, args: AlertTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:monitoring:AlertTopics", name, {}, opts);
    if (args.levels.length === 0) throw new Error(`${name}: at least one escalation level is needed`);
    const tags = tierTags(args.tags, "network");
    const parent = { parent: this };
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const partition = aws.getPartitionOutput({}, parent).partition;

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `CallMyWay alert topics (${args.tags.site})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
          .all([partition, accountId])
          .apply(([p, a]) => JSON.stringify(alertKeyPolicy(p, a, ALERT_PUBLISHERS))),
        tags: tierTags(args.tags, "network", `${name}-key`),
      },
      parent,
    );
    new aws.kms.Alias(
      `${name}-key`,
      {
        name: `alias/callmyway-${args.tags.environment}-${args.tags.site}-alerts`,
        targetKeyId: this.key.keyId,
      },
      { parent: this.key },
    );

    this.levelNames = args.levels.map((l) => l.name);
    this.topics = args.levels.map((level) => {
      const topic = new aws.sns.Topic(
        `${name}-${level.name}`,
        {
          displayName: `CallMyWay ${level.name} (${args.tags.site})`,
          kmsMasterKeyId: this.key.arn,
          tags: { ...tags, "escalation-level": level.name },
        },
        parent,
      );
      new aws.sns.TopicPolicy(
        `${name}-${level.name}`,
        {
          arn: topic.arn,
          policy: pulumi
            .all([partition, accountId, topic.arn])
            .apply(([p, a, arn]) => JSON.stringify(alertTopicPolicy(p, a, arn, ALERT_PUBLISHERS))),
        },
        { parent: topic },
      );
      level.emails.forEach(
        (email, i) =>
          new aws.sns.TopicSubscription(
            `${name}-${level.name}-${i}`,
            { topic: topic.arn, protocol: "email", endpoint: email },
            { parent: topic },
          ),
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
