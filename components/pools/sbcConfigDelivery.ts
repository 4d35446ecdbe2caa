import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, tierTags } from "../tags";

/** Exact versions of the SBC software a set of slots runs. */
export interface SbcPackageSet {
  readonly kamailio: string;
  readonly rtpengine: string;
}

export interface SbcConfigDeliveryArgs {
  /**
   * The site's Command documents, one per distinct rendering (components/pools/sbcConfigDocument.ts;
   * size-checked in components/voice/delivery.ts), each with the slots that receive it.
   */
  readonly renderings: readonly { readonly suffix: string; readonly content: string; readonly slots: number[] }[];
  /** The drain command's document content; run on each slot of `drainedSlots`. */
  readonly drainDocumentContent: string;
  /** The slots voice.drained lists: the drain command runs on each once, when config drains it. */
  readonly drainedSlots: readonly number[];
  /** DNS name of the core's SIP balancer: a parameter of every run, so the document stays a function of config. */
  readonly coreHost: pulumi.Input<string>;
  /** Per SBC slot (1-based): its instance and the package set it runs (voice.packages or a rollout's). */
  readonly slots: readonly {
    readonly slot: number;
    readonly instanceId: pulumi.Input<string>;
    readonly packages: SbcPackageSet;
  }[];
  readonly tags: Tags;
}

/**
 * State Manager re-runs the associations at this rate, healing drift; the floor for an association's
 * rate expression is 30 minutes:
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/reference-cron-and-rate-expressions.html
 */
export const DRIFT_HEAL_SCHEDULE = "rate(30 minutes)";

const packageKey = (p: SbcPackageSet) => `kamailio-${p.kamailio}-rtpengine-${p.rtpengine}`;

/**
 * Delivers a site's SBC software without rebuilding hosts (S5, S15): an SSM Command document per distinct
 * rendering holds the rendered files, the drain script and the install script (a String parameter holds
 * 4 KB, 8 KB advanced; the rendered kamailio.cfg alone is larger), and one State Manager association per
 * rendering and package set targets exactly the slots that run it, by instance id. A config change is a
 * new document version; the associations name that version, so the update re-runs them at once; the
 * schedule heals drift. A drained slot gets its own rendering and a run of the drain command.
 */
export class SbcConfigDelivery extends pulumi.ComponentResource {
  /** One per rendering, the site's first: `name`, then `name-drained-<slot>` per drained slot. */
  readonly documents: aws.ssm.Document[];
  readonly associations: aws.ssm.Association[];
  readonly drainDocument: aws.ssm.Document;
  /** One per drained slot: runs the drain script on that SBC once, when config drains it. */
  readonly drainAssociations: aws.ssm.Association[];

  constructor(name: string, args: SbcConfigDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:SbcConfigDelivery", name, {}, opts);
    if (args.slots.length === 0) throw new Error(`${name}: no SBC slots to deliver the configuration to`);
    const tags = tierTags(args.tags, "sbc", name);
    const bySlot = new Map(args.slots.map((s) => [s.slot, s]));
    const document = (docName: string, content: string) =>
      new aws.ssm.Document(
        docName,
        { name: docName, documentType: "Command", documentFormat: "JSON", content, tags },
        { parent: this },
      );
    this.associations = [];
    this.documents = args.renderings.map((rendering) => {
      const docName = `${name}${rendering.suffix}`;
      const doc = document(docName, rendering.content);
      const sets = new Map<string, { packages: SbcPackageSet; slots: (typeof args.slots)[number][] }>();
      rendering.slots.forEach((n) => {
        const s = bySlot.get(n);
        if (!s) throw new Error(`${docName}: slot ${n} is not one of the site's SBCs`);
        const key = packageKey(s.packages);
        sets.set(key, { packages: s.packages, slots: [...(sets.get(key)?.slots ?? []), s] });
      });
      [...sets.values()].forEach(({ packages, slots }, i) => {
        const associationName = `${docName}-${i + 1}`;
        this.associations.push(
          new aws.ssm.Association(
            associationName,
            {
              name: doc.name,
              associationName,
              documentVersion: doc.latestVersion,
              targets: [{ key: "InstanceIds", values: slots.map((s) => s.instanceId) }],
              parameters: {
                kamailioVersion: packages.kamailio,
                rtpengineVersion: packages.rtpengine,
                coreHost: args.coreHost,
              },
              scheduleExpression: DRIFT_HEAL_SCHEDULE,
              // One SBC at a time, and stop at the first failure: a bad configuration never reaches a whole site.
              maxConcurrency: "1",
              maxErrors: "0",
              complianceSeverity: "HIGH",
              tags,
            },
            { parent: doc },
          ),
        );
      });
      return doc;
    });
    const covered = args.renderings.flatMap((r) => r.slots).sort((a, b) => a - b);
    const all = args.slots.map((s) => s.slot).sort((a, b) => a - b);
    if (covered.join(",") !== all.join(","))
      throw new Error(`${name}: the renderings cover slots ${covered.join(", ")}, the site has ${all.join(", ")}`);

    // Drain before replacement (S5): the drain command, and a run of it on each drained slot. Without a
    // schedule an association runs when it is created and when its targets change ("the system runs it
    // immediately after it is created and then according to the schedule you specified and when target
    // changes are detected", ApplyOnlyAtCronInterval in
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CreateAssociation.html): the
    // drain runs when config drains the slot (and on its replacement, which has no calls), not every 30 minutes.
    // The script is on the host already: every rendering delivers it.
    const drainName = `${name.replace(/-config$/, "")}-drain`;
    this.drainDocument = document(drainName, args.drainDocumentContent);
    this.drainAssociations = args.drainedSlots.map((slot) => {
      const s = bySlot.get(slot);
      if (!s) throw new Error(`${drainName}: drained slot ${slot} is not one of the site's SBCs`);
      const associationName = `${drainName}-${slot}`;
      return new aws.ssm.Association(
        associationName,
        {
          name: this.drainDocument.name,
          associationName,
          documentVersion: this.drainDocument.latestVersion,
          targets: [{ key: "InstanceIds", values: [s.instanceId] }],
          parameters: { slot: String(slot) },
          maxConcurrency: "1",
          maxErrors: "0",
          complianceSeverity: "HIGH",
          tags: { ...tags, "sbc-slot": String(slot) },
        },
        // After the configuration associations, so that the drained rendering is applied first in the same up.
        { parent: this.drainDocument, dependsOn: this.associations },
      );
    });
    this.registerOutputs({ documentNames: this.documents.map((d) => d.name) });
  }
}
