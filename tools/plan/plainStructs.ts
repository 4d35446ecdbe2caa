// Under mocks the runtime and its mock monitor share one process, yet every registration still goes
// through protobuf four times: the runtime builds a `google.protobuf.Struct` of the inputs
// (Struct.fromJavaScript, a Value object per property at every depth), the mock monitor turns it back
// into JavaScript (toJavaScript), builds another Struct of the mocks' answer, and the runtime turns that
// one back too. Nothing is sent over a wire. While a run lasts, a Struct made by fromJavaScript instead
// keeps the plain value, copied as protobuf would copy it: keys sorted at every depth (jspb.Map iterates
// its keys sorted), and the same error for a value a Struct cannot hold; toJavaScript hands back that
// copy (a fresh one on a second call); a caller that reads the fields builds them then. The plans are
// byte-identical (test/plan/runtimeInternals.test.ts compares a run with and without it, and fails
// when an upgrade stops the runtime from using these two functions).
import * as path from "path";

/** The one struct_pb module the runtime loads (resolved from @pulumi/pulumi, so never another copy). */
const STRUCT_PB = path.join(
  path.dirname(require.resolve("google-protobuf/package.json", { paths: [require.resolve("@pulumi/pulumi")] })),
  "google",
  "protobuf",
  "struct_pb.js",
);

interface JsStruct {
  getFieldsMap(): unknown;
  toJavaScript(): Record<string, unknown>;
}

interface StructClass {
  new (): JsStruct;
  fromJavaScript(value: Record<string, unknown>): JsStruct;
  prototype: JsStruct;
}

interface StructPb {
  readonly Struct: StructClass;
  readonly Value: { fromJavaScript(value: unknown): unknown };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const structPb = require(STRUCT_PB) as StructPb;
export const RUNTIME_STRUCT = structPb.Struct;

const PLAIN = Symbol("plain value");
const HANDED_OVER = Symbol("plain value handed over");

type Plain = Record<PropertyKey, unknown>;

/** A copy of a Struct's value as protobuf's toJavaScript would return it, or its error. */
function copyOf(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "object":
      if (Array.isArray(value)) return value.map(copyOf);
      return structCopy(value as Record<string, unknown>);
    default:
      // Value.fromJavaScript's words for undefined, functions, symbols and bigints.
      throw new Error("Unexpected struct type.");
  }
}

function structCopy(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  // for..in, as Struct.fromJavaScript reads the object, then sorted, as the Map returns its keys.
  const keys: string[] = [];
  for (const key in value) keys.push(key);
  for (const key of keys.sort()) copy[key] = copyOf(value[key]);
  return copy;
}

/** A plain Struct's toJavaScript: its value handed over, then a fresh copy on each later call. */
function plainToJavaScript(this: JsStruct & Plain): Record<string, unknown> {
  if (!(PLAIN in this)) return RUNTIME_TO_JAVASCRIPT.call(this);
  if (this[HANDED_OVER]) return structCopy(this[PLAIN] as Record<string, unknown>);
  this[HANDED_OVER] = true;
  return this[PLAIN] as Record<string, unknown>;
}

/** A plain Struct's getFieldsMap: the fields protobuf would have built from the value, built once, on first read. */
function plainFieldsMap(this: JsStruct & Plain): unknown {
  const fields = RUNTIME_FIELDS_MAP.call(this) as { set(key: string, value: unknown): void };
  if (PLAIN in this) {
    const plain = this[PLAIN] as Record<string, unknown>;
    delete this[PLAIN];
    for (const key of Object.keys(plain)) fields.set(key, structPb.Value.fromJavaScript(plain[key]));
  }
  return fields;
}

const RUNTIME_TO_JAVASCRIPT = RUNTIME_STRUCT.prototype.toJavaScript;
const RUNTIME_FIELDS_MAP = RUNTIME_STRUCT.prototype.getFieldsMap;

/**
 * Makes Struct.fromJavaScript return plain Structs until the returned function restores protobuf's.
 * A plain Struct carries its own two methods, so one made during a run still answers after it.
 */
export function usePlainStructs(): () => void {
  const { fromJavaScript } = RUNTIME_STRUCT;
  RUNTIME_STRUCT.fromJavaScript = (value) => {
    const struct = new RUNTIME_STRUCT() as JsStruct & Plain;
    struct[PLAIN] = structCopy(value);
    struct.toJavaScript = plainToJavaScript;
    struct.getFieldsMap = plainFieldsMap;
    return struct;
  };
  return () => {
    RUNTIME_STRUCT.fromJavaScript = fromJavaScript;
  };
}
