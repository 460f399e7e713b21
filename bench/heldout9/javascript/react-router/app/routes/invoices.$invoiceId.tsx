import { sql } from "kysely";
import { Form, redirect } from "react-router";
import { db } from "~/db.server";
import { requireUser } from "~/session.server";
import type { Route } from "./+types/invoices.$invoiceId";

const LINE_SORTS = new Set(["position", "amount", "description"]);

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const sort = url.searchParams.get("sort") ?? "position";
  const status = url.searchParams.get("status") ?? "open";

  // the tagged template binds the invoice id and the user id
  // ok: sql-injection
  const invoice = await sql`select id, total, customer from invoices where id = ${params.invoiceId} and owner_id = ${user.id}`.execute(db);

  // sql.raw() of the sort parameter inside the tagged template
  // ruleid: sql-injection
  const lines = await sql`select * from invoice_lines where invoice_id = ${params.invoiceId} order by ${sql.raw(sort)}`.execute(db);

  // sql.lit() writes the status into the SQL text as a literal
  // ruleid: sql-injection
  const reminders = await sql`select * from reminders where invoice_id = ${params.invoiceId} and status = ${sql.lit(status)}`.execute(db);

  if (!LINE_SORTS.has(sort)) {
    throw new Response("unknown sort", { status: 400 });
  }
  // the same sort after the allowlist check
  // ok: sql-injection
  const sorted = await sql`select * from invoice_lines where invoice_id = ${params.invoiceId} order by ${sql.raw(sort)}`.execute(db);

  const returnTo = url.searchParams.get("returnTo") ?? "/invoices";
  const backLink = returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/invoices";
  return {
    invoice: invoice.rows[0],
    lines: sorted.rows.length ? sorted.rows : lines.rows,
    reminders: reminders.rows,
    highlight: url.searchParams.get("q") ?? "",
    returnTo,
    backLink,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");

  if (intent === "send") {
    // the PDF service's configured base URL followed by a path
    // ok: ssrf
    await fetch(`${process.env.PDF_SERVICE_URL}/render/${params.invoiceId}`, { method: "POST" });
    // a path on this site
    // ok: open-redirect
    return redirect(`/invoices/${params.invoiceId}?sent=1`);
  }

  if (intent === "notify") {
    const webhook = String(form.get("webhook") ?? "");
    // a webhook URL posted in the form
    // ruleid: ssrf
    await fetch(webhook, { method: "POST", body: JSON.stringify({ invoice: params.invoiceId }) });
  }

  const next = String(form.get("next") ?? "/invoices");
  // the form's next field as the redirect target
  // ruleid: open-redirect
  return redirect(next);
}

export default function InvoiceRoute({ loaderData }: Route.ComponentProps) {
  const { invoice, lines, highlight, returnTo, backLink } = loaderData;
  return (
    <section>
      <h1>Invoice {invoice.id}</h1>
      {/* the search term is text in a JSX child */}
      {/* ok: xss */}
      <p className="hint">Showing lines for {highlight}</p>
      {/* the search term from the loader's data, inserted as HTML */}
      {/* ruleid: xss */}
      <p dangerouslySetInnerHTML={{ __html: `Lines matching <mark>${highlight}</mark>` }} />
      <ul>
        {lines.map((line: { id: string; description: string }) => (
          <li key={line.id}>{line.description}</li>
        ))}
      </ul>
      {/* the returnTo query parameter as a link: javascript: URLs run */}
      {/* ruleid: xss */}
      <a href={returnTo}>Back</a>
      {/* the loader kept only a same-origin path for this prop [beyond docs] */}
      {/* ok: xss */}
      <a href={backLink}>Back to the list</a>
      <Form method="post">
        <input type="hidden" name="next" value={backLink} />
        <button name="intent" value="send">
          Send
        </button>
      </Form>
    </section>
  );
}
