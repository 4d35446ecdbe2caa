// The drain script of an SBC (S5), rendered from the config and delivered with the SBC's configuration:
// drain mode on, then wait until the SBC's calls have ended or the drain limit has passed, whichever
// comes first, and say which by the exit status (SSM Run Command records it per instance).
import { SbcPaths } from "./input";
import { EMF_LOG_MARKER, drainStateEmf } from "./metrics";

/** Exit statuses of the drain script. */
export const DRAIN_EXIT = { drained: 0, error: 2, limitReached: 3 } as const;

/** Log tag of the script's lines (journal, and the command's output). */
export const DRAIN_LOG_TAG = "callmyway-drain";

/** Where the delivery writes the script on an SBC host; run as `callmyway-drain <slot>`. */
export const HOST_DRAIN_SCRIPT = "/usr/local/sbin/callmyway-drain";

export interface DrainScriptArgs {
  /** The site of the SBC (the metric's Site dimension); the slot is the script's argument. */
  readonly site: string;
  /** Where Kamailio's control socket is (its run directory). */
  readonly paths: Pick<SbcPaths, "runDir">;
  /** voice.drainLimitMinutes, in seconds: the longest the script waits for calls to end. */
  readonly limitSeconds: number;
  /** How often the active calls are read; default 5 s. */
  readonly pollSeconds?: number;
}

/**
 * A bash script: `kamcmd htable.seti sbc draining 1` (new INVITEs get 503, in-dialog requests pass),
 * then reads the dialog module's active dialogs every poll until none is left (exit 0, "drained") or the
 * limit has passed (exit 3, "limit reached": the calls left are dropped by the replacement). The loop is
 * bounded twice: by the clock and by a count of polls that the limit allows.
 */
export function renderDrainScript(args: DrainScriptArgs): string {
  const poll = args.pollSeconds ?? 5;
  if (!Number.isInteger(args.limitSeconds) || args.limitSeconds < 1)
    throw new Error(`drain limit must be a whole number of seconds >= 1, got ${args.limitSeconds}`);
  if (!Number.isInteger(poll) || poll < 1) throw new Error(`drain poll must be a whole number of seconds >= 1`);
  const maxPolls = Math.ceil(args.limitSeconds / poll) + 2;
  return [
    "#!/bin/bash",
    "# Drain this SBC before it is replaced (rendered by the CallMyWay program; docs/ARCHITECTURE.md).",
    "set -uo pipefail",
    'SLOT="${1:-}"',
    `if ! [[ "$SLOT" =~ ^[0-9]{1,2}$ ]]; then echo "usage: $0 <slot>" >&2; exit ${DRAIN_EXIT.error}; fi`,
    `CTL="unix:${args.paths.runDir}/kamailio_ctl"`,
    `LIMIT_SECONDS=${args.limitSeconds}`,
    `POLL_SECONDS=${poll}`,
    `MAX_POLLS=${maxPolls}`,
    `say() { echo "${DRAIN_LOG_TAG}: $*"; logger -t ${DRAIN_LOG_TAG} "$*" 2>/dev/null || true; }`,
    "# The drain state as a metric (EMF): the command's output, and syslog local0 -> rsyslog -> the CloudWatch agent,",
    "# the path Kamailio's own metric lines take (components/voice/metrics.ts).",
    "publish() {",
    `  local line="${EMF_LOG_MARKER}${drainStateEmf(args.site, "$SLOT", "$1", "$2", "$(date +%s)000").replace(/"/g, '\\"')}"`,
    '  echo "$line"',
    '  logger -p local0.notice -t kamailio "$line" 2>/dev/null || true',
    "}",
    "# The dialog module's count of calls in progress (early and confirmed dialogs).",
    "active_calls() {",
    '  kamcmd -s "$CTL" stats.get_statistics active_dialogs 2>/dev/null |',
    "    sed -n 's/.*active_dialogs *= *\\([0-9][0-9]*\\).*/\\1/p' | head -n 1",
    "}",
    'if ! kamcmd -s "$CTL" htable.seti sbc draining 1 >/dev/null; then',
    '  say "ERROR: could not switch drain mode on through $CTL"',
    `  exit ${DRAIN_EXIT.error}`,
    "fi",
    "start=$(date +%s)",
    "deadline=$((start + LIMIT_SECONDS))",
    'say "drain mode on: no new calls; waiting up to ${LIMIT_SECONDS} s for the calls in progress"',
    "polls=0",
    'while [ "$polls" -lt "$MAX_POLLS" ]; do',
    "  polls=$((polls + 1))",
    "  calls=$(active_calls)",
    '  if [ -z "$calls" ]; then',
    '    say "ERROR: cannot read active calls through $CTL"',
    `    exit ${DRAIN_EXIT.error}`,
    "  fi",
    "  now=$(date +%s)",
    '  [ "$calls" -eq 0 ] || publish "$calls" 0',
    '  if [ "$calls" -eq 0 ]; then',
    "    publish 0 1",
    '    say "DRAINED: no calls left after $((now - start)) s"',
    `    exit ${DRAIN_EXIT.drained}`,
    "  fi",
    '  if [ "$now" -ge "$deadline" ]; then',
    '    say "LIMIT REACHED: ${calls} calls still up after $((now - start)) s (limit ${LIMIT_SECONDS} s)"',
    `    exit ${DRAIN_EXIT.limitReached}`,
    "  fi",
    "  left=$((deadline - now))",
    '  sleep "$((left < POLL_SECONDS ? left : POLL_SECONDS))"',
    "done",
    'say "LIMIT REACHED: poll count exhausted (${calls:-?} calls still up)"',
    `exit ${DRAIN_EXIT.limitReached}`,
    "",
  ].join("\n");
}

/** The drain script for hosts: the host paths, the site and voice.drainLimitMinutes. */
export function hostDrainScript(paths: Pick<SbcPaths, "runDir">, site: string, drainLimitMinutes: number): string {
  return renderDrainScript({ paths, site, limitSeconds: drainLimitMinutes * 60 });
}
