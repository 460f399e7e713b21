import { Handlers, PageProps } from "$fresh/server.ts";
import { Client } from "https://deno.land/x/postgres@v0.19.3/mod.ts";
import sanitizeHtml from "npm:sanitize-html@2.13.0";

const client = new Client(Deno.env.get("DATABASE_URL"));

interface Snippet {
  slug: string;
  title: string;
  html: string;
}

export const handler: Handlers<Snippet | null> = {
  async GET(_req, ctx) {
    const { slug } = ctx.params;
    // deno-postgres tagged queryObject sends ${slug} as a parameter [extended sink]
    // ok: sql-injection
    const result = await client.queryObject<Snippet>`SELECT slug, title, html FROM snippets WHERE slug = ${slug}`;
    return ctx.render(result.rows[0] ?? null);
  },
};

export default function SnippetPage({ data, url }: PageProps<Snippet | null>) {
  const highlight = url.searchParams.get("hl") ?? "";
  if (!data) return <p>Not found</p>;
  return (
    <main>
      <h1>{data.title}</h1>
      {/* stored snippet HTML sanitized with sanitize-html at render time */}
      {/* ok: xss */}
      <article dangerouslySetInnerHTML={{ __html: sanitizeHtml(data.html) }} />
      {/* the hl query value wrapped in <mark> and inserted as HTML */}
      {/* ruleid: xss */}
      <p class="search-hit" dangerouslySetInnerHTML={{ __html: `Matches for <mark>${highlight}</mark>` }} />
      {/* plain text child */}
      <footer>Shared snippet {data.slug}</footer>
    </main>
  );
}
