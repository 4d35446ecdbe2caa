/**
 * Hosts are managed through SSM Session Manager and report to CloudWatch without crossing the
 * internet: one interface endpoint per service in each site's core subnets, reachable on 443 from
 * the VPC (the network builds them; the quota check counts them).
 */
export const INTERFACE_ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages", "logs", "monitoring"] as const;
