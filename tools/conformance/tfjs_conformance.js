// The --tfjs half of //tools:conformance: runs the models the tool converted in real TF.js 4.22
// (converter/tests' harness: scope rules, run_graph_models.js workers, compare.js, known
// failures) and writes each case's TF.js outcome.
//
// usage: node tfjs_conformance.js --cases=FILE --runner=run_graph_models.js --node_modules=DIR
//            --known_failures=FILE --work_dir=DIR --out=FILE [--job_timeout_seconds=120]
// //tools:conformance --tfjs runs it with absolute paths (BUILD_WORKING_DIRECTORY already applied).
// Exit status: 0 done, 1 failed, 2 bad command line.
//
// --cases is a JSON list of {dir, model_json, convert_error, plain_model_json,
// plain_convert_error}: a corpus case directory, the model.json converted from it with
// --op_target=tfjs, the conversion's error ("" if none), and the same with --tfjs_rewrites=false.
// --out receives {<case id>: {status, reason, without_rewrites}} with status "pass", "fail",
// "known_failure" (reason: what differs, then the listed reason) or "out_of_scope", and for
// cases in scope without_rewrites: {status: "pass" | "fail", reason}.
'use strict';

const fs = require('fs');
const path = require('path');
const {loadCase, outOfScopeReason, readKnownFailures, tfjsOps} = require(
    '../../converter/tests/cases');
const {checkOutputs, jobFor, runInTfjs} = require('../../converter/tests/tfjs_jobs');
const {parseFlags} = require('../../converter/tests/flags');
const {badCommandLine, printedHelp} = require('../tfjs/usage');

async function main() {
  const argv = process.argv.slice(2);
  if (printedHelp(argv, __filename)) return 0;
  let flags;
  try {
    flags = parseFlags(argv, {
      required: ['cases', 'runner', 'node_modules', 'known_failures', 'work_dir', 'out'],
      optional: ['job_timeout_seconds'],
    });
  } catch (e) {
    return badCommandLine('tfjs_conformance', e.message);
  }
  flags.job_timeout_seconds = flags.job_timeout_seconds || '120';
  const known = readKnownFailures(flags.known_failures);
  const supportedOps = tfjsOps(flags.node_modules);
  const outcomes = {};
  const jobs = [];
  const plainJobs = [];
  const inScope = [];
  const convertErrors = new Map();
  const plainConvertErrors = new Map();
  const entries = JSON.parse(fs.readFileSync(flags.cases, 'utf8'));
  for (const {dir, model_json: modelJson, convert_error: convertError,
    plain_model_json: plainModelJson, plain_convert_error: plainConvertError} of entries) {
    const testCase = loadCase(dir);
    const reason = outOfScopeReason(testCase, supportedOps);
    if (reason) {
      outcomes[testCase.id] = {status: 'out_of_scope', reason};
      continue;
    }
    inScope.push(testCase);
    if (plainConvertError) {
      plainConvertErrors.set(testCase.id, `conversion: ${plainConvertError}`);
    } else {
      plainJobs.push(jobFor(
          testCase, plainModelJson, path.join(flags.work_dir, testCase.id, 'tfjs_plain_outputs')));
    }
    if (convertError) {
      convertErrors.set(testCase.id, `conversion: ${convertError}`);
      continue;
    }
    jobs.push(jobFor(testCase, modelJson, path.join(flags.work_dir, testCase.id, 'tfjs_outputs')));
  }
  console.log(`running ${jobs.length} cases in TF.js 4.22`);
  const results = await runInTfjs(jobs, flags);
  console.log(`running ${plainJobs.length} cases converted with --tfjs_rewrites=false`);
  const plainResults = await runInTfjs(plainJobs, flags);
  for (const testCase of inScope) {
    let plainFailure = plainConvertErrors.get(testCase.id) || null;
    try {
      if (!plainFailure) plainFailure = checkOutputs(testCase, plainResults.get(testCase.id));
    } catch (e) {
      plainFailure = `comparison: ${e.message}`;
    }
    const withoutRewrites = plainFailure === null ? {status: 'pass', reason: ''} :
        {status: 'fail', reason: plainFailure};
    let failure = convertErrors.get(testCase.id) || null;
    try {
      if (!failure) failure = checkOutputs(testCase, results.get(testCase.id));
    } catch (e) {
      failure = `comparison: ${e.message}`;
    }
    const knownReason = known.get(testCase.id);
    if (failure === null) {
      outcomes[testCase.id] = {status: 'pass', reason: knownReason ?
          `passes, though known_failures.txt lists it: ${knownReason}` : ''};
    } else if (knownReason) {
      outcomes[testCase.id] = {status: 'known_failure', reason: `${failure} (known: ${knownReason})`};
    } else {
      outcomes[testCase.id] = {status: 'fail', reason: failure};
    }
    outcomes[testCase.id].without_rewrites = withoutRewrites;
  }
  fs.writeFileSync(flags.out, JSON.stringify(outcomes, null, 1));
  return 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(`tfjs_conformance: ${e.stack || e}`);
  process.exitCode = 1;
});
