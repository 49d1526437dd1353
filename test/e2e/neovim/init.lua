-- Neovim 0.7 (Debian) as a second LSP client of the ScaleLint server, for test/e2e/neovim.test.ts.
-- It starts `node server.js --stdio` for YAML buffers, waits for the diagnostics, asks for the code
-- actions of the first one, writes what it got as JSON to $SCALELINT_OUT and quits (exit 1 on a timeout).
local node = os.getenv('SCALELINT_NODE') or 'node'
local server = assert(os.getenv('SCALELINT_SERVER'), 'SCALELINT_SERVER is not set')
local out = assert(os.getenv('SCALELINT_OUT'), 'SCALELINT_OUT is not set')
local root = assert(os.getenv('SCALELINT_ROOT'), 'SCALELINT_ROOT is not set')

local client_id
local log = {}
local last_change = 0

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    client_id = client_id or vim.lsp.start_client({
      name = 'scalelint',
      cmd = { node, server, '--stdio' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
      on_exit = function(code) table.insert(log, 'server exited with ' .. tostring(code)) end,
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function() last_change = vim.loop.now() end,
})

local function write(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local got = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20)
    -- The server may publish again (the workspace index completes the lint set): wait for a quiet spell.
    vim.wait(5000, function() return vim.loop.now() - last_change > 400 end, 20)
    local diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      table.insert(diagnostics, {
        code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, source = d.source, message = d.message,
      })
    end
    table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
    local actions = {}
    if got then
      local first = vim.lsp.diagnostic.get_line_diagnostics(0, diagnostics[1].lnum)
      local params = vim.lsp.util.make_range_params()
      params.range = first[1].range
      params.context = { diagnostics = first }
      local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000) or {}
      for _, response in pairs(responses) do
        for _, action in ipairs(response.result or {}) do
          table.insert(actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred or false })
        end
      end
    end
    write({ got = got, diagnostics = diagnostics, actions = actions, log = log })
    vim.cmd(got and 'qa!' or 'cq')
  end,
})
