// The VS Code side: finds and starts `unguarded serve`, forwards settings, and owns the
// commands and the status bar item. Decisions that need no VS Code API live in the pure
// modules beside this one (discovery, settings, status, serverCommands).

import * as os from "node:os";

import * as vscode from "vscode";
import {
  CloseAction,
  type CloseHandlerResult,
  DidChangeConfigurationNotification,
  type DynamicFeature,
  ErrorAction,
  type ErrorHandler,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  type StaticFeature,
  TransportKind,
} from "vscode-languageclient/node";

import { LANGUAGES } from "./languages";
import { describeCommand, discoverServer, INSTALL_DOCS_URL, type ServerCommand } from "./discovery";
import { nodeHost } from "./nodeHost";
import { activeInterpreter, onInterpreterChange } from "./python";
import {
  isExecuteCommandFeature,
  SCAN_FILE,
  SCAN_WORKSPACE,
  scanFileSummary,
  scanSummary,
  ServerCommandsFeature,
} from "./serverCommands";
import { classifyChange, SECTION, serverSettingNames, serverSettings } from "./settings";
import { type ServerState, statusView } from "./status";

const CLIENT_ID = "unguarded";
const CLIENT_NAME = "unguarded";

/** The extension's server commands feature, kept per client outside the class (see below). */
const commandFeatures = new WeakMap<LanguageClient, ServerCommandsFeature>();

/** A LanguageClient whose workspace/executeCommand feature leaves the extension's own commands alone. */
class UnguardedLanguageClient extends LanguageClient {
  // Called from the base constructor, before this class's fields would exist: hence the
  // WeakMap rather than a field.
  override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    if (isExecuteCommandFeature(feature)) {
      const replacement = new ServerCommandsFeature({
        reserved: [SCAN_WORKSPACE, SCAN_FILE],
        registerCommand: (command, callback) => vscode.commands.registerCommand(command, callback),
        execute: (command, args) =>
          this.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<unknown>,
      });
      commandFeatures.set(this, replacement);
      super.registerFeature(replacement);
      return;
    }
    super.registerFeature(feature);
  }
}

class ServerController implements vscode.Disposable {
  private client: UnguardedLanguageClient | undefined;
  private server: ServerCommand | undefined;
  private starting: Promise<void> | undefined;
  /** The client's error handler gave up restarting a crashing server. */
  private gaveUp = false;
  private readonly status: vscode.StatusBarItem;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.status = vscode.window.createStatusBarItem("unguarded.status", vscode.StatusBarAlignment.Right, 100);
    this.status.name = "unguarded";
    this.status.command = "unguarded.showOutput";
    this.setState("stopped");
    this.status.show();
  }

  private get settingNames(): string[] {
    const packageJSON = this.context.extension.packageJSON as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    return serverSettingNames(packageJSON.contributes.configuration.properties);
  }

  private currentSettings(): { unguarded: Record<string, unknown> } {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    return serverSettings(this.settingNames, (name) => configuration.get(name));
  }

  setState(state: ServerState, detail?: string): void {
    const view = statusView(state, detail);
    this.status.text = view.text;
    this.status.tooltip = view.tooltip;
    this.status.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
  }

  /** Start the server unless it runs; concurrent calls share one start. */
  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    if (this.client) {
      return;
    }
    this.gaveUp = false;
    this.server = undefined;
    this.setState("starting");
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const trusted = vscode.workspace.isTrusted;
    const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const log = (line: string): void => {
      this.output.info(line);
    };
    const discovery = await discoverServer(
      {
        pathSetting: configuration.get<string>("path") ?? "",
        interpreterSetting: configuration.get<string>("interpreter") ?? "",
        pythonExtensionInterpreter: trusted ? await activeInterpreter(resource, log) : undefined,
        trusted,
        env: process.env,
        platform: process.platform,
        homeDir: os.homedir(),
      },
      nodeHost(),
    );
    discovery.log.forEach(log);
    if (!discovery.ok) {
      this.output.error(discovery.message);
      this.setState("error", discovery.message);
      void this.showNotFound(discovery.message);
      return;
    }
    this.server = discovery.server;

    const serverOptions: ServerOptions = {
      command: discovery.server.command,
      args: discovery.server.args,
      transport: TransportKind.stdio,
      options: { env: { ...process.env, PYTHONUNBUFFERED: "1" } },
    };
    // The error handler needs the client it belongs to, which does not exist yet.
    const self: { client?: LanguageClient } = {};
    const client = new UnguardedLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, this.clientOptions(self));
    self.client = client;
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) {
        this.setState("running", describeCommand(discovery.server));
      } else if (event.newState === State.Starting) {
        this.setState("starting");
      } else if (this.client === client) {
        // Stopped for good after crashes: the error handler below already said so.
        if (!this.gaveUp) {
          this.setState("stopped");
        }
      }
    });
    this.client = client;
    this.output.info(`starting ${describeCommand(discovery.server)}`);
    try {
      await client.start();
    } catch (error) {
      const message = `The unguarded server (${describeCommand(discovery.server)}) failed to start: ${String(error)}`;
      this.output.error(message);
      this.setState("error", message);
      this.client = undefined;
      await client.dispose().catch(() => undefined);
      void vscode.window.showErrorMessage(message, "Show Output").then((choice) => {
        if (choice) {
          this.output.show();
        }
      });
    }
  }

  private clientOptions(self: { client?: LanguageClient }): LanguageClientOptions {
    const documentSelector = LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]);
    return {
      documentSelector,
      outputChannel: this.output,
      initializationOptions: this.currentSettings(),
      diagnosticCollectionName: "unguarded",
      errorHandler: this.errorHandler(self),
    };
  }

  /** The default restart policy, plus the "error" state when it gives up. */
  private errorHandler(self: { client?: LanguageClient }): ErrorHandler {
    let inner: ErrorHandler | undefined;
    const defaults = (): ErrorHandler => {
      inner ??= self.client?.createDefaultErrorHandler(4) ?? {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => ({ action: CloseAction.DoNotRestart }),
      };
      return inner;
    };
    return {
      error: (error, message, count) => defaults().error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        const result = await defaults().closed();
        if (result.action === CloseAction.DoNotRestart) {
          this.gaveUp = true;
          this.setState("error", "The server stopped and is not restarted. Run 'unguarded: Restart Server'.");
        }
        return result;
      },
    };
  }

  async stop(): Promise<void> {
    await this.starting;
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.dispose(5000);
      } catch (error) {
        this.output.warn(`stopping the server: ${String(error)}`);
      }
    }
    this.setState("stopped");
  }

  async restart(): Promise<void> {
    this.output.info("restarting the server");
    await this.stop();
    await this.start();
  }

  /** Forward changed settings, or restart when the executable may have changed. */
  async onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    const change = classifyChange((section) => event.affectsConfiguration(section));
    if (change === "restart") {
      await this.restart();
    } else if (change === "notify" && this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: this.currentSettings(),
      });
    }
  }

  async scanWorkspace(): Promise<void> {
    await this.start();
    const client = this.client;
    if (!client?.isRunning()) {
      void vscode.window.showWarningMessage(
        "unguarded: the server is not running, so the workspace cannot be scanned.",
      );
      return;
    }
    const feature = commandFeatures.get(client);
    if (!feature?.has(SCAN_WORKSPACE)) {
      void vscode.window.showInformationMessage(
        "unguarded: scanning the whole workspace is not available yet in this version of the server. " +
          "Open files are analysed as you edit them; on the command line, run `unguarded scan .`.",
      );
      return;
    }
    try {
      const result: unknown = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: "unguarded: scanning the workspace",
          cancellable: false,
        },
        () => client.sendRequest(ExecuteCommandRequest.type, { command: SCAN_WORKSPACE, arguments: [] }),
      );
      void vscode.window.showInformationMessage(`unguarded: ${scanSummary(result)}`);
    } catch (error) {
      this.output.error(`workspace scan failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`unguarded: the workspace scan failed: ${String(error)}`);
    }
  }

  /** Both engines on the active editor's file now, as a save would. */
  async scanFile(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage("unguarded: open a Python, JavaScript or TypeScript file to scan it.");
      return;
    }
    await this.start();
    const client = this.client;
    if (!client?.isRunning()) {
      void vscode.window.showWarningMessage("unguarded: the server is not running, so the file cannot be scanned.");
      return;
    }
    if (!commandFeatures.get(client)?.has(SCAN_FILE)) {
      void vscode.window.showInformationMessage(
        "unguarded: scanning one file on demand is not available in this version of the server; save the file instead.",
      );
      return;
    }
    try {
      const result: unknown = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: "unguarded: scanning the file" },
        () =>
          client.sendRequest(ExecuteCommandRequest.type, {
            command: SCAN_FILE,
            arguments: [document.uri.toString()],
          }),
      );
      void vscode.window.showInformationMessage(`unguarded: ${scanFileSummary(result)}`);
    } catch (error) {
      this.output.error(`file scan failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`unguarded: the file scan failed: ${String(error)}`);
    }
  }

  private async showNotFound(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(`unguarded: ${message}`, "Open Install Docs", "Open Settings");
    if (choice === "Open Install Docs") {
      await vscode.env.openExternal(vscode.Uri.parse(INSTALL_DOCS_URL));
    } else if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "unguarded.path");
    }
  }

  dispose(): void {
    this.status.dispose();
  }

  /** The command line in use, for the output channel. */
  get serverCommand(): ServerCommand | undefined {
    return this.server;
  }
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("unguarded", { log: true });
  controller = new ServerController(context, output);
  const current = controller;
  context.subscriptions.push(
    output,
    current,
    vscode.commands.registerCommand("unguarded.showOutput", () => {
      output.show();
    }),
    vscode.commands.registerCommand("unguarded.restartServer", () => current.restart()),
    vscode.commands.registerCommand(SCAN_WORKSPACE, () => current.scanWorkspace()),
    vscode.commands.registerCommand(SCAN_FILE, () => current.scanFile()),
    vscode.workspace.onDidChangeConfiguration((event) => current.onConfigurationChanged(event)),
    // Trust can widen discovery (the Python extension's interpreter).
    vscode.workspace.onDidGrantWorkspaceTrust(() => current.restart()),
  );
  await current.start();
  // A new interpreter in the Python extension matters unless a setting chose the server.
  void onInterpreterChange(() => {
    const source = current.serverCommand?.source;
    if (source !== "unguarded.path" && source !== "unguarded.interpreter") {
      void current.restart();
    }
  }).then((watch) => {
    if (watch) {
      context.subscriptions.push(watch);
    }
  });
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
