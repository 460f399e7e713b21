// Next.js Pages Router report page: getServerSideProps reads a report file and the query, the page renders it.
import fs from "node:fs";
import path from "node:path";
import DOMPurify from "isomorphic-dompurify";
import { marked } from "marked";

const REPORTS_DIR = path.join(process.cwd(), "data", "reports");

export async function getServerSideProps({ params, query }) {
  const file = path.join(REPORTS_DIR, `${params.slug}.json`);
  // route parameter names the JSON file read
  // ruleid: path-traversal
  const raw = await fs.promises.readFile(file, "utf8");
  const report = JSON.parse(raw);
  const noteHtml = marked.parse(String(query.note ?? ""));
  const summaryHtml = DOMPurify.sanitize(marked.parse(report.summary ?? ""));
  return {
    props: {
      report,
      noteHtml,
      summaryHtml,
      backLink: String(query.back ?? "/reports"),
      slug: String(params.slug),
      previewHtml: String(query.preview ?? ""),
    },
  };
}

export default function ReportPage({ report, noteHtml, summaryHtml, backLink, slug, previewHtml }) {
  return (
    <main>
      {/* plain JSX children are escaped */}
      {/* ok: xss */}
      <h1>{report.title}</h1>
      {/* Markdown rendered from the query is no sanitizer */}
      {/* ruleid: xss */}
      <section dangerouslySetInnerHTML={{ __html: noteHtml }} />
      {/* prop sanitized with DOMPurify in this file's getServerSideProps [beyond docs] */}
      {/* ok: xss */}
      <section dangerouslySetInnerHTML={{ __html: summaryHtml }} />
      {/* query value as a link href (javascript: URLs) */}
      {/* ruleid: xss */}
      <a href={backLink}>Back</a>
      {/* constant path start */}
      {/* ok: xss */}
      <a href={`/reports/${slug}/print`}>Print</a>
      {/* srcDoc in a sandbox without allow-scripts */}
      {/* ok: xss */}
      <iframe title="preview" sandbox="" srcDoc={previewHtml} />
      {/* srcDoc with scripts allowed */}
      {/* ruleid: xss */}
      <iframe title="live preview" sandbox="allow-scripts" srcDoc={previewHtml} />
    </main>
  );
}
