// The status bar item's text for each server state. Pure: no VS Code API.

export type ServerState = "starting" | "running" | "stopped" | "error";

export interface StatusView {
  text: string;
  tooltip: string;
  /** A theme color id for the background, for states that need attention. */
  background?: "statusBarItem.errorBackground" | "statusBarItem.warningBackground";
}

const ICONS: Record<ServerState, string> = {
  starting: "$(loading~spin)",
  running: "$(shield)",
  stopped: "$(circle-slash)",
  error: "$(error)",
};

export function statusView(state: ServerState, detail?: string): StatusView {
  const text = state === "running" ? `${ICONS[state]} unguarded` : `${ICONS[state]} unguarded: ${state}`;
  const lines = [`unguarded: ${state}`];
  if (detail) {
    lines.push(detail);
  }
  lines.push("Click to show the output.");
  const view: StatusView = { text, tooltip: lines.join("\n") };
  if (state === "error") {
    view.background = "statusBarItem.errorBackground";
  } else if (state === "stopped") {
    view.background = "statusBarItem.warningBackground";
  }
  return view;
}
