// Running converted cases in real TF.js 4.22 and checking the outputs, shared by the end-to-end
// test and //tools:conformance --tfjs: one job per case, run in run_graph_models.js workers.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const {readNpy} = require('../../tools/tfjs/npy');
const {compareOutput} = require('./compare');

const LOG_TAIL_CHARS = 600;

// The end of a process log, short enough for a one-line reason.
function tail(text) {
  const trimmed = String(text || '').trim();
  return trimmed.length > LOG_TAIL_CHARS ? '...' + trimmed.slice(-LOG_TAIL_CHARS) : trimmed;
}

// The TF.js call for a case: SavedModels by signature key (as TF.js users call them), frozen
// graphs by tensor name. Only outputs with stored references are fetched.
function jobFor(testCase, modelJson, outputDir) {
  const bySignature = testCase.format === 'tf_saved_model';
  const compared = testCase.outputs.filter((o) => o.file);
  return {
    id: testCase.id,
    model: modelJson,
    inputs: testCase.inputs.map((i) => ({
      name: bySignature ? i.key : i.tensor,
      file: path.join(testCase.dir, i.file),
    })),
    outputs: compared.map((o) => (bySignature ? o.key : o.tensor)),
    output_dir: outputDir,
  };
}

// Runs the jobs in run_graph_models.js worker processes (`options`: work_dir for job files and
// logs, runner = run_graph_models.js, node_modules, job_timeout_seconds). A worker that stalls
// past the job timeout or dies is replaced, the job it was on is recorded as failed, and the
// rest go on.
async function runInTfjs(jobs, options) {
  const results = new Map();
  let pending = jobs.slice();
  let attempt = 0;
  while (pending.length) {
    const jobsFile = path.join(options.work_dir, `jobs.${attempt}.json`);
    const summary = path.join(options.work_dir, `summary.${attempt}.jsonl`);
    ++attempt;
    fs.writeFileSync(jobsFile, JSON.stringify(pending));
    fs.writeFileSync(summary, '');
    const stderrLog = path.join(options.work_dir, `worker.${attempt}.log`);
    const log = fs.openSync(stderrLog, 'w');
    const worker = childProcess.spawn(
        process.execPath,
        [options.runner, `--jobs=${jobsFile}`, `--summary=${summary}`,
         `--node_modules=${options.node_modules}`],
        {stdio: ['ignore', log, log]});
    let lastSize = 0;
    let lastProgress = Date.now();
    let stalled = false;
    const watchdog = setInterval(() => {
      const size = fs.statSync(summary).size;
      if (size !== lastSize) {
        lastSize = size;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > Number(options.job_timeout_seconds) * 1000) {
        stalled = true;
        worker.kill('SIGKILL');
      }
    }, 500);
    await new Promise((resolve) => worker.on('exit', resolve));
    clearInterval(watchdog);
    fs.closeSync(log);

    const lines = fs.readFileSync(summary, 'utf8').split('\n').filter((l) => l.trim());
    for (const line of lines) {
      const result = JSON.parse(line);
      results.set(result.id, result);
    }
    pending = pending.filter((job) => !results.has(job.id));
    if (pending.length) {
      const lost = pending.shift();
      const why = stalled ? `no result within ${options.job_timeout_seconds}s` :
          `TF.js worker died: ${tail(fs.readFileSync(stderrLog, 'utf8'))}`;
      results.set(lost.id, {id: lost.id, status: 'error', error: why, outputs: []});
    }
  }
  return results;
}

// null when every compared output matches, else what went wrong.
function checkOutputs(testCase, tfjsResult) {
  if (tfjsResult.status !== 'ok') return `TF.js: ${tfjsResult.error}`;
  const compared = testCase.outputs.filter((o) => o.file);
  const problems = [];
  compared.forEach((output, i) => {
    const expected = readNpy(path.join(testCase.dir, output.file));
    const actual = readNpy(tfjsResult.outputs[i].file);
    const problem = compareOutput(expected, actual, output.dtype);
    if (problem) problems.push(`${output.key || output.tensor}: ${problem}`);
  });
  return problems.length ? problems.join('; ') : null;
}

module.exports = {checkOutputs, jobFor, runInTfjs, tail};
