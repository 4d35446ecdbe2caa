// Provider-computed outputs of the interconnect and admin VPN resources, shaped like AWS's.
import { MOCK_ACCOUNT_ID, documentationIp, hexFrom } from "./ids";
import { COMPUTED, ResourceContext, mockId } from "./resources";

type Inputs = Record<string, any>;

/** The XML AWS returns as a VPN connection's customer gateway configuration (abridged, same shape). */
function customerGatewayConfiguration(inputs: Inputs, ctx: ResourceContext): string {
  const tunnel = (n: 1 | 2) => {
    const inside = String(inputs[`tunnel${n}InsideCidr`] ?? "169.254.10.0/30")
      .split("/")[0]
      .split(".")
      .map(Number);
    const ip = (last: number) => [...inside.slice(0, 3), inside[3] + last].join(".");
    return [
      "<ipsec_tunnel>",
      `<customer_gateway><tunnel_inside_address><ip_address>${ip(2)}</ip_address><network_mask>255.255.255.252</network_mask></tunnel_inside_address></customer_gateway>`,
      `<vpn_gateway><tunnel_outside_address><ip_address>${documentationIp(`${ctx.name}/${n}`)}</ip_address></tunnel_outside_address>`,
      `<tunnel_inside_address><ip_address>${ip(1)}</ip_address></tunnel_inside_address></vpn_gateway>`,
      `<ike><authentication_protocol>sha2-256</authentication_protocol><pre_shared_key>${inputs[`tunnel${n}PresharedKey`] ?? ""}</pre_shared_key></ike>`,
      "</ipsec_tunnel>",
    ].join("");
  };
  return `<?xml version="1.0" encoding="UTF-8"?><vpn_connection id="${ctx.id}"><vpn_connection_type>ipsec.1</vpn_connection_type>${tunnel(1)}${tunnel(2)}</vpn_connection>`;
}

Object.assign(COMPUTED, {
  "aws:ec2transitgateway/transitGateway:TransitGateway": (_i: Inputs, { name }: ResourceContext) => {
    const table = `tgw-rtb-${hexFrom(`${name}/rtb`, 17)}`;
    return { associationDefaultRouteTableId: table, propagationDefaultRouteTableId: table, ownerId: MOCK_ACCOUNT_ID };
  },
  "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter": (inputs: Inputs) => ({
    peerAccountId: MOCK_ACCOUNT_ID,
    transitGatewayAttachmentId: inputs.transitGatewayAttachmentId,
  }),
  "aws:ec2/vpnConnection:VpnConnection": (inputs: Inputs, ctx: ResourceContext) => ({
    transitGatewayAttachmentId: mockId("aws:ec2transitgateway/vpcAttachment:VpcAttachment", `${ctx.name}/vpn`),
    customerGatewayConfiguration: customerGatewayConfiguration(inputs, ctx),
    tunnel1Address: documentationIp(`${ctx.name}/1`),
    tunnel2Address: documentationIp(`${ctx.name}/2`),
  }),
  "aws:ec2clientvpn/endpoint:Endpoint": (_i: Inputs, { id, region }: ResourceContext) => ({
    dnsName: `*.${id}.prod.clientvpn.${region}.amazonaws.com`,
  }),
  "aws:ec2clientvpn/networkAssociation:NetworkAssociation": (inputs: Inputs, { name }: ResourceContext) => ({
    associationId: `cvpn-assoc-${hexFrom(name, 17)}`,
    vpcId: mockId("aws:ec2/vpc:Vpc", String(inputs.subnetId)),
  }),
});
