// Policies that let AWS services publish to the (encrypted) alert topics, and nobody else.

/** Services that publish to the alert topics: alarms, backup vault events, EventBridge rules. */
export const ALERT_PUBLISHERS = ["cloudwatch.amazonaws.com", "backup.amazonaws.com", "events.amazonaws.com"] as const;

type Statement = Record<string, unknown>;

/** Key policy: the account administers the key; the publishing services may only encrypt with it. */
export function alertKeyPolicy(
  partition: string,
  accountId: string,
  services: readonly string[],
): { Version: string; Statement: Statement[] } {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "ServicesPublishToEncryptedTopics",
        Effect: "Allow",
        Principal: { Service: [...services] },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ],
  };
}

/**
 * Topic policy: the owning account keeps the default rights; the publishing services may publish
 * only on behalf of this account (aws:SourceAccount guards against the confused deputy).
 */
export function alertTopicPolicy(
  partition: string,
  accountId: string,
  topicArn: string,
  services: readonly string[],
): { Version: string; Statement: Statement[] } {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OwnerManages",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: topicArn,
      },
      {
        Sid: "ServicesPublish",
        Effect: "Allow",
        Principal: { Service: [...services] },
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}
