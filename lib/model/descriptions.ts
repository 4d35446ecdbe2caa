// What EC2 accepts as a security group's or a security group rule's description. CreateSecurityGroup
// (GroupDescription) and the rule Description fields take up to 255 characters of a-z, A-Z, 0-9,
// spaces and ._-:/()#,@[]+=&;{}!$* : anything else (an apostrophe) fails the create at apply.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html (rule descriptions)

const ALLOWED = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
export const MAX_DESCRIPTION_LENGTH = 255;

/** The description, or an error naming what it describes and the first character EC2 refuses. */
export function ec2Description(text: string, of: string): string {
  const bad = [...text].find((ch) => !ALLOWED.test(ch));
  if (bad !== undefined) {
    throw new Error(
      `description of ${of} "${text}" has ${JSON.stringify(bad)}, which EC2 refuses (allowed: a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*)`,
    );
  }
  if (text.length > MAX_DESCRIPTION_LENGTH)
    throw new Error(`description of ${of} is ${text.length} characters; EC2 takes at most ${MAX_DESCRIPTION_LENGTH}`);
  return text;
}
