// The active interpreter of the Python extension (ms-python.python), through its public API,
// if that extension is installed. Only the few members used here are typed.

import * as vscode from "vscode";

export const PYTHON_EXTENSION_ID = "ms-python.python";

interface EnvironmentPath {
  id: string;
  path: string;
}

interface ResolvedEnvironment {
  executable: { uri?: vscode.Uri };
}

interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: vscode.Uri | vscode.WorkspaceFolder): EnvironmentPath;
  resolveEnvironment(environment: EnvironmentPath | string): Promise<ResolvedEnvironment | undefined>;
  onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
}

interface PythonExtensionApi {
  ready?: Promise<void>;
  environments?: PythonEnvironmentsApi;
  settings?: {
    getExecutionDetails?(resource?: vscode.Uri): { execCommand: string[] | undefined };
  };
}

async function pythonApi(): Promise<PythonExtensionApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi | undefined>(PYTHON_EXTENSION_ID);
  if (!extension) {
    return undefined;
  }
  // An extension's exports are whatever its activate() returned, possibly nothing.
  const api = extension.isActive ? extension.exports : await extension.activate();
  await api?.ready;
  return api;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * The interpreter the Python extension has selected for `resource` (or the first workspace
 * folder), as an absolute path; undefined when the extension is missing, slow or has none.
 */
export async function activeInterpreter(
  resource: vscode.Uri | undefined,
  log: (line: string) => void,
  timeoutMs = 10000,
): Promise<string | undefined> {
  try {
    return await withTimeout(lookUp(resource), timeoutMs);
  } catch (error) {
    log(`the Python extension did not give an interpreter: ${String(error)}`);
    return undefined;
  }
}

async function lookUp(resource: vscode.Uri | undefined): Promise<string | undefined> {
  const api = await pythonApi();
  if (!api) {
    return undefined;
  }
  const environments = api.environments;
  if (environments) {
    const active = environments.getActiveEnvironmentPath(resource);
    const resolved = await environments.resolveEnvironment(active);
    const executable = resolved?.executable.uri?.fsPath;
    if (executable) {
      return executable;
    }
  }
  // Older releases of the extension.
  const command = api.settings?.getExecutionDetails?.(resource).execCommand;
  return command?.length === 1 ? command[0] : undefined;
}

/** Subscribe to interpreter changes; a no-op when the Python extension is missing. */
export async function onInterpreterChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  try {
    const api = await withTimeout(pythonApi(), 10000);
    return api?.environments?.onDidChangeActiveEnvironmentPath(() => {
      listener();
    });
  } catch {
    return undefined;
  }
}
