import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

import { LANGUAGES } from "../src/languages";
import { SCAN_FILE, SCAN_WORKSPACE } from "../src/serverCommands";
import { classifyChange, CLIENT_ONLY_SETTINGS, serverSettingNames, serverSettings } from "../src/settings";
import { statusView } from "../src/status";

interface Property {
  type: string;
  default: unknown;
  scope?: string;
}

interface PackageJson {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, Property> };
  };
}

// Compiled to out/test/, so the package root is two levels up.
const root = path.resolve(__dirname, "..", "..");
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as PackageJson;
const properties = packageJson.contributes.configuration.properties;

describe("server settings", () => {
  it("are every contributed unguarded.* setting but the client-only ones", () => {
    const names = serverSettingNames(properties);
    for (const name of ["enable", "run", "debounceMs", "disabledRules", "severity", "validators", "maxFileSize"]) {
      assert.ok(names.includes(name), name);
    }
    assert.equal(names.length, Object.keys(properties).length - CLIENT_ONLY_SETTINGS.length);
    for (const name of CLIENT_ONLY_SETTINGS) {
      assert.ok(`unguarded.${name}` in properties, name);
      assert.ok(!names.includes(name), name);
    }
  });

  it("are sent under `unguarded`, with VS Code's values and nothing client-only", () => {
    const values: Record<string, unknown> = {
      enable: true,
      run: "onSave",
      debounceMs: 300,
      disabledRules: ["xss"],
      severity: { ssrf: "warning" },
      validators: { ssrf: ["is_safe_url"] },
      sanitizers: {},
      maxFileSize: undefined,
      path: "/bin/unguarded",
    };
    const payload = serverSettings(serverSettingNames(properties), (name) => values[name]);
    assert.deepEqual(payload, {
      unguarded: {
        enable: true,
        run: "onSave",
        debounceMs: 300,
        disabledRules: ["xss"],
        severity: { ssrf: "warning" },
        validators: { ssrf: ["is_safe_url"] },
        sanitizers: {},
      },
    });
  });

  it("with defaults only, are package.json's defaults", () => {
    const payload = serverSettings(serverSettingNames(properties), (name) => properties[`unguarded.${name}`]?.default);
    assert.equal(payload.unguarded.run, "onType");
    assert.equal(payload.unguarded.debounceMs, 150);
    assert.equal(payload.unguarded.maxFileSize, 2000000);
  });
});

describe("classifyChange", () => {
  const changed =
    (...sections: string[]) =>
    (section: string): boolean =>
      sections.some((changedSection) => changedSection === section || changedSection.startsWith(`${section}.`));

  it("ignores other extensions' settings", () => {
    assert.equal(classifyChange(changed("python.defaultInterpreterPath")), "none");
  });
  it("restarts when the executable may change", () => {
    assert.equal(classifyChange(changed("unguarded.path")), "restart");
    assert.equal(classifyChange(changed("unguarded.interpreter")), "restart");
  });
  it("notifies the server otherwise", () => {
    assert.equal(classifyChange(changed("unguarded.severity")), "notify");
    assert.equal(classifyChange(changed("unguarded.trace.server")), "notify");
  });
});

describe("package.json", () => {
  it("activates on every analysed language", () => {
    assert.deepEqual(
      [...packageJson.activationEvents].sort(),
      LANGUAGES.map((language) => `onLanguage:${language}`).sort(),
    );
  });

  it("contributes the four commands", () => {
    assert.deepEqual(packageJson.contributes.commands.map((command) => command.command).sort(), [
      "unguarded.restartServer",
      SCAN_FILE,
      SCAN_WORKSPACE,
      "unguarded.showOutput",
    ]);
  });

  it("never lets a workspace choose the executable", () => {
    for (const key of ["unguarded.path", "unguarded.interpreter"]) {
      assert.equal(properties[key]?.scope, "machine", key);
      assert.ok(packageJson.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
    }
    assert.equal(packageJson.capabilities.untrustedWorkspaces.supported, "limited");
  });
});

describe("statusView", () => {
  it("names the state and turns red on error", () => {
    assert.equal(statusView("running").text, "$(shield) unguarded");
    assert.match(statusView("starting").text, /unguarded: starting/);
    assert.match(statusView("stopped").text, /unguarded: stopped/);
    const error = statusView("error", "not found");
    assert.match(error.text, /unguarded: error/);
    assert.match(error.tooltip, /not found/);
    assert.equal(error.background, "statusBarItem.errorBackground");
    assert.equal(statusView("running").background, undefined);
  });
});
