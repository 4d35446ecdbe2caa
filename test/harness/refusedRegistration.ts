// Run in a plain node process by test/plan/runtimeInternals.test.ts (jest reports every late rejection
// of a test's own process as that test's failure): a registration the mocks refuse, with output
// properties made lazily and as the runtime makes them; prints each run's error and how many of the
// failed resource's rejections arrived after the run ended.
import * as aws from "@pulumi/aws";
import { runUnderMocks } from "../../tools/plan/capture";

let late = 0;
process.on("unhandledRejection", () => late++);

async function refused(eagerOutputs: boolean): Promise<{ error: string; late: number }> {
  late = 0;
  const error = await runUnderMocks({
    project: "internals",
    stack: "test",
    config: {},
    preview: false,
    eagerOutputs,
    downRegions: ["us-east-1"],
    program: () => {
      const provider = new aws.Provider("internals", { region: "us-east-1" });
      const vpc = new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" }, { provider });
      return { arn: vpc.arn };
    },
  }).then(
    () => "registered",
    (err: Error) => err.message,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { error, late };
}

(async () => {
  const lazy = await refused(false);
  const eager = await refused(true);
  process.stdout.write(JSON.stringify({ lazy, eager }));
})();
