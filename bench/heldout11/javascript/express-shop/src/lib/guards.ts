// Validation helpers shared by the shop's routers.
import path from "node:path";

export const UPLOAD_ROOT = path.resolve("/srv/shop/uploads");
const SKU_RE = /^[A-Z0-9]{4,12}$/;
export const SORT_COLUMNS = new Set(["created_at", "total", "status"]);

export class BadRequest extends Error {}

export function assertSku(value: unknown): string {
  if (typeof value !== "string" || !SKU_RE.test(value)) {
    throw new BadRequest("invalid sku");
  }
  return value;
}

export function insideUploads(name: string): string {
  const full = path.resolve(UPLOAD_ROOT, name);
  if (!full.startsWith(UPLOAD_ROOT + path.sep)) {
    throw new BadRequest("outside uploads");
  }
  return full;
}

export function looksNumeric(value: string): boolean {
  return /\d+/.test(value);
}
