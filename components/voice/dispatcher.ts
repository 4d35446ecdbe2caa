// dispatcher.list: the core's name in set 1, each carrier's gateways in its own set, probed by OPTIONS.
import { CORE_SET, SbcVoiceInput } from "./input";
import { carrierSet, gatewayUri } from "./sets";

export function renderDispatcherList(input: SbcVoiceInput): string {
  const lines = [
    "# setid destination flags priority attributes",
    `${CORE_SET} ${input.core.uri} 0 0 name=core`,
    ...input.carriers.flatMap((c) =>
      // Higher priority first (algorithm 8): a carrier's gateways in the order listed.
      c.gateways.map(
        (g, i) => `${carrierSet(input.carriers, c.name)} ${gatewayUri(g)} 0 ${c.gateways.length - i} name=${c.name}`,
      ),
    ),
  ];
  return lines.join("\n") + "\n";
}
