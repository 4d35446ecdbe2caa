/**
 * What the real API answers when it refuses a request: the mocks throw it from `newResource`. The
 * runtime rebuilds a failed RPC's error from gRPC's `details`, so the message is put there too.
 */
export function refuse(code: string, message: string): never {
  const text = `${code}: ${message}`;
  throw Object.assign(new Error(text), { details: text });
}
