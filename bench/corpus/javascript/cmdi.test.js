// Jest tests for the CLI.
// Benchmark corpus, command-injection (CWE-78): sinks in tests.
const { execSync } = require("child_process");
const os = require("os");
const path = require("path");

test("prints help", () => {
  // Constant command.
  // ok: command-injection
  const out = execSync("node bin/cli.js --help").toString();
  expect(out).toMatch(/usage/i);
});

test.each(["build", "lint"])("runs %s", (script) => {
  // Script names from the test table above.
  // ok: command-injection
  execSync(`npm run ${script} --silent`);
});

test("cleans temp dir", () => {
  // A temp directory made by the test.
  const dir = path.join(os.tmpdir(), "cli-test");
  // ok: command-injection
  execSync(`rm -rf ${dir}`);
});
