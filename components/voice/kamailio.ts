// kamailio.cfg of a site's SBCs, as a pure function of the site's voice input. Each feature that a
// test proves is fenced by "# >>> feature: NAME" / "# <<< feature: NAME" so that a test can render
// the configuration without it and show that its scenario then fails.
import { CORE_SET, SbcVoiceInput } from "./input";
import { carrierSet, gatewayUri } from "./sets";
import { EMF_LOG_MARKER, VOICE_EMF as M, drainStateEmf } from "./metrics";
import { renderRouteTable } from "./routing";

/** The features a voice test proves; the name fences that feature's lines in the rendered file. */
export type VoiceFeature = "allowlist" | "failover" | "setup-timeout" | "probing" | "drain" | "quality" | "core-socket";

export const fenced = (feature: VoiceFeature, lines: string): string =>
  `# >>> feature: ${feature}\n${lines}\n# <<< feature: ${feature}`;

const quote = (s: string): string => {
  if (/["\\\n]/.test(s))
    throw new Error(
      `cannot render ${JSON.stringify(s)} into kamailio.cfg: quotes, backslashes and newlines are not allowed`,
    );
  return `"${s}"`;
};

/** Source classification: core, then each carrier, then each customer (CIDR lists as ipops takes them). */
function classifyRoute(input: SbcVoiceInput): string {
  const test = (cidrs: readonly string[], body: string) =>
    `  if (is_in_subnet("$si", ${quote(cidrs.join(","))})) { ${body} return; }`;
  return [
    "route[CLASSIFY] {",
    '  $var(peer) = "";',
    '  $var(name) = "";',
    test(input.core.cidrs, '$var(peer) = "core";'),
    ...input.carriers.map((c) => test(c.signallingCidrs, `$var(peer) = "carrier"; $var(name) = ${quote(c.name)};`)),
    ...input.customers.map((c) => test(c.sipCidrs, `$var(peer) = "customer"; $var(name) = ${quote(c.name)};`)),
    "}",
  ].join("\n");
}

/** One EMF line per probe target every interval: the probe state as a metric (CloudWatch embedded metric format). */
function probeStateRoute(input: SbcVoiceInput): string {
  const emf = (target: string, kind: string) =>
    `{"_aws":{"Timestamp":$(TS)000,"CloudWatchMetrics":[{"Namespace":"${M.namespace}","Dimensions":[["${M.siteDimension}"],["${M.siteDimension}","${M.targetDimension}"]],` +
    `"Metrics":[{"Name":"${M.probeUp}","Unit":"Count"}]}]},"event":"probe_state","${M.siteDimension}":"${input.site}","${M.targetDimension}":"${target}","kind":"${kind}","${M.probeUp}":$var(up)}`;
  const check = (set: number, uri: string | undefined, target: string, kind: string) => [
    `  if (ds_is_active("${set}"${uri ? `, ${quote(uri)}` : ""})) { $var(up) = 1; } else { $var(up) = 0; }`,
    `  xlog("L_NOTICE", "${EMF_LOG_MARKER}${emf(target, kind).replace(/"/g, '\\"')}\\n");`,
  ];
  return [
    "route[PROBE_STATE] {",
    ...drainState(input),
    ...check(CORE_SET, undefined, "core", "core"),
    ...input.carriers.flatMap((c) =>
      c.gateways.flatMap((g) =>
        check(carrierSet(input.carriers, c.name), gatewayUri(g), probeTarget(c.name, g), "carrier"),
      ),
    ),
    "}",
  ].join("\n");
}

/**
 * A slot drained by config publishes its drain state every probe interval (S5): its calls in progress and
 * Drained 1 once in drain mode with none left, what the drain alarm and the operator wait for before the move.
 */
function drainState(input: SbcVoiceInput): string[] {
  if (!input.drained || input.slot === undefined) return [];
  const emf = drainStateEmf(input.site, String(input.slot), "$var(calls)", "$var(drained)", "$(TS)000");
  return [
    fenced(
      "drain",
      [
        "  $var(calls) = $stat(active_dialogs);",
        "  if ($sht(sbc=>draining) == 1 && $var(calls) == 0) { $var(drained) = 1; } else { $var(drained) = 0; }",
        `  xlog("L_NOTICE", "${EMF_LOG_MARKER}${emf.replace(/"/g, '\\"')}\\n");`,
      ].join("\n"),
    ),
  ];
}

/** The Target dimension of a carrier gateway's probe state. */
export const probeTarget = (carrier: string, gateway: string): string => `${carrier}/${gateway}`;

/** Per-call quality from rtpengine's delete statistics, published with the site and the customer. */
function qualityRoute(input: SbcVoiceInput): string {
  // Per site and per site and customer: the site's alarms and each customer's (S14).
  const dims = `"Dimensions":[["${M.siteDimension}"],["${M.siteDimension}","${M.customerDimension}"]]`;
  const head = `{"_aws":{"Timestamp":$(TS)000,"CloudWatchMetrics":[{"Namespace":"${M.namespace}",${dims},"Metrics":`;
  const who = `"event":"call_quality","${M.siteDimension}":"${input.site}","${M.customerDimension}":"$dlg_var(customer)","callId":"$ci"`;
  const withStats =
    head +
    `[{"Name":"${M.mos}","Unit":"None"},{"Name":"${M.jitterMs}","Unit":"Milliseconds"},{"Name":"${M.packetLossPercent}","Unit":"Percent"},{"Name":"${M.latencyMs}","Unit":"Milliseconds"}]}]},` +
    `${who},"${M.mos}":$avp(mos),"${M.jitterMs}":$avp(mos_jitter),"${M.packetLossPercent}":$avp(mos_loss),"${M.latencyMs}":$var(latency)}`;
  // A call without RTCP has no MOS: counted, so that a site whose calls carry no statistics is seen.
  const withoutStats =
    head + `[{"Name":"${M.callsWithoutQuality}","Unit":"Count"}]}]},${who},"${M.callsWithoutQuality}":1}`;
  const esc = (s: string) => s.replace(/"/g, '\\"');
  return [
    "route[QUALITY] {",
    "  $var(latency) = 0;",
    fenced(
      "quality",
      [
        '  if ($avp(mos) != $null && $avp(mos) != "") {',
        "    # One-way latency is half the RTCP round trip, which rtpengine gives in microseconds (ITU-T G.114 budgets one way).",
        "    $var(latency) = $(avp(mos_rtt){s.int}) / 2000;",
        `    xlog("L_NOTICE", "${EMF_LOG_MARKER}${esc(withStats)}\\n");`,
        "  } else {",
        `    xlog("L_NOTICE", "${EMF_LOG_MARKER}${esc(withoutStats)}\\n");`,
        "  }",
      ].join("\n"),
    ),
    "}",
  ].join("\n");
}

/** A slot that config drains stays drained across restarts and re-applied configuration (S5). */
function drainAtStart(input: SbcVoiceInput): string {
  if (!input.drained) return "# Not drained by config (voice.drained): drain mode only when the drain script sets it.";
  return fenced(
    "drain",
    `# Drained by config (voice.drained): no new calls from the start, until config undrains this slot.
event_route[htable:mod-init] {
  $sht(sbc=>draining) = 1;
}`,
  );
}

/**
 * The core-facing socket (S5): the core reaches the SBC on its private address, never on the Elastic IP
 * (from the core's private subnets that address is reached through the NAT gateway, from an address that
 * is not the core's). Its own socket when ports.coreSip differs from the SIP port; otherwise the edge
 * socket's address and port, and only the Record-Route toward the core (route[RECORD_ROUTE]) differs.
 */
function coreSockets(input: SbcVoiceInput): string {
  const { addresses: a, ports: p } = input;
  if (p.core === p.tls) throw new Error(`the core's SIP port ${p.core} is the SBC's TLS port`);
  return fenced(
    "core-socket",
    p.core === p.sip
      ? `# The core's SIP port is the SIP port: the core reaches ${a.private}:${p.sip}, the edge socket, by its private address.`
      : (["udp", "tcp"] as const).map((proto) => `listen=${proto}:${a.private}:${p.core}`).join("\n"),
  );
}

/**
 * Double Record-Route (S5): each side of a call gets the SBC's address on its own side, so that in-dialog
 * requests (BYE, re-INVITE) come back where they can: the Elastic IP for carriers and customers, the
 * private address and core port for the core. The first string faces the next hop, the second the sender.
 */
function recordRouteRoute(input: SbcVoiceInput): string {
  const { addresses: a, ports: p } = input;
  const toCore = `${a.private}:${p.core}`;
  const toEdge = `${a.public}:${p.sip}`;
  return [
    "route[RECORD_ROUTE] {",
    "  $var(rr) = 0;",
    fenced(
      "core-socket",
      [
        '  if ($var(peer) == "core") {',
        `    record_route_preset("${toEdge};r2=on", "$Ri:$Rp;transport=$pr;r2=on");`,
        "  } else {",
        `    record_route_preset("${toCore};r2=on", "$RAi:$RAp;transport=$pr;r2=on");`,
        "  }",
        "  $var(rr) = 1;",
      ].join("\n"),
    ),
    "  # One Record-Route with the advertised address (the Elastic IP), for both sides.",
    "  if ($var(rr) == 0) { record_route(); }",
    "}",
  ].join("\n");
}

export function renderKamailioCfg(input: SbcVoiceInput): string {
  const { addresses: a, ports: p, paths } = input;
  const ms = (s: number) => Math.round(s * 1000);
  const sockets = (["udp", "tcp"] as const).map(
    (proto) => `listen=${proto}:${a.private}:${p.sip} advertise ${a.public}:${p.sip}`,
  );
  return `#!KAMAILIO
# SBC of site ${input.site} (${input.environment}), rendered by the CallMyWay program from the stack config.
# Do not edit on the host: the configuration association re-applies it.

####### Global parameters #########
debug=2
log_stderror=no
log_facility=LOG_LOCAL0
memdbg=5
memlog=5
children=8
tcp_children=4
auto_aliases=no
server_header="Server: CallMyWay SBC"
user_agent_header="User-Agent: CallMyWay SBC"
${sockets.join("\n")}
listen=tls:${a.private}:${p.tls} advertise ${a.public}:${p.tls}
${coreSockets(input)}
alias="${a.public}"
enable_tls=yes
tcp_connection_lifetime=3605
rundir="${paths.runDir}"
# The system resolver (and its caches): the core's load balancer name is resolved like any other host name.
use_dns_cache=no

####### Modules ########
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "ctl.so"
loadmodule "cfg_rpc.so"
loadmodule "ipops.so"
loadmodule "htable.so"
loadmodule "pike.so"
loadmodule "dialog.so"
loadmodule "dispatcher.so"
loadmodule "rtpengine.so"
loadmodule "rtimer.so"
loadmodule "topoh.so"
loadmodule "tls.so"

modparam("ctl", "binrpc", "unix:${paths.runDir}/kamailio_ctl")
${fenced(
  "setup-timeout",
  `# No reply from a carrier within the setup timeout: try the next one (fr_timer); ringing may last longer.
modparam("tm", "fr_timer", ${ms(input.setupTimeoutSeconds)})
modparam("tm", "fr_inv_timer", ${ms(input.ringTimeoutSeconds)})`,
)}
modparam("tm", "failure_reply_mode", 3)
modparam("rr", "enable_full_lr", 1)
modparam("rr", "append_fromtag", 1)

# Flood limits: a source sending more than this per second is ignored for the ban time.
modparam("pike", "sampling_time_unit", 1)
modparam("pike", "reqs_density_per_unit", ${input.flood.requestsPerSecond})
modparam("pike", "remove_latency", 4)
modparam("htable", "htable", "ipban=>size=10;autoexpire=${input.flood.banSeconds};")
# sbc=>draining is set by the drain script (kamcmd htable.seti sbc draining 1) and, for a slot that
# voice.drained lists, from the start (event_route[htable:mod-init], rendered below).
modparam("htable", "htable", "sbc=>size=2;")

modparam("dialog", "dlg_flag", 4)
modparam("dialog", "track_cseq_updates", 1)

# Carriers in preference order, the core behind one name; failover needs dispatcher flag 2.
modparam("dispatcher", "list_file", "${paths.configDir}/dispatcher.list")
modparam("dispatcher", "flags", 2)
modparam("dispatcher", "xavp_dst", "_dsdst_")
modparam("dispatcher", "xavp_ctx", "_dsctx_")
modparam("dispatcher", "ds_ping_method", "OPTIONS")
modparam("dispatcher", "ds_ping_from", "sip:probe@${a.public}")
${fenced(
  "probing",
  `modparam("dispatcher", "ds_ping_interval", ${input.probe.intervalSeconds})
modparam("dispatcher", "ds_probing_mode", 1)`,
)}
modparam("dispatcher", "ds_probing_threshold", ${input.probe.failuresToRemove})
modparam("dispatcher", "ds_inactive_threshold", ${input.probe.successesToRestore})
modparam("dispatcher", "ds_ping_reply_codes", "class=2;code=403;code=404;code=405;code=484")
# The core is a load balancer's name: resolved at start and refreshed, never an instance address.
modparam("dispatcher", "ds_dns_mode", 5)
modparam("dispatcher", "ds_dns_interval", 30)

modparam("rtpengine", "rtpengine_sock", "udp:127.0.0.1:${p.rtpengineControl}")
modparam("rtpengine", "mos_average_pv", "$avp(mos)")
modparam("rtpengine", "mos_average_jitter_pv", "$avp(mos_jitter)")
modparam("rtpengine", "mos_average_packetloss_pv", "$avp(mos_loss)")
modparam("rtpengine", "mos_average_roundtrip_pv", "$avp(mos_rtt)")

modparam("rtimer", "timer", "name=probes;interval=${input.probe.intervalSeconds};mode=1;")
modparam("rtimer", "exec", "timer=probes;route=PROBE_STATE")

# Topology hiding: Via, Record-Route and Contact of the other side are masked.
modparam("topoh", "mask_key", "callmyway-${input.environment}-${input.site}")
modparam("topoh", "mask_ip", "127.0.0.8")
modparam("topoh", "sanity_checks", 1)

modparam("tls", "config", "${paths.configDir}/tls.cfg")

####### Routing logic ########
request_route {
  route(REQINIT);
  route(CLASSIFY);
${fenced(
  "allowlist",
  `  if ($var(peer) == "") {
    xlog("L_WARN", "refused $rm from $si:$sp: not a carrier, customer or the core\\n");
    sl_send_reply("403", "Forbidden");
    exit;
  }`,
)}
  route(FLOOD);

  if (is_method("CANCEL")) {
    if (t_check_trans()) { route(RELAY); }
    exit;
  }
  if (has_totag()) {
    route(WITHINDLG);
    exit;
  }
  if (!is_method("ACK")) { t_check_trans(); }

  if (is_method("OPTIONS") && uri == myself && $rU == $null) {
${fenced("drain", `    if ($sht(sbc=>draining) == 1) { sl_send_reply("503", "Draining"); exit; }`)}
    sl_send_reply("200", "OK");
    exit;
  }
  if (!is_method("INVITE")) {
    if (!is_method("ACK")) { sl_send_reply("405", "Method Not Allowed"); }
    exit;
  }
${fenced(
  "drain",
  `  # Draining: no new calls (callers retry another SBC); in-dialog requests above still pass.
  if ($sht(sbc=>draining) == 1) {
    append_to_reply("Retry-After: 30\\r\\n");
    sl_send_reply("503", "Draining");
    exit;
  }`,
)}

  remove_hf("Route");
  dlg_manage();
  $dlg_var(customer) = "none";
  if ($var(peer) == "customer") { $dlg_var(customer) = $var(name); }
  if ($var(peer) == "core") {
    # The core names the customer of a call it sends out; it never reaches the carrier.
    if (is_present_hf("X-CallMyWay-Customer")) { $dlg_var(customer) = $hdr(X-CallMyWay-Customer); }
    remove_hf("X-CallMyWay-Customer");
  }
  if (has_body("application/sdp")) {
    rtpengine_offer("replace-origin replace-session-connection trust-address");
  }
  t_on_reply("MEDIA");
  route(RECORD_ROUTE);
  if ($var(peer) == "core") { route(TO_CARRIER); }
  route(TO_CORE);
}

route[REQINIT] {
  if (!mf_process_maxfwd_header("10")) {
    sl_send_reply("483", "Too Many Hops");
    exit;
  }
  if (!sanity_check("17895", "7")) {
    xlog("L_WARN", "malformed SIP from $si:$sp\\n");
    exit;
  }
}

# Carriers and the core send at their contracted rates; customers and anyone else are limited.
route[FLOOD] {
  if ($var(peer) == "core" || $var(peer) == "carrier") { return; }
  if ($sht(ipban=>$si) != $null) { exit; }
  if (!pike_check_req()) {
    xlog("L_ALERT", "flood from $si: ignored for ${input.flood.banSeconds} s\\n");
    $sht(ipban=>$si) = 1;
    exit;
  }
}

${classifyRoute(input)}

${recordRouteRoute(input)}

route[RELAY] {
  if (!t_relay()) { sl_reply_error(); }
  exit;
}

route[WITHINDLG] {
  if (loose_route()) {
    if (is_method("BYE")) {
      rtpengine_delete();
      route(QUALITY);
    } else if (is_method("INVITE|UPDATE") && has_body("application/sdp")) {
      rtpengine_offer("replace-origin replace-session-connection trust-address");
      t_on_reply("MEDIA");
    } else if (is_method("ACK") && has_body("application/sdp")) {
      rtpengine_answer("replace-origin replace-session-connection trust-address");
    }
    route(RELAY);
  }
  if (is_method("ACK")) {
    if (t_check_trans()) { route(RELAY); }
    exit;
  }
  sl_send_reply("404", "Not here");
  exit;
}

route[TO_CORE] {
  if (!ds_select_dst("${CORE_SET}", "4")) {
    send_reply("503", "Core unavailable");
    exit;
  }
${fenced("core-socket", `  force_send_socket(udp:${a.private}:${p.core});`)}
  t_on_failure("NEXT_CORE");
  route(RELAY);
}

${renderRouteTable(input)}

failure_route[NEXT_CORE] {
  if (t_is_canceled()) { exit; }
  if (t_check_status("^(408|5[0-9][0-9])$") && ds_next_dst()) {
    t_on_failure("NEXT_CORE");
    route(RELAY);
  }
}

failure_route[NEXT_CARRIER] {
  if (t_is_canceled()) { exit; }
  if (t_branch_timeout() && !t_branch_replied()) {
    xlog("L_WARN", "carrier $du sent no reply within the setup timeout\\n");
    ds_mark_dst("ip");
  }
${fenced(
  "failover",
  `  # 5xx and 408 (also a branch that timed out) mean "try elsewhere": the next carrier, same setup.
  if (t_check_status("^(408|5[0-9][0-9])$") && ds_next_dst()) {
    xlog("L_NOTICE", "setup failed with $T_reply_code: next carrier $du\\n");
    t_on_failure("NEXT_CARRIER");
    t_on_reply("MEDIA");
    route(RELAY);
  }`,
)}
}

onreply_route[MEDIA] {
  if (status =~ "^2[0-9][0-9]$" && is_present_hf("X-CallMyWay-Customer")) {
    $dlg_var(customer) = $hdr(X-CallMyWay-Customer);
    remove_hf("X-CallMyWay-Customer");
  }
  if (has_body("application/sdp")) {
    rtpengine_answer("replace-origin replace-session-connection trust-address");
  }
}

${probeStateRoute(input)}

${qualityRoute(input)}

${drainAtStart(input)}

event_route[dispatcher:dst-down] {
  xlog("L_ALERT", "probe: $ru stopped answering OPTIONS: out of rotation\\n");
}

event_route[dispatcher:dst-up] {
  xlog("L_NOTICE", "probe: $ru answers OPTIONS again: back in rotation\\n");
}
`;
}
