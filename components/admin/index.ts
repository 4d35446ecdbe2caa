// Admin access (S9): the Client VPN for the named workstations, its PKI, what admins reach.
export { buildAdminAccess } from "./adminAccess";
export { AdminClientVpn } from "./clientVpn";
export type { ClientBundle } from "./clientVpn";
