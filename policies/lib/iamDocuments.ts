// IAM policy documents as policies see them: JSON text (known or not), statements normalised to lists,
// and AWS's action wildcards (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
import { asArray, asRecord } from "./values";

export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly principals: string[];
}

const list = (v: unknown): string[] =>
  typeof v === "string" ? [v] : asArray(v).filter((x): x is string => typeof x === "string");

/** Statements of a policy document given as JSON text or an object; undefined when it is not a document. */
export function statementsOf(document: unknown): Statement[] | undefined {
  let doc: unknown = document;
  if (typeof document === "string") {
    try {
      doc = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  const record = asRecord(doc);
  if (!("Statement" in record)) return undefined;
  const statements = Array.isArray(record.Statement) ? record.Statement : [record.Statement];
  return statements.map((s) => {
    const st = asRecord(s);
    const principal = st.Principal;
    const principals = principal === "*" ? ["*"] : Object.values(asRecord(principal)).flatMap(list);
    return {
      effect: String(st.Effect ?? ""),
      actions: list(st.Action),
      notActions: list(st.NotAction),
      resources: list(st.Resource),
      principals,
    };
  });
}

/** True when an action pattern (with * and ? wildcards, case-insensitive) matches the action. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return regex.test(action);
}
