// SIPp scenarios, written by the tests: a caller (UAC) and an answering party (UAS) that plays a
// carrier or the core. Keywords in [brackets] are SIPp's (https://sipp.sourceforge.net/doc/reference.html).

const sdp = (mediaPort = "[media_port]") => `v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio ${mediaPort} RTP/AVP 0
a=rtpmap:0 PCMU/8000
a=sendrecv`;

// SIPp refuses a variable set but read fewer than twice: every assigned variable is declared used.
const assigned = (body: string) => [
  ...new Set([...body.matchAll(/assign_to="([^"]+)"/g)].flatMap((m) => m[1].split(","))),
];
const wrap = (name: string, body: string) => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="${name}">
${body}
${assigned(body).length ? `<Reference variables="${assigned(body).join(",")}"/>` : ""}
</scenario>
`;

/** Writes the media port of the SDP just received to `file` (for the test's RTP sender). */
const recordMediaPort = (file: string) => `<action>
      <ereg regexp="m=audio ([0-9]+)" search_in="body" check_it="true" assign_to="whole,port"/>
      <exec command="echo [$port] > ${file}"/>
    </action>`;

export interface CallerOptions {
  /** The final response the call must get: 200 (then ACK, hold, BYE) or a refusal code. */
  readonly expect: number;
  /** How long an answered call lasts before the caller hangs up. */
  readonly holdMs?: number;
  /** The 200 must arrive within this time, else the call fails. */
  readonly answerWithinMs?: number;
  /** Extra header lines on the INVITE (e.g. the core naming the customer). */
  readonly headers?: readonly string[];
  /** Where to write rtpengine's media port from the answer. */
  readonly mediaPortFile?: string;
  /** The RTP port offered in the SDP (the test's own media socket), instead of SIPp's. */
  readonly mediaPort?: number;
  /** The far end hangs up: after the ACK, the caller waits for its BYE (within `holdMs` + 5 s) and answers it. */
  readonly farEndHangsUp?: boolean;
}

export function callerScenario(o: CallerOptions): string {
  const invite = `  <send retrans="500">
    <![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
${(o.headers ?? []).join("\n")}${o.headers?.length ? "\n" : ""}Content-Type: application/sdp
Content-Length: [len]

${sdp(o.mediaPort?.toString())}
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>`;
  if (o.expect !== 200) {
    return wrap(
      "refused",
      `${invite}
  <recv response="${o.expect}"/>
  <send>
    <![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-5]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0
    ]]>
  </send>`,
    );
  }
  const within = o.answerWithinMs ? ` timeout="${o.answerWithinMs}"` : "";
  const inDialog = (method: string, cseq: number) => `<![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
[routes]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0
    ]]>`;
  const answered = `${invite}
  <recv response="200" rrs="true"${within}>
    ${o.mediaPortFile ? recordMediaPort(o.mediaPortFile) : ""}
  </recv>
  <send>
    ${inDialog("ACK", 1)}
  </send>`;
  if (o.farEndHangsUp)
    return wrap(
      "hung-up",
      `${answered}
  <recv request="BYE" timeout="${(o.holdMs ?? 500) + 5000}"/>
  <send>${okToRequest}</send>`,
    );
  return wrap(
    "call",
    `${answered}
  <pause milliseconds="${o.holdMs ?? 500}"/>
  <send retrans="500">
    ${inDialog("BYE", 2)}
  </send>
  <recv response="200" crlf="true"/>`,
  );
}

const okToRequest = `
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0
    ]]>
  `;

export interface AnswerOptions {
  /** 200 to answer, a failure code to refuse, or "silent" to never reply. */
  readonly answer: 200 | number | "silent";
  /** Extra header lines on the 200 (e.g. the core naming the customer). */
  readonly headers?: readonly string[];
  readonly mediaPortFile?: string;
  readonly mediaPort?: number;
  /**
   * Hang up after this hold: send the BYE to the top entry of the INVITE's Record-Route (its route set,
   * RFC 3261 12.2.1.1), as a real core does, rather than back to where the INVITE came from.
   */
  readonly hangUpAfterMs?: number;
}

const reply = (status: string, withSdp: boolean, headers: readonly string[] = [], mediaPort?: number) => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
[last_Record-Route:]
Contact: <sip:party@[local_ip]:[local_port]>
${headers.join("\n")}${headers.length ? "\n" : ""}${withSdp ? `Content-Type: application/sdp\nContent-Length: [len]\n\n${sdp(mediaPort?.toString())}` : "Content-Length: 0"}
    ]]>`;

/** A carrier or the core: answers (or refuses, or ignores) one INVITE; -aa answers the SBC's OPTIONS probes. */
export function answerScenario(o: AnswerOptions): string {
  const recvInvite = `  <recv request="INVITE" crlf="true">
    ${o.mediaPortFile ? recordMediaPort(o.mediaPortFile) : ""}
  </recv>`;
  if (o.answer === "silent") return wrap("silent", `${recvInvite}\n  <pause milliseconds="60000"/>`);
  if (o.answer !== 200) {
    return wrap(
      "refuse",
      `${recvInvite}
  <send>${reply(`${o.answer} Refused`, false)}</send>
  <recv request="ACK"/>`,
    );
  }
  if (o.hangUpAfterMs !== undefined) return wrap("hang-up", hangUp(o, o.hangUpAfterMs));
  return wrap(
    "answer",
    `${recvInvite}
  <send>${reply("180 Ringing", false)}</send>
  <send retrans="500">${reply("200 OK", true, o.headers, o.mediaPort)}</send>
  <recv request="ACK" crlf="true"/>
  <recv request="BYE"/>
  <send>${okToRequest}</send>`,
  );
}

/** Answers, then sends the BYE along its route set: to the SBC address the top Record-Route names. */
function hangUp(o: AnswerOptions, afterMs: number): string {
  return `  <recv request="INVITE" crlf="true" rrs="true">
    <action>
      <ereg regexp="sip:([0-9.]+):([0-9]+)" search_in="hdr" header="Record-Route:" check_it="true" assign_to="whole,rrHost,rrPort"/>
      <ereg regexp=".*" search_in="hdr" header="From:" check_it="true" assign_to="caller"/>
    </action>
  </recv>
  <send retrans="500">${reply("200 OK", true, o.headers, o.mediaPort)}</send>
  <recv request="ACK" crlf="true"/>
  <pause milliseconds="${afterMs}"/>
  <nop>
    <action>
      <setdest host="[$rrHost]" port="[$rrPort]" protocol="udp"/>
    </action>
  </nop>
  <send retrans="500">
    <![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:party@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
To: [$caller]
[routes]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: <sip:party@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0
    ]]>
  </send>
  <recv response="200" timeout="5000"/>`;
}
