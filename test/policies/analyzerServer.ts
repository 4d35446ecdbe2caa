// Runs the real policy pack (policies/index.ts, @pulumi/policy's analyzer server) in a child process and
// drives it over gRPC the way the Pulumi engine does, so tests can compare it with the offline engine.
import { ChildProcess, spawn } from "child_process";
import { type JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "path";
import * as grpc from "../../policies/node_modules/@grpc/grpc-js";
import * as pb from "../../policies/node_modules/@pulumi/pulumi/proto/analyzer_pb";
import * as services from "../../policies/node_modules/@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Json, PlanResource } from "../../tools/plan/capture";
import { PolicyViolation } from "../../tools/policy/engine";
import { PolicyConfigFile } from "../../tools/policy/policyConfig";

const ROOT = path.resolve(__dirname, "..", "..");
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;
const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/** Plan JSON -> the engine's wire values: unknowns as the sentinel, secrets as secret envelopes. */
function toWire(value: Json): Json {
  if (value === "[unknown]") return ENGINE_UNKNOWN;
  if (value === "[secret]") return { ...SECRET_SIG, value: "redacted-in-plan" };
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  return value;
}

// The root's google-protobuf is the pack's version (package.json pins it): its messages serialize alike.
const struct = (value: Json) => Struct.fromJavaScript(toWire(value) as { [key: string]: JavaScriptValue });

/** A generated client method: one request, one callback. */
type UnaryCall = (request: unknown, callback: (err: Error | null, response: unknown) => void) => void;

export class AnalyzerServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: grpc.Client & Record<string, UnaryCall>,
  ) {}

  static async start(): Promise<AnalyzerServer> {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register"), "policies/index.ts"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<string>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`policy pack exited ${code}`)));
      child.stdout!.once("data", (d) => resolve(String(d).trim()));
    });
    const Client = grpc.makeGenericClientConstructor(
      services.AnalyzerService as unknown as grpc.ServiceDefinition,
      "Analyzer",
    );
    return new AnalyzerServer(
      child,
      new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as grpc.Client & Record<string, UnaryCall>,
    );
  }

  /** Closes the client and waits until the pack's process has exited (a live child keeps the jest worker open). */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill();
    // Bounded: a pack that ignores SIGTERM is killed outright after 5 s.
    const force = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(force);
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](request, (err, resp) => (err ? reject(err) : resolve(resp as T))),
    );
  }

  async configure(config: PolicyConfigFile): Promise<void> {
    const request = new pb.ConfigureAnalyzerRequest();
    Object.entries(config).forEach(([name, entry]) => {
      const { enforcementLevel, ...values } = typeof entry === "string" ? { enforcementLevel: entry } : entry;
      const policyConfig = new pb.PolicyConfig();
      policyConfig.setEnforcementlevel(
        pb.EnforcementLevel[(enforcementLevel ?? "mandatory").toUpperCase() as keyof typeof pb.EnforcementLevel],
      );
      policyConfig.setProperties(struct(values as Json));
      request.getPolicyconfigMap().set(name, policyConfig);
    });
    await this.call("configure", request);
  }

  /** Analyze for every resource, then AnalyzeStack once: what `pulumi preview` asks of the pack. */
  async evaluate(resources: readonly PlanResource[]): Promise<PolicyViolation[]> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const options = (r: PlanResource) => {
      const o = new pb.AnalyzerResourceOptions();
      if (r.parent) o.setParent(r.parent);
      return o;
    };
    const provider = (r: PlanResource) => {
      const p = r.provider ? byUrn.get(r.provider) : undefined;
      if (!p) return undefined;
      return new pb.AnalyzerProviderResource()
        .setType(p.type)
        .setUrn(p.urn)
        .setName(p.name)
        .setProperties(struct(p.inputs));
    };
    const found: PolicyViolation[] = [];
    const collect = (response: pb.AnalyzeResponse, urn: string) =>
      response.getDiagnosticsList().forEach((d) =>
        found.push({
          policy: d.getPolicyname(),
          enforcementLevel: LEVELS[d.getEnforcementlevel()],
          urn: d.getUrn() || urn,
          message: d.getMessage().split("\n").slice(1).join("\n"),
        }),
      );
    for (const r of resources) {
      const request = new pb.AnalyzeRequest()
        .setType(r.type)
        .setUrn(r.urn)
        .setName(r.name)
        .setProperties(struct(r.inputs))
        .setOptions(options(r));
      const p = provider(r);
      if (p) request.setProvider(p);
      collect(await this.call<pb.AnalyzeResponse>("analyze", request), r.urn);
    }
    const stack = new pb.AnalyzeStackRequest().setResourcesList(
      resources.map((r) => {
        const m = new pb.AnalyzerResource()
          .setType(r.type)
          .setUrn(r.urn)
          .setName(r.name)
          .setProperties(struct(r.inputs))
          .setOptions(options(r))
          .setDependenciesList(r.dependencies);
        if (r.parent) m.setParent(r.parent);
        const p = provider(r);
        if (p) m.setProvider(p);
        Object.entries(r.propertyDependencies).forEach(([k, urns]) =>
          m.getPropertydependenciesMap().set(k, new pb.AnalyzerPropertyDependencies().setUrnsList(urns)),
        );
        return m;
      }),
    );
    collect(await this.call<pb.AnalyzeResponse>("analyzeStack", stack), "");
    return found;
  }
}
