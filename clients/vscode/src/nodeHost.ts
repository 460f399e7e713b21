// The real DiscoveryHost: the file system and a short child process. No VS Code API.

import { execFile } from "node:child_process";
import { constants, promises as fs } from "node:fs";

import type { DiscoveryHost } from "./discovery";

/** Exits 0 when the module can be found, without importing it (fast, no side effects). */
const FIND_MODULE = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('unguarded') else 3)";

export function nodeHost(timeoutMs = 15000): DiscoveryHost {
  return {
    async isExecutable(file: string): Promise<boolean> {
      try {
        const stat = await fs.stat(file);
        if (!stat.isFile()) {
          return false;
        }
        if (process.platform !== "win32") {
          await fs.access(file, constants.X_OK);
        }
        return true;
      } catch {
        return false;
      }
    },
    hasUnguardedModule(python: string): Promise<boolean> {
      return new Promise((resolve) => {
        execFile(python, ["-c", FIND_MODULE], { timeout: timeoutMs, windowsHide: true }, (error) => {
          resolve(error === null);
        });
      });
    },
  };
}
