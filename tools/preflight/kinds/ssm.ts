// Systems Manager documents and State Manager associations: what their APIs accept.
import { SSM_DOCUMENT_MAX_BYTES } from "../../../components/voice/delivery";
import { combination, count, eachValue, oneOf, pattern, required } from "../rules";
import type { KindConstraints } from "../types";
import { known } from "../view";
import { awsTags } from "./tags";

const API = "https://docs.aws.amazon.com/systems-manager/latest/APIReference";
const DOCUMENT = `${API}/API_CreateDocument.html`;
const ASSOCIATION = `${API}/API_CreateAssociation.html`;
const SCHEDULES =
  "https://docs.aws.amazon.com/systems-manager/latest/userguide/reference-cron-and-rate-expressions.html";

/** rate(N minutes|hours|days) with at least 30 minutes, cron(...) or at(...): what State Manager takes. */
function validSchedule(v: string): boolean {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(v);
  if (rate) return rate[2].startsWith("minute") ? Number(rate[1]) >= 30 : Number(rate[1]) >= 1;
  return /^cron\(\S+( \S+){4,5}\)$/.test(v) || /^at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\)$/.test(v);
}

export const SSM_KINDS: KindConstraints = {
  "aws:ssm/document:Document": [
    pattern(
      "name",
      /^(?!(aws|amazon|amzn|AWSEC2|AWSConfigRemediation|AWSSupport))[a-zA-Z0-9_.-]{3,128}$/i,
      "3 to 128 letters, digits and _.-, not starting with aws, amazon, amzn, AWSEC2, AWSConfigRemediation or AWSSupport",
      DOCUMENT,
      "use1-pools-sbc-config",
      "aws-sbc-config",
    ),
    oneOf(
      "documentType",
      [
        "Command",
        "Policy",
        "Automation",
        "Session",
        "Package",
        "ApplicationConfiguration",
        "ApplicationConfigurationSchema",
        "DeploymentStrategy",
        "ChangeCalendar",
        "Automation.ChangeTemplate",
        "ProblemAnalysis",
        "ProblemAnalysisTemplate",
        "CloudFormation",
        "ConformancePackTemplate",
        "QuickSetup",
        "ManualApprovalPolicy",
        "AutoApprovalPolicy",
      ],
      DOCUMENT,
    ),
    oneOf("documentFormat", ["YAML", "JSON", "TEXT"], DOCUMENT),
    eachValue(
      "content",
      `content: at most ${SSM_DOCUMENT_MAX_BYTES} bytes (64 KB, MaxDocumentSizeExceeded)`,
      DOCUMENT,
      (v) => typeof v !== "string" || Buffer.byteLength(v) <= SSM_DOCUMENT_MAX_BYTES,
      { ok: { content: "x".repeat(SSM_DOCUMENT_MAX_BYTES) }, bad: { content: "x".repeat(SSM_DOCUMENT_MAX_BYTES + 1) } },
    ),
    combination(
      "content",
      "a JSON document's content parses as JSON",
      DOCUMENT,
      (i) => {
        if (i.documentFormat !== "JSON" || typeof i.content !== "string" || !known(i.content)) return true;
        try {
          JSON.parse(i.content);
          return true;
        } catch {
          return false;
        }
      },
      {
        ok: { documentFormat: "JSON", content: '{"schemaVersion":"2.2"}' },
        bad: { documentFormat: "JSON", content: "{" },
      },
    ),
    required(["content", "documentType"], DOCUMENT),
    awsTags(),
  ],
  "aws:ssm/association:Association": [
    required(["name"], ASSOCIATION),
    pattern(
      "associationName",
      /^[a-zA-Z0-9_.-]{3,128}$/,
      "3 to 128 letters, digits and _.-",
      ASSOCIATION,
      "use1-pools-sbc-config-1",
      "sbc config",
    ),
    count("targets", 0, 5, ASSOCIATION),
    count("targets[].values", 0, 50, ASSOCIATION),
    eachValue(
      "scheduleExpression",
      "scheduleExpression: rate() of at least 30 minutes, cron() or at()",
      SCHEDULES,
      (v) => typeof v !== "string" || validSchedule(v),
      { ok: { scheduleExpression: "rate(30 minutes)" }, bad: { scheduleExpression: "rate(5 minutes)" } },
    ),
    pattern(
      "maxConcurrency",
      /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/,
      "a count from 1 or a percentage from 1% to 100%",
      ASSOCIATION,
      "1",
      "0",
    ),
    pattern(
      "maxErrors",
      /^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/,
      "a count from 0 or a percentage from 0% to 100%",
      ASSOCIATION,
      "0",
      "-1",
    ),
    oneOf("complianceSeverity", ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNSPECIFIED"], ASSOCIATION),
    awsTags(),
  ],
};
