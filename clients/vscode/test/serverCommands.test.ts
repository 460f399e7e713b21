import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { ClientCapabilities } from "vscode-languageserver-protocol";

import { isExecuteCommandFeature, SCAN_WORKSPACE, scanSummary, ServerCommandsFeature } from "../src/serverCommands";

describe("ServerCommandsFeature", () => {
  it("knows the commands a server advertises in its capabilities", () => {
    const feature = new ServerCommandsFeature();
    assert.equal(feature.has(SCAN_WORKSPACE), false);
    feature.initialize({ executeCommandProvider: { commands: ["unguarded.debug.documentState"] } });
    assert.equal(feature.has(SCAN_WORKSPACE), false);
    assert.equal(feature.has("unguarded.debug.documentState"), true);
    assert.deepEqual(feature.getState(), { kind: "workspace", id: "workspace/executeCommand", registrations: true });
  });

  it("follows dynamic registration and clears on stop", () => {
    const feature = new ServerCommandsFeature();
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

  it("asks for dynamic registration", () => {
    const capabilities: ClientCapabilities = {};
    new ServerCommandsFeature().fillClientCapabilities(capabilities);
    assert.deepEqual(capabilities.workspace?.executeCommand, { dynamicRegistration: true });
  });

  it("is recognised as the executeCommand feature", () => {
    assert.equal(isExecuteCommandFeature(new ServerCommandsFeature()), true);
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
