// Jest tests for the HTTP handlers.
// Benchmark corpus, ssrf (CWE-918): sinks in tests, with local or constant URLs.
const axios = require("axios");

const BASE = "http://127.0.0.1:3000";

describe("preview endpoint", () => {
  test("health is up", async () => {
    // Constant local URL.
    // ok: ssrf
    const res = await fetch(`${BASE}/health`);
    expect(res.status).toBe(200);
  });

  test.each(["/a", "/b"])("serves %s", async (path) => {
    // Parameters supplied by the test table above.
    // ok: ssrf
    const res = await axios.get(BASE + path, { validateStatus: () => true });
    expect([200, 404]).toContain(res.status);
  });

  it("rejects private hosts", async () => {
    // The attack URL is a literal in the test, sent to our own server.
    const attack = "http://169.254.169.254/latest/meta-data/";
    // ok: ssrf
    const res = await fetch(`${BASE}/preview?url=${encodeURIComponent(attack)}`);
    expect(res.status).toBe(400);
  });
});
