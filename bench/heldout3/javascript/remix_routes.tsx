// Remix (React Router 7 framework mode) route module: loader, action and component.
import { json, redirect, type LoaderFunctionArgs, type ActionFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import DOMPurify from "isomorphic-dompurify";
import { marked } from "marked";
import { PrismaClient, Prisma } from "@prisma/client";

const prisma = new PrismaClient();
const SAFE_RETURN = new Set(["/dashboard", "/settings", "/billing"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const tag = params.tag ?? "all";
  // prisma tagged $queryRaw: interpolations become parameters [extended sink]
  // ok: sql-injection
  const posts = await prisma.$queryRaw`SELECT id, title, body_html FROM posts WHERE title ILIKE ${"%" + q + "%"} AND tag = ${tag}`;
  // prisma $queryRawUnsafe with the search term in the text [extended sink]
  // ruleid: sql-injection
  const count = await prisma.$queryRawUnsafe(`SELECT count(*) FROM posts WHERE title ILIKE '%${q}%'`);
  // $queryRawUnsafe with $1 and the value passed separately [extended sink]
  // ok: sql-injection
  const drafts = await prisma.$queryRawUnsafe("SELECT id FROM drafts WHERE tag = $1", tag);
  // Prisma.raw spliced into a tagged query [extended sink]
  // ruleid: sql-injection
  const sorted = await prisma.$queryRaw`SELECT id FROM posts ORDER BY ${Prisma.raw(url.searchParams.get("order") ?? "id")}`;
  return json({ posts, count, drafts, sorted, q });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const returnTo = String(form.get("returnTo") ?? "/dashboard");
  const intent = form.get("intent");
  if (intent === "preview") {
    const target = String(form.get("url"));
    // form URL fetched server-side
    // ruleid: ssrf
    const res = await fetch(target);
    return json({ preview: (await res.text()).slice(0, 300) });
  }
  if (SAFE_RETURN.has(returnTo)) {
    // Set allowlist around the redirect [extended sink]
    // ok: open-redirect
    return redirect(returnTo);
  }
  // Remix redirect to a form value [extended sink]
  // ruleid: open-redirect
  return redirect(returnTo);
}

type Post = { id: number; title: string; body_html: string };

export default function SearchPage() {
  const { posts, q } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Results for {q}</h1>
      {(posts as Post[]).map((p) => (
        <article key={p.id}>
          <h2>{p.title}</h2>
          {/* stored HTML sanitized with DOMPurify */}
          {/* ok: xss */}
          <div className="body" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(p.body_html) }} />
        </article>
      ))}
    </main>
  );
}

export function PostPreview({ markdown }: { markdown: string }) {
  // prop rendered by a Markdown renderer (not a sanitizer)
  // ruleid: xss
  return <section dangerouslySetInnerHTML={{ __html: marked.parse(markdown) as string }} />;
}

export function SearchEcho({ term }: { term: string }) {
  // prop inside an HTML string
  // ruleid: xss
  return <p dangerouslySetInnerHTML={{ __html: `You searched for <b>${term}</b>` }} />;
}

export function Footer() {
  // constant markup
  // ok: xss
  return <footer dangerouslySetInnerHTML={{ __html: "&copy; 2026 Example Inc." }} />;
}
