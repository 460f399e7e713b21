// Tracks the commands the server advertises (workspace/executeCommand), statically in its
// capabilities or by dynamic registration. It replaces vscode-languageclient's own
// ExecuteCommandFeature, which registers a VS Code command per server command: that would
// collide with this extension's `unguarded.scanWorkspace`, which must exist (and say "not
// available yet") even when the server does not offer it. No VS Code API at run time.

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

export class ServerCommandsFeature implements DynamicFeature<ExecuteCommandRegistrationOptions> {
  private readonly registrations = new Map<string, readonly string[]>();

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
    this.registrations.set(data.id, [...data.registerOptions.commands]);
  }

  unregister(id: string): void {
    this.registrations.delete(id);
  }

  clear(): void {
    this.registrations.clear();
  }

  /** Whether the server currently offers `command`. */
  has(command: string): boolean {
    for (const commands of this.registrations.values()) {
      if (commands.includes(command)) {
        return true;
      }
    }
    return false;
  }

  /** Every command the server currently offers. */
  commands(): string[] {
    return [...new Set([...this.registrations.values()].flat())].sort();
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
