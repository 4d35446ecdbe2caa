// The offline plan of environments (`npm run plan -- --env|--stack|--list`): one plan per stack in
// dependency order, the environment-wide checks, and a pull request's change detection.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, Io, main } from "../../tools/plan/cli";
import { parsePlan, type PlanDocument } from "../../tools/plan/document";
import type { EnvironmentStackPlan } from "../../tools/plan/environmentPlan";
import { configView, inputsDigest } from "../../tools/plan/inputsDigest";
import { type EnvironmentScheduler, environmentScheduler, readsUnchanged, UNCHANGED } from "../../tools/plan/scheduler";
import { meshProblems } from "../../tools/plan/meshCheck";
import { workerPool } from "../../tools/plan/workerPool";
import { rolloutSteps } from "../../lib/rollout/steps";
import { flattenStackConfig, readStackConfig, type StackConfig } from "../../tools/stackConfig";
import { documentFromRaw, rawStackConfig } from "../harness/config";
import { ROOT } from "../harness/program";

function captureIo(): Io & { out: string[]; err: string[]; text(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (t) => out.push(t), error: (t) => err.push(t), text: () => [...out, ...err].join("\n") };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "env-plan-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const PROD = ["prod", "prod-use1", "prod-sae1", "prod-euw1", "prod-mesh-sae1", "prod-mesh-euw1", "prod-dns"];
const STAGING = ["staging", "staging-use1", "staging-euw1", "staging-mesh-euw1", "staging-dns"];

const readPlan = (dir: string, stack: string): PlanDocument => {
  const file = path.join(dir, `${stack}.json`);
  return parsePlan(fs.readFileSync(file, "utf8"), file);
};

/** A copy of the project's stack files, with the prod environment's file edited. */
function editedProject(name: string, edit: (text: string) => string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  fs.readdirSync(ROOT)
    .filter((f) => /^Pulumi\..*\.yaml$/.test(f))
    .forEach((f) => fs.copyFileSync(path.join(ROOT, f), path.join(dir, f)));
  const file = path.join(dir, "Pulumi.prod.yaml");
  const before = fs.readFileSync(file, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(file, after);
  return dir;
}

/** Replaces `from` by `to` in site `site`'s entry of the environment file. */
const inSite = (site: string, from: string, to: string) => (text: string) => {
  const start = text.indexOf(`- name: ${site}\n`);
  const at = text.indexOf(from, start);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

describe("npm run plan -- --list", () => {
  it("prints the deploy levels as JSON: shared, then sites in the order they read each other, then mesh and dns", async () => {
    const io = captureIo();
    expect(await main(["--list", "--env", "prod"], io)).toBe(EXIT.ok);
    expect(JSON.parse(io.out.join(""))).toEqual({
      levels: [["prod"], ["prod-use1"], ["prod-sae1", "prod-euw1"], ["prod-mesh-sae1", "prod-mesh-euw1", "prod-dns"]],
    });
    expect(await main(["--list"], captureIo())).toBe(EXIT.usage);
  });
});

describe("npm run plan -- --env", () => {
  const base = path.join(scratch, "base");
  const io = captureIo();
  let codes: number[];
  beforeAll(async () => {
    codes = [
      await main(["--env", "prod", "--jobs", "1", "--out-dir", path.join(base, "prod")], io),
      await main(["--env", "staging", "--jobs", "1", "--out-dir", path.join(base, "staging")], io),
    ];
  });

  it("plans every stack of both environments, exit 0, one plan file per stack with its inputs digest", () => {
    expect(codes).toEqual([EXIT.ok, EXIT.ok]);
    expect(fs.readdirSync(path.join(base, "prod")).sort()).toEqual(PROD.map((s) => `${s}.json`).sort());
    expect(fs.readdirSync(path.join(base, "staging")).sort()).toEqual(STAGING.map((s) => `${s}.json`).sort());
    PROD.forEach((stack) => {
      const plan = readPlan(path.join(base, "prod"), stack);
      expect(plan.stack).toBe(stack);
      expect(plan.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(plan.resources.every((r) => r.urn.startsWith(`urn:pulumi:${stack}::`))).toBe(true);
    });
    // The stacks others read record the digest of the outputs their readers saw.
    expect(Object.values(readPlan(path.join(base, "prod"), "prod-use1").outputDigests as object)).toContainEqual(
      expect.stringMatching(/^[0-9a-f]{64}$/),
    );
    const text = io.text();
    PROD.forEach((stack) => expect(text).toMatch(new RegExp(`^  ${stack}: \\d+ registrations`, "m")));
    expect(text).toContain("Mesh: every pair of AWS sites peered, accepted and routed both ways");
    // The reachability figure is the environment's: every site's SBCs in one line.
    expect(text).toMatch(/carrier-atlas\s+-> sbc\s+euw1,sae1,use1/);
  });

  it("runs the stacks in worker processes to the same plans", async () => {
    const out = path.join(scratch, "workers");
    expect(await main(["--env", "staging", "--jobs", "2", "--out-dir", out], captureIo())).toBe(EXIT.ok);
    STAGING.forEach((stack) =>
      expect(fs.readFileSync(path.join(out, `${stack}.json`), "utf8")).toBe(
        fs.readFileSync(path.join(base, "staging", `${stack}.json`), "utf8"),
      ),
    );
  });

  it("finds a missing peering or a missing route in the union of the stacks' resources", () => {
    const union = PROD.flatMap((stack) => readPlan(path.join(base, "prod"), stack).resources);
    const config = readStackConfig("prod");
    const sites = (
      JSON.parse(config.values["callmyway-network:sites"]) as {
        name: string;
        kind: string;
        region: string;
        cidr: string;
      }[]
    )
      .filter((s) => s.kind === "aws")
      .map(({ name, region, cidr }) => ({ name, region, cidr }));
    expect(meshProblems(union, sites)).toEqual([]);

    const peering = union.find(
      (r) =>
        r.type === "aws:ec2transitgateway/peeringAttachment:PeeringAttachment" &&
        r.inputs.region === "us-east-1" &&
        r.inputs.peerRegion === "sa-east-1",
    )!;
    const below = (urn: string): string[] => [
      urn,
      ...union.filter((r) => r.parent === urn).flatMap((r) => below(r.urn)),
    ];
    const gone = new Set(below(peering.urn));
    expect(
      meshProblems(
        union.filter((r) => !gone.has(r.urn)),
        sites,
      ),
    ).toEqual(["use1 <-> sae1: no transit gateway peering attachment between us-east-1 and sa-east-1"]);

    const routeBack = union.find(
      (r) =>
        r.type === "aws:ec2transitgateway/route:Route" &&
        r.inputs.region === "sa-east-1" &&
        r.inputs.destinationCidrBlock === "10.10.0.0/16",
    )!;
    expect(
      meshProblems(
        union.filter((r) => r !== routeBack),
        sites,
      ),
    ).toEqual(["use1 <-> sae1: no route in sa-east-1 to use1 (10.10.0.0/16) over the peering"]);
  });

  describe("against the base branch's plans (--baseline-dir)", () => {
    it("plans only the site whose web pool changed, lists every other stack as skipped, and they plan the same", async () => {
      const root = editedProject("web-max", inSite("sae1", "web: { min: 3, max: 9", "web: { min: 3, max: 12"));
      const io = captureIo();
      const out = path.join(scratch, "web-max-plan");
      const comment = path.join(scratch, "web-max.md");
      const argv = ["--env", "prod", "--jobs", "1", "--baseline-dir", path.join(base, "prod")];
      expect(await main([...argv, "--out-dir", out, "--diff-out", comment], io, root)).toBe(EXIT.ok);
      const markdown = fs.readFileSync(comment, "utf8");
      expect(markdown).toContain("Planned: `prod-sae1`.");
      PROD.filter((s) => s !== "prod-sae1").forEach((stack) =>
        expect(markdown).toContain(`- \`${stack}\`: ${UNCHANGED}`),
      );
      expect(markdown).toContain("### Offline plan diff: `prod-sae1`");
      expect(readPlan(out, "prod-sae1").inputsDigest).not.toBe(
        readPlan(path.join(base, "prod"), "prod-sae1").inputsDigest,
      );

      // Skipping is sound: planned afresh, the skipped stacks register exactly what the base did.
      const fresh = path.join(scratch, "web-max-fresh");
      expect(await main(["--env", "prod", "--jobs", "1", "--out-dir", fresh], captureIo(), root)).toBe(EXIT.ok);
      PROD.filter((s) => s !== "prod-sae1").forEach((stack) =>
        expect(readPlan(fresh, stack).resources).toEqual(readPlan(path.join(base, "prod"), stack).resources),
      );
    });

    it("plans a site whose SBC pool grew and the DNS stack reading its SBCs; skips the mesh stacks (they read its transit gateway only), the other sites and the shared stack", async () => {
      const root = editedProject("sbc-count", inSite("sae1", "sbc: { count: 3", "sbc: { count: 4"));
      const io = captureIo();
      const comment = path.join(scratch, "sbc-count.md");
      const matrix = path.join(scratch, "sbc-count-matrix.json");
      const argv = ["--env", "prod", "--jobs", "1", "--baseline-dir", path.join(base, "prod"), "--diff-out", comment];
      argv.push("--matrix-out", matrix);
      expect(await main([...argv, "--out-dir", path.join(scratch, "sbc-count-plan")], io, root)).toBe(EXIT.ok);
      const markdown = fs.readFileSync(comment, "utf8");
      expect(markdown).toContain("Planned: `prod-sae1`, `prod-dns`.");
      expect(markdown).toContain("- `prod-sae1`: the config it reads changed");
      expect(markdown).toContain(
        "- `prod-dns`: the config it reads changed; the outputs of prod-sae1 changed (entryPoints)",
      );
      ["prod", "prod-use1", "prod-euw1"].forEach((stack) => expect(markdown).toContain(`- \`${stack}\`: ${UNCHANGED}`));
      ["prod-mesh-sae1", "prod-mesh-euw1"].forEach((stack) =>
        expect(markdown).toContain(`- \`${stack}\`: ${readsUnchanged(["prod-sae1"])}`),
      );
      // CI previews and deploys these, level by level, and notes the others as skipped.
      expect(JSON.parse(fs.readFileSync(matrix, "utf8"))).toEqual({
        levels: [[], [], ["prod-sae1"], ["prod-dns"]],
        skipped: ["prod", "prod-use1", "prod-euw1", "prod-mesh-sae1", "prod-mesh-euw1"],
      });
      expect(markdown).toMatch(
        /### Offline plan diff: `prod-dns`\n\n\*\*0 to replace, \d+ to update in place, \d+ may change, [1-9]\d* to add/,
      );
      // Sound: planned afresh, every skipped stack registers exactly what the base did.
      const fresh = path.join(scratch, "sbc-count-fresh");
      expect(await main(["--env", "prod", "--jobs", "1", "--out-dir", fresh], captureIo(), root)).toBe(EXIT.ok);
      ["prod", "prod-use1", "prod-euw1", "prod-mesh-sae1", "prod-mesh-euw1"].forEach((stack) =>
        expect(readPlan(fresh, stack).resources).toEqual(readPlan(path.join(base, "prod"), stack).resources),
      );
    });

    it("skips the other sites when the first site changes only outputs they do not read (its SBCs), and they plan the same", async () => {
      const root = editedProject("first-sbc", inSite("use1", "sbc: { count: 3", "sbc: { count: 4"));
      const io = captureIo();
      const comment = path.join(scratch, "first-sbc.md");
      const argv = ["--env", "prod", "--jobs", "1", "--baseline-dir", path.join(base, "prod"), "--diff-out", comment];
      expect(await main([...argv, "--out-dir", path.join(scratch, "first-sbc-plan")], io, root)).toBe(EXIT.ok);
      const markdown = fs.readFileSync(comment, "utf8");
      expect(markdown).toContain("Planned: `prod-use1`, `prod-dns`.");
      // The other sites read its web validation records (and one its database ARN): both unchanged.
      ["prod-sae1", "prod-euw1", "prod-mesh-sae1", "prod-mesh-euw1"].forEach((stack) =>
        expect(markdown).toContain(`- \`${stack}\`: ${readsUnchanged(["prod-use1"])}`),
      );
      expect(markdown).toContain(
        "- `prod-dns`: the config it reads changed; the outputs of prod-use1 changed (entryPoints)",
      );
      const fresh = path.join(scratch, "first-sbc-fresh");
      expect(await main(["--env", "prod", "--jobs", "1", "--out-dir", fresh], captureIo(), root)).toBe(EXIT.ok);
      ["prod-sae1", "prod-euw1", "prod-mesh-sae1", "prod-mesh-euw1"].forEach((stack) =>
        expect(readPlan(fresh, stack).resources).toEqual(readPlan(path.join(base, "prod"), stack).resources),
      );
    });

    it("re-plans the other sites when an output of the first site they read changed, and only them", async () => {
      // A base in which the first site's stack exported other web validation records, and its readers
      // read those: the first site is re-planned (its base digest differs) and exports this branch's.
      const other = "0".repeat(64);
      const tampered = path.join(scratch, "first-records-base");
      fs.cpSync(path.join(base, "prod"), tampered, { recursive: true });
      const edit = (stack: string, change: (plan: EnvironmentStackPlan) => void) => {
        const file = path.join(tampered, `${stack}.json`);
        const plan = JSON.parse(fs.readFileSync(file, "utf8")) as EnvironmentStackPlan;
        change(plan);
        fs.writeFileSync(file, JSON.stringify(plan));
      };
      edit("prod-use1", (plan) => {
        expect(plan.outputDigests!.webValidationRecords).toMatch(/^[0-9a-f]{64}$/);
        plan.outputDigests!.webValidationRecords = other;
        plan.inputsDigest = other;
      });
      ["prod-sae1", "prod-euw1"].forEach((stack) =>
        edit(stack, (plan) => {
          const upstreams = { ...plan.inputs.upstreams, "prod-use1": { ...plan.inputs.upstreams["prod-use1"] } };
          expect(upstreams["prod-use1"].webValidationRecords).toMatch(/^[0-9a-f]{64}$/);
          upstreams["prod-use1"].webValidationRecords = other;
          plan.inputs = { ...plan.inputs, upstreams };
          plan.inputsDigest = inputsDigest(plan.inputs);
        }),
      );
      const comment = path.join(scratch, "first-records.md");
      const argv = ["--env", "prod", "--jobs", "1", "--baseline-dir", tampered, "--diff-out", comment];
      expect(await main([...argv, "--out-dir", path.join(scratch, "first-records-plan")], captureIo())).toBe(EXIT.ok);
      const markdown = fs.readFileSync(comment, "utf8");
      expect(markdown).toContain("Planned: `prod-use1`, `prod-sae1`, `prod-euw1`.");
      ["prod-sae1", "prod-euw1"].forEach((stack) =>
        expect(markdown).toContain(`- \`${stack}\`: the outputs of prod-use1 changed (webValidationRecords)`),
      );
      // The mesh and DNS stacks read its transit gateway and entry points, which did not change.
      ["prod-mesh-sae1", "prod-mesh-euw1", "prod-dns"].forEach((stack) =>
        expect(markdown).toContain(`- \`${stack}\`: ${readsUnchanged(["prod-use1"])}`),
      );
    });
  });
});

/** The prod environment with one edit of its raw config. */
function editedEnvironment(edit: (raw: Record<string, any>) => Record<string, any>): StackConfig {
  return flattenStackConfig("prod", documentFromRaw("prod", edit(rawStackConfig("prod"))));
}

describe("configView: what change detection and the run cache leave out of a stack's config", () => {
  // Through the same flattening as the edited one: values differ by the edit only.
  const environment = editedEnvironment((raw) => raw);
  const edits: { what: string; edit: (raw: Record<string, any>) => Record<string, any>; same: string[] }[] = [
    {
      what: "another site's pools",
      edit: (raw) => {
        const sae1 = raw.sites.find((s: { name: string }) => s.name === "sae1");
        sae1.pools.sbc.count = 4;
        sae1.pools.web.max = 12;
        sae1.pools.core.min = 4;
        return raw;
      },
      same: ["prod", "prod-use1", "prod-euw1", "prod-mesh-sae1", "prod-mesh-euw1"],
    },
    {
      what: "an SBC rollout step (every site's slot 1 moving, drained)",
      edit: (raw) => rolloutSteps(raw, { packages: { kamailio: "5.6.4", rtpengine: "10.5.3.6" } })[1].raw,
      same: ["prod", "prod-mesh-sae1", "prod-mesh-euw1"],
    },
  ];

  it.each(edits)(
    "a stack whose view $what leave unchanged makes the same runs: preview and up, outputs and reads",
    async ({ edit, same }) => {
      const edited = editedEnvironment(edit);
      // Live runs: the cache relies on this, so it must not answer it.
      const before = environmentScheduler(environment, { live: true, keepUpRuns: true });
      const after = environmentScheduler(edited, { live: true, keepUpRuns: true });
      const viewOf = (scheduler: EnvironmentScheduler, name: string) => {
        const spec = scheduler.spec(name);
        return configView(spec, scheduler.configOf(spec).values);
      };
      expect(
        PROD.filter((name) => JSON.stringify(viewOf(before, name)) === JSON.stringify(viewOf(after, name))),
      ).toEqual(same);
      for (const name of same)
        for (const preview of [true, false]) {
          const [a, b] = [await before.run(name, preview), await after.run(name, preview)];
          const runOf = (run: typeof a) => ({
            name,
            preview,
            resources: run.resources,
            outputs: run.wireOutputs,
            reads: run.reads,
          });
          expect(runOf(b)).toEqual(runOf(a));
        }
    },
  );
});

describe("npm run plan -- --stack", () => {
  it("plans one part stack, its upstreams run only for their outputs", async () => {
    const out = path.join(scratch, "one", "prod-euw1.json");
    const io = captureIo();
    expect(await main(["--stack", "prod-euw1", "--jobs", "1", "--out", out], io)).toBe(EXIT.ok);
    expect(fs.readdirSync(path.dirname(out))).toEqual(["prod-euw1.json"]);
    const plan = readPlan(path.dirname(out), "prod-euw1");
    expect(plan.resources.some((r) => r.type === "aws:ec2transitgateway/transitGateway:TransitGateway")).toBe(true);
    expect(io.text()).toContain("Plan for stack prod-euw1:");
    expect(io.text()).not.toContain("prod-use1:");
  });

  it("plans the shared stack by the environment's name", async () => {
    const out = path.join(scratch, "shared", "prod.json");
    expect(await main(["--stack", "prod", "--jobs", "1", "--out", out], captureIo())).toBe(EXIT.ok);
    expect(readPlan(path.dirname(out), "prod").resources.every((r) => r.urn.startsWith("urn:pulumi:prod::"))).toBe(
      true,
    );
  });
});

describe("the worker pool", () => {
  /** A worker that answers every job and records its pid; `stubborn` also ignores being disconnected. */
  const recordingWorker = (name: string, stubborn: boolean) => {
    const file = path.join(scratch, `${name}.js`);
    const pids = path.join(scratch, `${name}.pids`);
    fs.writeFileSync(
      file,
      [
        `require("fs").appendFileSync(${JSON.stringify(pids)}, process.pid + "\\n");`,
        'process.on("message", (job) => process.send({ id: job.id, error: "no program here" }));',
        stubborn ? "setInterval(() => undefined, 1000);" : 'process.on("disconnect", () => process.exit(0));',
      ].join("\n"),
    );
    return { file, pids: () => fs.readFileSync(pids, "utf8").trim().split("\n").map(Number) };
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const job = (stack: string) => ({ stack, values: {}, secretKeys: [] });

  it("leaves no worker process behind once closed (a live child would keep the caller, e.g. a jest worker, from exiting)", async () => {
    const worker = recordingWorker("polite-worker", false);
    const pool = workerPool(2, worker.file);
    await Promise.all(["prod", "staging"].map((s) => expect(pool.run(job(s), { preview: true })).rejects.toThrow()));
    await pool.close();
    expect(worker.pids()).toHaveLength(2);
    expect(worker.pids().filter(alive)).toEqual([]);
  });

  it("kills a worker that does not exit when disconnected, after the grace period", async () => {
    const worker = recordingWorker("stubborn-worker", true);
    const pool = workerPool(1, worker.file);
    await expect(pool.run(job("prod"), { preview: true })).rejects.toThrow("no program here");
    await pool.close(200);
    expect(worker.pids().filter(alive)).toEqual([]);
  });

  it("fails a run whose worker dies, naming the stack", async () => {
    const crashing = path.join(scratch, "crashing-worker.js");
    fs.writeFileSync(crashing, 'process.on("message", () => process.exit(3));\n');
    const pool = workerPool(1, crashing);
    try {
      await expect(pool.run({ stack: "prod-sae1", values: {}, secretKeys: [] }, { preview: true })).rejects.toThrow(
        "the worker planning stack prod-sae1 exited (code 3) before it finished",
      );
    } finally {
      await pool.close();
    }
  });
});
