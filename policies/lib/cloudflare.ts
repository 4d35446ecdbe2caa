// Cloudflare's published proxy ranges, read the way a real preview reads them: from Cloudflare's API
// at evaluation (https://developers.cloudflare.com/api/resources/ips/methods/list/), never from a
// copy in the repo that would go stale the day Cloudflare adds a range. The offline plan has no
// network: it hands the pack the answer its mocks give the program (useCloudflareRanges).

/** Cloudflare's list of its IP ranges (no token needed). */
export const CLOUDFLARE_IPS_URL = "https://api.cloudflare.com/client/v4/ips";

/** How long the pack waits for the list before judging the web ingress impossible. */
const TIMEOUT_MS = 10000;

export type CloudflareRangeSource = (url: string) => Promise<string[]>;

/** GET the list: `{ success, result: { ipv4_cidrs, ipv6_cidrs } }`, IPv4 then IPv6. */
export async function fetchCloudflareRanges(url: string): Promise<string[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const body = (await response.json()) as {
    success?: boolean;
    result?: { ipv4_cidrs?: unknown; ipv6_cidrs?: unknown };
  };
  const { ipv4_cidrs: v4, ipv6_cidrs: v6 } = body.result ?? {};
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
  if (body.success !== true || !strings(v4) || !strings(v6) || v4.length === 0)
    throw new Error(`${url} did not answer a list of ranges`);
  return [...v4, ...v6];
}

let source: CloudflareRangeSource = fetchCloudflareRanges;
const answers = new Map<string, Promise<string[]>>();

/** Where the ranges come from (the offline plan: the mocks' answer); one read per URL and source. */
export function useCloudflareRanges(next: CloudflareRangeSource): void {
  source = next;
  answers.clear();
}

/** Cloudflare's ranges, read once per process and URL. */
export function cloudflareRanges(url: string): Promise<string[]> {
  const known = answers.get(url);
  if (known) return known;
  const answer = source(url);
  answers.set(url, answer);
  // A failed read is not remembered: the next evaluation asks again.
  answer.catch(() => answers.delete(url));
  return answer;
}

/**
 * Named sources with Cloudflare's ranges filled in at evaluation: the policy config names the
 * "cloudflare" source but carries no copy of its ranges (a copy would mark a range Cloudflare adds
 * later as "the internet").
 */
export async function withCloudflareRanges<S extends { readonly kind: string; readonly cidrs: readonly string[] }>(
  sources: readonly S[],
  url: string,
): Promise<S[]> {
  if (!sources.some((s) => s.kind === "cloudflare")) return [...sources];
  const ranges = await cloudflareRanges(url);
  return sources.map((s) => (s.kind === "cloudflare" ? { ...s, cidrs: ranges } : s));
}
