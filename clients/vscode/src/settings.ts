// Which `unguarded.*` settings go to the server, and in what shape. Pure: no VS Code API.

export const SECTION = "unguarded";

/** Settings only the extension reads; the server would report them as unknown. */
export const CLIENT_ONLY_SETTINGS: readonly string[] = ["path", "interpreter", "trace.server"];

/** Settings whose change needs a new server process (they choose the executable). */
export const RESTART_SETTINGS: readonly string[] = ["path", "interpreter"];

/**
 * The server's setting names, from the extension's contributed configuration
 * (`contributes.configuration.properties` of package.json): every `unguarded.*` key that is
 * not client-only. package.json is checked against the server's settings model by
 * tests/test_vscode_settings.py, so this list follows the server.
 */
export function serverSettingNames(contributedProperties: Record<string, unknown>): string[] {
  const prefix = `${SECTION}.`;
  return Object.keys(contributedProperties)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .filter((name) => !CLIENT_ONLY_SETTINGS.includes(name));
}

/**
 * The payload for `initializationOptions` and `workspace/didChangeConfiguration`:
 * `{"unguarded": {...}}` with each server setting's effective value. `get` returns a
 * setting's value (VS Code fills in the default); undefined values are left out so the
 * server uses its own default.
 */
export function serverSettings(
  names: readonly string[],
  get: (name: string) => unknown,
): { unguarded: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const value = get(name);
    if (value !== undefined) {
      values[name] = value;
    }
  }
  return { unguarded: values };
}

export type ConfigurationChange = "none" | "restart" | "notify";

/** What a configuration change means for the running server. */
export function classifyChange(affects: (section: string) => boolean): ConfigurationChange {
  if (!affects(SECTION)) {
    return "none";
  }
  if (RESTART_SETTINGS.some((name) => affects(`${SECTION}.${name}`))) {
    return "restart";
  }
  return "notify";
}
