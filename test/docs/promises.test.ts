// docs/PROMISES.md cites paths, test names and rules for every promise of the design; none may be dead.
import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../policies/rules";
import { ROOT } from "../harness/program";

const document = fs.readFileSync(path.join(ROOT, "docs", "PROMISES.md"), "utf8");
const sections = document.split(/^## /m).slice(1);
/** The backquoted items of one `- **Label**:` line of a section. */
const line = (section: string, label: string) => section.match(new RegExp(`^- \\*\\*${label}\\*\\*: (.*)$`, "m"))?.[1];
const quoted = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe("docs/PROMISES.md", () => {
  it("has one section per promise, S1 to S16, each saying what it became, where, and what proves it", () => {
    expect(sections.map((s) => s.split(" ")[0])).toEqual(Array.from({ length: 16 }, (_, i) => `S${i + 1}`));
    const missing = sections.flatMap((s) =>
      ["Became", "Code", "Tests", "Rules"]
        .filter((label) => line(s, label) === undefined)
        .map((label) => `${s.split("\n")[0]}: ${label}`),
    );
    expect(missing).toEqual([]);
  });

  it("cites only paths that exist", () => {
    const cited = sections.flatMap((s) => quoted(line(s, "Code") ?? ""));
    expect(cited.length).toBeGreaterThan(16);
    expect(cited.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it("cites only tests that exist, by file and exact name", () => {
    const citations = sections.flatMap((s) =>
      [...(line(s, "Tests") ?? "").matchAll(/`([^`]+)` "([^"]+)"/g)].map((m) => ({ file: m[1], name: m[2] })),
    );
    expect(citations.length).toBeGreaterThanOrEqual(16);
    const dead = citations.filter(({ file, name }) => {
      const full = path.join(ROOT, file);
      return !fs.existsSync(full) || !fs.readFileSync(full, "utf8").includes(JSON.stringify(name));
    });
    expect(dead).toEqual([]);
  });

  it("cites only rules the pack has, and names every rule under some promise", () => {
    const cited = new Set(sections.flatMap((s) => quoted(line(s, "Rules") ?? "")));
    const names = RULES.map((r) => r.name);
    expect([...cited].filter((name) => !names.includes(name))).toEqual([]);
    expect(names.filter((name) => !cited.has(name))).toEqual([]);
  });
});
