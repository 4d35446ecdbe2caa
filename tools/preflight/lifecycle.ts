// Dated lifecycles: images past their deprecation date, database engine versions RDS no longer creates.
import type { Json } from "../plan/capture";
import { RDS_POSTGRES_TABLE_DATE, rdsPostgresCreatable } from "../../lib/lifecycle/rdsPostgres";
import type { PlanConstraint, PreflightViolation } from "./types";
import type { PlanView } from "./view";

const AMI_DEPRECATION = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html";
/** Public AMIs are deprecated two years after creation unless their owner says otherwise. */
const PUBLIC_AMI_LIFETIME_YEARS = 2;

/** When an image the program looked up is (or was) deprecated, from the look-up's answer. */
function deprecationOf(answer: { [key: string]: Json } | undefined): Date | undefined {
  if (!answer) return undefined;
  if (typeof answer.deprecationTime === "string" && answer.deprecationTime) return new Date(answer.deprecationTime);
  if (typeof answer.creationDate === "string" && answer.creationDate) {
    const created = new Date(answer.creationDate);
    created.setUTCFullYear(created.getUTCFullYear() + PUBLIC_AMI_LIFETIME_YEARS);
    return created;
  }
  return undefined;
}

interface KnownImage {
  readonly id: string;
  readonly name: string;
  readonly deprecated: Date;
}

/**
 * Images the program looks up by name without asking for deprecated ones: once deprecated, such a
 * look-up finds nothing and the preview fails. (An image pinned by id still launches after its
 * deprecation date, so pinned ids are not refused here.)
 */
function lookedUpImages(view: PlanView): KnownImage[] {
  return view.amiLookups.flatMap((lookup) => {
    if (lookup.inputs.includeDeprecated === true) return [];
    const deprecated = deprecationOf(lookup.answer);
    const id = String(lookup.answer?.id ?? lookup.answer?.imageId ?? "");
    const filters = lookup.inputs.filters as { name: string; values: string[] }[] | undefined;
    const name = filters?.find((f) => f.name === "name")?.values?.[0] ?? id;
    return deprecated && id ? [{ id, name, deprecated }] : [];
  });
}

const imageDeprecation: PlanConstraint = {
  rule: "an image looked up by name is not deprecated on the day of the plan (a look-up without includeDeprecated no longer finds it)",
  source: AMI_DEPRECATION,
  kinds: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
  check: (view: PlanView): PreflightViolation[] => {
    const images = lookedUpImages(view).filter((image) => image.deprecated <= view.now);
    return view.resources.flatMap((r) =>
      (["imageId", "ami"] as const).flatMap((property) => {
        const image = images.find((i) => i.id === r.inputs[property]);
        if (!image) return [];
        return [
          {
            urn: r.urn,
            property,
            value: `${image.name} (${image.id}) deprecated since ${image.deprecated.toISOString().slice(0, 10)}`,
            rule: imageDeprecation.rule,
            source: AMI_DEPRECATION,
          },
        ];
      }),
    );
  },
};

const RDS_VERSIONS =
  "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html";
const rdsEngineVersion: PlanConstraint = {
  rule: `RDS still creates instances on the engine version (lib/lifecycle/rdsPostgres.ts, table of ${RDS_POSTGRES_TABLE_DATE})`,
  source: RDS_VERSIONS,
  kinds: ["aws:rds/instance:Instance"],
  check: (view) =>
    view
      .ofKind("aws:rds/instance:Instance")
      .filter(
        (db) =>
          db.inputs.engine === "postgres" &&
          typeof db.inputs.engineVersion === "string" &&
          !rdsPostgresCreatable(db.inputs.engineVersion),
      )
      .map((db) => ({
        urn: db.urn,
        property: "engineVersion",
        value: db.inputs.engineVersion,
        rule: rdsEngineVersion.rule,
        source: RDS_VERSIONS,
      })),
};

export const LIFECYCLES: readonly PlanConstraint[] = [imageDeprecation, rdsEngineVersion];
