#!/usr/bin/env bash
# A smoke test of `guifan server` in headless Neovim (not run by CI: it
# needs Neovim, e.g. `apt-get install neovim`; works with 0.7 and later).
#
#   tests/lsp_client/nvim_smoke.sh [GUIFAN_BINARY]
#
# Opens a draft, waits for guifan's diagnostics, applies source.fixAll and
# checks the buffer (the first line reads as a title, so guifan fix also
# drops its final 。), then asks for a hover. Exits non-zero on failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${1:-${GUIFAN_BIN:-$root/target/release/guifan}}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '会议指出,要深入学习(扩大)精神。\n第二行没有问题。\n' > "$work/draft.txt"
cat > "$work/test.lua" <<'LUA'
local work = os.getenv('WORK')
local out = io.open(work .. '/result.txt', 'w')
vim.cmd('edit ' .. work .. '/draft.txt')
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'guifan', cmd = { os.getenv('GUIFAN_BIN'), 'server' }, root_dir = work })
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  out:write(string.format('diagnostic %d:%d %s %s\n', d.lnum, d.col, d.source, d.code or ''))
end
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = {}, only = { 'source.fixAll' } }
for _, r in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000) or {}) do
  for _, action in ipairs(r.result or {}) do
    out:write('action ' .. action.kind .. '\n')
    vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  end
end
out:write('text ' .. table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '|') .. '\n')
local pos = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 0, character = 0 } }
vim.lsp.buf_request_sync(buf, 'textDocument/hover', pos, 20000)
out:write('hover ok\n')
out:close()
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qa!')
LUA

WORK="$work" GUIFAN_BIN="$bin" timeout 120 nvim --headless -u NONE -c "luafile $work/test.lua"
cat "$work/result.txt"
grep -q '^diagnostic 0:12 guifan punctuation/halfwidth-in-cjk$' "$work/result.txt"
grep -q '^action source.fixAll.guifan$' "$work/result.txt"
grep -q '^text 会议指出，要深入学习（扩大）精神|第二行没有问题。$' "$work/result.txt"
grep -q '^hover ok$' "$work/result.txt"
echo "nvim smoke test: 1 passed, 0 failed"
