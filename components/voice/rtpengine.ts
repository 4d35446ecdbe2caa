// rtpengine.conf: media anchored on the SBC's private address, advertised as its Elastic IP, on the
// configured RTP range; controlled by Kamailio over loopback only.
import { SbcVoiceInput } from "./input";

export function renderRtpengineConf(input: SbcVoiceInput): string {
  const { addresses: a, ports: p } = input;
  if (p.rtp.to - p.rtp.from < 1)
    throw new Error(`ports.rtp: ${p.rtp.from}-${p.rtp.to} holds no media stream (two ports each)`);
  return `[rtpengine]
# SBC media of site ${input.site} (${input.environment}), rendered by the CallMyWay program.
interface = ${a.private}!${a.public}
listen-ng = 127.0.0.1:${p.rtpengineControl}
port-min = ${p.rtp.from}
port-max = ${p.rtp.to}
# Userspace forwarding (no kernel module): the same on every host and in the tests.
table = -1
timeout = 60
silent-timeout = 3600
final-timeout = 10800
tos = 184
log-level = 6
log-facility = local1
`;
}
