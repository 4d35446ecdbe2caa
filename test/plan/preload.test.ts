// The offline plan's preload (tools/preload/register.js): TypeScript through the transpile cache,
// which must give the very code ts-node gives (so a plan is the same whichever runs it), and the two
// modules @pulumi/pulumi requires only for serializing functions left unloaded until first use.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { create } from "ts-node";

const ROOT = path.join(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cache = require("../../tools/preload/transpileCache") as {
  transpile(source: string, filename: string): string;
  javascriptOf(source: string, filename: string): string;
};

/** Every TypeScript file a plan loads: the program and the tools. */
function programFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return programFiles(relative);
    return entry.name.endsWith(".ts") ? [path.join(ROOT, relative)] : [];
  });
}

/** A node process started as `npm run plan` starts, running `script`; its stdout. */
function withPreload(script: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, ["-r", "./tools/preload/register.js", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

describe("the transpile cache", () => {
  it("gives the code ts-node gives for every file of the program and the tools, source map aside", () => {
    const tsNode = create({ swc: true, project: path.join(ROOT, "tsconfig.json") });
    const files = ["index.ts", ...["config", "lib", "components", "stacks", "tools"].flatMap(programFiles)];
    expect(files.length).toBeGreaterThan(150);
    const differing = files.filter((file) => {
      const source = fs.readFileSync(file, "utf8");
      const theirs = tsNode.compile(source, file).replace(/\n\/\/# sourceMappingURL=data:[^\n]*$/, "");
      return cache.transpile(source, file) !== theirs;
    });
    expect(differing).toEqual([]);
  });

  it("keeps a file's code under its source's hash and transpiles it again when the source changes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "transpile-cache-"));
    const previous = process.env.CALLMYWAY_TRANSPILE_CACHE;
    process.env.CALLMYWAY_TRANSPILE_CACHE = dir;
    try {
      const file = path.join(ROOT, "example.ts");
      const first = cache.javascriptOf("export const a: number = 1;\n", file);
      expect(fs.readdirSync(dir)).toHaveLength(1);
      const kept = path.join(dir, fs.readdirSync(dir)[0]);
      expect(fs.readFileSync(kept, "utf8")).toBe(first);
      // What is kept is what is read: a second load does not transpile.
      fs.writeFileSync(kept, "exports.a = 'from the cache';\n");
      expect(cache.javascriptOf("export const a: number = 1;\n", file)).toBe("exports.a = 'from the cache';\n");
      expect(cache.javascriptOf("export const a: number = 2;\n", file)).toContain("= 2");
      expect(fs.readdirSync(dir)).toHaveLength(2);
    } finally {
      if (previous === undefined) delete process.env.CALLMYWAY_TRANSPILE_CACHE;
      else process.env.CALLMYWAY_TRANSPILE_CACHE = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loads the repository's TypeScript in a process started with the preload", () => {
    const out = withPreload('console.log(require("./tools/stackConfig").PROJECT_NAME)', {
      CALLMYWAY_TRANSPILE_CACHE: "off",
    });
    expect(out.trim()).toBe("callmyway-network");
  });
});

describe("modules @pulumi/pulumi requires but a plan never uses", () => {
  // Whether node's module cache holds the real module `name` resolves to from @pulumi/pulumi (not the preload's stand-in).
  const realLoaded =
    `const realLoaded = (name) => { const file = require.resolve(name, { paths: [require("path").dirname(require.resolve("@pulumi/pulumi"))] });` +
    ` const m = require.cache[file]; return m !== undefined && !require("util").types.isProxy(m.exports); };`;
  const script = (preload: boolean) =>
    `${realLoaded} require("@pulumi/pulumi"); require("@pulumi/aws");` +
    ` const before = [realLoaded("typescript"), realLoaded("@npmcli/arborist")];` +
    (preload ? ` const version = require("typescript").version;` : ` const version = "";`) +
    ` console.log(JSON.stringify({ before, version, after: realLoaded("typescript") }))`;

  it("are still required by @pulumi/pulumi when it loads (else the preload defers nothing)", () => {
    const out = execFileSync(process.execPath, ["-e", script(false)], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(out).before).toEqual([true, true]);
  });

  it("are not loaded by a process with the preload until something reads them, then load for real", () => {
    expect(JSON.parse(withPreload(script(true)))).toEqual({
      before: [false, false],
      version: expect.stringMatching(/^5\./),
      after: true,
    });
  });
});
