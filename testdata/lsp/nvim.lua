-- Drives Neovim's built-in LSP client (0.7+) against `idemlint lsp`, for
-- cmd/idemlint/nvim_test.go:
--
--   IDEMLINT=/path/to/idemlint SCHEMA=/tmp/x/schema.prisma RESULT=/tmp/out.json \
--     nvim --headless -u NONE -c 'luafile testdata/lsp/nvim.lua'
--
-- It opens SCHEMA, waits for idemlint's diagnostics, asks for the code
-- actions at the first one, applies the last action's edit (unsaved, as a
-- user would from the menu), waits for the diagnostics to clear, and
-- writes what it saw to RESULT as JSON. It never fails by itself: the Go
-- test reads RESULT and decides.
local result = { steps = {} }
local function step(s) table.insert(result.steps, s) end

local function finish()
  local f = assert(io.open(os.getenv("RESULT"), "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.lsp.stop_client(vim.lsp.get_active_clients(), true)
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = "idemlint",
    cmd = { os.getenv("IDEMLINT"), "lsp" },
    root_dir = vim.fn.fnamemodify(os.getenv("SCHEMA"), ":h"),
  })
  if not client_id then
    step("start_client failed")
    return
  end
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("SCHEMA")))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  result.opened = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  result.diagnostics = vim.diagnostic.get(buf)
  local d = result.diagnostics[1]
  if not d then
    step("no diagnostics")
    return
  end

  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.lnum, character = d.col } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  result.actions = {}
  for _, r in pairs(responses) do
    for _, a in ipairs(r.result or {}) do
      table.insert(result.actions, a)
    end
  end
  local last = result.actions[#result.actions]
  if not last then
    step("no code actions")
    return
  end
  vim.lsp.util.apply_workspace_edit(last.edit, "utf-16")
  result.fixed_line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  result.cleared = vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  result.after = vim.diagnostic.get(buf)
  result.modified = vim.api.nvim_buf_get_option(buf, "modified")
end)
if not ok then
  step("error: " .. tostring(err))
end
finish()
