// Runs TF.js graph models in Node on TF.js's cpu backend (or --backend=wasm), many per process.
//
// usage: node run_graph_models.js --jobs=jobs.json --summary=summary.jsonl [--node_modules=DIR]
//            [--backend=cpu|wasm]
//        node run_graph_models.js --model=m/model.json --input=x=x.npy --output=y:0 \
//            --output_dir=out [--summary=summary.jsonl] [--node_modules=DIR] [--backend=cpu|wasm]
//   (`bazel run //tools/tfjs:run_graph_models -- ...`: relative paths are relative to
//   BUILD_WORKING_DIRECTORY, where the command was run.)
//
// jobs.json is a list of {id, model, inputs: [{name, file}], outputs: [name], output_dir}.
// Each finished job appends one JSON line to the summary ({id, status, error?, load_ms, run_ms,
// outputs: [{name, dtype, shape, file}]}) as soon as it ends, so a crash loses at most the
// running job. Without --summary the lines go to stdout. Exit status: 0 when every job ran, 1
// when some failed, 2 on bad usage.
'use strict';

const fs = require('fs');
const {loadTfjs, runJob} = require('./graph_model_runner');
const {badCommandLine, printedHelp} = require('./usage');

function parseFlags(argv) {
  const flags = {input: [], output: []};
  for (const arg of argv) {
    const match = /^--([a-z_]+)=(.*)$/s.exec(arg);
    if (!match) throw new Error(`unexpected argument '${arg}'`);
    const [, name, value] = match;
    if (Array.isArray(flags[name])) {
      flags[name].push(value);
    } else if (['jobs', 'model', 'output_dir', 'summary', 'node_modules', 'backend'].includes(name)) {
      flags[name] = value;
    } else {
      throw new Error(`unknown flag --${name}`);
    }
  }
  return flags;
}

function jobsFromFlags(flags) {
  if (flags.jobs !== undefined) {
    if (flags.model !== undefined) throw new Error('--jobs and --model are exclusive');
    const jobs = JSON.parse(fs.readFileSync(flags.jobs, 'utf8'));
    if (!Array.isArray(jobs)) throw new Error(`${flags.jobs}: expected a JSON list of jobs`);
    return jobs;
  }
  if (flags.model === undefined || flags.output_dir === undefined) {
    throw new Error('need --jobs, or --model with --output_dir');
  }
  const inputs = flags.input.map((spec) => {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0) throw new Error(`--input wants NAME=FILE.npy, got '${spec}'`);
    return {name: spec.slice(0, eq), file: spec.slice(eq + 1)};
  });
  return [{id: flags.model, model: flags.model, inputs, outputs: flags.output,
           output_dir: flags.output_dir}];
}

async function main() {
  if (printedHelp(process.argv.slice(2), __filename)) return 0;
  let flags;
  let jobs;
  try {
    flags = parseFlags(process.argv.slice(2));
    jobs = jobsFromFlags(flags);
  } catch (e) {
    return badCommandLine('run_graph_models', e.message);
  }
  const nodeModules = flags.node_modules || process.env.TFJS_NODE_MODULES || '';
  const tfjs = await loadTfjs(nodeModules, flags.backend || 'cpu');
  if (flags.summary) fs.writeFileSync(flags.summary, '');

  let failures = 0;
  for (const job of jobs) {
    const result = await runJob(tfjs, job);
    if (result.status !== 'ok') ++failures;
    const line = JSON.stringify(result) + '\n';
    if (flags.summary) {
      fs.appendFileSync(flags.summary, line);
    } else {
      process.stdout.write(line);
    }
  }
  return failures ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(`run_graph_models: ${e.stack || e}`);
  process.exitCode = 1;
});
