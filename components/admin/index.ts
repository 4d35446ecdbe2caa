// Admin access (S9): the Client VPN for the named workstations, its PKI, what admins reach.
export { buildAdminAccess } from "./adminAccess";
export { AdminClientVpn } from "./clientVpn";
export type { ClientBundle } from "./clientVpn";
export { AdminCertificates } from "./certificates";
export type { AdminPki, KeyPair } from "./certificates";
