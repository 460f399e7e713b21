-- Headless end-to-end check of the plugin in a real Neovim, run by tests/test_neovim.py:
--
--   UNGUARDED_TEST_FILE=app.py UNGUARDED_TEST_RESULT=out.json \
--   UNGUARDED_TEST_CMD='["unguarded", "serve"]' \
--   nvim --headless -u NONE -i NONE -n -c "luafile clients/neovim/test/e2e.lua"
--
-- It loads the plugin from this folder's parent, opens the file, waits for unguarded's
-- diagnostics through vim.diagnostic.get, asks for code actions on the first one (and applies
-- the first quick fix when there is one), runs the plugin's commands, and writes everything it
-- saw as JSON to UNGUARDED_TEST_RESULT. The Python test makes the assertions; this script
-- only records, and always exits (with status 1 if it crashed).

local result = { messages = {}, errors = {} }

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " is not set")
  end
  return value
end

local function write_result()
  local file = assert(io.open(env("UNGUARDED_TEST_RESULT"), "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
end

local function plain_diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(list, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      source = d.source,
      code = d.code or lsp.code,
      message = d.message,
    })
  end
  return list
end

local function unguarded_clients()
  return require("unguarded").clients()
end

-- Neovim 0.11 made client functions methods (client:stop()); older ones take no self.
local function call(client, name, ...)
  if vim.fn.has("nvim-0.11") == 1 then
    return client[name](client, ...)
  end
  return client[name](...)
end

local function run()
  -- Record what the plugin tells the user instead of printing it.
  vim.notify = function(message, level)
    table.insert(result.messages, { message = message, level = level })
  end

  local here = debug.getinfo(1, "S").source:sub(2)
  local plugin_dir = vim.fn.fnamemodify(here, ":p:h:h")
  vim.opt.runtimepath:prepend(plugin_dir)
  vim.cmd("filetype on")

  result.nvim_version = tostring(vim.version().major) .. "." .. vim.version().minor .. "." .. vim.version().patch
  result.has_lsp_start = vim.lsp.start ~= nil

  local unguarded = require("unguarded")
  unguarded.setup({
    cmd = vim.fn.json_decode(env("UNGUARDED_TEST_CMD")),
    settings = { debounceMs = 0 },
  })
  result.commands = {
    restart = vim.fn.exists(":UnguardedRestart") == 2,
    scan = vim.fn.exists(":UnguardedScanWorkspace") == 2,
    info = vim.fn.exists(":UnguardedInfo") == 2,
  }

  vim.cmd("edit " .. vim.fn.fnameescape(env("UNGUARDED_TEST_FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local timeout = tonumber(os.getenv("UNGUARDED_TEST_TIMEOUT_MS") or "20000")
  result.got_diagnostics = vim.wait(timeout, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  result.diagnostics = plain_diagnostics(bufnr)
  local clients = unguarded_clients()
  result.client_count = #clients
  if #clients > 0 then
    result.root_dir = clients[1].config.root_dir
    result.offset_encoding = clients[1].offset_encoding
  end

  -- Code actions for the first diagnostic, asked for directly (vim.lsp.buf.code_action
  -- opens a menu, which a headless test cannot answer).
  local original_lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local first = vim.diagnostic.get(bufnr)[1]
  if first ~= nil and #clients > 0 then
    -- Back to an LSP diagnostic (Neovim 0.7 keeps only some fields in user_data.lsp).
    -- Columns are bytes in vim.diagnostic; the test file is ASCII, so they are also UTF-16.
    local lsp_diagnostic = vim.tbl_extend("force", (first.user_data and first.user_data.lsp) or {}, {
      range = {
        start = { line = first.lnum, character = first.col },
        ["end"] = { line = first.end_lnum or first.lnum, character = first.end_col or first.col },
      },
      severity = first.severity,
      message = first.message,
      source = first.source,
      code = first.code or ((first.user_data and first.user_data.lsp) or {}).code,
    })
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = lsp_diagnostic.range,
      context = { diagnostics = { lsp_diagnostic }, only = { "quickfix" } },
    }
    local client = clients[1]
    local capabilities = client.server_capabilities or client.resolved_capabilities or {}
    result.code_action_provider = (capabilities.codeActionProvider or capabilities.code_action) and true or false
    local actions = {}
    if result.code_action_provider then
      local response = call(client, "request_sync", "textDocument/codeAction", params, 10000, bufnr)
      if response == nil or response.err then
        table.insert(result.errors, "codeAction: " .. vim.inspect(response))
      else
        for _, action in ipairs(response.result or {}) do
          table.insert(actions, action)
        end
      end
    end
    result.code_actions = {}
    for _, action in ipairs(actions) do
      table.insert(result.code_actions, {
        title = action.title,
        kind = action.kind,
        preferred = action.isPreferred == true,
        has_edit = action.edit ~= nil,
      })
    end
    -- The fix to apply: the preferred one, else the first edit that is not a suppression.
    local fix = nil
    for _, action in ipairs(actions) do
      if action.isPreferred and action.edit then
        fix = fix or action
      end
    end
    for _, action in ipairs(actions) do
      if action.edit and not tostring(action.title):find("Suppress") then
        fix = fix or action
      end
    end
    if fix ~= nil then
      if fix.edit then
        vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or "utf-16")
      end
      local command = type(fix.command) == "table" and fix.command or (type(fix.command) == "string" and fix or nil)
      if command then
        call(client, "request_sync", "workspace/executeCommand", {
          command = command.command,
          arguments = command.arguments,
        }, 10000, bufnr)
      end
      result.applied_fix = fix.title
      result.cleared_after_fix = vim.wait(timeout, function()
        for _, d in ipairs(vim.diagnostic.get(bufnr)) do
          if (d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) == first.code then
            return false
          end
        end
        return true
      end, 50)
      result.text_after_fix = buffer_text(bufnr)
      result.diagnostics_after_fix = plain_diagnostics(bufnr)
      -- Back to the vulnerable text for the checks below.
      vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, original_lines)
      vim.wait(timeout, function()
        return #vim.diagnostic.get(bufnr) > 0
      end, 50)
    end
  end

  -- :UnguardedScanWorkspace says plainly whether the server offers it.
  local before = #result.messages
  vim.cmd("UnguardedScanWorkspace")
  vim.wait(5000, function()
    return #result.messages > before
  end, 50)
  result.scan_message = result.messages[before + 1] and result.messages[before + 1].message or nil

  -- :UnguardedRestart: a new client comes up and the diagnostics come back.
  local old_ids = {}
  for _, client in ipairs(unguarded_clients()) do
    old_ids[client.id] = true
  end
  vim.cmd("UnguardedRestart")
  result.restarted = vim.wait(timeout, function()
    local current = unguarded_clients()
    if #current == 0 then
      return false
    end
    for _, client in ipairs(current) do
      if old_ids[client.id] or not client.initialized then
        return false
      end
    end
    return vim.lsp.buf_is_attached(bufnr, current[1].id) and #vim.diagnostic.get(bufnr) > 0
  end, 50)
  result.diagnostics_after_restart = plain_diagnostics(bufnr)

  -- Settings changes reach the running server: disabling the rule clears the diagnostic.
  unguarded.set_settings({ debounceMs = 0, disabledRules = { "ssrf" } })
  result.cleared_by_settings = vim.wait(timeout, function()
    return #vim.diagnostic.get(bufnr) == 0
  end, 50)

  for _, client in ipairs(unguarded_clients()) do
    call(client, "stop")
  end
  vim.wait(3000, function()
    return #unguarded_clients() == 0
  end, 50)
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  table.insert(result.errors, tostring(err))
end
local wrote, write_err = pcall(write_result)
if not wrote then
  io.stderr:write("could not write the result: " .. tostring(write_err) .. "\n")
end
vim.cmd(ok and wrote and "qall!" or "cquit! 1")
