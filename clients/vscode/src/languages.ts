// The VS Code language ids the server analyses (`language_for_path` in the server).

export const LANGUAGES = ["python", "javascript", "javascriptreact", "typescript", "typescriptreact"] as const;
