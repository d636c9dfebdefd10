-- idemlint lsp in Neovim (0.7 or later): the README's configuration.
-- cmd/idemlint/nvim_test.go runs Neovim with exactly this file as init.lua.
vim.filetype.add({ extension = { prisma = "prisma" } }) -- Neovim 0.7 does not know .prisma
local client
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "prisma", "sql" },
  callback = function(ev)
    client = client or vim.lsp.start_client({ name = "idemlint", cmd = { "idemlint", "lsp" } })
    vim.lsp.buf_attach_client(ev.buf, client)
  end,
})
