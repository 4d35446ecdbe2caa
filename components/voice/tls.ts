// tls.cfg for SIP over TLS on the SBC's TLS port: TLS 1.2 or later; carriers' certificates verified.
import { SbcVoiceInput } from "./input";

export function renderTlsCfg(input: SbcVoiceInput): string {
  const { paths } = input;
  return `[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
certificate = ${paths.tlsCertificate}
private_key = ${paths.tlsPrivateKey}

[client:default]
method = TLSv1.2+
verify_certificate = yes
require_certificate = yes
ca_list = ${paths.tlsCaList}
`;
}
