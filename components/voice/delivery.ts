// The SSM Command document that installs the pinned SBC packages and writes a site's rendered files
// on its SBCs: pure, so that tests check its size and content without Pulumi.
import { renderDispatcherList } from "./dispatcher";
import { HOST_DRAIN_SCRIPT, hostDrainScript } from "./drain";
import { CORE_HOST_PLACEHOLDER, PRIVATE_IP_PLACEHOLDER, PUBLIC_IP_PLACEHOLDER, SbcVoiceInput } from "./input";
import { renderKamailioCfg } from "./kamailio";
import { renderRtpengineConf } from "./rtpengine";
import { renderTlsCfg } from "./tls";

/**
 * The most a Command document may hold, parameters given at run time included ("The content of the
 * document must not exceed 64KB"; MaxDocumentSizeExceeded):
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CreateDocument.html
 */
export const SSM_DOCUMENT_MAX_BYTES = 64 * 1024;
export const SSM_DOCUMENT_SOURCE =
  "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CreateDocument.html";

/** The longest each parameter may be at run time, counted against the limit: versions, and a DNS name (RFC 1035). */
const VERSION_PARAMETER_MAX = 23;
const HOST_PARAMETER_MAX = 253;
const VERSION_PATTERN = "^\\d+(\\.\\d+){1,3}$";
const HOST_PATTERN = "^[a-zA-Z0-9.-]{1,253}$";

export interface RenderedFile {
  readonly path: string;
  readonly mode: string;
  readonly content: string;
  /** A change restarts the SBC's services (default true); the drain script's does not. */
  readonly restarts?: boolean;
}

/**
 * The files one rendering of a site's SBCs runs (drained or not), with host addresses still placeholders,
 * and the drain script beside them (run by the drain association, or by hand: `callmyway-drain <slot>`).
 */
export function sbcFiles(
  input: SbcVoiceInput,
  drainLimitMinutes: number,
  rtpengineConf = "/etc/rtpengine/rtpengine.conf",
): RenderedFile[] {
  const dir = input.paths.configDir;
  return [
    { path: `${dir}/kamailio.cfg`, mode: "0640", content: renderKamailioCfg(input) },
    { path: `${dir}/dispatcher.list`, mode: "0640", content: renderDispatcherList(input) },
    { path: `${dir}/tls.cfg`, mode: "0640", content: renderTlsCfg(input) },
    { path: rtpengineConf, mode: "0644", content: renderRtpengineConf(input) },
    {
      path: HOST_DRAIN_SCRIPT,
      mode: "0755",
      content: hostDrainScript(input.paths, input.site, drainLimitMinutes),
      restarts: false,
    },
  ];
}

const HEREDOC_END = "CALLMYWAY_RENDERED_FILE_END";

/** A quoted heredoc writes the file byte for byte (no expansion); the file must not hold its end marker. */
function writeFile(file: RenderedFile): string[] {
  if (file.content.split("\n").includes(HEREDOC_END))
    throw new Error(`${file.path}: holds the line ${HEREDOC_END}, which would end its heredoc early`);
  // SSM substitutes {{ name }} in a Command document's content with its parameters.
  if (file.content.includes("{{"))
    throw new Error(`${file.path}: holds "{{", which SSM would read as a document parameter`);
  return [
    `install -d -m 0755 "$(dirname ${file.path})"`,
    `cat > "${file.path}.new" <<'${HEREDOC_END}'`,
    ...file.content.replace(/\n$/, "").split("\n"),
    HEREDOC_END,
    `sed -i "s/${PRIVATE_IP_PLACEHOLDER}/$PRIVATE_IP/g; s/${PUBLIC_IP_PLACEHOLDER}/$PUBLIC_IP/g; s/${CORE_HOST_PLACEHOLDER}/$CORE_HOST/g" "${file.path}.new"`,
    `chmod ${file.mode} "${file.path}.new"`,
    `if cmp -s "${file.path}.new" "${file.path}"; then rm -f "${file.path}.new"; else mv -f "${file.path}.new" "${file.path}";${file.restarts === false ? "" : " CHANGED=1;"} fi`,
  ];
}

/**
 * The script of one run: exact package versions (the association's parameters, per slot), the
 * files with this host's addresses from IMDSv2, the configuration checked before it is used, and
 * the services restarted only when something changed (a drift-healing run on an unchanged host
 * drops no call).
 */
export function deliveryScript(
  files: readonly RenderedFile[],
  kamailioCfg: string,
  drained = false,
  runDir = "/run/kamailio",
): string[] {
  return [
    "set -euo pipefail",
    'TOKEN=$(curl -sf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)',
    'imds() { curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }',
    "PRIVATE_IP=$(imds local-ipv4)",
    // The Elastic IP once associated; the boot address before (the first run, replaced within minutes).
    "PUBLIC_IP=$(imds public-ipv4)",
    "CHANGED=0",
    "KAMAILIO_VERSION='{{ kamailioVersion }}'",
    "RTPENGINE_VERSION='{{ rtpengineVersion }}'",
    "CORE_HOST='{{ coreHost }}'",
    'want="kamailio-$KAMAILIO_VERSION kamailio-tls-$KAMAILIO_VERSION rtpengine-$RTPENGINE_VERSION"',
    'have=$(rpm -q kamailio kamailio-tls rtpengine --qf "%{NAME}-%{VERSION} " 2>/dev/null || true)',
    'if [ "$(echo $have)" != "$want" ]; then dnf install -y --allowerasing $want; CHANGED=1; fi',
    ...files.flatMap(writeFile),
    `kamailio -c -f ${kamailioCfg}`,
    ...(drained ? drainedRestart(runDir) : [RESTART_WHEN_CHANGED]),
  ];
}

const RESTART_WHEN_CHANGED =
  'if [ "$CHANGED" = 1 ] || ! systemctl is-active --quiet kamailio; then systemctl enable rtpengine kamailio; systemctl restart rtpengine kamailio; fi';

/**
 * A drained slot's SBC is never restarted while it runs: a restart drops the calls the drain waits for.
 * Drain mode goes on at once through the control socket; the drained files take effect at the next start
 * (a reboot, or the replacement, which boots with them).
 */
function drainedRestart(runDir: string): string[] {
  return [
    "if systemctl is-active --quiet kamailio; then",
    `  kamcmd -s unix:${runDir}/kamailio_ctl htable.seti sbc draining 1`,
    '  if [ "$CHANGED" = 1 ]; then echo "drained slot: drain mode on; the changed files apply at the next start"; fi',
    "else",
    "  systemctl enable rtpengine kamailio; systemctl restart rtpengine kamailio",
    "fi",
  ];
}

/**
 * The Command document (schema 2.2, JSON) of one rendering of a site's SBCs (the site's, or a drained
 * slot's); throws, naming the site, when it exceeds SSM's limit.
 */
export function sbcDeliveryDocument(input: SbcVoiceInput, drainLimitMinutes: number): string {
  const files = sbcFiles(input, drainLimitMinutes);
  const which = input.drained ? `drained slot ${input.slot}` : "undrained slots";
  const content = JSON.stringify(
    {
      schemaVersion: "2.2",
      description: `SBC software of site ${input.site} (${input.environment}), ${which}: pinned packages and rendered configuration`,
      parameters: {
        kamailioVersion: { type: "String", description: "Exact Kamailio version", allowedPattern: VERSION_PATTERN },
        rtpengineVersion: { type: "String", description: "Exact rtpengine version", allowedPattern: VERSION_PATTERN },
        coreHost: { type: "String", description: "DNS name of the core's SIP balancer", allowedPattern: HOST_PATTERN },
      },
      mainSteps: [
        {
          action: "aws:runShellScript",
          name: "installSbcSoftware",
          inputs: {
            timeoutSeconds: "600",
            runCommand: deliveryScript(files, files[0].path, input.drained, input.paths.runDir),
          },
        },
      ],
    },
    null,
    1,
  );
  const bytes = Buffer.byteLength(content) + 2 * VERSION_PARAMETER_MAX + HOST_PARAMETER_MAX;
  if (bytes > SSM_DOCUMENT_MAX_BYTES)
    throw new Error(
      `site ${input.site}: the SBC configuration document (${which}) is ${bytes} bytes with its parameters, more than an SSM ` +
        `document holds (${SSM_DOCUMENT_MAX_BYTES} bytes, ${SSM_DOCUMENT_SOURCE}): fewer carriers, customers or routes per site`,
    );
  return content;
}

/** How long the drain command may run beyond the drain limit (SSM's own start-up, the script's last poll). */
const DRAIN_COMMAND_MARGIN_SECONDS = 300;

/**
 * The Command document that drains one SBC (S5): runs the delivered drain script with the slot as the
 * metric's Slot dimension; its exit status (0 drained, 3 limit reached, 2 error) is the command's, which
 * Run Command and State Manager record per instance. The step outlives the drain limit by a margin.
 */
export function sbcDrainDocument(site: string, environment: string, drainLimitMinutes: number): string {
  return JSON.stringify(
    {
      schemaVersion: "2.2",
      description: `Drain an SBC of site ${site} (${environment}) before its replacement: no new calls, wait for the calls in progress`,
      parameters: {
        slot: { type: "String", description: "The SBC slot (1-based)", allowedPattern: "^[0-9]{1,2}$" },
      },
      mainSteps: [
        {
          action: "aws:runShellScript",
          name: "drainSbc",
          inputs: {
            timeoutSeconds: String(drainLimitMinutes * 60 + DRAIN_COMMAND_MARGIN_SECONDS),
            runCommand: [`${HOST_DRAIN_SCRIPT} '{{ slot }}'`],
          },
        },
      ],
    },
    null,
    1,
  );
}
