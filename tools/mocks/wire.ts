// The engine's wire format, as the runtime serializes values (@pulumi/pulumi runtime/rpc): read by the
// plan capture and by the mocks' StackReference answers.
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SIG = {
  secret: "1b47061264138c4ac30d75fd1eb44270",
  resource: "5cf8f73096256a8f31e491e813e4eb8e",
  output: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
};
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
