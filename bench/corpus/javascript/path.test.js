// Jest tests for the storage layer.
// Benchmark corpus, path-traversal (CWE-22): sinks in tests.
const fs = require("fs");
const os = require("os");
const path = require("path");

const FIXTURES = path.join(__dirname, "fixtures");

test("reads the sample", () => {
  // Constant fixture path.
  // ok: path-traversal
  const text = fs.readFileSync(path.join(FIXTURES, "sample.json"), "utf8");
  expect(JSON.parse(text)).toBeTruthy();
});

test.each(["a.txt", "b.txt"])("fixture %s exists", (name) => {
  // Names from the test table above.
  // ok: path-traversal
  expect(fs.readFileSync(path.join(FIXTURES, name)).length).toBeGreaterThan(0);
});

test("writes to a temp dir", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-"));
  // ok: path-traversal
  fs.writeFileSync(path.join(dir, "out.txt"), "x");
  expect(fs.existsSync(path.join(dir, "out.txt"))).toBe(true);
});
