// The trunk table's consumer (S15): dialled prefix -> carriers in preference order, as Kamailio routes.
import { TrunkTable } from "../../lib/model/trunkTable";
import { destinationPrefix } from "./callingCodes";
import { SbcRoute, SbcVoiceInput } from "./input";
import { carrierSet } from "./sets";

/**
 * One route per dialled prefix. Destinations sharing a prefix (US and CA under +1) share a route whose
 * carriers keep the config order of carriers (the trunk table's preference order).
 */
export function routesFromTrunkTable(
  table: TrunkTable,
  carrierOrder: readonly string[],
  extraPrefixes: Readonly<Record<string, string>> = {},
): SbcRoute[] {
  const byPrefix = new Map<string, Set<string>>();
  Object.entries(table.destinations).forEach(([destination, carriers]) => {
    const prefix = destinationPrefix(destination, extraPrefixes);
    const set = byPrefix.get(prefix) ?? new Set<string>();
    carriers.forEach((c) => set.add(c));
    byPrefix.set(prefix, set);
  });
  return [...byPrefix.entries()]
    .sort(([a], [b]) => b.length - a.length || a.localeCompare(b))
    .map(([prefix, set]) => ({ prefix, carriers: carrierOrder.filter((c) => set.has(c)) }));
}

/** route[TO_CARRIER]: the longest matching prefix picks the carrier sets, tried in order (ds_select_routes). */
export function renderRouteTable(input: SbcVoiceInput): string {
  const longestFirst = [...input.routes].sort(
    (a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix),
  );
  const branches = longestFirst.map((r, i) => {
    if (!/^\d{1,6}$/.test(r.prefix))
      throw new Error(`route prefix "${r.prefix}": expected 1-6 digits of an E.164 number`);
    if (r.carriers.length === 0) throw new Error(`route prefix "${r.prefix}": no carrier`);
    // Algorithm 8: by priority, so that a carrier's own gateways are tried in the listed order.
    const rules = r.carriers.map((c) => `${carrierSet(input.carriers, c)}=8`).join(";");
    return `  ${i === 0 ? "if" : "} else if"} ($var(number) =~ "^${r.prefix}") {\n    $var(rules) = "${rules}";`;
  });
  return [
    "route[TO_CARRIER] {",
    "  # The dialled number in E.164 digits: without a leading + or 00.",
    "  $var(number) = $rU;",
    '  if ($(var(number){s.substr,0,1}) == "+") { $var(number) = $(var(number){s.substr,1,0}); }',
    '  else if ($(var(number){s.substr,0,2}) == "00") { $var(number) = $(var(number){s.substr,2,0}); }',
    ...branches,
    "  } else {",
    '    sl_send_reply("404", "No route to this destination");',
    "    exit;",
    "  }",
    '  if (!ds_select_routes("$var(rules)", "dst")) {',
    '    send_reply("503", "No carrier available");',
    "    exit;",
    "  }",
    "  # Carriers are reached from the edge socket (the Elastic IP), whichever socket the core's request came to.",
    `  force_send_socket(udp:${input.addresses.private}:${input.ports.sip});`,
    '  t_on_failure("NEXT_CARRIER");',
    "  route(RELAY);",
    "}",
  ].join("\n");
}
