// Finding the unguarded language server. Pure: no VS Code API here, so it is unit-tested
// with node's test runner. The host (file system, child processes) is passed in.

import * as path from "node:path";

export const INSTALL_DOCS_URL = "https://github.com/unguarded/unguarded#install-and-run";

/** Where a server command came from, in the order they are tried. */
export type ServerSource = "unguarded.path" | "unguarded.interpreter" | "python-extension" | "PATH";

export interface ServerCommand {
  command: string;
  args: string[];
  source: ServerSource;
}

export interface DiscoveryInput {
  /** `unguarded.path` (user settings only: machine scoped and restricted). */
  pathSetting: string;
  /** `unguarded.interpreter` (user settings only: machine scoped and restricted). */
  interpreterSetting: string;
  /** The Python extension's active interpreter; undefined when unavailable. */
  pythonExtensionInterpreter?: string;
  /** Whether the workspace is trusted; an untrusted one never chooses the executable. */
  trusted: boolean;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homeDir: string;
}

export interface DiscoveryHost {
  /** True when the path names an existing file this process may execute. */
  isExecutable(file: string): Promise<boolean>;
  /** True when `python -c "import unguarded"` would succeed (without importing it). */
  hasUnguardedModule(python: string): Promise<boolean>;
}

export type DiscoveryResult =
  { ok: true; server: ServerCommand; log: string[] } | { ok: false; message: string; log: string[] };

export const SERVE_ARGS = ["serve"];
export const MODULE_SERVE_ARGS = ["-m", "unguarded", "serve"];

export async function discoverServer(input: DiscoveryInput, host: DiscoveryHost): Promise<DiscoveryResult> {
  const log: string[] = [];
  const fail = (message: string): DiscoveryResult => ({ ok: false, message, log });

  // 1. An explicit executable: the user asked for it, so never fall back silently.
  const pathSetting = input.pathSetting.trim();
  if (pathSetting) {
    const file = await resolveExecutable(pathSetting, input, host);
    if (!file) {
      return fail(
        `unguarded.path is set to "${pathSetting}", which is not an executable file. ` + "Fix or clear the setting.",
      );
    }
    log.push(`using unguarded.path: ${file}`);
    return { ok: true, server: { command: file, args: SERVE_ARGS, source: "unguarded.path" }, log };
  }

  // 2. An explicit interpreter.
  const interpreterSetting = input.interpreterSetting.trim();
  if (interpreterSetting) {
    const python = await resolveExecutable(interpreterSetting, input, host);
    if (!python) {
      return fail(
        `unguarded.interpreter is set to "${interpreterSetting}", which is not an executable ` +
          "file. Fix or clear the setting.",
      );
    }
    if (!(await host.hasUnguardedModule(python))) {
      return fail(
        `unguarded is not installed for the interpreter ${python} (unguarded.interpreter). ` +
          `Install it: "${python}" -m pip install unguarded`,
      );
    }
    log.push(`using unguarded.interpreter: ${python} -m unguarded serve`);
    return {
      ok: true,
      server: { command: python, args: MODULE_SERVE_ARGS, source: "unguarded.interpreter" },
      log,
    };
  }

  // 3. The Python extension's interpreter, in trusted workspaces only: a workspace can
  //    choose that interpreter, and an untrusted one must not choose what we execute.
  const selected = input.pythonExtensionInterpreter?.trim();
  if (selected && !input.trusted) {
    log.push(`ignoring the Python extension's interpreter ${selected}: the workspace is not trusted`);
  } else if (selected) {
    if (!path.isAbsolute(selected) || !(await host.isExecutable(selected))) {
      log.push(`the Python extension's interpreter ${selected} is not an executable file`);
    } else if (await host.hasUnguardedModule(selected)) {
      log.push(`using the Python extension's interpreter: ${selected} -m unguarded serve`);
      return {
        ok: true,
        server: { command: selected, args: MODULE_SERVE_ARGS, source: "python-extension" },
        log,
      };
    } else {
      log.push(`unguarded is not installed for the Python extension's interpreter ${selected}`);
    }
  } else {
    log.push("no interpreter from the Python extension");
  }

  // 4. `unguarded` on PATH.
  const onPath = await findOnPath("unguarded", input, host);
  if (onPath) {
    log.push(`using unguarded on PATH: ${onPath}`);
    return { ok: true, server: { command: onPath, args: SERVE_ARGS, source: "PATH" }, log };
  }
  log.push("no unguarded executable on PATH");

  const where = selected && input.trusted ? ` (${selected})` : "";
  return fail(
    "The unguarded language server was not found. Install it with " +
      `"pip install unguarded" into the Python environment selected in VS Code${where} ` +
      "or onto your PATH, or set unguarded.path to the unguarded executable.",
  );
}

/** `~` expansion, then an absolute path as is, a bare name on PATH; relative paths are refused. */
async function resolveExecutable(
  value: string,
  input: DiscoveryInput,
  host: DiscoveryHost,
): Promise<string | undefined> {
  const expanded = expandHome(value, input.homeDir);
  if (isAbsoluteFor(expanded, input.platform)) {
    return (await host.isExecutable(expanded)) ? expanded : undefined;
  }
  if (!expanded.includes("/") && !expanded.includes("\\")) {
    return findOnPath(expanded, input, host);
  }
  return undefined; // relative to what? refuse rather than guess
}

export function expandHome(value: string, homeDir: string): string {
  if (value === "~") {
    return homeDir;
  }
  if (value.startsWith("~/") || value.startsWith("~\\")) {
    return path.join(homeDir, value.slice(2));
  }
  return value;
}

function isAbsoluteFor(file: string, platform: NodeJS.Platform): boolean {
  return platform === "win32" ? path.win32.isAbsolute(file) : path.posix.isAbsolute(file);
}

/**
 * Look a command up on PATH as a shell would, with two differences: relative PATH entries
 * (such as `.`) are skipped, so the workspace folder is never searched, and on Windows each
 * PATHEXT extension is tried.
 */
export async function findOnPath(
  name: string,
  input: Pick<DiscoveryInput, "env" | "platform">,
  host: Pick<DiscoveryHost, "isExecutable">,
): Promise<string | undefined> {
  const windows = input.platform === "win32";
  const lib = windows ? path.win32 : path.posix;
  const pathValue = input.env.PATH ?? input.env.Path ?? "";
  const extensions = windows ? ["", ...(input.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)] : [""];
  for (const dir of pathValue.split(windows ? ";" : ":")) {
    if (!dir || !lib.isAbsolute(dir)) {
      continue;
    }
    for (const extension of extensions) {
      const candidate = lib.join(dir, name + extension);
      if (await host.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** A command line for logs and messages. */
export function describeCommand(server: ServerCommand): string {
  return [server.command, ...server.args].map((part) => (/\s/.test(part) ? `"${part}"` : part)).join(" ");
}
