// The mesh as one stack per AWS site but the first (issue 14: growth adds stacks, not bigger stacks):
// the edges of that layout that the two real environments do not reach.
import { NetworkConfig } from "../../config";
import { partOf } from "../../config/stack";
import { awsSitesOf } from "../../lib/model";
import { environmentStacks } from "../../lib/stacks/layout";
import { stackConfig } from "../harness/config";

const staging = stackConfig("staging");
const [first, second] = awsSitesOf(staging);

/** Staging with its AWS sites replaced (data centres kept; the database on the first of them). */
function withAwsSites(sites: NetworkConfig["sites"]): NetworkConfig {
  const aws = sites.filter((s) => s.kind === "aws");
  return {
    ...staging,
    sites: [...sites, ...staging.sites.filter((s) => s.kind !== "aws")],
    database: { ...staging.database, site: aws[0].name, replicaSite: aws[1]?.name },
  };
}

describe("the mesh stacks of an environment", () => {
  it("has no mesh stack for a single AWS site: there is no pair to peer", () => {
    const specs = environmentStacks("solo", withAwsSites([first]));
    expect(specs.map((s) => s.part.kind)).toEqual(["shared", "site", "dns"]);
  });

  it("puts each pair in the later site's mesh stack, which reads that site's stack and the earlier ones", () => {
    const third = { ...second, name: "apse2", region: "ap-southeast-2" };
    const mesh = environmentStacks("e", withAwsSites([first, second, third])).filter((s) => s.part.kind === "mesh");
    expect(mesh.map((s) => [s.name, s.reads])).toEqual([
      [`e-mesh-${second.name}`, [`e-${second.name}`, `e-${first.name}`]],
      ["e-mesh-apse2", ["e-apse2", `e-${first.name}`, `e-${second.name}`]],
    ]);
    expect(mesh[1].regions).toEqual(["ap-southeast-2", first.region, second.region]);
  });

  it.each(["mesh", "dns", `mesh-${second.name}`])(
    "refuses a site named %s: its stack name would be an environment-wide stack's",
    (name) => {
      expect(() => environmentStacks("e", withAwsSites([first, { ...second, name }]))).toThrow(
        new RegExp(`site name "${name}" is reserved`),
      );
    },
  );

  it("reads part mesh-<site> for every site but the first, and refuses the first's and the old single mesh", () => {
    expect(partOf(`mesh-${second.name}`, staging)).toEqual({ kind: "mesh", site: second.name });
    expect(() => partOf(`mesh-${first.name}`, staging)).toThrow(/is none of/);
    expect(() => partOf("mesh", staging)).toThrow(/is none of/);
  });
});
