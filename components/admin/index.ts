export * from "./certificates";
export * from "./clientVpn";
export * from "./adminAccess";
