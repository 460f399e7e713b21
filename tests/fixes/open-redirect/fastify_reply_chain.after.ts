import Fastify from "fastify";

const app = Fastify();

app.post<{ Body: { next: string } }>("/exports/start", async (request, reply) => {
  const next = request.body.next;
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || /[\u0000-\u001f]/.test(next)) {
    return reply.status(400).send("redirect target must be a path on this site");
  }
  return reply.code(303).header("Location", next).send();
});
