-- Waits for diagnostics in the current buffer and writes them to RESULT
-- as JSON, for cmd/idemlint/nvim_test.go (after init.lua set up the client).
local buf = vim.api.nvim_get_current_buf()
local result = { filetype = vim.bo[buf].filetype }
result.opened = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
result.diagnostics = vim.diagnostic.get(buf)
local f = assert(io.open(os.getenv("RESULT"), "w"))
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(vim.lsp.get_active_clients(), true)
vim.cmd("qa!")
