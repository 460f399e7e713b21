-- unguarded for Neovim's built-in LSP client.
--
--   require("unguarded").setup({
--     cmd = { "unguarded", "serve" },                -- or { "/path/to/python", "-m", "unguarded", "serve" }
--     filetypes = { "python", "javascript", ... },   -- the default is every language unguarded reads
--     settings = { severity = { ssrf = "warning" } } -- the server's settings (README "Editors")
--   })
--
-- Works on Neovim 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client) and uses
-- vim.lsp.start on 0.8 and later. Commands: :UnguardedRestart, :UnguardedScanWorkspace,
-- :UnguardedInfo.

local M = {}

local NAME = "unguarded"
local SCAN_WORKSPACE = "unguarded.scanWorkspace"

M.defaults = {
  cmd = { "unguarded", "serve" },
  filetypes = { "python", "javascript", "javascriptreact", "typescript", "typescriptreact" },
  -- Settings for the server: enable, run, debounceMs, disabledRules, severity, validators,
  -- sanitizers, maxFileSize. Sent as initializationOptions and didChangeConfiguration.
  settings = {},
  -- The first folder above the file that holds one of these is the workspace root.
  root_markers = {
    ".git",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
    "package.json",
    "tsconfig.json",
    "jsconfig.json",
  },
  -- Optional: function(client, bufnr) called when a buffer is attached.
  on_attach = nil,
  -- Optional: client capabilities (for example from cmp_nvim_lsp).
  capabilities = nil,
}

M.config = nil
-- root_dir -> client id (Neovim 0.7; vim.lsp.start keeps its own table on 0.8+)
local clients_by_root = {}
local warned_missing = false
local augroup = nil

local uv = vim.loop

-- Neovim 0.11 made client functions methods (client:stop()); older ones take no self.
local method_style = vim.fn.has("nvim-0.11") == 1
local function call(client, name, ...)
  if method_style then
    return client[name](client, ...)
  end
  return client[name](...)
end

local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients

local function notify(message, level)
  vim.notify("unguarded: " .. message, level or vim.log.levels.INFO)
end

local function is_dir(path)
  local stat = uv.fs_stat(path)
  return stat ~= nil and stat.type == "directory"
end

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

local function dirname(path)
  local parent = path:match("^(.*)/[^/]*$")
  if parent == nil or parent == "" then
    return "/"
  end
  return parent
end

--- The nearest ancestor folder of `path` that holds a root marker, else the file's folder.
function M.find_root(path, markers)
  local start = is_dir(path) and path or dirname(path)
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if exists(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local function contains(list, value)
  for _, item in ipairs(list) do
    if item == value then
      return true
    end
  end
  return false
end

local function server_settings()
  return { unguarded = M.config.settings or {} }
end

--- Every running unguarded client.
function M.clients()
  local found = {}
  for _, client in pairs(get_clients()) do
    if client.name == NAME then
      table.insert(found, client)
    end
  end
  return found
end

local function client_config(root_dir)
  local config = M.config
  return {
    name = NAME,
    cmd = config.cmd,
    root_dir = root_dir,
    workspace_folders = {
      { uri = vim.uri_from_fname(root_dir), name = root_dir },
    },
    init_options = server_settings(),
    -- Neovim sends these with workspace/didChangeConfiguration once the server is up, and
    -- answers workspace/configuration requests from them.
    settings = server_settings(),
    capabilities = config.capabilities,
    on_attach = config.on_attach,
    on_exit = function(_, _, client_id)
      for root, id in pairs(clients_by_root) do
        if id == client_id then
          clients_by_root[root] = nil
        end
      end
    end,
  }
end

local function cmd_available()
  local executable = M.config.cmd[1]
  if vim.fn.executable(executable) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    notify(
      ("the server command %q was not found. Install it with `pip install unguarded`, or pass "
        .. "cmd = { '/path/to/unguarded', 'serve' } to require('unguarded').setup(). "
        .. "See https://github.com/unguarded/unguarded#install-and-run"):format(executable),
      vim.log.levels.ERROR
    )
  end
  return false
end

--- Start (or reuse) the client for the buffer's workspace and attach the buffer.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if M.config == nil or not vim.api.nvim_buf_is_valid(bufnr) then
    return nil
  end
  if not contains(M.config.filetypes, vim.bo[bufnr].filetype) then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or vim.bo[bufnr].buftype ~= "" then
    return nil -- unnamed and special buffers are not files the server can place
  end
  if not cmd_available() then
    return nil
  end
  local root_dir = M.find_root(name, M.config.root_markers)

  if vim.lsp.start ~= nil then -- Neovim 0.8+: reuses a client with the same name and root
    return vim.lsp.start(client_config(root_dir), { bufnr = bufnr })
  end

  local client_id = clients_by_root[root_dir]
  if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client(client_config(root_dir))
    if client_id == nil then
      notify("could not start " .. table.concat(M.config.cmd, " "), vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[root_dir] = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  return client_id
end

local function matching_buffers()
  local buffers = {}
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      table.insert(buffers, bufnr)
    end
  end
  return buffers
end

--- Stop every unguarded client, then attach the open buffers again.
function M.restart()
  local running = M.clients()
  for _, client in ipairs(running) do
    call(client, "stop")
  end
  clients_by_root = {}
  local function all_stopped()
    for _, client in ipairs(running) do
      if not call(client, "is_stopped") then
        return false
      end
    end
    return true
  end
  local attempts = 0
  local timer = uv.new_timer()
  timer:start(
    50,
    50,
    vim.schedule_wrap(function()
      attempts = attempts + 1
      if not all_stopped() and attempts < 100 then
        return
      end
      if not all_stopped() then
        for _, client in ipairs(running) do
          call(client, "stop", true) -- force after 5 s
        end
      end
      timer:stop()
      timer:close()
      for _, bufnr in ipairs(matching_buffers()) do
        M.attach(bufnr)
      end
      notify("server restarted")
    end)
  )
end

local function server_commands(client)
  local capabilities = client.server_capabilities or client.resolved_capabilities or {}
  local provider = capabilities.executeCommandProvider or capabilities.execute_command
  if type(provider) == "table" and type(provider.commands) == "table" then
    return provider.commands
  end
  return {}
end

--- Ask the server to analyse the whole workspace, when it offers that command.
function M.scan_workspace()
  local running = M.clients()
  if #running == 0 then
    notify("the server is not running: open a file it analyses first", vim.log.levels.WARN)
    return
  end
  for _, client in ipairs(running) do
    if not contains(server_commands(client), SCAN_WORKSPACE) then
      notify(
        "scanning the whole workspace is not available yet in this version of the server; "
          .. "open files are analysed as you edit them (on the command line: unguarded scan .)",
        vim.log.levels.WARN
      )
      return
    end
    call(client, "request", "workspace/executeCommand", { command = SCAN_WORKSPACE, arguments = {} }, function(err)
      if err then
        notify("workspace scan failed: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      else
        notify("workspace scan finished (see :lua vim.diagnostic.setqflist())")
      end
    end)
  end
end

--- Replace the server settings and send them to every running client.
function M.set_settings(settings)
  M.config.settings = settings or {}
  for _, client in ipairs(M.clients()) do
    client.config.settings = server_settings()
    call(client, "notify", "workspace/didChangeConfiguration", { settings = server_settings() })
  end
end

local function info()
  local lines = { "unguarded: cmd = " .. table.concat(M.config.cmd, " ") }
  local running = M.clients()
  if #running == 0 then
    table.insert(lines, "no client running")
  end
  for _, client in ipairs(running) do
    local commands = table.concat(server_commands(client), ", ")
    table.insert(lines, ("client %d, root %s, server commands: %s"):format(client.id, client.config.root_dir or "?", commands))
  end
  vim.notify(table.concat(lines, "\n"), vim.log.levels.INFO)
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  -- Lists are replaced, not merged by index.
  if opts and opts.filetypes then
    M.config.filetypes = opts.filetypes
  end
  if opts and opts.cmd then
    M.config.cmd = opts.cmd
  end
  warned_missing = false

  augroup = vim.api.nvim_create_augroup("unguarded", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = augroup,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })

  vim.api.nvim_create_user_command("UnguardedRestart", M.restart, { desc = "Restart the unguarded server" })
  vim.api.nvim_create_user_command("UnguardedScanWorkspace", M.scan_workspace, {
    desc = "Analyse the whole workspace with unguarded",
  })
  vim.api.nvim_create_user_command("UnguardedInfo", info, { desc = "Show the unguarded clients" })

  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(matching_buffers()) do
    M.attach(bufnr)
  end
end

return M
