#!/usr/bin/env node
// Writes ops/tfjs_op_rows.cc, the op-table rows for every op TF.js's graph converter maps, from the
// op lists shipped in the @tensorflow/tfjs-converter npm package. Run by hand, never at build time:
//
//   mkdir -p /tmp/tfjs_ops && cd /tmp/tfjs_ops && npm install @tensorflow/tfjs-converter@4.22.0
//   node ops/gen/gen_tfjs_op_rows.js /tmp/tfjs_ops/node_modules/@tensorflow/tfjs-converter \
//       > ops/tfjs_op_rows.cc
//
// Which op lists count is read from the package too: the ones its OperationMapper imports.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const PARAM_TYPES = {
  'tensor': 'kTensor', 'tensors': 'kTensors',
  'number': 'kNumber', 'number[]': 'kNumbers',
  'bool': 'kBool', 'bool[]': 'kBools',
  'string': 'kString', 'string[]': 'kStrings',
  'dtype': 'kDtype', 'dtype[]': 'kDtypes',
  'shape': 'kShape', 'shape[]': 'kShapes',
  'func': 'kFunc',
};
const MAX_LINE = 100;

// Where a TF.js op list contradicts TF's own op definition, the row follows TF, so this runtime
// reads the input TF means. Each entry names the op, the input and the TF fact.
const CORRECTIONS = [
  {
    op: 'MatrixBandPart', input: 'numUpper', field: 'start', value: 2,
    why: 'TF\'s MatrixBandPart takes (input, num_lower, num_upper); TF.js lists numUpper at 1',
  },
];

function applyCorrections(ops) {
  const notes = [];
  for (const fix of CORRECTIONS) {
    const op = ops.find((candidate) => candidate.tfOpName === fix.op);
    const input = op && (op.inputs || []).find((candidate) => candidate.name === fix.input);
    if (!input) fail(`correction for ${fix.op} input ${fix.input}: no such input`);
    if (input[fix.field] === fix.value) fail(`correction for ${fix.op} is no longer needed`);
    input[fix.field] = fix.value;
    notes.push(`${fix.op}.${fix.input}.${fix.field} = ${fix.value}: ${fix.why}.`);
  }
  return notes;
}

function fail(message) {
  process.stderr.write(`gen_tfjs_op_rows: ${message}\n`);
  process.exit(1);
}

// The op-list module names (e.g. "basic_math") that OperationMapper imports, in import order.
function mapperOpLists(distOperations) {
  const mapperFile = path.join(distOperations, 'operation_mapper.js');
  const source = fs.readFileSync(mapperFile, 'utf8');
  const names = [...source.matchAll(/^import \* as \w+ from '\.\/op_list\/(\w+)';$/gm)]
      .map((match) => match[1]);
  if (names.length === 0) fail(`no op_list imports found in ${mapperFile}`);
  return names;
}

// The `json` array an op_list module exports (the modules are ES modules holding one literal).
function loadOpList(file) {
  const source = fs.readFileSync(file, 'utf8');
  const marker = 'export const json =';
  if (!source.includes(marker)) fail(`${file} has no '${marker}'`);
  const context = {};
  vm.runInNewContext(source.replace(marker, 'this.json ='), context, {filename: file});
  if (!Array.isArray(context.json)) fail(`${file}: json is not an array`);
  return context.json;
}

function cString(text) {
  if (typeof text !== 'string' || !/^[\x20-\x7e]*$/.test(text)) {
    fail(`not a printable ASCII string: ${JSON.stringify(text)}`);
  }
  return JSON.stringify(text);
}

function paramType(type, where) {
  const name = PARAM_TYPES[type];
  if (name === undefined) fail(`${where}: unknown param type '${type}'`);
  return name;
}

// TF.js default values as the table's text form: strings bare, everything else as JSON.
function defaultText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function inputExpr(input, opName) {
  const where = `${opName} input ${input.name}`;
  const type = paramType(input.type, where);
  if (!Number.isInteger(input.start)) fail(`${where}: start is not an integer`);
  if (input.type === 'tensors') {
    if (input.defaultValue !== undefined || input.notSupported) {
      fail(`${where}: a variadic input with a default or notSupported is not representable`);
    }
    // TF.js: end 0 runs to the last input, a negative end counts from the end, none is one input.
    let end;
    if (input.end === undefined) end = 'InputDef::kSingle';
    else if (input.end === 0) end = 'InputDef::kToEnd';
    else if (Number.isInteger(input.end)) end = String(input.end);
    else fail(`${where}: end is not an integer`);
    return `InputRun(${cString(input.name)}, ${input.start}, ${end})`;
  }
  if (input.end !== undefined) fail(`${where}: a single ${input.type} input with an end`);
  const args = [cString(input.name), type, String(input.start)];
  if (input.defaultValue !== undefined || input.notSupported) {
    args.push(input.defaultValue !== undefined ? cString(defaultText(input.defaultValue)) :
                                                 'kNoDefault');
  }
  if (input.notSupported) args.push('kIgnored');
  return `Input(${args.join(', ')})`;
}

function attrExpr(attr, opName) {
  const where = `${opName} attr ${attr.tfName}`;
  const args = [cString(attr.tfName), cString(attr.name), paramType(attr.type, where)];
  if (attr.defaultValue !== undefined || attr.notSupported) {
    args.push(attr.defaultValue !== undefined ? cString(defaultText(attr.defaultValue)) :
                                                'kNoDefault');
  }
  if (attr.notSupported) args.push('kIgnored');
  const expr = `Attr(${args.join(', ')})`;
  return attr.tfDeprecatedName ? `Renamed(${expr}, ${cString(attr.tfDeprecatedName)})` : expr;
}

function listExpr(items) {
  return `{${items.join(', ')}}`;
}

// One op as a TfjsOp(...) call: on one line when it fits, else one input or attr per line.
function opRow(op) {
  const inputs = (op.inputs || []).map((input) => inputExpr(input, op.tfOpName));
  const attrs = (op.attrs || []).map((attr) => attrExpr(attr, op.tfOpName));
  const head = `${cString(op.tfOpName)}, ${cString(op.category)}`;
  const tail = op.outputs ? [listExpr(op.outputs.map(cString))] : [];
  const indent = '    ';
  const oneLine =
      `${indent}TfjsOp(${[head, listExpr(inputs), listExpr(attrs), ...tail].join(', ')}),`;
  if (oneLine.length <= MAX_LINE) return oneLine;
  const argIndent = `${indent}       `;
  const block = (items) => items.length === 0 ?
      '{}' :
      `{${items.join(`,\n${argIndent} `)}}`;
  const parts = [head, block(inputs), block(attrs), ...tail];
  return `${indent}TfjsOp(${parts.join(`,\n${argIndent}`)}),`;
}

function main() {
  const packageDir = process.argv[2];
  if (!packageDir) fail('usage: gen_tfjs_op_rows.js <node_modules/@tensorflow/tfjs-converter>');
  const version = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  const distOperations = path.join(packageDir, 'dist', 'operations');
  const listNames = mapperOpLists(distOperations);

  const ops = [];
  for (const listName of listNames) {
    for (const op of loadOpList(path.join(distOperations, 'op_list', `${listName}.js`))) {
      if (op.category !== listName) {
        fail(`${op.tfOpName} has category '${op.category}' in list '${listName}'`);
      }
      ops.push(op);
    }
  }
  const corrections = applyCorrections(ops);
  ops.sort((a, b) => (a.tfOpName < b.tfOpName ? -1 : a.tfOpName > b.tfOpName ? 1 : 0));
  for (let i = 1; i < ops.length; ++i) {
    if (ops[i].tfOpName === ops[i - 1].tfOpName) fail(`${ops[i].tfOpName} is listed twice`);
  }

  // Op lists the package ships but the mapper does not load: TF.js cannot run their ops.
  const unloaded = fs.readdirSync(path.join(distOperations, 'op_list'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => file.slice(0, -'.js'.length))
      .filter((name) => !listNames.includes(name))
      .map((name) => `${name} (${loadOpList(path.join(distOperations, 'op_list', `${name}.js`))
          .map((op) => op.tfOpName).join(', ')})`);

  const out = [];
  out.push(
      '// GENERATED by ops/gen/gen_tfjs_op_rows.js from @tensorflow/tfjs-converter@' + version +
          '; do not edit.',
      '// Op-table rows for every op in the op lists its OperationMapper loads:',
      ...wrapComment(listNames.join(', ')),
      ...(unloaded.length ?
              ['// Shipped but not loaded by the mapper, so not run by TF.js and not listed here:',
               ...wrapComment(unloaded.join('; '))] :
              []),
      ...(corrections.length ?
              ['// Corrected to match TF\'s op definitions:', ...corrections.flatMap(wrapComment)] :
              []),
      '',
      '#include <vector>',
      '',
      '#include "ops/op_row_builders.h"',
      '#include "ops/op_rows.h"',
      '#include "ops/op_table.h"',
      '',
      'namespace tfjs::ops {',
      '',
      `const int kTfjsOpListCount = ${ops.length};`,
      '',
      'std::vector<OpDef> TfjsOpRows() {',
      '  using namespace row_builders;  // NOLINT(build/namespaces): rows read as data.',
      '  return {',
      ...ops.map(opRow),
      '  };',
      '}',
      '',
      '}  // namespace tfjs::ops',
      '');
  process.stdout.write(out.join('\n'));
  process.stderr.write(`gen_tfjs_op_rows: ${ops.length} ops from ${listNames.length} op lists` +
                       ` of tfjs-converter ${version}\n`);
}

function wrapComment(text) {
  const lines = [];
  let line = '//  ';
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > MAX_LINE && line.trim() !== '//') {
      lines.push(line.trimEnd());
      line = '//  ';
    }
    line += word + ' ';
  }
  lines.push(line.trimEnd());
  return lines;
}

main();
