import Fastify from "fastify";

const app = Fastify();

app.post<{ Body: { next: string } }>("/exports/start", async (request, reply) => {
  const next = request.body.next;
  return reply.code(303).header("Location", next).send();
});
