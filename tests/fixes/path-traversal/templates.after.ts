import { readFileSync } from "node:fs";
import path from "node:path";

const TEMPLATE_DIR = path.resolve("templates");

export class TemplateStore {
  load(name: string): string {
    const root = path.resolve(TEMPLATE_DIR);
    const resolved = path.resolve(path.join(TEMPLATE_DIR, `${name}.html`));
    if (!resolved.startsWith(root + path.sep)) {
      throw new Error("path not allowed");
    }
    return readFileSync(resolved, "utf8");
  }
}
