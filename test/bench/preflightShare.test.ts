import { BenchReport, CaseResult, formatPreflightShare } from "../../tools/bench/report";

const plan = (cpuMs: number, preflightCpuMs?: number) => ({ resources: 1365, wallMs: cpuMs, cpuMs, peakRssMb: 500, countsByType: {}, preflightCpuMs });
const stackCase = (name: string, cpuMs: number, preflightCpuMs?: number) => ({ name, plan: plan(cpuMs, preflightCpuMs) }) as unknown as CaseResult;

describe("the preflight's share of the plan in npm run bench", () => {
  it("is the preflight's CPU time over the plan without it, flagged above 10%, for the real stacks only", () => {
    const report = { cases: [stackCase("prod", 10_500, 500), stackCase("staging", 1_200, 200), { ...stackCase("synthetic-2", 900, 90), shape: { sites: 2 } }] } as unknown as BenchReport;
    expect(formatPreflightShare(report)).toEqual([
      "  prod: preflight 500 ms CPU, 5.0% on top of the plan without it (10000 ms; limit 10%)",
      "  staging: preflight 200 ms CPU, 20.0% on top of the plan without it (1000 ms; limit 10%) ABOVE THE LIMIT",
    ]);
  });
});
