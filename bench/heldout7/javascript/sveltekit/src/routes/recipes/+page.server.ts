import { fail, redirect } from "@sveltejs/kit";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Actions, PageServerLoad } from "./$types";

const db = new Database("/srv/recipes/recipes.db");
const PHOTO_DIR = path.resolve("/srv/recipes/photos");
const PHOTO_TYPES = [".jpg", ".png", ".webp"];

const NewRecipe = z.object({
  title: z.string().min(3).max(120),
  cuisine: z.enum(["italian", "thai", "mexican", "indian", "french"]),
  minutes: z.coerce.number().int().positive(),
});

export const load: PageServerLoad = async ({ url }) => {
  const q = url.searchParams.get("q") ?? "";
  const sort = url.searchParams.get("sort") ?? "newest";
  const orderBy = sort === "quickest" ? "minutes ASC" : "created_at DESC";
  // search text bound with ?, ORDER BY picked between two literals
  // ok: sql-injection
  const recipes = db.prepare(`SELECT id, title, cuisine, minutes FROM recipes WHERE title LIKE ? ORDER BY ${orderBy} LIMIT 50`).all(`%${q}%`);
  const tag = url.searchParams.get("tag");
  // tag from the URL pasted into a quoted literal
  // ruleid: sql-injection
  const tagged = tag ? db.prepare(`SELECT r.id, r.title FROM recipes r JOIN recipe_tags t ON t.recipe_id = r.id WHERE t.tag = '${tag}'`).all() : [];
  return { recipes, tagged, q };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = Object.fromEntries(await request.formData());
    const parsed = NewRecipe.safeParse(form);
    if (!parsed.success) return fail(400, { errors: parsed.error.flatten().fieldErrors });
    const { title, cuisine, minutes } = parsed.data;
    // every value bound with ?
    // ok: sql-injection
    const info = db.prepare("INSERT INTO recipes (title, cuisine, minutes, author) VALUES (?, ?, ?, ?)").run(title, cuisine, minutes, locals.user.id);
    // constant path with the new row id
    // ok: open-redirect
    redirect(303, `/recipes/${info.lastInsertRowid}`);
  },

  photo: async ({ request }) => {
    const data = await request.formData();
    const file = data.get("photo") as File;
    const recipeId = Number(data.get("recipeId"));
    const bytes = Buffer.from(await file.arrayBuffer());
    const ext = path.extname(file.name).toLowerCase();
    if (!PHOTO_TYPES.includes(ext)) return fail(400, { error: "unsupported image type" });
    // uploaded file's own name kept in the destination path (form data read with request.formData()) [beyond docs]
    // ruleid: path-traversal
    await writeFile(path.join(PHOTO_DIR, "originals", String(recipeId), file.name), bytes);
    // numeric id plus a random UUID and an allowlisted extension
    // ok: path-traversal
    await writeFile(path.join(PHOTO_DIR, String(recipeId), `${randomUUID()}${ext}`), bytes);
    return { saved: true };
  },

  import: async ({ request, fetch }) => {
    const data = await request.formData();
    const sourceUrl = String(data.get("sourceUrl") ?? "");
    // SvelteKit's event.fetch makes a real server-side request; the URL comes from the form [beyond docs]
    // ruleid: ssrf
    const page = await fetch(sourceUrl);
    const title = /<h1[^>]*>([^<]+)<\/h1>/i.exec(await page.text())?.[1]?.trim() ?? "Imported recipe";
    // title and source bound with ?
    // ok: sql-injection
    const info = db.prepare("INSERT INTO recipes (title, source_url) VALUES (?, ?)").run(title, sourceUrl);
    return { imported: Number(info.lastInsertRowid) };
  },

  login: async ({ request, cookies, url }) => {
    const data = await request.formData();
    const session = await createSession(String(data.get("email")), String(data.get("password")));
    if (!session) return fail(401, { error: "invalid credentials" });
    // SvelteKit cookies.set with secure explicitly false for the session [beyond docs]
    // ruleid: insecure-cookie
    cookies.set("session", session.id, { path: "/", httpOnly: true, secure: false, maxAge: 60 * 60 * 24 * 7 });
    const to = url.searchParams.get("redirectTo") ?? "/";
    // redirectTo from the page URL redirected unchecked
    // ruleid: open-redirect
    redirect(303, to);
  },

  logout: async ({ cookies, url }) => {
    cookies.delete("session", { path: "/" });
    const next = url.searchParams.get("next") ?? "/";
    const target = new URL(next, url.origin);
    if (target.origin !== url.origin) {
      // constant target
      // ok: open-redirect
      redirect(303, "/");
    }
    // same-origin check, then only the path: next=https://<this site>//evil.example passes the
    // check and leaves the path "//evil.example", a protocol-relative URL to another host [beyond docs]
    // ruleid: open-redirect
    redirect(303, target.pathname + target.search);
  },
};

declare function createSession(email: string, password: string): Promise<{ id: string } | null>;
