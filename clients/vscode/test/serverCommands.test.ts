import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { ClientCapabilities } from "vscode-languageserver-protocol";

import {
  type CommandHost,
  isExecuteCommandFeature,
  SCAN_WORKSPACE,
  scanFileSummary,
  scanSummary,
  ServerCommandsFeature,
} from "../src/serverCommands";

/** A fake VS Code: registered commands by id, and the requests sent to the server. */
function fakeHost(): CommandHost & {
  registered: Map<string, (...args: unknown[]) => unknown>;
  sent: { command: string; args: unknown[] }[];
} {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const sent: { command: string; args: unknown[] }[] = [];
  return {
    registered,
    sent,
    reserved: [SCAN_WORKSPACE],
    registerCommand(command, callback) {
      assert.ok(!registered.has(command), `${command} registered twice`);
      registered.set(command, callback);
      return { dispose: () => registered.delete(command) };
    },
    execute(command, args) {
      sent.push({ command, args });
      return Promise.resolve("done");
    },
  };
}

describe("ServerCommandsFeature", () => {
  it("knows the commands a server advertises in its capabilities", () => {
    const feature = new ServerCommandsFeature(fakeHost());
    assert.equal(feature.has(SCAN_WORKSPACE), false);
    feature.initialize({ executeCommandProvider: { commands: ["unguarded.debug.documentState"] } });
    assert.equal(feature.has(SCAN_WORKSPACE), false);
    assert.equal(feature.has("unguarded.debug.documentState"), true);
    assert.deepEqual(feature.getState(), { kind: "workspace", id: "workspace/executeCommand", registrations: true });
  });

  it("follows dynamic registration and clears on stop", () => {
    const feature = new ServerCommandsFeature(fakeHost());
    feature.initialize({});
    feature.register({ id: "r1", registerOptions: { commands: [SCAN_WORKSPACE] } });
    assert.equal(feature.has(SCAN_WORKSPACE), true);
    assert.deepEqual(feature.commands(), [SCAN_WORKSPACE]);
    feature.unregister("r1");
    assert.equal(feature.has(SCAN_WORKSPACE), false);
    feature.register({ id: "r2", registerOptions: { commands: [SCAN_WORKSPACE] } });
    feature.clear();
    assert.deepEqual(feature.commands(), []);
  });

  it("registers VS Code commands for server commands, except the extension's own", async () => {
    const host = fakeHost();
    const feature = new ServerCommandsFeature(host);
    feature.initialize({ executeCommandProvider: { commands: ["unguarded.openDocs", SCAN_WORKSPACE] } });
    assert.deepEqual([...host.registered.keys()], ["unguarded.openDocs"]);
    assert.equal(feature.has(SCAN_WORKSPACE), true);
    const run = host.registered.get("unguarded.openDocs");
    assert.ok(run);
    assert.equal(await run("https://example.invalid/docs"), "done");
    assert.deepEqual(host.sent, [{ command: "unguarded.openDocs", args: ["https://example.invalid/docs"] }]);
    feature.clear();
    assert.deepEqual([...host.registered.keys()], []);
    assert.equal(feature.has(SCAN_WORKSPACE), false);
  });

  it("disposes a dynamic registration's commands when it is unregistered", () => {
    const host = fakeHost();
    const feature = new ServerCommandsFeature(host);
    feature.register({ id: "r1", registerOptions: { commands: ["unguarded.a"] } });
    feature.register({ id: "r2", registerOptions: { commands: ["unguarded.b"] } });
    feature.unregister("r1");
    assert.deepEqual([...host.registered.keys()], ["unguarded.b"]);
    assert.deepEqual(feature.commands(), ["unguarded.b"]);
  });

  it("asks for dynamic registration", () => {
    const capabilities: ClientCapabilities = {};
    new ServerCommandsFeature(fakeHost()).fillClientCapabilities(capabilities);
    assert.deepEqual(capabilities.workspace?.executeCommand, { dynamicRegistration: true });
  });

  it("is recognised as the executeCommand feature", () => {
    assert.equal(isExecuteCommandFeature(new ServerCommandsFeature(fakeHost())), true);
    assert.equal(isExecuteCommandFeature({ registrationType: { method: "textDocument/hover" } }), false);
    assert.equal(isExecuteCommandFeature({}), false);
    assert.equal(isExecuteCommandFeature(null), false);
  });
});

describe("scanSummary", () => {
  it("counts files and findings when the server reports them", () => {
    assert.match(scanSummary({ files: 12, findings: [{}, {}] }), /scanned 12 files, 2 findings/);
  });
  it("falls back to a plain message", () => {
    assert.match(scanSummary(null), /workspace scan finished/);
    assert.match(scanSummary({ other: 1 }), /workspace scan finished/);
  });
});

describe("scanFileSummary", () => {
  it("says how many findings and what semgrep did", () => {
    assert.equal(
      scanFileSummary({ uri: "file:///a.py", diagnostics: 2, semgrep: "ok" }),
      "2 findings in this file (semgrep ran too).",
    );
    assert.match(scanFileSummary({ diagnostics: 1, semgrep: "unavailable" }), /^1 finding in .*not found/);
    assert.match(scanFileSummary({ diagnostics: 0, semgrep: "timeout" }), /semgrep: timeout/);
  });
  it("falls back to a plain message", () => {
    assert.match(scanFileSummary(null), /file scan finished/);
  });
});
