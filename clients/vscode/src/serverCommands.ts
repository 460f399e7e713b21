// The commands the server advertises (workspace/executeCommand), statically in its
// capabilities or by dynamic registration. It replaces vscode-languageclient's own
// ExecuteCommandFeature, which registers a VS Code command for every server command: for
// `unguarded.scanWorkspace` that would collide with the extension's own command, which must
// exist (and say "not available yet") even when the server does not offer it. This feature
// registers VS Code commands for the other server commands (code actions run them, such as
// `unguarded.openDocs`), skips the extension's own, and remembers all of them. The VS Code
// API comes in through `CommandHost`, so this module runs under node's test runner.

import { randomUUID } from "node:crypto";

import type { DynamicFeature, FeatureState, RegistrationData } from "vscode-languageclient";
import {
  type ClientCapabilities,
  ExecuteCommandRequest,
  type ExecuteCommandRegistrationOptions,
  type ServerCapabilities,
} from "vscode-languageserver-protocol";

/** The server command behind the `unguarded.scanWorkspace` VS Code command. */
export const SCAN_WORKSPACE = "unguarded.scanWorkspace";
/** The server command behind `unguarded.scanFile`: both engines on one file, now. */
export const SCAN_FILE = "unguarded.scanFile";

export interface Disposable {
  dispose(): unknown;
}

export interface CommandHost {
  /** Command ids the extension registers itself: not registered again for the server. */
  reserved: readonly string[];
  /** vscode.commands.registerCommand */
  registerCommand(command: string, callback: (...args: unknown[]) => unknown): Disposable;
  /** Send workspace/executeCommand to the server. */
  execute(command: string, args: unknown[]): Promise<unknown>;
}

interface Registration {
  commands: readonly string[];
  disposables: Disposable[];
}

export class ServerCommandsFeature implements DynamicFeature<ExecuteCommandRegistrationOptions> {
  private readonly registrations = new Map<string, Registration>();

  constructor(private readonly host: CommandHost) {}

  get registrationType(): typeof ExecuteCommandRequest.type {
    return ExecuteCommandRequest.type;
  }

  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.workspace ??= {};
    capabilities.workspace.executeCommand = { dynamicRegistration: true };
  }

  initialize(capabilities: ServerCapabilities): void {
    if (capabilities.executeCommandProvider) {
      this.register({ id: randomUUID(), registerOptions: capabilities.executeCommandProvider });
    }
  }

  getState(): FeatureState {
    return {
      kind: "workspace",
      id: this.registrationType.method,
      registrations: this.registrations.size > 0,
    };
  }

  register(data: RegistrationData<ExecuteCommandRegistrationOptions>): void {
    const commands = [...data.registerOptions.commands];
    const disposables = commands
      .filter((command) => !this.host.reserved.includes(command))
      .map((command) => this.host.registerCommand(command, (...args: unknown[]) => this.host.execute(command, args)));
    this.registrations.set(data.id, { commands, disposables });
  }

  unregister(id: string): void {
    this.registrations.get(id)?.disposables.forEach((disposable) => disposable.dispose());
    this.registrations.delete(id);
  }

  clear(): void {
    for (const id of [...this.registrations.keys()]) {
      this.unregister(id);
    }
  }

  /** Whether the server currently offers `command`. */
  has(command: string): boolean {
    return this.commands().includes(command);
  }

  /** Every command the server currently offers. */
  commands(): string[] {
    return [...new Set([...this.registrations.values()].flatMap((registration) => registration.commands))].sort();
  }
}

/** True for the feature that handles workspace/executeCommand registrations. */
export function isExecuteCommandFeature(feature: unknown): boolean {
  const type = (feature as { registrationType?: { method?: unknown } } | null)?.registrationType;
  return type?.method === ExecuteCommandRequest.method;
}

/** A one-line summary of a scanWorkspace result, whatever shape the server returns. */
export function scanSummary(result: unknown): string {
  if (result && typeof result === "object") {
    const { files, findings } = result as { files?: unknown; findings?: unknown };
    const count = (value: unknown): number | undefined =>
      typeof value === "number" ? value : Array.isArray(value) ? value.length : undefined;
    const fileCount = count(files);
    const findingCount = count(findings);
    if (fileCount !== undefined && findingCount !== undefined) {
      return `scanned ${fileCount} files, ${findingCount} findings (see the Problems panel).`;
    }
  }
  return "workspace scan finished (see the Problems panel).";
}

/** A one-line summary of a scanFile result (`{uri, diagnostics, semgrep}`). */
export function scanFileSummary(result: unknown): string {
  if (result && typeof result === "object") {
    const { diagnostics, semgrep } = result as { diagnostics?: unknown; semgrep?: unknown };
    if (typeof diagnostics === "number") {
      const semgrepNote: Record<string, string> = {
        ok: "semgrep ran too",
        off: "semgrep is off",
        unavailable: "semgrep was not found, tree-sitter only",
        cancelled: "a newer save started another semgrep run",
      };
      const note = typeof semgrep === "string" ? (semgrepNote[semgrep] ?? `semgrep: ${semgrep}`) : "tree-sitter only";
      const plural = diagnostics === 1 ? "" : "s";
      return `${diagnostics} finding${plural} in this file (${note}).`;
    }
  }
  return "file scan finished (see the Problems panel).";
}
