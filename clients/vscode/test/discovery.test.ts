import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

import {
  describeCommand,
  type DiscoveryHost,
  type DiscoveryInput,
  discoverServer,
  expandHome,
  findOnPath,
  MODULE_SERVE_ARGS,
  SERVE_ARGS,
} from "../src/discovery";
import { nodeHost } from "../src/nodeHost";

/** A fake host: a set of executable files and the interpreters that have unguarded. */
function fakeHost(executables: string[], withModule: string[] = []): DiscoveryHost & { probed: string[] } {
  const probed: string[] = [];
  return {
    probed,
    isExecutable: (file) => Promise.resolve(executables.includes(file)),
    hasUnguardedModule: (python) => {
      probed.push(python);
      return Promise.resolve(withModule.includes(python));
    },
  };
}

function input(overrides: Partial<DiscoveryInput> = {}): DiscoveryInput {
  return {
    pathSetting: "",
    interpreterSetting: "",
    pythonExtensionInterpreter: undefined,
    trusted: true,
    env: { PATH: "/usr/local/bin:/usr/bin" },
    platform: "linux",
    homeDir: "/home/me",
    ...overrides,
  };
}

describe("discoverServer", () => {
  it("uses unguarded.path first, even when other candidates exist", async () => {
    const host = fakeHost(["/opt/u/bin/unguarded", "/usr/bin/unguarded", "/venv/bin/python"], ["/venv/bin/python"]);
    const result = await discoverServer(
      input({ pathSetting: "/opt/u/bin/unguarded", pythonExtensionInterpreter: "/venv/bin/python" }),
      host,
    );
    assert.ok(result.ok);
    assert.deepEqual(result.server, { command: "/opt/u/bin/unguarded", args: SERVE_ARGS, source: "unguarded.path" });
    assert.deepEqual(host.probed, []);
  });

  it("expands ~ in unguarded.path", async () => {
    const result = await discoverServer(
      input({ pathSetting: "~/.local/bin/unguarded" }),
      fakeHost(["/home/me/.local/bin/unguarded"]),
    );
    assert.ok(result.ok);
    assert.equal(result.server.command, "/home/me/.local/bin/unguarded");
  });

  it("looks a bare name in unguarded.path up on PATH", async () => {
    const result = await discoverServer(input({ pathSetting: "unguarded-dev" }), fakeHost(["/usr/bin/unguarded-dev"]));
    assert.ok(result.ok);
    assert.equal(result.server.command, "/usr/bin/unguarded-dev");
  });

  it("fails plainly, without falling back, when unguarded.path is wrong", async () => {
    const result = await discoverServer(input({ pathSetting: "/nope/unguarded" }), fakeHost(["/usr/bin/unguarded"]));
    assert.equal(result.ok, false);
    assert.match(result.message, /unguarded\.path is set to "\/nope\/unguarded", which is not an executable/);
  });

  it("refuses a relative unguarded.path", async () => {
    const result = await discoverServer(input({ pathSetting: "./bin/unguarded" }), fakeHost(["./bin/unguarded"]));
    assert.equal(result.ok, false);
  });

  it("runs unguarded.interpreter with -m unguarded when it has the module", async () => {
    const result = await discoverServer(
      input({ interpreterSetting: "/py/bin/python3", pythonExtensionInterpreter: "/venv/bin/python" }),
      fakeHost(["/py/bin/python3", "/venv/bin/python"], ["/py/bin/python3", "/venv/bin/python"]),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.server, {
      command: "/py/bin/python3",
      args: MODULE_SERVE_ARGS,
      source: "unguarded.interpreter",
    });
  });

  it("says how to install when unguarded.interpreter lacks the module", async () => {
    const result = await discoverServer(
      input({ interpreterSetting: "/py/bin/python3" }),
      fakeHost(["/py/bin/python3", "/usr/bin/unguarded"]),
    );
    assert.equal(result.ok, false);
    assert.match(result.message, /"\/py\/bin\/python3" -m pip install unguarded/);
  });

  it("uses the Python extension's interpreter when it has unguarded", async () => {
    const result = await discoverServer(
      input({ pythonExtensionInterpreter: "/venv/bin/python" }),
      fakeHost(["/venv/bin/python", "/usr/bin/unguarded"], ["/venv/bin/python"]),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.server, {
      command: "/venv/bin/python",
      args: MODULE_SERVE_ARGS,
      source: "python-extension",
    });
  });

  it("falls back to PATH when the Python extension's interpreter lacks unguarded", async () => {
    const host = fakeHost(["/venv/bin/python", "/usr/bin/unguarded"]);
    const result = await discoverServer(input({ pythonExtensionInterpreter: "/venv/bin/python" }), host);
    assert.ok(result.ok);
    assert.deepEqual(result.server, { command: "/usr/bin/unguarded", args: SERVE_ARGS, source: "PATH" });
    assert.deepEqual(host.probed, ["/venv/bin/python"]);
    assert.ok(result.log.some((line) => line.includes("not installed for the Python extension's interpreter")));
  });

  it("never runs the Python extension's interpreter in an untrusted workspace", async () => {
    const host = fakeHost(["/repo/.venv/bin/python", "/usr/bin/unguarded"], ["/repo/.venv/bin/python"]);
    const result = await discoverServer(
      input({ pythonExtensionInterpreter: "/repo/.venv/bin/python", trusted: false }),
      host,
    );
    assert.ok(result.ok);
    assert.equal(result.server.source, "PATH");
    assert.deepEqual(host.probed, []);
  });

  it("prefers the first PATH entry and skips relative ones", async () => {
    const host = fakeHost(["./unguarded", "/a/unguarded", "/b/unguarded"]);
    const result = await discoverServer(input({ env: { PATH: ".:relative/bin:/a:/b" } }), host);
    assert.ok(result.ok);
    assert.equal(result.server.command, "/a/unguarded");
  });

  it("explains what to install when nothing is found", async () => {
    const result = await discoverServer(
      input({ pythonExtensionInterpreter: "/venv/bin/python" }),
      fakeHost(["/venv/bin/python"]),
    );
    assert.equal(result.ok, false);
    const message = result.message;
    assert.match(message, /pip install unguarded/);
    assert.match(message, /unguarded\.path/);
    assert.match(message, /\/venv\/bin\/python/);
  });
});

describe("findOnPath", () => {
  it("tries PATHEXT extensions on Windows", async () => {
    const found = await findOnPath(
      "unguarded",
      { env: { Path: "C:\\Python\\Scripts;C:\\Windows", PATHEXT: ".EXE;.CMD" }, platform: "win32" },
      fakeHost(["C:\\Python\\Scripts\\unguarded.EXE"]),
    );
    assert.equal(found, "C:\\Python\\Scripts\\unguarded.EXE");
  });

  it("returns undefined on an empty PATH", async () => {
    assert.equal(await findOnPath("unguarded", { env: {}, platform: "linux" }, fakeHost([])), undefined);
  });
});

describe("helpers", () => {
  it("expandHome", () => {
    assert.equal(expandHome("~", "/h"), "/h");
    assert.equal(expandHome("~/x/y", "/h"), path.join("/h", "x/y"));
    assert.equal(expandHome("/abs/~/x", "/h"), "/abs/~/x");
  });

  it("describeCommand quotes parts with spaces", () => {
    assert.equal(
      describeCommand({ command: "/Program Files/py", args: MODULE_SERVE_ARGS, source: "python-extension" }),
      '"/Program Files/py" -m unguarded serve',
    );
  });
});

describe("nodeHost", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "unguarded-host-"));
  const script = path.join(dir, "tool");
  writeFileSync(script, "#!/bin/sh\nexit 0\n");
  chmodSync(script, 0o755);
  const plain = path.join(dir, "plain.txt");
  writeFileSync(plain, "text");
  mkdirSync(path.join(dir, "folder"));
  const host = nodeHost(5000);

  it("accepts an executable file and refuses others", { skip: process.platform === "win32" }, async () => {
    assert.equal(await host.isExecutable(script), true);
    assert.equal(await host.isExecutable(plain), false);
    assert.equal(await host.isExecutable(path.join(dir, "folder")), false);
    assert.equal(await host.isExecutable(path.join(dir, "missing")), false);
  });

  it(
    "probes a Python for the unguarded module without importing it",
    { skip: process.platform === "win32" },
    async () => {
      // A fake "python" that succeeds only when asked about the unguarded module.
      const fakePython = path.join(dir, "python");
      writeFileSync(fakePython, '#!/bin/sh\ncase "$2" in *find_spec*unguarded*) exit 0;; esac\nexit 1\n');
      chmodSync(fakePython, 0o755);
      assert.equal(await host.hasUnguardedModule(fakePython), true);
      assert.equal(await host.hasUnguardedModule(script + "-missing"), false);
    },
  );
});
