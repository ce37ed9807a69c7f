// Command-line flags of the Node.js test programs: --name=value arguments.
'use strict';

// Parses `argv`; flags named in `repeated` collect every value in a list. Throws on an argument
// that is no --name=value, on a missing `required` flag and, when `optional` is given, on a flag
// that is in none of the three lists.
function parseFlags(argv, {required = [], repeated = [], optional = null} = {}) {
  const flags = {};
  for (const name of repeated) flags[name] = [];
  for (const arg of argv) {
    const match = /^--([a-z_]+)=(.*)$/s.exec(arg);
    if (!match) throw new Error(`unexpected argument '${arg}'`);
    if (optional && ![...required, ...repeated, ...optional].includes(match[1])) {
      throw new Error(`unknown flag --${match[1]}`);
    }
    if (repeated.includes(match[1])) flags[match[1]].push(match[2]);
    else flags[match[1]] = match[2];
  }
  for (const name of required) {
    const value = flags[name];
    if (value === undefined || (Array.isArray(value) && !value.length)) {
      throw new Error(`--${name} is required`);
    }
  }
  return flags;
}

module.exports = {parseFlags};
