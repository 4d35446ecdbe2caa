export * from "./interconnect";
export * from "./transitGateway";
export * from "./peeringMesh";
export * from "./dataCentreVpn";
export * from "./presharedKey";
export * from "./tunnelAddressing";
export * from "./topology";
