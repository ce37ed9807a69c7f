# The frozen graphs --output_format=tf_frozen_model writes for the @vladmandic/human models, loaded
# in Debian's OpenCV dnn (python3-opencv) and run on the same pseudo-random inputs as the native
# runtime (run_graph_model on the model.json): each model's outcome must be at least what
# opencv_dnn_expected.txt records ("matches": OpenCV loads and runs it and every output is within
# 1e-3 of ours relative to the output's largest magnitude; "loads": it runs but differs or fails
# on an op; "fails": it does not load).
#
# usage: opencv_dnn_test.py CONVERTER RUN_GRAPH_MODEL MODELS_DIR EXPECTED WORK_DIR PROTO_ROOT
# (PROTO_ROOT holds proto/graph.proto, for protoc to print the exported graph).
import json
import multiprocessing
import os
import re
import subprocess
import sys

import cv2
import numpy as np

RANK = {'fails': 0, 'loads': 1, 'matches': 2}
TOLERANCE = 1e-3


def placeholder_inputs(model_json, rng):
    """One array per Placeholder: its shape with free dims 1 (batch) or 256, values in [0, 1)
    (floats) or [0, 255) (integers)."""
    feeds = {}
    for node in model_json['modelTopology']['node']:
        if node['op'] != 'Placeholder':
            continue
        attr = node.get('attr', {})
        dims = [int(d.get('size', 1)) for d in attr.get('shape', {}).get('shape', {}).get('dim', [])]
        dims = [(1 if i == 0 else 256) if d < 0 else d for i, d in enumerate(dims)]
        values = rng.random(dims, dtype=np.float32)
        dtype = {'DT_FLOAT': np.float32, 'DT_INT32': np.int32, 'DT_UINT8': np.uint8}[attr['dtype']['type']]
        feeds[node['name']] = values if dtype == np.float32 else (values * 255).astype(dtype)
    return feeds


def exported_nodes(pb, proto_root):
    """{name: {'op', 'input'}} of the GraphDef in `pb`, as protoc prints it."""
    text = subprocess.run(['protoc', '--decode=tensorflow.GraphDef', f'-I{proto_root}',
                           '-I/usr/include', 'proto/graph.proto'], stdin=open(pb, 'rb'),
                          capture_output=True, check=True).stdout.decode()
    nodes = {}
    for block in text.split('\nnode {')[1:]:
        name = re.search(r'^  name: "(.*)"$', block, re.M).group(1)
        nodes[name] = {'op': re.search(r'^  op: "(.*)"$', block, re.M).group(1),
                       'input': re.findall(r'^  input: "(.*)"$', block, re.M)}
    return nodes


def layer_of(output, nodes, layers):
    """OpenCV's layer computing `output` ("node" or "node:0"): OpenCV drops Identity nodes and
    merges a BiasAdd into the convolution or matmul before it, so their inputs stand for them."""
    name = output.split(':')[0]
    while name not in layers and name in nodes and nodes[name]['op'] in ('Identity', 'BiasAdd'):
        name = nodes[name]['input'][0].split(':')[0]
    return name


def run_opencv(pb, feeds, outputs, nodes, out_dir):
    """In a child process (OpenCV crashes on some graphs): outputs as out_dir/<i>.npy, or the
    error in out_dir/error.txt. OpenCV takes and gives 4-D tensors as NCHW."""
    def child():
        try:
            net = cv2.dnn.readNetFromTensorflow(pb)
            for name, x in feeds.items():
                net.setInput(np.ascontiguousarray(x.transpose(0, 3, 1, 2)) if x.ndim == 4 else x, name)
            layers = set(net.getLayerNames())
            for i, y in enumerate(net.forward([layer_of(o, nodes, layers) for o in outputs])):
                np.save(os.path.join(out_dir, f'{i}.npy'), y.transpose(0, 2, 3, 1) if y.ndim == 4 else y)
        except Exception as e:  # cv2.error and protobuf CHECK failures
            with open(os.path.join(out_dir, 'error.txt'), 'w') as f:
                f.write(str(e).strip().splitlines()[-1])
            os._exit(1)
        os._exit(0)
    os.makedirs(out_dir)
    process = multiprocessing.get_context('fork').Process(target=child)
    process.start()
    process.join()
    if process.exitcode == 0:
        return [np.load(os.path.join(out_dir, f'{i}.npy')) for i in range(len(outputs))], ''
    error = os.path.join(out_dir, 'error.txt')
    return None, open(error).read() if os.path.exists(error) else f'crashed ({process.exitcode})'


def check_model(name, converter, runner, models_dir, work, proto_root, rng):
    """(outcome, detail) of one model."""
    model_dir = os.path.join(work, name)
    os.makedirs(model_dir)
    with open(os.path.join(models_dir, name + '.json')) as f:
        model_json = json.load(f)
    for group in model_json['weightsManifest']:
        for path in group['paths']:
            os.symlink(os.path.join(models_dir, path), os.path.join(model_dir, path))
    with open(os.path.join(model_dir, 'model.json'), 'w') as f:
        json.dump(model_json, f)
    pb = os.path.join(model_dir, 'frozen.pb')
    subprocess.run([converter, '--input_format=tfjs_graph_model', '--output_format=tf_frozen_model',
                    '--quiet', os.path.join(model_dir, 'model.json'), pb], check=True)
    feeds = placeholder_inputs(model_json, rng)
    args = [runner, '--model', os.path.join(model_dir, 'model.json'), '--output_dir',
            os.path.join(model_dir, 'ours')]
    for i, (input_name, x) in enumerate(feeds.items()):
        np.save(os.path.join(model_dir, f'input{i}.npy'), x)
        args += ['--input', f"{input_name}={os.path.join(model_dir, f'input{i}.npy')}"]
    subprocess.run(args, check=True)
    with open(os.path.join(model_dir, 'ours', 'outputs.json')) as f:
        ours = json.load(f)
    nodes = exported_nodes(pb, proto_root)
    theirs, error = run_opencv(pb, feeds, list(ours), nodes, os.path.join(model_dir, 'opencv'))
    if theirs is None:
        return 'fails', error
    worst = 0.0
    for (output, file), y in zip(ours.items(), theirs):
        want = np.load(os.path.join(model_dir, 'ours', file))
        if y.size != want.size:
            return 'loads', f'{output}: shape {y.shape}, ours {want.shape}'
        scale = max(float(np.max(np.abs(want))), 1e-6)
        worst = max(worst, float(np.max(np.abs(y.reshape(want.shape) - want))) / scale)
    if worst > TOLERANCE:
        return 'loads', f'largest difference {worst:.2e} of the largest output magnitude'
    return 'matches', f'within {worst:.2e}'


def main():
    converter, runner, models_dir, expected_file, work, proto_root = sys.argv[1:]
    expected = {}
    with open(expected_file) as f:
        for line in f:
            if line.strip() and not line.startswith('#'):
                name, outcome = line.split()[:2]
                expected[name] = outcome
    rng = np.random.default_rng(7)
    failed = []
    counts = dict.fromkeys(RANK, 0)
    for name in sorted(expected):
        outcome, detail = check_model(name, converter, runner, models_dir, work, proto_root, rng)
        counts[outcome] += 1
        print(f'{name}: {outcome} ({detail})')
        if RANK[outcome] < RANK[expected[name]]:
            failed.append(f'{name}: {outcome}, expected {expected[name]}')
    print(f"{counts['matches']} of {len(expected)} match, {counts['loads']} load but differ, "
          f"{counts['fails']} fail to load")
    for line in failed:
        print(f'FAIL: {line}', file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
