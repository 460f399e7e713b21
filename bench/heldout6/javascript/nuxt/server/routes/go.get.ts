// Nitro route: GET /go?next=...&msg=... the post-login bounce page.
export default defineEventHandler((event) => {
  const { next, msg } = getQuery(event);
  if (typeof next === "string" && next.length > 0) {
    // [extended sink] h3 sendRedirect with the query value
    // ruleid: open-redirect
    return sendRedirect(event, next, 302);
  }
  const target = new URL(String(next ?? "/"), "https://app.example.com");
  if (target.origin === "https://app.example.com") {
    // [extended sink] same-origin check on the parsed URL before the redirect
    // ok: open-redirect
    return sendRedirect(event, target.pathname + target.search, 302);
  }
  setResponseHeader(event, "content-type", "text/html");
  // [extended sink] an HTML string returned from an h3 handler with the query message inside
  // ruleid: xss
  return `<main><p>${msg}</p><a href="/">home</a></main>`;
});
