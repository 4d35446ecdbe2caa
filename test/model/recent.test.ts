// lib/recent.ts: the results of validation, the model and the figures, remembered per distinct input.
import { validateConfig } from "../../config";
import { buildModel } from "../../lib/model";
import { recentResults } from "../../lib/recent";
import { rawStackConfig } from "../harness/config";

/** A counted computation: how many times it really ran. */
function counted<I, O>(compute: (input: I) => O) {
  const calls: I[] = [];
  return { calls, fn: (input: I) => (calls.push(input), compute(input)) };
}

describe("results remembered for the last few distinct inputs", () => {
  it("computes once per distinct input, and again for different data", () => {
    const c = counted((x: { n: number[] }) => ({ total: x.n.reduce((a, b) => a + b, 0) }));
    const sum = recentResults(c.fn, { size: 4 });
    const first = sum({ n: [1, 2] });
    expect(sum({ n: [1, 2] })).toBe(first);
    expect(sum({ n: [2, 1] })).toEqual({ total: 3 });
    expect(c.calls).toHaveLength(2);
  });

  it("tells apart inputs JSON would confuse: undefined, NaN and null, a missing key", () => {
    const c = counted((x: Record<string, unknown>) => Object.keys(x).length);
    const keys = recentResults(c.fn, { size: 8 });
    expect([keys({}), keys({ a: undefined }), keys({ a: null }), keys({ a: NaN })]).toEqual([0, 1, 1, 1]);
    expect(c.calls).toHaveLength(4);
  });

  it("freezes the result, works on a copy of the input, and gives copies to callers that change theirs", () => {
    const input = { list: [1, 2], nested: { a: 1 } };
    const shared = recentResults((x: typeof input) => x, { size: 2 });
    const result = shared(input);
    expect(Object.isFrozen(result.nested)).toBe(true);
    expect(result).not.toBe(input);
    expect(Object.isFrozen(input.nested)).toBe(false);
    const copied = recentResults((x: typeof input) => x, { size: 2, copies: true });
    const mine = copied(input);
    mine.list.push(3);
    expect(copied(input).list).toEqual([1, 2]);
  });

  it("copies arrays as arrays of this realm (structuredClone's are not `instanceof Array` in a jest file)", () => {
    const copied = recentResults((x: { list: number[] }) => x, { size: 2, copies: true });
    const { list } = copied({ list: [1] });
    expect(list instanceof Array).toBe(true);
  });

  it("computes input that is not plain data each time, remembers no failure, forgets the least recent", () => {
    const c = counted((x: { f?: () => number; n?: number }) => {
      if (x.n === -1) throw new Error("refused");
      return x.n ?? x.f!();
    });
    const f = recentResults(c.fn, { size: 2 });
    const fn = () => 7;
    expect([f({ f: fn }), f({ f: fn })]).toEqual([7, 7]);
    expect(c.calls).toHaveLength(2);
    expect(() => f({ n: -1 })).toThrow("refused");
    expect(() => f({ n: -1 })).toThrow("refused");
    expect(c.calls).toHaveLength(4);
    f({ n: 1 });
    f({ n: 2 });
    f({ n: 1 }); // 1 is now the most recent: 3 pushes out 2
    f({ n: 3 });
    f({ n: 1 });
    expect(c.calls.slice(4).map((x) => x.n)).toEqual([1, 2, 3]);
    f({ n: 2 });
    expect(c.calls.slice(4).map((x) => x.n)).toEqual([1, 2, 3, 2]);
  });
});

describe("the config and the model, remembered", () => {
  it("gives each caller of validateConfig its own config, and a changed raw config is validated anew", () => {
    const raw = rawStackConfig("staging");
    const mine = validateConfig(raw);
    (mine.sites as unknown[]).length = 0;
    expect(validateConfig(raw).sites.length).toBeGreaterThan(0);
    raw.sites[0].cidr = "not a block";
    expect(() => validateConfig(raw)).toThrow(/sites\[0\]\.cidr/);
  });

  it("builds the model of a config once, frozen, so that no caller changes another's", () => {
    const config = validateConfig(rawStackConfig("staging"));
    const model = buildModel(config);
    expect(buildModel(validateConfig(rawStackConfig("staging")))).toBe(model);
    expect(Object.isFrozen(model.firewall.rules[0])).toBe(true);
    expect(() => (model.firewall.rules as unknown[]).push(1)).toThrow(TypeError);
    expect(Object.isFrozen(config.sites[0])).toBe(false);
  });
});
