// Computed outputs of the backup and monitoring resources, in the providers' ARN formats.
import { MOCK_ACCOUNT_ID, hexFrom } from "./ids";
import { COMPUTED, ResourceContext } from "./resources";

type Inputs = Record<string, any>;

/** A UUID-shaped id, as KMS gives its keys. */
function uuid(seed: string): string {
  const h = hexFrom(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

Object.assign(COMPUTED, {
  "aws:kms/key:Key": (_i: Inputs, { name, region }: ResourceContext) => {
    const keyId = uuid(`kms/${region}/${name}`);
    return { keyId, arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${keyId}` };
  },
  "aws:kms/alias:Alias": (i: Inputs, { region }: ResourceContext) => ({
    arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:${i.name}`,
  }),
  // Auto-named topics get the provider's generated name, which the mock id stands for.
  "aws:sns/topic:Topic": (i: Inputs, { id, region }: ResourceContext) => ({
    name: i.name ?? id,
    arn: `arn:aws:sns:${region}:${MOCK_ACCOUNT_ID}:${i.name ?? id}`,
  }),
  "aws:backup/vault:Vault": (i: Inputs, { id, region }: ResourceContext) => ({
    name: i.name ?? id,
    arn: `arn:aws:backup:${region}:${MOCK_ACCOUNT_ID}:backup-vault:${i.name ?? id}`,
    recoveryPoints: 0,
  }),
  "aws:backup/plan:Plan": (_i: Inputs, { id, region }: ResourceContext) => ({
    arn: `arn:aws:backup:${region}:${MOCK_ACCOUNT_ID}:backup-plan:${id}`,
    version: hexFrom(`plan/${id}`, 32),
  }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": (i: Inputs, { id, region }: ResourceContext) => ({
    arn: `arn:aws:cloudwatch:${region}:${MOCK_ACCOUNT_ID}:alarm:${i.name ?? id}`,
  }),
  "aws:cloudwatch/dashboard:Dashboard": (i: Inputs) => ({
    dashboardArn: `arn:aws:cloudwatch::${MOCK_ACCOUNT_ID}:dashboard/${i.dashboardName}`,
  }),
  "aws:cloudwatch/eventRule:EventRule": (i: Inputs, { id, region }: ResourceContext) => ({
    arn: `arn:aws:events:${region}:${MOCK_ACCOUNT_ID}:rule/${i.name ?? id}`,
  }),
  "aws:ssm/parameter:Parameter": (i: Inputs, { id, region }: ResourceContext) => ({
    arn: `arn:aws:ssm:${region}:${MOCK_ACCOUNT_ID}:parameter/${String(i.name ?? id).replace(/^\//, "")}`,
    version: 1,
  }),
});
