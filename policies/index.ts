// The CallMyWay policy pack. Only this file constructs the PolicyPack (which starts the analyzer's gRPC
// server); tests and the offline plan import ./rules instead.
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL } from "./lib/rule";
import { RULES } from "./rules";

new PolicyPack("callmyway-network", {
  description:
    "CallMyWay network guardrails: core and data never exposed, allowlisted edges, encryption, resilience, isolated backups.",
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies: [...RULES],
});
