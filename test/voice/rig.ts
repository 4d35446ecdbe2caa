// A running SBC on loopback: the rendered kamailio.cfg and rtpengine.conf in a temp dir, Kamailio and
// rtpengine started from them, and SIPp parties (caller, carriers, core) on their own addresses.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  SbcVoiceInput,
  VoiceFeature,
  renderDispatcherList,
  renderKamailioCfg,
  renderRtpengineConf,
  renderTlsCfg,
} from "../../components/voice";
import { ADDR, PORT, loopbackInput } from "./loopbackInput";
import { Processes, Started, readLog, waitFor } from "./processes";
import { AnswerOptions, CallerOptions, answerScenario, callerScenario } from "./scenarios";

const START_TIMEOUT_MS = 15000;

/** The rendered file with one feature's fenced lines removed: what the SBC would be without it. */
export function withoutFeature(cfg: string, feature: VoiceFeature): string {
  const fence = new RegExp(`# >>> feature: ${feature}\\n[\\s\\S]*?# <<< feature: ${feature}\\n?`, "g");
  const stripped = cfg.replace(fence, "");
  if (stripped === cfg) throw new Error(`the rendered config has no "${feature}" feature to remove`);
  return stripped;
}

/** Writes the SBC's rendered files (and a throwaway TLS certificate) into `dir`. */
export function writeSbcFiles(dir: string, input: SbcVoiceInput, without: VoiceFeature[] = []): string {
  let cfg = renderKamailioCfg(input);
  without.forEach((f) => (cfg = withoutFeature(cfg, f)));
  const cfgFile = path.join(dir, "kamailio.cfg");
  fs.writeFileSync(cfgFile, cfg);
  fs.writeFileSync(path.join(dir, "dispatcher.list"), renderDispatcherList(input));
  fs.writeFileSync(path.join(dir, "tls.cfg"), renderTlsCfg(input));
  fs.writeFileSync(path.join(dir, "rtpengine.conf"), renderRtpengineConf(input));
  if (!fs.existsSync(input.paths.tlsCertificate)) {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=sbc.test",
        "-keyout",
        input.paths.tlsPrivateKey,
        "-out",
        input.paths.tlsCertificate,
      ],
      { stdio: "ignore", timeout: 20000 },
    );
  }
  return cfgFile;
}

export class SbcRig {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "cmw-voice-"));
  readonly input: SbcVoiceInput;
  readonly processes = new Processes();
  private parties = 0;

  /** `overrides`: input fields that differ from the loopback SBC's (e.g. drained by config). */
  constructor(overrides: Partial<SbcVoiceInput> = {}) {
    this.input = { ...loopbackInput(this.dir), ...overrides };
  }

  kamailioLog = () => readLog(path.join(this.dir, "kamailio.log"));

  async start(without: VoiceFeature[] = []): Promise<void> {
    const cfg = writeSbcFiles(this.dir, this.input, without);
    const rtpLog = path.join(this.dir, "rtpengine.log");
    this.processes.start(
      "rtpengine",
      "rtpengine",
      [
        `--config-file=${path.join(this.dir, "rtpengine.conf")}`,
        "--config-section=rtpengine",
        "--foreground",
        "--log-stderr",
        `--pidfile=${path.join(this.dir, "rtpengine.pid")}`,
      ],
      rtpLog,
    );
    await waitFor("rtpengine to start", () => readLog(rtpLog).includes("Startup complete"), START_TIMEOUT_MS);
    const kamailio = this.processes.start(
      "kamailio",
      "kamailio",
      ["-f", cfg, "-DD", "-E", "-m", "64", "-M", "8", "-w", this.dir, "-Y", this.dir],
      path.join(this.dir, "kamailio.log"),
    );
    await waitFor(
      "Kamailio to start",
      () => {
        if (kamailio.child.exitCode !== null) throw new Error(`Kamailio exited:\n${this.kamailioLog().slice(-2000)}`);
        return this.kamailioLog().includes("VOICE_METRIC");
      },
      START_TIMEOUT_MS,
    );
  }

  /** A Kamailio RPC over its control socket (kamcmd). */
  rpc(...args: string[]): string {
    return execFileSync("kamcmd", ["-s", `unix:${this.dir}/kamailio_ctl`, ...args], {
      encoding: "utf8",
      timeout: 5000,
    });
  }

  /** The dispatcher's flags for a destination (AP: active and probed; IP: inactive, probed). */
  probeFlags(uri: string): string | undefined {
    const list = this.rpc("dispatcher.list");
    const at = list.indexOf(`URI: ${uri}\n`);
    return at < 0 ? undefined : /FLAGS: (\w+)/.exec(list.slice(at))?.[1];
  }

  /** Waits until the SBC's probes see `uri` in the wanted state; bounded by `timeoutMs`. */
  async waitProbe(uri: string, active: boolean, timeoutMs = 10000): Promise<void> {
    await waitFor(
      `${uri} to be ${active ? "in" : "out of"} rotation`,
      () => this.probeFlags(uri)?.startsWith(active ? "A" : "I") ?? false,
      timeoutMs,
    );
  }

  private scenarioFile(xml: string): string {
    const file = path.join(this.dir, `scenario-${++this.parties}.xml`);
    fs.writeFileSync(file, xml);
    return file;
  }

  /** A carrier or the core, answering on its own loopback address (OPTIONS probes answered by -aa). */
  party(name: string, address: string, port: number, o: AnswerOptions): Started {
    return this.processes.start(
      name,
      "sipp",
      [
        "-sf",
        this.scenarioFile(answerScenario(o)),
        "-i",
        address,
        "-p",
        String(port),
        "-aa",
        "-nostdin",
        "-mp",
        String(port + 1000),
        "-trace_msg",
        "-message_file",
        path.join(this.dir, `${name}.messages`),
      ],
      path.join(this.dir, `${name}.log`),
    );
  }

  /** Places one call from `address` to `number` through the SBC; resolves to SIPp's exit code (0: as expected). */
  call(name: string, address: string, number: string, o: CallerOptions, timeoutMs = 20000): Promise<number | null> {
    return this.processes.run(
      name,
      "sipp",
      [
        "-sf",
        this.scenarioFile(callerScenario(o)),
        "-i",
        address,
        "-p",
        String(PORT.caller + this.parties),
        "-m",
        "1",
        "-s",
        number,
        "-nostdin",
        "-timeout",
        `${Math.ceil(timeoutMs / 1000)}s`,
        "-timeout_error",
        "-trace_msg",
        "-message_file",
        path.join(this.dir, `${name}.messages`),
        `${ADDR.sbc}:${PORT.sip}`,
      ],
      path.join(this.dir, `${name}.log`),
      timeoutMs + 5000,
    );
  }

  messages = (name: string) => readLog(path.join(this.dir, `${name}.messages`));

  /** Stops every process the rig started; keeps the logs only when asked (CMW_VOICE_KEEP=1). */
  async stop(): Promise<void> {
    await this.processes.stopAll();
    if (process.env.CMW_VOICE_KEEP !== "1") fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
