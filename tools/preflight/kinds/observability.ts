// Alarms, dashboards, events, logs, notifications, certificates and Shield: what their APIs accept.
import { combination, count, eachValue, exactlyOne, length, oneOf, pattern, range, required } from "../rules";
import type { KindConstraints } from "../types";
import { known } from "../view";
import { jsonDocument } from "./common";
import { awsTags } from "./tags";

const CW = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference";
const EVENTS = "https://docs.aws.amazon.com/eventbridge/latest/APIReference";
const LOGS = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference";
const SNS = "https://docs.aws.amazon.com/sns/latest/api";
const ACM = "https://docs.aws.amazon.com/acm/latest/APIReference";
const SHIELD = "https://docs.aws.amazon.com/waf/latest/DDOSAPIReference/API_CreateProtection.html";
const DOMAIN = /^(\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$/;
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const OBSERVABILITY_KINDS: KindConstraints = {
  "aws:cloudwatch/metricAlarm:MetricAlarm": [
    length("name", 1, 255, `${CW}/API_PutMetricAlarm.html`),
    length("alarmDescription", 0, 1024, `${CW}/API_PutMetricAlarm.html`),
    oneOf(
      "comparisonOperator",
      [
        "GreaterThanOrEqualToThreshold",
        "GreaterThanThreshold",
        "LessThanThreshold",
        "LessThanOrEqualToThreshold",
        "LessThanLowerOrGreaterThanUpperThreshold",
        "LessThanLowerThreshold",
        "GreaterThanUpperThreshold",
      ],
      `${CW}/API_PutMetricAlarm.html`,
    ),
    oneOf("statistic", ["SampleCount", "Average", "Sum", "Minimum", "Maximum"], `${CW}/API_PutMetricAlarm.html`),
    exactlyOne(["statistic", "extendedStatistic", "metricQueries"], `${CW}/API_PutMetricAlarm.html`),
    eachValue(
      "period",
      "period: 10, 20, 30 or a multiple of 60 seconds",
      `${CW}/API_PutMetricAlarm.html`,
      (v) => [10, 20, 30].includes(Number(v)) || (Number(v) >= 60 && Number(v) % 60 === 0),
      {
        ok: { period: 300 },
        bad: { period: 45 },
      },
    ),
    range("evaluationPeriods", 1, 100000, `${CW}/API_PutMetricAlarm.html`),
    combination(
      "datapointsToAlarm",
      "datapointsToAlarm no greater than evaluationPeriods",
      `${CW}/API_PutMetricAlarm.html`,
      (i) =>
        !known(i.datapointsToAlarm) ||
        !known(i.evaluationPeriods) ||
        Number(i.datapointsToAlarm) <= Number(i.evaluationPeriods),
      {
        ok: { evaluationPeriods: 3, datapointsToAlarm: 2 },
        bad: { evaluationPeriods: 2, datapointsToAlarm: 3 },
      },
    ),
    oneOf("treatMissingData", ["breaching", "notBreaching", "ignore", "missing"], `${CW}/API_PutMetricAlarm.html`),
    count("alarmActions", 0, 5, `${CW}/API_PutMetricAlarm.html`),
    count("okActions", 0, 5, `${CW}/API_PutMetricAlarm.html`),
    eachValue(
      "dimensions",
      "dimensions: at most 30",
      `${CW}/API_PutMetricAlarm.html`,
      (v) => typeof v !== "object" || v === null || Object.keys(v).length <= 30,
      {
        ok: { dimensions: { InstanceId: "i-1" } },
        bad: { dimensions: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, "x"])) },
      },
    ),
    pattern(
      "namespace",
      /^[^:].{0,254}$/,
      "1 to 255 characters, not starting with a colon",
      `${CW}/API_PutMetricAlarm.html`,
      "CallMyWay/Voice",
      ":Voice",
    ),
    awsTags(),
  ],
  "aws:cloudwatch/dashboard:Dashboard": [
    pattern(
      "dashboardName",
      /^[A-Za-z0-9_-]{1,255}$/,
      "1 to 255 letters, digits, - and _",
      `${CW}/API_PutDashboard.html`,
      "callmyway-prod-use1",
      "callmyway prod use1",
    ),
    eachValue(
      "dashboardBody",
      "dashboardBody: a JSON object with a widgets list",
      "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html",
      (v) => {
        try {
          return typeof v !== "string" || Array.isArray(JSON.parse(v).widgets);
        } catch {
          return false;
        }
      },
      { ok: { dashboardBody: '{"widgets":[]}' }, bad: { dashboardBody: '{"panels":[]}' } },
    ),
    required(["dashboardName", "dashboardBody"], `${CW}/API_PutDashboard.html`),
  ],
  "aws:cloudwatch/eventRule:EventRule": [
    pattern(
      "name",
      /^[.\-_A-Za-z0-9]{1,64}$/,
      "1 to 64 letters, digits and .-_",
      `${EVENTS}/API_PutRule.html`,
      "use1-backup-restore-failed",
      "use1 backup restore failed",
    ),
    length("description", 0, 512, `${EVENTS}/API_PutRule.html`),
    jsonDocument("eventPattern", 4096, `${EVENTS}/API_PutRule.html`),
    exactlyOne(["eventPattern", "scheduleExpression"], `${EVENTS}/API_PutRule.html`),
    awsTags(),
  ],
  "aws:cloudwatch/eventTarget:EventTarget": [
    pattern(
      "targetId",
      /^[.\-_A-Za-z0-9]{1,64}$/,
      "1 to 64 letters, digits and .-_",
      `${EVENTS}/API_Target.html`,
      "notify",
      "notify noc",
    ),
    required(["rule", "arn"], `${EVENTS}/API_PutTargets.html`),
  ],
  "aws:cloudwatch/logGroup:LogGroup": [
    pattern(
      "name",
      /^[.\-_/#A-Za-z0-9]{1,512}$/,
      "1 to 512 letters, digits and .-_/#",
      `${LOGS}/API_CreateLogGroup.html`,
      "/callmyway/prod/use1/flow-logs",
      "callmyway prod flow logs",
    ),
    oneOf("retentionInDays", RETENTION_DAYS, `${LOGS}/API_PutRetentionPolicy.html`),
    awsTags(),
  ],
  "aws:cloudwatch/logStream:LogStream": [
    pattern(
      "name",
      /^[^:*]{1,512}$/,
      "1 to 512 characters, no : or *",
      `${LOGS}/API_CreateLogStream.html`,
      "connections",
      "connections:*",
    ),
    required(["logGroupName", "name"], `${LOGS}/API_CreateLogStream.html`),
  ],
  "aws:sns/topic:Topic": [
    pattern(
      "name",
      /^[A-Za-z0-9_-]{1,256}$|^[A-Za-z0-9_-]{1,251}\.fifo$/,
      "1 to 256 letters, digits, - and _ (.fifo last for FIFO topics)",
      `${SNS}/API_CreateTopic.html`,
      "use1-alerts-noc-l1-1a2b3c4",
      "use1 alerts",
    ),
    length("displayName", 0, 100, `${SNS}/API_SetTopicAttributes.html`),
    awsTags(),
  ],
  "aws:sns/topicPolicy:TopicPolicy": [
    jsonDocument("policy", 30720, `${SNS}/API_SetTopicAttributes.html`),
    required(["arn", "policy"], `${SNS}/API_SetTopicAttributes.html`),
  ],
  "aws:sns/topicSubscription:TopicSubscription": [
    oneOf(
      "protocol",
      ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"],
      `${SNS}/API_Subscribe.html`,
    ),
    combination(
      "endpoint",
      "an email subscription's endpoint is an email address",
      `${SNS}/API_Subscribe.html`,
      (i) =>
        !["email", "email-json"].includes(String(i.protocol)) ||
        !known(i.endpoint) ||
        /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(i.endpoint)),
      {
        ok: { protocol: "email", endpoint: "noc@callmyway.com" },
        bad: { protocol: "email", endpoint: "noc" },
      },
    ),
    required(["topic", "protocol", "endpoint"], `${SNS}/API_Subscribe.html`),
  ],
  "aws:acm/certificate:Certificate": [
    pattern(
      "domainName",
      DOMAIN,
      "a domain name of labels up to 63 characters (at most 253)",
      `${ACM}/API_RequestCertificate.html`,
      "www.callmyway.com",
      "www..callmyway.com",
    ),
    length("domainName", 1, 253, `${ACM}/API_RequestCertificate.html`),
    pattern(
      "subjectAlternativeNames[]",
      DOMAIN,
      "domain names of labels up to 63 characters",
      `${ACM}/API_RequestCertificate.html`,
      "api.callmyway.com",
      "api_callmyway_com",
    ),
    count("subjectAlternativeNames", 0, 9, "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html"),
    oneOf("validationMethod", ["DNS", "EMAIL", "HTTP"], `${ACM}/API_RequestCertificate.html`),
    oneOf("keyAlgorithm", ["RSA_2048", "EC_prime256v1", "EC_secp384r1"], `${ACM}/API_RequestCertificate.html`),
    combination(
      "domainName",
      "either a requested certificate (domainName) or an imported one (certificateBody, privateKey)",
      `${ACM}/API_ImportCertificate.html`,
      (i) => (i.domainName !== undefined) !== (i.certificateBody !== undefined && i.privateKey !== undefined),
      {
        ok: { domainName: "www.callmyway.com", validationMethod: "DNS" },
        bad: {
          domainName: "www.callmyway.com",
          certificateBody: "-----BEGIN CERTIFICATE-----",
          privateKey: "-----BEGIN PRIVATE KEY-----",
        },
      },
    ),
    awsTags(),
  ],
  "aws:acm/certificateValidation:CertificateValidation": [
    required(["certificateArn"], "https://www.pulumi.com/registry/packages/aws/api-docs/acm/certificatevalidation/"),
  ],
  "aws:shield/protection:Protection": [
    pattern(
      "name",
      /^[ a-zA-Z0-9_.-]{1,128}$/,
      "1 to 128 letters, digits, spaces and _.-",
      SHIELD,
      "use1-pools-sbc-0",
      "use1/pools/sbc-0",
    ),
    eachValue(
      "resourceArn",
      "resourceArn: an ARN Shield protects (an Elastic IP as arn:aws:ec2:<region>:<account>:eip-allocation/eipalloc-...)",
      SHIELD,
      (v) =>
        typeof v === "string" &&
        /^arn:aws[a-z-]*:/.test(v) &&
        (!v.includes(":ec2:") || /:eip-allocation\/eipalloc-[0-9a-f]+$/.test(v)),
      {
        ok: { resourceArn: "arn:aws:ec2:us-east-1:123456789012:eip-allocation/eipalloc-0123456789abcdef0" },
        bad: { resourceArn: "arn:aws:ec2:us-east-1:123456789012:eip/eipalloc-0123456789abcdef0" },
      },
    ),
    required(["name", "resourceArn"], SHIELD),
    awsTags(),
  ],
};
