import { countByType, growthExponent, isSuperLinear, superLinearKinds } from "../../tools/bench/growth";

const series = (f: (n: number) => number) => [2, 8, 32].map((sites) => ({ sites, count: f(sites) }));

describe("super-linear growth detector", () => {
  it("flags a full mesh n(n-1)/2 and reports an exponent near 2", () => {
    const mesh = series((n) => (n * (n - 1)) / 2);
    expect(isSuperLinear(mesh)).toBe(true);
    expect(growthExponent(mesh)).toBeCloseTo(Math.log(496 / 28) / Math.log(4), 10);
  });

  it("does not flag linear, affine or constant series", () => {
    expect(isSuperLinear(series((n) => 12 * n))).toBe(false);
    expect(growthExponent(series((n) => 12 * n))).toBeCloseTo(1, 10);
    expect(isSuperLinear(series((n) => 3 * n + 40))).toBe(false);
    expect(isSuperLinear(series((n) => n - 1))).toBe(false);
    expect(growthExponent(series(() => 1))).toBe(0);
  });

  it("needs two sizes where the kind exists", () => {
    expect(growthExponent([{ sites: 8, count: 0 }, { sites: 32, count: 10 }])).toBeUndefined();
  });

  it("lists exactly the super-linear kinds of a set of plans, steepest first", () => {
    const sizes = [2, 8, 32].map((n) => ({
      sites: n,
      countsByType: { mesh: (n * (n - 1)) / 2, rules: n * (n + 4), subnets: 12 * n, provider: 1 },
    }));
    expect(superLinearKinds(sizes).map((k) => [k.type, k.counts])).toEqual([
      ["mesh", [1, 28, 496]],
      ["rules", [12, 96, 1152]],
    ]);
  });

  it("counts resources per type token", () => {
    expect(countByType([{ type: "a" }, { type: "b" }, { type: "a" }])).toEqual({ a: 2, b: 1 });
  });
});
