/** A rule's config: the pack config's values over the rule's defaults (the CLI fills defaults too). */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
  return { ...defaults, ...args.getConfig<Partial<T>>() };
}
