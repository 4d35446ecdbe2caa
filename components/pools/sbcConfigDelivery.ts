import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, tierTags } from "../tags";

/** Exact versions of the SBC software a set of slots runs. */
export interface SbcPackageSet {
  readonly kamailio: string;
  readonly rtpengine: string;
}

export interface SbcConfigDeliveryArgs {
  /** The site's Command document content (components/voice/delivery.ts: size-checked there). */
  readonly documentContent: string;
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
 * Delivers a site's SBC software without rebuilding hosts (S5, S15): an SSM Command document holds
 * the rendered files and the install script (a String parameter holds 4 KB, 8 KB advanced; the
 * rendered kamailio.cfg alone is larger), and one State Manager association per package set targets
 * exactly the slots that run it, by instance id. A config change is a new document version; the
 * associations name that version, so the update re-runs them at once; the schedule heals drift.
 */
export class SbcConfigDelivery extends pulumi.ComponentResource {
  readonly document: aws.ssm.Document;
  readonly associations: aws.ssm.Association[];

  constructor(name: string, args: SbcConfigDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:SbcConfigDelivery", name, {}, opts);
    if (args.slots.length === 0) throw new Error(`${name}: no SBC slots to deliver the configuration to`);
    const tags = tierTags(args.tags, "sbc", name);
    this.document = new aws.ssm.Document(
      name,
      { name, documentType: "Command", documentFormat: "JSON", content: args.documentContent, tags },
      { parent: this },
    );
    const sets = new Map<string, { packages: SbcPackageSet; slots: (typeof args.slots)[number][] }>();
    args.slots.forEach((s) => {
      const key = packageKey(s.packages);
      sets.set(key, { packages: s.packages, slots: [...(sets.get(key)?.slots ?? []), s] });
    });
    this.associations = [...sets.values()].map(({ packages, slots }, i) => {
      const associationName = `${name}-${i + 1}`;
      return new aws.ssm.Association(
        associationName,
        {
          name: this.document.name,
          associationName,
          documentVersion: this.document.latestVersion,
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
        { parent: this.document },
      );
    });
    this.registerOutputs({ documentName: this.document.name });
  }
}
