import { readFileSync } from "node:fs";
import path from "node:path";

const TEMPLATE_DIR = path.resolve("templates");

export class TemplateStore {
  load(name: string): string {
    return readFileSync(path.join(TEMPLATE_DIR, `${name}.html`), "utf8");
  }
}
