import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AwsSiteConfig } from "../../config";
import {
  PRIVATE_IP_PLACEHOLDER,
  PUBLIC_IP_PLACEHOLDER,
  SbcVoiceInput,
  renderKamailioCfg,
  sbcVoiceInput,
} from "../../components/voice";
import { stackConfig } from "../harness/config";
import { writeSbcFiles } from "./rig";

const STACKS = ["prod", "staging"] as const;

/** What the host's apply step does: its own addresses for the placeholders (here, loopback). */
const onHost = (input: SbcVoiceInput): SbcVoiceInput => ({
  ...input,
  addresses: { private: "127.0.0.1", public: "127.0.0.1" },
});

const kamailioCheck = (cfg: string) => spawnSync("kamailio", ["-c", "-f", cfg], { encoding: "utf8", timeout: 20000 });

describe.each(STACKS)("the %s stack's SBC configuration", (stack) => {
  const config = stackConfig(stack);
  const sites = config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");

  // The site's rendering, and a drained slot's (voice.drained: drain mode from start, its drain state metric).
  const cases = sites.flatMap((s) => [
    [s.name, undefined],
    [s.name, 2],
  ]) as [string, number | undefined][];
  it.each(cases)("site %s (drained slot %s) renders a kamailio.cfg that Kamailio accepts", (siteName, slot) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cmw-render-"));
    try {
      const site = sites.find((s) => s.name === siteName)!;
      const paths = {
        configDir: dir,
        runDir: dir,
        tlsCertificate: path.join(dir, "sbc.crt"),
        tlsPrivateKey: path.join(dir, "sbc.key"),
        tlsCaList: path.join(dir, "sbc.crt"),
      };
      const drained = { ...config, voice: { ...config.voice, drained: slot ? { [site.name]: [slot] } : {} } };
      const input = sbcVoiceInput(drained, site, `core-sip.${site.name}.internal`, paths, slot);
      expect(input.drained).toBe(slot !== undefined);
      const rendered = renderKamailioCfg(input);
      expect(rendered).toContain(PRIVATE_IP_PLACEHOLDER);
      expect(rendered).toContain(PUBLIC_IP_PLACEHOLDER);
      const result = kamailioCheck(writeSbcFiles(dir, onHost(input)));
      expect(`${result.stderr}${result.stdout}`).toContain("config file ok");
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pins the SBC versions this machine runs", () => {
    expect(execFileSync("kamailio", ["-v"], { encoding: "utf8" })).toContain(
      `version: kamailio ${config.voice.packages.kamailio} `,
    );
    const rtpengine = spawnSync("rtpengine", ["--version"], { encoding: "utf8", timeout: 10000 });
    expect(`${rtpengine.stdout}${rtpengine.stderr}`).toMatch(
      new RegExp(`Version: ${config.voice.packages.rtpengine.replace(/\./g, "\\.")}-`),
    );
  });
});

describe("kamailio -c", () => {
  it("rejects a broken configuration (so that the checks above mean something)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cmw-render-"));
    try {
      const file = path.join(dir, "kamailio.cfg");
      fs.writeFileSync(file, "#!KAMAILIO\nrequest_route {\n  no_such_function();\n}\n");
      expect(kamailioCheck(file).status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
