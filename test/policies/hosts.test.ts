// Hosts and data at rest: IMDSv2, encryption, key rotation, validated images (S13).
import { ebsEncryptionRequired } from "../../policies/rules/ebsEncryptionRequired";
import { imagesOnlyFromValidatedList } from "../../policies/rules/imagesOnlyFromValidatedList";
import { imdsV2Required } from "../../policies/rules/imdsV2Required";
import { kmsKeyRotationRequired } from "../../policies/rules/kmsKeyRotationRequired";
import { rdsStorageEncrypted } from "../../policies/rules/rdsResilience";
import { failing, res, T, tags } from "./fixtures";

describe("imdsv2-required", () => {
  it("fails instances and launch templates that allow IMDSv1", async () => {
    const resources = [
      res(T.instance, "i-required", { metadataOptions: { httpTokens: "required" }, tags: tags("sbc") }),
      res(T.instance, "i-disabled", { metadataOptions: { httpEndpoint: "disabled" }, tags: tags("sbc") }),
      res(T.launchTemplate, "lt-required", { metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" } }),
      res(T.instance, "i-optional", { metadataOptions: { httpTokens: "optional" }, tags: tags("sbc") }),
      res(T.instance, "i-unset", { tags: tags("sbc") }),
      res(T.launchTemplate, "lt-optional", { metadataOptions: { httpTokens: "optional" } }),
      res(T.launchTemplate, "lt-unset", {}),
    ];
    expect(await failing(imdsV2Required, resources)).toEqual(["i-optional", "i-unset", "lt-optional", "lt-unset"]);
  });
});

describe("ebs-encryption-required", () => {
  it("fails unencrypted volumes, instance block devices and launch template mappings (string booleans)", async () => {
    const resources = [
      res(T.volume, "vol-ok", { encrypted: true, size: 10, availabilityZone: "us-east-1a" }),
      res(T.volume, "vol-plain", { size: 10, availabilityZone: "us-east-1a" }),
      res(T.instance, "i-ok", {
        rootBlockDevice: { encrypted: true },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }],
      }),
      res(T.instance, "i-root-plain", { rootBlockDevice: { volumeSize: 50 } }),
      res(T.instance, "i-extra-plain", {
        rootBlockDevice: { encrypted: true },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }],
      }),
      res(T.launchTemplate, "lt-ok", {
        blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { encrypted: "true", volumeSize: 50 } }],
      }),
      res(T.launchTemplate, "lt-false", {
        blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { encrypted: "false" } }],
      }),
      res(T.launchTemplate, "lt-no-mappings", {}),
    ];
    expect(await failing(ebsEncryptionRequired, resources)).toEqual([
      "i-extra-plain",
      "i-root-plain",
      "lt-false",
      "lt-no-mappings",
      "vol-plain",
    ]);
  });
});

describe("rds-storage-encrypted", () => {
  it("fails unencrypted primaries; a replica may rely on its KMS key", async () => {
    const resources = [
      res(T.rds, "db-ok", { storageEncrypted: true }),
      res(T.rds, "db-plain", { storageEncrypted: false }),
      res(T.rds, "db-unset", {}),
      res(T.rds, "replica-kms", {
        replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:core",
        kmsKeyId: "[unknown]",
      }),
      res(T.rds, "replica-plain", { replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:core" }),
    ];
    expect(await failing(rdsStorageEncrypted, resources)).toEqual(["db-plain", "db-unset", "replica-plain"]);
  });
});

describe("kms-key-rotation-required", () => {
  it("fails symmetric keys without rotation and skips asymmetric keys", async () => {
    const resources = [
      res(T.kms, "rotating", { enableKeyRotation: true }),
      res(T.kms, "not-rotating", { enableKeyRotation: false }),
      res(T.kms, "unset", { description: "x" }),
      res(T.kms, "signing", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
    ];
    expect(await failing(kmsKeyRotationRequired, resources)).toEqual(["not-rotating", "unset"]);
  });
});

describe("images-only-from-validated-rhel-list", () => {
  const config = {
    validatedImages: { "us-east-1": ["ami-0123456789abcdef0"], "eu-west-1": ["ami-0eeeeeeeeeeeeeee0"] },
  };
  const inRegion = (region: string) => ({ region });

  it("passes an id validated for the host's region, and ids unknown at preview", async () => {
    const resources = [
      // An instance names its image in `ami`, a launch template in `imageId`; the region is the resource's own or its provider's.
      res(T.instance, "i-validated", { ami: "ami-0123456789abcdef0", ...inRegion("us-east-1") }),
      res(T.launchTemplate, "lt-validated", { imageId: "ami-0eeeeeeeeeeeeeee0", ...inRegion("eu-west-1") }),
      res(T.launchTemplate, "lt-unknown", { imageId: "[unknown]", ...inRegion("us-east-1") }),
      res(T.instance, "i-from-template", { launchTemplate: { id: "[unknown]" }, ...inRegion("us-east-1") }),
    ];
    expect(await failing(imagesOnlyFromValidatedList, resources, config)).toEqual([]);
  });

  it("fails an id outside the list, an id validated only for another region, an unknown region, and trusts no tag", async () => {
    const declared = { "rhel-ami-name": "RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3" };
    const resources = [
      res(T.instance, "i-other", { ami: "ami-0fffffffffffffff0", ...inRegion("us-east-1") }),
      res(T.launchTemplate, "lt-wrong-region", { imageId: "ami-0eeeeeeeeeeeeeee0", ...inRegion("us-east-1") }),
      res(T.launchTemplate, "lt-no-region", { imageId: "ami-0123456789abcdef0" }),
      // An arbitrary id that keeps its validated-name tag: the tag is not evidence.
      res(T.launchTemplate, "lt-tagged", {
        imageId: "ami-0bbbbbbbbbbbbbbb0",
        tags: declared,
        ...inRegion("us-east-1"),
      }),
    ];
    expect(await failing(imagesOnlyFromValidatedList, resources, config)).toEqual([
      "i-other",
      "lt-no-region",
      "lt-tagged",
      "lt-wrong-region",
    ]);
  });
});
