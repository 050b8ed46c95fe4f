/*
 * Run by npm before `start`, `test` and `build` (package.json pre-scripts): on a Node older than
 * the project needs, one line saying what to install, instead of a stack trace from deep inside
 * Astro, Vite or tsx. Plain ES5 CommonJS so that it runs on any Node a newcomer may have.
 *
 *   node functions/node/require-node.cjs [version]    # the version to judge; default: this Node's
 */
'use strict';

var NEEDED = [22, 12, 0];

function parse(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  var out = [];
  for (var i = 0; i < 3; i++) {
    var n = parseInt(parts[i] || '0', 10);
    out.push(isNaN(n) ? 0 : n);
  }
  return out;
}

function atLeast(have, need) {
  for (var i = 0; i < 3; i++) {
    if (have[i] !== need[i]) return have[i] > need[i];
  }
  return true;
}

var version = process.argv[2] || process.versions.node;
if (!atLeast(parse(version), NEEDED)) {
  var needed = NEEDED[0] + '.' + NEEDED[1];
  console.error(
    '邻里 Linli 需要 Node.js ≥ ' +
      needed +
      '，当前是 v' +
      String(version).replace(/^v/, '') +
      '：请安装 Node 24 LTS（https://nodejs.org/），或在本目录运行 `. .ci/node24.sh`。' +
      ' (Linli needs Node.js >= ' +
      needed +
      '; install Node 24 LTS or run `. .ci/node24.sh`)',
  );
  process.exit(1);
}
