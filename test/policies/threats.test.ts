// One rule per threat of docs/ARCHITECTURE.md's threat model: the compliant case, then every way to break it.
import { backupIsolatedVaultsDenyDeletion } from "../../policies/rules/backupIsolatedVaultsDenyDeletion";
import { backupSelectionsCoverStatefulResources } from "../../policies/rules/backupSelectionsCoverStatefulResources";
import { hostRolesLeastPrivilege } from "../../policies/rules/hostRolesLeastPrivilege";
import { privateTiersSecondLine } from "../../policies/rules/privateTiersSecondLine";
import {
  clientVpnCertificateAuthAndLogged,
  databaseTlsRequiredAndLogged,
  listenersTlsOnly,
  vpnTunnelsStrongAndLogged,
} from "../../policies/rules/secureLinks";
import { serversWithdrawableOnFailure } from "../../policies/rules/serversWithdrawableOnFailure";
import { PlanResource } from "../../tools/plan/capture";
import { failing, res, T, tags } from "./fixtures";
import { site } from "./siteFixture";

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("host-roles-least-privilege", () => {
  const hostRole = res(ROLE, "core-host", {
    assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
    tags: tags("core"),
  });
  const backupRole = res(ROLE, "backup-role", {
    assumeRolePolicy: doc({
      Effect: "Allow",
      Principal: { Service: "backup.amazonaws.com" },
      Action: "sts:AssumeRole",
    }),
  });
  const profileRole = res(ROLE, "profile-role", { assumeRolePolicy: "[unknown]" });
  const profile = res("aws:iam/instanceProfile:InstanceProfile", "profile", {}, { role: profileRole });
  const attach = (name: string, role: PlanResource, policyArn: string) =>
    res(ATTACHMENT, name, { policyArn }, { role });
  const inline = (name: string, role: PlanResource, ...statements: object[]) =>
    res("aws:iam/rolePolicy:RolePolicy", name, { policy: doc(...statements) }, { role });

  it("passes Session Manager and the CloudWatch agent on hosts, and anything on roles hosts cannot assume", async () => {
    const resources = [
      hostRole,
      backupRole,
      profileRole,
      profile,
      attach("ssm", hostRole, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"),
      attach("cw", profileRole, "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"),
      attach("backup-service", backupRole, "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"),
      inline(
        "read-config",
        hostRole,
        { Effect: "Allow", Action: ["ssm:GetParameter"], Resource: "*" },
        { Effect: "Deny", Action: "*", Resource: "*" },
      ),
      res("aws:iam/rolePolicy:RolePolicy", "unknown-doc", { policy: "[unknown]" }, { role: hostRole }),
    ];
    expect(await failing(hostRolesLeastPrivilege, resources)).toEqual([]);
  });

  it("fails administrator rights, wildcards, NotAction and every destructive action, however a host role gets them", async () => {
    const customer = res("aws:iam/policy:Policy", "custom", {
      policy: doc({ Effect: "Allow", Action: "backup:Delete*", Resource: "*" }),
    });
    const resources = [
      hostRole,
      profileRole,
      profile,
      customer,
      attach("admin", hostRole, "arn:aws:iam::aws:policy/AdministratorAccess"),
      attach("power", profileRole, "arn:aws:iam::aws:policy/PowerUserAccess"),
      res(ATTACHMENT, "custom-attach", { policyArn: "[unknown]" }, { role: hostRole, policyArn: customer }),
      inline("star", hostRole, { Effect: "Allow", Action: "*", Resource: "*" }),
      inline("all-of-kms", hostRole, { Effect: "Allow", Action: ["kms:*"], Resource: "*" }),
      inline("not-action", hostRole, { Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      inline("lifecycle", hostRole, {
        Effect: "Allow",
        Action: ["backup:UpdateRecoveryPointLifecycle", "ec2:DescribeInstances"],
        Resource: "*",
      }),
      inline("schedule-key-deletion", profileRole, { Effect: "Allow", Action: "kms:Schedule*", Resource: "*" }),
      res(ROLE, "inline-on-role", {
        assumeRolePolicy: doc({
          Effect: "Allow",
          Principal: { Service: ["ec2.amazonaws.com"] },
          Action: "sts:AssumeRole",
        }),
        managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"],
        inlinePolicies: [
          { name: "snapshots", policy: doc({ Effect: "Allow", Action: "ec2:DeleteSnapshot", Resource: "*" }) },
        ],
      }),
    ];
    expect(await failing(hostRolesLeastPrivilege, resources)).toEqual([
      "admin",
      "all-of-kms",
      "custom-attach",
      "inline-on-role",
      "inline-on-role",
      "lifecycle",
      "not-action",
      "power",
      "schedule-key-deletion",
      "star",
    ]);
  });
});

describe("backup-selections-cover-stateful-resources", () => {
  const plan = (name: string) => res(T.backupPlan, name, { region: "us-east-1", rules: [] });
  const selection = (
    name: string,
    p: PlanResource,
    inputs: Record<string, any>,
    deps: Record<string, PlanResource> = {},
  ) => res("aws:backup/selection:Selection", name, { region: "us-east-1", ...inputs }, { planId: p, ...deps });
  const byTag = { selectionTags: [{ key: "backup", type: "STRINGEQUALS", value: "true" }] };
  const stateful = (s = site()) => {
    s.db.inputs.region = "us-east-1";
    s.templates.core.inputs.region = "us-east-1";
    return s;
  };

  it("passes plans that select by tag or by reference, covering the database and the core volumes", async () => {
    const s = stateful();
    const volume = res(T.volume, "journal", { region: "us-east-1", tags: tags("core") });
    const p = plan("plan");
    const resources = [
      ...s.all,
      volume,
      p,
      selection("tagged", p, byTag),
      selection("listed", p, { resources: ["[unknown]"] }, { resources: volume }),
    ];
    const replica = res(
      T.rds,
      "replica",
      { region: "eu-west-1", replicateSourceDb: "[unknown]", tags: tags("data") },
      { replicateSourceDb: s.db },
    );
    expect(await failing(backupSelectionsCoverStatefulResources, [...resources, replica])).toEqual([]);
  });

  it("fails a plan that selects nothing, and every stateful resource left out: no tag, another region, no selection at all", async () => {
    const s = stateful();
    s.db.inputs.tags = tags("data"); // the backup tag dropped
    s.templates.core.inputs.region = "eu-west-1"; // no selection there
    const orphan = res(T.volume, "orphan", { region: "us-east-1", tags: tags("core") });
    const p = plan("plan");
    const empty = plan("empty-plan");
    const resources = [
      ...s.all,
      orphan,
      p,
      empty,
      selection("tagged", p, byTag),
      selection("nothing", empty, { selectionTags: [], resources: [] }),
    ];
    expect(await failing(backupSelectionsCoverStatefulResources, resources)).toEqual([
      "empty-plan",
      "orphan",
      "use1-core-lt",
      "use1-db",
    ]);
  });

  it("fails every plan once every selection is removed", async () => {
    const s = stateful();
    expect(await failing(backupSelectionsCoverStatefulResources, [...s.all, plan("plan")])).toEqual([
      "plan",
      "use1-core-lt",
      "use1-db",
    ]);
  });

  it("takes the stateful host tiers from config", async () => {
    const s = stateful();
    const p = plan("plan");
    expect(
      await failing(
        backupSelectionsCoverStatefulResources,
        [...s.all, p, selection("db-only", p, { resources: ["[unknown]"] }, { resources: s.db })],
        { statefulHostTiers: [] },
      ),
    ).toEqual([]);
  });
});

describe("backup-isolated-vaults-deny-deletion", () => {
  const provider = (name: string, region: string, assumeRoles?: string) =>
    res(T.awsProvider, name, { region, ...(assumeRoles ? { assumeRoles } : {}) }, {}, { custom: true });
  const home = provider("home", "us-east-1");
  const vaultIn = (name: string, p: PlanResource) => ({
    ...res(T.vault, name, { tags: tags("data") }),
    provider: p.urn,
  });
  const siteVault = vaultIn("site-vault", home);
  const planCopyingTo = (isolated: PlanResource) => ({
    ...res(T.backupPlan, "plan", { rules: [] }, { rules: [siteVault, isolated] }),
    provider: home.urn,
  });
  const denyAll = doc(
    {
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
      Resource: "*",
    },
    {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Action: "backup:CopyIntoBackupVault",
      Resource: "*",
    },
  );
  const policyOf = (name: string, v: PlanResource, policy: string) =>
    res("aws:backup/vaultPolicy:VaultPolicy", name, { policy }, { backupVaultName: v });
  const isolatedSetup = (assumeRoles?: string) => {
    const away = provider("away", "eu-central-1", assumeRoles);
    const isolated = vaultIn("isolated", away);
    return { away, isolated, resources: [home, away, siteVault, isolated, planCopyingTo(isolated)] };
  };

  it("passes an isolated vault whose policy denies deletion to everyone (known, or unknown at preview), in the isolated account", async () => {
    const roles = JSON.stringify([{ roleArn: "arn:aws:iam::210987654321:role/backup", sessionName: "s" }]);
    const a = isolatedSetup(roles);
    expect(
      await failing(backupIsolatedVaultsDenyDeletion, [...a.resources, policyOf("deny", a.isolated, denyAll)], {
        isolatedAccountId: "210987654321",
      }),
    ).toEqual([]);
    const b = isolatedSetup();
    expect(
      await failing(backupIsolatedVaultsDenyDeletion, [...b.resources, policyOf("computed", b.isolated, "[unknown]")]),
    ).toEqual([]);
    const wildcard = doc({
      Effect: "Deny",
      Principal: "*",
      Action: "backup:*",
      Resource: "arn:aws:backup:eu-central-1:210987654321:recovery-point:*",
    });
    expect(
      await failing(backupIsolatedVaultsDenyDeletion, [...b.resources, policyOf("wildcard", b.isolated, wildcard)]),
    ).toEqual([]);
  });

  it("fails a removed policy, a deny that misses an action, the vault's own ARN as the only Resource, a deny for some principals, and the wrong account", async () => {
    const a = isolatedSetup();
    expect(await failing(backupIsolatedVaultsDenyDeletion, a.resources)).toEqual(["isolated"]);
    const vaultArnOnly = doc({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
      Resource: "arn:aws:backup:eu-central-1:1:backup-vault:isolated",
    });
    const oneAction = doc({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "backup:DeleteRecoveryPoint",
      Resource: "*",
    });
    const somePrincipals = doc({
      Effect: "Deny",
      Principal: { AWS: "arn:aws:iam::1:role/x" },
      Action: "backup:*",
      Resource: "*",
    });
    const broken = [
      policyOf("vault-arn-only", a.isolated, vaultArnOnly),
      policyOf("one-action", a.isolated, oneAction),
      policyOf("some-principals", a.isolated, somePrincipals),
    ];
    expect(await failing(backupIsolatedVaultsDenyDeletion, [...a.resources, ...broken])).toEqual([
      "one-action",
      "some-principals",
      "vault-arn-only",
    ]);
    const wrong = isolatedSetup(JSON.stringify([{ roleArn: "arn:aws:iam::999999999999:role/backup" }]));
    expect(
      await failing(backupIsolatedVaultsDenyDeletion, [...wrong.resources, policyOf("deny", wrong.isolated, denyAll)], {
        isolatedAccountId: "210987654321",
      }),
    ).toEqual(["isolated"]);
  });
});

describe("servers-withdrawable-on-failure", () => {
  const alarm = (name: string, instance: PlanResource, inputs: Record<string, any> = {}) =>
    res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      name,
      {
        metricName: "StatusCheckFailed_System",
        alarmActions: ["arn:aws:automate:us-east-1:ec2:recover", "[unknown]"],
        dimensions: { InstanceId: "[unknown]" },
        ...inputs,
      },
      { dimensions: instance },
    );
  const targetGroup = (name: string, healthCheck: Record<string, any>) =>
    res("aws:lb/targetGroup:TargetGroup", name, { port: 80, protocol: "HTTP", healthCheck });
  const setup = () => {
    const s = site();
    const tg = targetGroup("web-tg", { path: "/healthz", protocol: "HTTP", matcher: "200-399" });
    s.pools.web.inputs.healthCheckType = "ELB";
    s.pools.web.propertyDependencies.targetGroupArns = [tg.urn];
    const monitor = res("cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", "monitor", {
      type: "https",
      path: "/healthz",
    });
    const pool = res("cloudflare:index/loadBalancerPool:LoadBalancerPool", "pool", {}, { monitor });
    return { s, tg, monitor, pool, all: [...s.all, tg, monitor, pool, alarm("recover", s.sbc)] };
  };

  it("passes HTTP health on a path, ELB health checks behind the ALB, monitored pools and a recover alarm per SBC", async () => {
    expect(await failing(serversWithdrawableOnFailure, setup().all)).toEqual([]);
  });

  it("fails a bare TCP check, disabled checks, EC2-only replacement, a TCP monitor, an unmonitored pool and an SBC nobody recovers", async () => {
    const { s, monitor, pool } = setup();
    s.pools.web.inputs.healthCheckType = "EC2";
    monitor.inputs.type = "tcp";
    const unmonitored = res("cloudflare:index/loadBalancerPool:LoadBalancerPool", "unmonitored", {});
    const secondSbc = res(
      T.instance,
      "use1-sbc-2",
      { ami: "ami-0123456789abcdef0", tags: tags("sbc") },
      { subnetId: s.edge },
    );
    const resources = [
      ...s.all,
      monitor,
      pool,
      unmonitored,
      secondSbc,
      targetGroup("tcp-check", { protocol: "TCP" }),
      targetGroup("no-path", { protocol: "HTTP" }),
      targetGroup("off", { enabled: false, path: "/" }),
      alarm("reboots-instead", s.sbc, { alarmActions: ["arn:aws:automate:us-east-1:ec2:reboot"] }),
      alarm("wrong-metric", secondSbc, { metricName: "CPUUtilization" }),
    ];
    s.pools.web.propertyDependencies.targetGroupArns = [resources.find((r) => r.name === "tcp-check")!.urn];
    expect(await failing(serversWithdrawableOnFailure, resources)).toEqual([
      "monitor",
      "no-path",
      "off",
      "tcp-check",
      "unmonitored",
      "use1-sbc-1",
      "use1-sbc-2",
      "use1-web-asg",
    ]);
  });
});

describe("private-tiers-behind-acls-and-egress-limits", () => {
  const egress = (name: string, group: PlanResource, cidr: string, protocol = "tcp", port = 443) =>
    res(
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      name,
      { cidrIpv4: cidr, ipProtocol: protocol, fromPort: port, toPort: port },
      { securityGroupId: group },
    );

  it("passes core and data behind their ACLs, core reaching AWS APIs on 443, data reaching only private ranges", async () => {
    const s = site();
    const resources = [
      ...s.all,
      egress("core-https", s.groups.core, "0.0.0.0/0"),
      egress("db-to-sites", s.groups.db, "10.0.0.0/8", "-1"),
      egress("web-all", s.groups.web, "0.0.0.0/0", "-1"),
    ];
    expect(await failing(privateTiersSecondLine, resources)).toEqual([]);
  });

  it("fails a subnet left on the default ACL, public sources in the data ACL, all-port internet egress from core and any from data", async () => {
    const s = site();
    s.acls.core.propertyDependencies.subnetIds = [];
    const resources = [
      ...s.all,
      s.aclRule(s.acls.data, 120, "0.0.0.0/0", "allow", { protocol: "6", fromPort: 1024, toPort: 65535 }),
      s.aclRule(s.acls.data, 130, "203.0.113.0/24", "deny"),
      egress("core-everything", s.groups.core, "0.0.0.0/0", "-1"),
      egress("db-https", s.groups.db, "0.0.0.0/0"),
      res(
        T.sgRule,
        "db-legacy",
        { type: "egress", cidrBlocks: ["10.0.0.0/8", "8.8.8.8/32"], protocol: "udp", fromPort: 53, toPort: 53 },
        { securityGroupId: s.groups.db },
      ),
    ];
    expect(await failing(privateTiersSecondLine, resources)).toEqual([
      "core-everything",
      "db-https",
      "db-legacy",
      "use1-core",
      "use1-data-acl-120",
    ]);
  });
});

describe("private-tiers-behind-acls-and-egress-limits through prefix lists", () => {
  const list = (name: string, cidrs: string[]) =>
    res("aws:ec2/managedPrefixList:ManagedPrefixList", name, {
      name,
      addressFamily: "IPv4",
      maxEntries: cidrs.length,
      entries: cidrs.map((cidr) => ({ cidr, description: name })),
    });
  const toList = (name: string, group: PlanResource, to: PlanResource | string, protocol = "tcp", port = 5060) =>
    res(
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      name,
      { ipProtocol: protocol, fromPort: port, toPort: port, ...(typeof to === "string" ? { prefixListId: to } : {}) },
      { securityGroupId: group, ...(typeof to === "string" ? {} : { prefixListId: to }) },
    );

  it("passes core sending every port to a list of private peer cores, data to a private list", async () => {
    const s = site();
    const peers = list("peer-cores", ["10.20.128.0/18", "10.30.128.0/18"]);
    const resources = [
      ...s.all,
      peers,
      toList("core-to-peers", s.groups.core, peers, "-1"),
      toList("db-to-peers", s.groups.db, peers, "tcp", 5432),
    ];
    expect(await failing(privateTiersSecondLine, resources)).toEqual([]);
  });

  it("fails a public block on a list: all-port core egress, any data egress; and a list the stack does not declare", async () => {
    const s = site();
    const leaky = list("peer-cores", ["10.20.128.0/18", "0.0.0.0/0"]);
    const resources = [
      ...s.all,
      leaky,
      toList("core-everything", s.groups.core, leaky, "-1"),
      toList("db-to-leaky", s.groups.db, leaky, "tcp", 5432),
      toList("db-to-foreign", s.groups.db, "pl-0123456789abcdef0", "tcp", 5432),
      res(
        T.sgRule,
        "db-legacy-list",
        { type: "egress", protocol: "tcp", fromPort: 5432, toPort: 5432, prefixListIds: ["pl-0123456789abcdef0"] },
        { securityGroupId: s.groups.db },
      ),
    ];
    expect(await failing(privateTiersSecondLine, resources)).toEqual([
      "core-everything",
      "db-legacy-list",
      "db-to-foreign",
      "db-to-leaky",
    ]);
  });
});

describe("secure links", () => {
  const tunnel = (n: number) => ({
    [`tunnel${n}IkeVersions`]: ["ikev2"],
    [`tunnel${n}Phase1EncryptionAlgorithms`]: ["AES256-GCM-16"],
    [`tunnel${n}Phase2EncryptionAlgorithms`]: ["AES256"],
    [`tunnel${n}Phase1IntegrityAlgorithms`]: ["SHA2-384"],
    [`tunnel${n}Phase2IntegrityAlgorithms`]: ["SHA2-256"],
    [`tunnel${n}Phase1DhGroupNumbers`]: [20],
    [`tunnel${n}Phase2DhGroupNumbers`]: [19, 21],
    [`tunnel${n}LogOptions`]: { cloudwatchLogOptions: { logEnabled: true, logGroupArn: "[unknown]" } },
  });
  const vpn = (name: string, inputs: Record<string, any> = {}) =>
    res(T.vpn, name, { type: "ipsec.1", ...tunnel(1), ...tunnel(2), ...inputs });

  it("vpn: passes pinned IKEv2, AES-256, SHA-2, EC groups and logs; fails IKEv1, AWS defaults, weak choices and silence", async () => {
    expect(
      await failing(vpnTunnelsStrongAndLogged, [
        vpn("strong"),
        vpn("unknown-logs", { tunnel2LogOptions: "[unknown]" }),
      ]),
    ).toEqual([]);
    const broken = [
      vpn("ikev1", { tunnel1IkeVersions: ["ikev1", "ikev2"] }),
      vpn("defaults", { tunnel2Phase1EncryptionAlgorithms: undefined }),
      vpn("aes128", { tunnel1Phase2EncryptionAlgorithms: ["AES128"] }),
      vpn("sha1", { tunnel2Phase1IntegrityAlgorithms: ["SHA1"] }),
      vpn("group2", { tunnel1Phase1DhGroupNumbers: [2] }),
      vpn("silent", { tunnel1LogOptions: { cloudwatchLogOptions: { logEnabled: false } } }),
    ];
    expect(await failing(vpnTunnelsStrongAndLogged, broken)).toEqual([
      "aes128",
      "defaults",
      "group2",
      "ikev1",
      "sha1",
      "silent",
    ]);
  });

  const endpoint = (name: string, inputs: Record<string, any> = {}) =>
    res("aws:ec2clientvpn/endpoint:Endpoint", name, {
      authenticationOptions: [{ type: "certificate-authentication" }],
      connectionLogOptions: { enabled: true },
      sessionTimeoutHours: 8,
      ...inputs,
    });

  it("client VPN: passes certificates or federation with connection logs; fails passwords alone, no logs, long sessions", async () => {
    expect(
      await failing(clientVpnCertificateAuthAndLogged, [
        endpoint("cert"),
        endpoint("saml", { authenticationOptions: [{ type: "federated-authentication" }] }),
      ]),
    ).toEqual([]);
    const broken = [
      endpoint("directory", { authenticationOptions: [{ type: "directory-service-authentication" }] }),
      endpoint("unlogged", { connectionLogOptions: { enabled: false } }),
      endpoint("day-and-a-half", { sessionTimeoutHours: 36 }),
    ];
    expect(await failing(clientVpnCertificateAuthAndLogged, broken)).toEqual([
      "day-and-a-half",
      "directory",
      "unlogged",
    ]);
  });

  it("database: passes forced TLS and exported logs; fails clear text, no logs, the default parameter group", async () => {
    const group = (name: string, parameters: Record<string, string>[]) =>
      res("aws:rds/parameterGroup:ParameterGroup", name, { family: "postgres16", parameters });
    const forced = group("forced", [{ name: "rds.force_ssl", value: "1" }]);
    const db = (
      name: string,
      inputs: Record<string, any>,
      deps: Record<string, PlanResource> = { parameterGroupName: forced },
    ) => res(T.rds, name, { enabledCloudwatchLogsExports: ["postgresql"], ...inputs }, deps);
    expect(
      await failing(databaseTlsRequiredAndLogged, [
        forced,
        group("mysql", [{ name: "require_secure_transport", value: "ON" }]),
        db("db", {}),
      ]),
    ).toEqual([]);
    const broken = [
      group("optional", [{ name: "rds.force_ssl", value: "0" }]),
      db("no-logs", { enabledCloudwatchLogsExports: [] }),
      db("default-group", {}, {}),
    ];
    expect(await failing(databaseTlsRequiredAndLogged, broken)).toEqual(["default-group", "no-logs", "optional"]);
  });

  it("listeners: pass TLS 1.2+ and HTTP that redirects; fail old or default policies and HTTP that serves", async () => {
    const listener = (name: string, inputs: Record<string, any>) => res("aws:lb/listener:Listener", name, inputs);
    const ok = [
      listener("https", { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }),
      listener("redirect", {
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443" } }],
      }),
      listener("udp", { protocol: "UDP" }),
    ];
    expect(await failing(listenersTlsOnly, ok)).toEqual([]);
    const broken = [
      listener("tls10", { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" }),
      listener("default-policy", { protocol: "TLS" }),
      listener("serves-http", { protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "[unknown]" }] }),
    ];
    expect(await failing(listenersTlsOnly, broken)).toEqual(["default-policy", "serves-http", "tls10"]);
  });
});
