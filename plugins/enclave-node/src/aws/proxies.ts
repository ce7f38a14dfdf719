type AsyncFn = (...args: unknown[]) => Promise<unknown>;

/**
 * Returns a view of `target` whose named async methods run through `wrap`
 * (a concurrency limit, a retry). A Proxy keeps the prototype, so instanceof
 * checks (the SDK paginators check `client instanceof WorkSpacesClient`) and
 * aws-sdk-client-mock stubs keep working; everything else is passed through.
 */
export function wrapMethods<T extends object>(
  target: T,
  methods: readonly string[],
  wrap: (call: () => Promise<unknown>) => Promise<unknown>,
): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value: unknown = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && methods.includes(prop)) {
        return (...args: unknown[]) =>
          wrap(() => (value as AsyncFn).apply(obj, args));
      }
      return (value as AsyncFn).bind(obj);
    },
  });
}
