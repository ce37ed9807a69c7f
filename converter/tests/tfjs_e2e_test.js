// End-to-end compatibility test: converts every in-scope case with //converter:converter, runs
// the result in real TF.js 4.22 (Node.js, cpu backend) and compares with TensorFlow's outputs.
//
//   node tfjs_e2e_test.js --converter=BIN --pbtxt_to_pb=BIN --runner=run_graph_models.js
//       --node_modules=DIR --known_failures=FILE --cases=DIR [--cases=DIR]... [--work_dir=DIR]
//       [--filter=REGEX] [--report=FILE] [--job_timeout_seconds=N] [--parallel=N]
//
// Prints PASS/FAIL/XFAIL per case and totals. Fails on any failure not listed in the
// known-failures file, on listed cases that now pass, and on listed ids that are not run.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const {findCaseDirs, loadCase, outOfScopeReason, readKnownFailures, tfjsOps} = require('./cases');
const {checkOutputs, jobFor, runInTfjs, tail} = require('./tfjs_jobs');
const {parseFlags} = require('./flags');

const CONVERT_TIMEOUT_MS = 120 * 1000;

function parseTestFlags(argv) {
  const flags = parseFlags(argv, {
    required: ['converter', 'pbtxt_to_pb', 'runner', 'node_modules', 'known_failures', 'cases'],
    repeated: ['cases'],
  });
  flags.parallel = flags.parallel || '2';
  flags.job_timeout_seconds = flags.job_timeout_seconds || '120';
  flags.work_dir = flags.work_dir || process.env.TEST_TMPDIR || fs.mkdtempSync('/tmp/tfjs_e2e-');
  return flags;
}

function runProcess(file, args, timeoutMs) {
  return new Promise((resolve) => {
    childProcess.execFile(file, args, {timeout: timeoutMs, maxBuffer: 64 << 20},
                          (error, stdout, stderr) => {
                            const code = error ? (error.killed ? 'timeout' : error.code) : 0;
                            resolve({code, stdout, stderr});
                          });
  });
}

async function mapConcurrently(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const lanes = Array.from({length: Math.min(limit, items.length)}, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

// Frozen graphs: frozen_model.pb, or the .pbtxt twin made binary when only that exists.
async function frozenGraphFile(testCase, caseWork, flags) {
  const pb = path.join(testCase.dir, 'frozen_model.pb');
  if (fs.existsSync(pb)) return pb;
  const made = path.join(caseWork, 'frozen_model.pb');
  const result = await runProcess(
      flags.pbtxt_to_pb,
      ['--message=tensorflow.GraphDef', path.join(testCase.dir, 'frozen_model.pbtxt'), made],
      CONVERT_TIMEOUT_MS);
  if (result.code !== 0) throw new Error(`pbtxt_to_pb failed: ${tail(result.stderr)}`);
  return made;
}

function unique(values) {
  return [...new Set(values)];
}

// Converts one case into <work>/<id>/tfjs; returns the model.json path.
async function convert(testCase, flags) {
  const caseWork = path.join(flags.work_dir, testCase.id);
  const outDir = path.join(caseWork, 'tfjs');
  fs.rmSync(caseWork, {recursive: true, force: true});
  fs.mkdirSync(caseWork, {recursive: true});
  let args;
  if (testCase.format === 'tf_saved_model') {
    args = ['--input_format=tf_saved_model',
            `--saved_model_tags=${testCase.saved_model.tags}`,
            `--signature_name=${testCase.saved_model.signature}`,
            ...(testCase.converter_flags || []), path.join(testCase.dir, 'saved_model'), outDir];
  } else {
    const outputNodes = unique(testCase.outputs.map((o) => o.name));
    args = ['--input_format=tf_frozen_model', `--output_node_names=${outputNodes.join(',')}`,
            ...(testCase.converter_flags || []),
            await frozenGraphFile(testCase, caseWork, flags), outDir];
  }
  const result = await runProcess(flags.converter, args, CONVERT_TIMEOUT_MS);
  fs.writeFileSync(path.join(caseWork, 'converter.log'),
                   `converter ${args.join(' ')}\nexit: ${result.code}\n${result.stdout}${result.stderr}`);
  if (result.code !== 0) {
    throw new Error(`converter exit ${result.code}: ${tail(result.stderr || result.stdout)}`);
  }
  const modelJson = path.join(outDir, 'model.json');
  if (!fs.existsSync(modelJson)) throw new Error(`converter succeeded but wrote no ${modelJson}`);
  return modelJson;
}

async function main() {
  const flags = parseTestFlags(process.argv.slice(2));
  const known = readKnownFailures(flags.known_failures);
  const filter = flags.filter ? new RegExp(flags.filter) : null;
  const supportedOps = tfjsOps(flags.node_modules);

  const cases = flags.cases.flatMap(findCaseDirs).map(loadCase)
      .filter((c) => !filter || filter.test(c.id));
  const outOfScope = new Map();
  const inScope = [];
  for (const testCase of cases) {
    const reason = outOfScopeReason(testCase, supportedOps);
    if (reason) outOfScope.set(testCase.id, reason);
    else inScope.push(testCase);
  }
  console.log(`${cases.length} cases found, ${inScope.length} in scope ` +
              `(TF.js 4.22 runs all their ops and references are stored)`);

  const verdicts = new Map();  // id -> null (pass) or failure message
  const started = Date.now();
  const converted = await mapConcurrently(inScope, Number(flags.parallel), async (testCase) => {
    try {
      return {testCase, modelJson: await convert(testCase, flags)};
    } catch (e) {
      verdicts.set(testCase.id, `conversion: ${e.message}`);
      return null;
    }
  });
  const ready = converted.filter(Boolean);
  console.log(`converted ${ready.length}/${inScope.length} in ${Date.now() - started} ms`);

  const tfjsStart = Date.now();
  const results = await runInTfjs(ready.map(({testCase, modelJson}) => jobFor(
      testCase, modelJson, path.join(flags.work_dir, testCase.id, 'tfjs_outputs'))), flags);
  console.log(`ran ${results.size} models in TF.js in ${Date.now() - tfjsStart} ms`);
  for (const {testCase} of ready) {
    let verdict;
    try {
      verdict = checkOutputs(testCase, results.get(testCase.id));
    } catch (e) {
      verdict = `comparison: ${e.message}`;
    }
    verdicts.set(testCase.id, verdict);
  }

  const tally = {pass: 0, fail: 0, xfail: 0, xpass: 0};
  const report = [];
  for (const testCase of inScope) {
    const failure = verdicts.get(testCase.id);
    const knownReason = known.get(testCase.id);
    let status;
    if (failure === null) status = knownReason ? 'xpass' : 'pass';
    else status = knownReason ? 'xfail' : 'fail';
    ++tally[status];
    report.push({id: testCase.id, status, failure, known: knownReason});
    if (status === 'pass') console.log(`PASS  ${testCase.id}`);
    if (status === 'fail') console.log(`FAIL  ${testCase.id}: ${failure}`);
    if (status === 'xfail') console.log(`XFAIL ${testCase.id}: ${failure}\n      known: ${knownReason}`);
    if (status === 'xpass') console.log(`XPASS ${testCase.id}: passes now; remove it from known failures`);
  }
  const inScopeIds = new Set(inScope.map((c) => c.id));
  const stale = [...known.keys()].filter((id) => !inScopeIds.has(id) && (!filter || filter.test(id)));
  for (const id of stale) {
    console.log(`STALE ${id}: listed in known failures but ${outOfScope.get(id) || 'no such case'}`);
  }

  const scopeReasons = {};
  for (const reason of outOfScope.values()) {
    const key = reason.replace(/^(ops|dtypes) TF\.js lacks: .*/, '$1 TF.js lacks');
    scopeReasons[key] = (scopeReasons[key] || 0) + 1;
  }
  console.log(`\nTOTAL ${inScope.length} in scope: ${tally.pass} passed, ${tally.fail} failed, ` +
              `${tally.xfail} known failures, ${tally.xpass} unexpectedly passed; ` +
              `${outOfScope.size} out of scope ${JSON.stringify(scopeReasons)}`);

  const reportFile = flags.report ||
      (process.env.TEST_UNDECLARED_OUTPUTS_DIR &&
       path.join(process.env.TEST_UNDECLARED_OUTPUTS_DIR, 'tfjs_e2e_report.json'));
  if (reportFile) {
    fs.writeFileSync(reportFile, JSON.stringify({tally, cases: report,
                                                 out_of_scope: Object.fromEntries(outOfScope)}, null, 1));
  }
  return tally.fail || tally.xpass || stale.length ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(`tfjs_e2e_test: ${e.stack || e}`);
  process.exitCode = 2;
});
