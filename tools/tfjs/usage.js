// --help / -h and bad command lines for the Node.js tools: a tool's usage is its leading comment
// block, which names its flags and exit statuses.
'use strict';

const fs = require('fs');

// The comment lines at the top of `file` (after a #! line), without their "//" and one space.
function usage(file) {
  const lines = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#!')) continue;
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return `${lines.join('\n')}\n`;
}

// True, after printing `file`'s usage to stdout, when `argv` holds --help or -h.
function printedHelp(argv, file) {
  if (!argv.includes('--help') && !argv.includes('-h')) return false;
  process.stdout.write(usage(file));
  return true;
}

// Reports a bad command line on stderr; returns the exit status for it, 2.
function badCommandLine(tool, message) {
  console.error(`${tool}: ${message} (--help for usage)`);
  return 2;
}

module.exports = {badCommandLine, printedHelp, usage};
