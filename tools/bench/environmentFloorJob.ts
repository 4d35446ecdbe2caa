// The floor of an environment's plan, in a fresh process started as the plan's is: as many program
// runs, one after another, each registering as many trivial resources (floor.ts: EC2 tags under the
// stack and one provider) as the plan's run it stands for. What the process costs beyond node, the
// preload and the runtime's load is registration alone: no program logic, no pack, no preflight.
import { runFloor } from "./floor";

async function floorRuns(runs: readonly number[]): Promise<void> {
  for (const registrations of runs) await runFloor(registrations);
}

if (require.main === module) {
  floorRuns(JSON.parse(process.argv[2]) as number[]).then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
