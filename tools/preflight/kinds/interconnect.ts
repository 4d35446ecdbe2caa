// Site-to-site VPN, transit gateways and Client VPN: what their APIs accept.
import type { Json } from "../../plan/capture";
import { cidr, isCidr } from "./common";
import { atLeast, combination, count, eachValue, exactlyOne, length, oneOf, required } from "../rules";
import type { InputConstraint, KindConstraints } from "../types";
import { awsTags } from "./tags";

const API = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference";
const TUNNEL_OPTIONS = `${API}/API_VpnTunnelOptionsSpecification.html`;
const CLIENT_VPN = `${API}/API_CreateClientVpnEndpoint.html`;

// Inside CIDRs AWS reserves for itself (VpnTunnelOptionsSpecification.TunnelInsideCidr).
const RESERVED_INSIDE = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];

const insideCidr = (n: 1 | 2): InputConstraint =>
  eachValue(
    `tunnel${n}InsideCidr`,
    `tunnel${n}InsideCidr: a /30 in 169.254.0.0/16, not one AWS reserves`,
    TUNNEL_OPTIONS,
    (v) => typeof v === "string" && isCidr(v, 30, 30) && v.startsWith("169.254.") && !RESERVED_INSIDE.includes(v),
    {
      ok: { [`tunnel${n}InsideCidr`]: "169.254.218.16/30" },
      bad: { [`tunnel${n}InsideCidr`]: "169.254.169.252/30" },
    },
  );

const listOf = (path: string, allowed: readonly (string | number)[]): InputConstraint =>
  eachValue(
    `${path}[]`,
    `${path}: each one of ${allowed.join(", ")}`,
    TUNNEL_OPTIONS,
    (v) => allowed.map(String).includes(String(v)),
    {
      ok: { [path]: [allowed[0]] as Json[] },
      bad: { [path]: ["not-documented"] },
    },
  );

const tunnel = (n: 1 | 2): InputConstraint[] => [
  insideCidr(n),
  atLeast(`tunnel${n}DpdTimeoutSeconds`, 30, TUNNEL_OPTIONS),
  oneOf(`tunnel${n}DpdTimeoutAction`, ["clear", "none", "restart"], TUNNEL_OPTIONS),
  oneOf(`tunnel${n}StartupAction`, ["add", "start"], TUNNEL_OPTIONS),
  listOf(`tunnel${n}IkeVersions`, ["ikev1", "ikev2"]),
  listOf(`tunnel${n}Phase1DhGroupNumbers`, [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]),
  listOf(`tunnel${n}Phase2DhGroupNumbers`, [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]),
  listOf(`tunnel${n}Phase1EncryptionAlgorithms`, ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"]),
  listOf(`tunnel${n}Phase2EncryptionAlgorithms`, ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"]),
  listOf(`tunnel${n}Phase1IntegrityAlgorithms`, ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"]),
  listOf(`tunnel${n}Phase2IntegrityAlgorithms`, ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"]),
  eachValue(
    `tunnel${n}PresharedKey`,
    `tunnel${n}PresharedKey: 8 to 64 of A-Za-z0-9._, not starting with 0`,
    TUNNEL_OPTIONS,
    (v) => typeof v !== "string" || /^(?!0)[A-Za-z0-9._]{8,64}$/.test(v),
    {
      ok: { [`tunnel${n}PresharedKey`]: "Kabcdefgh123" },
      bad: { [`tunnel${n}PresharedKey`]: "0abcdefgh123" },
    },
  ),
];

export const INTERCONNECT_KINDS: KindConstraints = {
  "aws:ec2/vpnConnection:VpnConnection": [
    oneOf("type", ["ipsec.1"], `${API}/API_CreateVpnConnection.html`),
    exactlyOne(["transitGatewayId", "vpnGatewayId"], `${API}/API_CreateVpnConnection.html`),
    required(["customerGatewayId"], `${API}/API_CreateVpnConnection.html`),
    combination(
      "tunnel2InsideCidr",
      "the two tunnels use different inside CIDRs",
      TUNNEL_OPTIONS,
      (i) => !i.tunnel1InsideCidr || i.tunnel1InsideCidr !== i.tunnel2InsideCidr,
      {
        ok: { tunnel1InsideCidr: "169.254.10.0/30", tunnel2InsideCidr: "169.254.10.4/30" },
        bad: { tunnel1InsideCidr: "169.254.10.0/30", tunnel2InsideCidr: "169.254.10.0/30" },
      },
    ),
    ...tunnel(1),
    ...tunnel(2),
    awsTags(),
  ],
  "aws:ec2transitgateway/transitGateway:TransitGateway": [
    eachValue(
      "amazonSideAsn",
      "amazonSideAsn: 64512-65534 or 4200000000-4294967294",
      `${API}/API_TransitGatewayRequestOptions.html`,
      (v) => {
        const asn = Number(v);
        return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
      },
      { ok: { amazonSideAsn: 64601 }, bad: { amazonSideAsn: 65535 } },
    ),
    length("description", 0, 255, `${API}/API_CreateTransitGateway.html`),
    ...[
      "autoAcceptSharedAttachments",
      "defaultRouteTableAssociation",
      "defaultRouteTablePropagation",
      "dnsSupport",
      "vpnEcmpSupport",
    ].map((p) => oneOf(p, ["enable", "disable"], `${API}/API_TransitGatewayRequestOptions.html`)),
    awsTags(),
  ],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": [
    required(["transitGatewayId", "vpcId", "subnetIds"], `${API}/API_CreateTransitGatewayVpcAttachment.html`),
    count("subnetIds", 1, 32, `${API}/API_CreateTransitGatewayVpcAttachment.html`),
    oneOf("dnsSupport", ["enable", "disable"], `${API}/API_CreateTransitGatewayVpcAttachmentRequestOptions.html`),
    awsTags(),
  ],
  "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": [
    required(
      ["transitGatewayId", "peerTransitGatewayId", "peerRegion"],
      `${API}/API_CreateTransitGatewayPeeringAttachment.html`,
    ),
    awsTags(),
  ],
  "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter": [
    required(["transitGatewayAttachmentId"], `${API}/API_AcceptTransitGatewayPeeringAttachment.html`),
    awsTags(),
  ],
  "aws:ec2transitgateway/route:Route": [
    cidr("destinationCidrBlock", `${API}/API_CreateTransitGatewayRoute.html`),
    required(["destinationCidrBlock", "transitGatewayRouteTableId"], `${API}/API_CreateTransitGatewayRoute.html`),
    combination(
      "transitGatewayAttachmentId",
      "an attachment, or blackhole, not both",
      `${API}/API_CreateTransitGatewayRoute.html`,
      (i) =>
        (i.blackhole === true) !==
        (i.transitGatewayAttachmentId !== undefined && i.transitGatewayAttachmentId !== null),
      {
        ok: { transitGatewayAttachmentId: "tgw-attach-1" },
        bad: { transitGatewayAttachmentId: "tgw-attach-1", blackhole: true },
      },
    ),
  ],
  "aws:ec2clientvpn/endpoint:Endpoint": [
    cidr("clientCidrBlock", CLIENT_VPN, 12, 22),
    oneOf("transportProtocol", ["tcp", "udp"], CLIENT_VPN),
    oneOf("vpnPort", [443, 1194], CLIENT_VPN),
    oneOf("sessionTimeoutHours", [8, 10, 12, 24], CLIENT_VPN),
    oneOf(
      "authenticationOptions[].type",
      ["certificate-authentication", "directory-service-authentication", "federated-authentication"],
      `${API}/API_ClientVpnAuthenticationRequest.html`,
    ),
    length("clientLoginBannerOptions.bannerText", 0, 1400, `${API}/API_ClientLoginBannerOptions.html`),
    required(["clientCidrBlock", "serverCertificateArn", "authenticationOptions", "connectionLogOptions"], CLIENT_VPN),
    awsTags(),
  ],
  "aws:ec2clientvpn/networkAssociation:NetworkAssociation": [
    required(["clientVpnEndpointId", "subnetId"], `${API}/API_AssociateClientVpnTargetNetwork.html`),
  ],
  "aws:ec2clientvpn/authorizationRule:AuthorizationRule": [
    exactlyOne(["accessGroupId", "authorizeAllGroups"], `${API}/API_AuthorizeClientVpnIngress.html`),
    cidr("targetNetworkCidr", `${API}/API_AuthorizeClientVpnIngress.html`),
    required(["clientVpnEndpointId", "targetNetworkCidr"], `${API}/API_AuthorizeClientVpnIngress.html`),
  ],
  "aws:ec2clientvpn/route:Route": [
    cidr("destinationCidrBlock", `${API}/API_CreateClientVpnRoute.html`),
    required(
      ["clientVpnEndpointId", "destinationCidrBlock", "targetVpcSubnetId"],
      `${API}/API_CreateClientVpnRoute.html`,
    ),
  ],
};
