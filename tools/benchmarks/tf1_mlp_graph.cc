#include "tools/benchmarks/tf1_mlp_graph.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>

#include "absl/strings/str_cat.h"

namespace tfjs::benchmarks {
namespace {

using tensorflow::AttrValue;
using tensorflow::DataType;
using tensorflow::GraphDef;
using tensorflow::NodeDef;
using tensorflow::TensorProto;

// The TF release the graph imitates and its GraphDef producer version (as found together in
// TF Serving's half_plus_two SavedModel).
constexpr char kTensorflowVersion[] = "1.14.0";
constexpr int kGraphProducer = 149;

std::string LayerScope(int layer) { return layer == 0 ? "dense" : absl::StrCat("dense_", layer); }

std::string PsDevice(int task) { return absl::StrCat("/job:ps/task:", task, "/device:CPU:0"); }

// TF names the k-th op of a kind in a scope "name", "name_1", "name_2", ...
std::string Uniquified(absl::string_view name, int k) {
  return k == 0 ? std::string(name) : absl::StrCat(name, "_", k);
}

AttrValue TypeAttr(DataType type) {
  AttrValue value;
  value.set_type(type);
  return value;
}

AttrValue BoolAttr(bool b) {
  AttrValue value;
  value.set_b(b);
  return value;
}

AttrValue IntAttr(int64_t i) {
  AttrValue value;
  value.set_i(i);
  return value;
}

AttrValue StringAttr(absl::string_view s) {
  AttrValue value;
  value.set_s(std::string(s));
  return value;
}

AttrValue ShapeAttr(const std::vector<int64_t>& dims) {
  AttrValue value;
  for (int64_t dim : dims) value.mutable_shape()->add_dim()->set_size(dim);
  return value;
}

// "_class": the colocation group TF records on ops that must live with a variable.
AttrValue ColocationAttr(absl::string_view node) {
  AttrValue value;
  value.mutable_list()->add_s(absl::StrCat("loc:@", node));
  return value;
}

NodeDef* AddNode(GraphDef* graph, std::string name, std::string op,
                 std::initializer_list<std::string> inputs, std::string device = "") {
  NodeDef* node = graph->add_node();
  node->set_name(std::move(name));
  node->set_op(std::move(op));
  for (const std::string& input : inputs) node->add_input(input);
  node->set_device(std::move(device));
  return node;
}

void SetAttr(NodeDef* node, const std::string& key, AttrValue value) {
  (*node->mutable_attr())[key] = std::move(value);
}

NodeDef* AddConst(GraphDef* graph, std::string name, TensorProto value, std::string device = "") {
  NodeDef* node = AddNode(graph, std::move(name), "Const", {}, std::move(device));
  SetAttr(node, "dtype", TypeAttr(value.dtype()));
  *(*node->mutable_attr())["value"].mutable_tensor() = std::move(value);
  return node;
}

TensorProto FloatScalar(float f) {
  TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_FLOAT);
  tensor.mutable_tensor_shape();
  tensor.add_float_val(f);
  return tensor;
}

TensorProto IntScalar(int32_t i) {
  TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_INT32);
  tensor.mutable_tensor_shape();
  tensor.add_int_val(i);
  return tensor;
}

TensorProto IntVector(const std::vector<int64_t>& values) {
  TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_INT32);
  tensor.mutable_tensor_shape()->add_dim()->set_size(static_cast<int64_t>(values.size()));
  for (int64_t v : values) tensor.add_int_val(static_cast<int32_t>(v));
  return tensor;
}

TensorProto StringScalar(absl::string_view s) {
  TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_STRING);
  tensor.mutable_tensor_shape();
  tensor.add_string_val(std::string(s));
  return tensor;
}

TensorProto StringVector(const std::vector<std::string>& values) {
  TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_STRING);
  tensor.mutable_tensor_shape()->add_dim()->set_size(static_cast<int64_t>(values.size()));
  for (const std::string& v : values) tensor.add_string_val(v);
  return tensor;
}

// VariableV2 with its Assign (from `initial_value`) and read Identity, as tf.Variable makes them.
void AddVariable(GraphDef* graph, const MlpVariable& variable, const std::string& initial_value,
                 const std::string& device) {
  NodeDef* var = AddNode(graph, variable.name, "VariableV2", {}, device);
  SetAttr(var, "container", StringAttr(""));
  SetAttr(var, "dtype", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(var, "shape", ShapeAttr(variable.shape));
  SetAttr(var, "shared_name", StringAttr(""));

  NodeDef* assign =
      AddNode(graph, variable.name + "/Assign", "Assign", {variable.name, initial_value}, device);
  SetAttr(assign, "T", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(assign, "_class", ColocationAttr(variable.name));
  SetAttr(assign, "use_locking", BoolAttr(true));
  SetAttr(assign, "validate_shape", BoolAttr(true));

  NodeDef* read = AddNode(graph, variable.name + "/read", "Identity", {variable.name}, device);
  SetAttr(read, "T", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(read, "_class", ColocationAttr(variable.name));
}

// tf.glorot_uniform_initializer: uniform in [-limit, limit), limit = sqrt(6 / (fan_in + fan_out)).
std::string AddGlorotUniformInitializer(GraphDef* graph, const MlpVariable& kernel,
                                        const std::string& device) {
  const std::string scope = kernel.name + "/Initializer/random_uniform";
  const float limit = std::sqrt(6.0f / static_cast<float>(kernel.shape[0] + kernel.shape[1]));
  AddConst(graph, scope + "/shape", IntVector(kernel.shape), device);
  AddConst(graph, scope + "/min", FloatScalar(-limit), device);
  AddConst(graph, scope + "/max", FloatScalar(limit), device);
  NodeDef* uniform =
      AddNode(graph, scope + "/RandomUniform", "RandomUniform", {scope + "/shape"}, device);
  SetAttr(uniform, "T", TypeAttr(tensorflow::DT_INT32));
  SetAttr(uniform, "dtype", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(uniform, "seed", IntAttr(0));
  SetAttr(uniform, "seed2", IntAttr(0));
  NodeDef* range = AddNode(graph, scope + "/sub", "Sub", {scope + "/max", scope + "/min"}, device);
  SetAttr(range, "T", TypeAttr(tensorflow::DT_FLOAT));
  NodeDef* scaled =
      AddNode(graph, scope + "/mul", "Mul", {scope + "/RandomUniform", scope + "/sub"}, device);
  SetAttr(scaled, "T", TypeAttr(tensorflow::DT_FLOAT));
  NodeDef* shifted = AddNode(graph, scope, "Add", {scope + "/mul", scope + "/min"}, device);
  SetAttr(shifted, "T", TypeAttr(tensorflow::DT_FLOAT));
  return scope;
}

// tf.zeros_initializer for a shape of 1000 elements or more: Fill(shape, 0).
std::string AddZerosInitializer(GraphDef* graph, const MlpVariable& bias,
                                const std::string& device) {
  const std::string scope = bias.name + "/Initializer/zeros";
  AddConst(graph, scope + "/shape_as_tensor", IntVector(bias.shape), device);
  AddConst(graph, scope + "/Const", FloatScalar(0.0f), device);
  NodeDef* fill =
      AddNode(graph, scope, "Fill", {scope + "/shape_as_tensor", scope + "/Const"}, device);
  SetAttr(fill, "T", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(fill, "index_type", TypeAttr(tensorflow::DT_INT32));
  return scope;
}

// MatMul + BiasAdd (+ Relu) on `input`; returns the layer's output node.
std::string AddDenseCompute(GraphDef* graph, const std::string& scope, const std::string& input,
                            bool relu) {
  NodeDef* matmul = AddNode(graph, scope + "/MatMul", "MatMul", {input, scope + "/kernel/read"});
  SetAttr(matmul, "T", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(matmul, "transpose_a", BoolAttr(false));
  SetAttr(matmul, "transpose_b", BoolAttr(false));
  NodeDef* bias_add =
      AddNode(graph, scope + "/BiasAdd", "BiasAdd", {scope + "/MatMul", scope + "/bias/read"});
  SetAttr(bias_add, "T", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(bias_add, "data_format", StringAttr("NHWC"));
  if (!relu) return bias_add->name();
  NodeDef* activation = AddNode(graph, scope + "/Relu", "Relu", {scope + "/BiasAdd"});
  SetAttr(activation, "T", TypeAttr(tensorflow::DT_FLOAT));
  return activation->name();
}

void AddStringPlaceholderWithDefault(GraphDef* graph, std::string name, std::string input) {
  NodeDef* node = AddNode(graph, std::move(name), "PlaceholderWithDefault", {std::move(input)});
  SetAttr(node, "dtype", TypeAttr(tensorflow::DT_STRING));
  SetAttr(node, "shape", ShapeAttr({}));
}

std::vector<DataType> FloatTypes(size_t count) {
  return std::vector<DataType>(count, tensorflow::DT_FLOAT);
}

AttrValue TypeListAttr(const std::vector<DataType>& types) {
  AttrValue value;
  for (DataType type : types) value.mutable_list()->add_type(type);
  return value;
}

// tf.train.Saver(sharded=True): one SaveV2 / RestoreV2 per device, devices in sorted order, each
// listing its variables sorted by name; MergeV2Checkpoints joins the shards.
void AddShardedSaver(GraphDef* graph, const std::vector<MlpVariable>& variables,
                     const std::vector<std::string>& devices) {
  std::map<int, std::vector<const MlpVariable*>> by_shard;
  for (const MlpVariable& variable : variables) by_shard[variable.shard].push_back(&variable);
  for (auto& [shard, list] : by_shard) {
    std::sort(list.begin(), list.end(),
              [](const MlpVariable* a, const MlpVariable* b) { return a->name < b->name; });
  }
  const int num_shards = static_cast<int>(devices.size());

  AddConst(graph, "save/filename/input", StringScalar("model"));
  // save/Const is the checkpoint prefix fed at save and restore time.
  AddStringPlaceholderWithDefault(graph, "save/filename", "save/filename/input");
  AddStringPlaceholderWithDefault(graph, "save/Const", "save/filename");
  AddConst(graph, "save/StringJoin/inputs_1",
           StringScalar("_temp_6a1b1d5f0c2e4b7d9e3f8a2c4d6e8f00/part"));
  NodeDef* join =
      AddNode(graph, "save/StringJoin", "StringJoin", {"save/Const", "save/StringJoin/inputs_1"});
  SetAttr(join, "N", IntAttr(2));
  SetAttr(join, "separator", StringAttr(""));
  AddConst(graph, "save/num_shards", IntScalar(num_shards));

  std::vector<std::string> sharded_filenames;
  std::vector<std::string> save_controls;
  int assign_count = 0;
  std::vector<std::string> restore_shards;
  for (int shard = 0; shard < num_shards; ++shard) {
    const std::string& device = devices[shard];
    std::vector<std::string> names;
    for (const MlpVariable* variable : by_shard[shard]) names.push_back(variable->name);
    const std::vector<std::string> no_slices(names.size(), "");

    const std::string filename = Uniquified("save/ShardedFilename", shard);
    AddConst(graph, filename + "/shard", IntScalar(shard), device);
    AddNode(graph, filename, "ShardedFilename",
            {"save/StringJoin", filename + "/shard", "save/num_shards"}, device);
    sharded_filenames.push_back(filename);

    const std::string save = Uniquified("save/SaveV2", shard);
    AddConst(graph, save + "/tensor_names", StringVector(names), device);
    AddConst(graph, save + "/shape_and_slices", StringVector(no_slices), device);
    NodeDef* save_op =
        AddNode(graph, save, "SaveV2",
                {filename, save + "/tensor_names", save + "/shape_and_slices"}, device);
    for (const std::string& name : names) save_op->add_input(name);
    SetAttr(save_op, "dtypes", TypeListAttr(FloatTypes(names.size())));
    const std::string control = Uniquified("save/control_dependency", shard);
    NodeDef* control_op =
        AddNode(graph, control, "Identity", {filename, absl::StrCat("^", save)}, device);
    SetAttr(control_op, "T", TypeAttr(tensorflow::DT_STRING));
    SetAttr(control_op, "_class", ColocationAttr(filename));
    save_controls.push_back(control);

    const std::string restore = Uniquified("save/RestoreV2", shard);
    AddConst(graph, restore + "/tensor_names", StringVector(names), device);
    AddConst(graph, restore + "/shape_and_slices", StringVector(no_slices), device);
    NodeDef* restore_op =
        AddNode(graph, restore, "RestoreV2",
                {"save/Const", restore + "/tensor_names", restore + "/shape_and_slices"}, device);
    SetAttr(restore_op, "dtypes", TypeListAttr(FloatTypes(names.size())));
    const std::string restore_shard = Uniquified("save/restore_shard", shard);
    NodeDef* restore_shard_op = AddNode(graph, restore_shard, "NoOp", {}, device);
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string assign = Uniquified("save/Assign", assign_count++);
      NodeDef* assign_op =
          AddNode(graph, assign, "Assign",
                  {names[i], i == 0 ? restore : absl::StrCat(restore, ":", i)}, device);
      SetAttr(assign_op, "T", TypeAttr(tensorflow::DT_FLOAT));
      SetAttr(assign_op, "_class", ColocationAttr(names[i]));
      SetAttr(assign_op, "use_locking", BoolAttr(true));
      SetAttr(assign_op, "validate_shape", BoolAttr(true));
      restore_shard_op->add_input(absl::StrCat("^", assign));
    }
    restore_shards.push_back(restore_shard);
  }

  const std::string& last_device = devices.back();
  NodeDef* prefixes =
      AddNode(graph, "save/MergeV2Checkpoints/checkpoint_prefixes", "Pack", {}, last_device);
  for (const std::string& filename : sharded_filenames) prefixes->add_input(filename);
  for (const std::string& control : save_controls) prefixes->add_input("^" + control);
  SetAttr(prefixes, "N", IntAttr(num_shards));
  SetAttr(prefixes, "T", TypeAttr(tensorflow::DT_STRING));
  SetAttr(prefixes, "axis", IntAttr(0));
  NodeDef* merge =
      AddNode(graph, "save/MergeV2Checkpoints", "MergeV2Checkpoints",
              {"save/MergeV2Checkpoints/checkpoint_prefixes", "save/Const"}, last_device);
  SetAttr(merge, "delete_old_dirs", BoolAttr(true));
  NodeDef* identity = AddNode(graph, "save/Identity", "Identity",
                              {"save/Const", "^save/MergeV2Checkpoints"}, last_device);
  for (const std::string& control : save_controls) identity->add_input("^" + control);
  SetAttr(identity, "T", TypeAttr(tensorflow::DT_STRING));

  NodeDef* restore_all = AddNode(graph, "save/restore_all", "NoOp", {});
  for (const std::string& restore_shard : restore_shards) {
    restore_all->add_input("^" + restore_shard);
  }
}

// A float32 [-1, width] tensor of the signature.
tensorflow::TensorInfo BatchOfRows(const std::string& tensor, int64_t width) {
  tensorflow::TensorInfo info;
  info.set_name(tensor);
  info.set_dtype(tensorflow::DT_FLOAT);
  info.mutable_tensor_shape()->add_dim()->set_size(-1);
  info.mutable_tensor_shape()->add_dim()->set_size(width);
  return info;
}

// Parameter-server devices in the order tf.train.Saver numbers the shards (sorted by name).
std::vector<std::string> SortedDevices(int num_shards) {
  std::vector<std::string> devices;
  for (int task = 0; task < num_shards; ++task) devices.push_back(PsDevice(task));
  std::sort(devices.begin(), devices.end());
  return devices;
}

}  // namespace

std::vector<MlpVariable> MlpVariables(const MlpSpec& spec) {
  const std::vector<std::string> devices = SortedDevices(spec.num_shards);
  std::vector<MlpVariable> variables;
  for (int layer = 0; layer < spec.layers; ++layer) {
    // Layers go round-robin to the tasks; a layer's kernel and bias stay together.
    const std::string device = PsDevice(layer % spec.num_shards);
    const int shard =
        static_cast<int>(std::find(devices.begin(), devices.end(), device) - devices.begin());
    const std::string scope = LayerScope(layer);
    variables.push_back({scope + "/kernel", {spec.width, spec.width}, shard});
    variables.push_back({scope + "/bias", {spec.width}, shard});
  }
  return variables;
}

tensorflow::MetaGraphDef MlpMetaGraph(const MlpSpec& spec) {
  const std::vector<std::string> devices = SortedDevices(spec.num_shards);
  const std::vector<MlpVariable> variables = MlpVariables(spec);
  tensorflow::MetaGraphDef meta_graph;
  tensorflow::MetaGraphDef::MetaInfoDef* info = meta_graph.mutable_meta_info_def();
  info->add_tags("serve");
  info->set_tensorflow_version(kTensorflowVersion);
  info->set_tensorflow_git_version("unknown");

  GraphDef* graph = meta_graph.mutable_graph_def();
  graph->mutable_versions()->set_producer(kGraphProducer);
  NodeDef* x = AddNode(graph, "x", "Placeholder", {});
  SetAttr(x, "dtype", TypeAttr(tensorflow::DT_FLOAT));
  SetAttr(x, "shape", ShapeAttr({-1, spec.width}));

  std::vector<std::string> initializers;
  std::string activation = "x";
  for (int layer = 0; layer < spec.layers; ++layer) {
    const MlpVariable& kernel = variables[2 * layer];
    const MlpVariable& bias = variables[2 * layer + 1];
    const std::string& device = devices[kernel.shard];
    AddVariable(graph, kernel, AddGlorotUniformInitializer(graph, kernel, device), device);
    AddVariable(graph, bias, AddZerosInitializer(graph, bias, device), device);
    initializers.push_back("^" + kernel.name + "/Assign");
    initializers.push_back("^" + bias.name + "/Assign");
    activation = AddDenseCompute(graph, LayerScope(layer), activation, layer + 1 < spec.layers);
  }
  NodeDef* y = AddNode(graph, "y", "Identity", {activation});
  SetAttr(y, "T", TypeAttr(tensorflow::DT_FLOAT));
  NodeDef* init = AddNode(graph, "init", "NoOp", {});
  for (const std::string& control : initializers) init->add_input(control);

  AddShardedSaver(graph, variables, devices);
  tensorflow::SaverDef* saver = meta_graph.mutable_saver_def();
  saver->set_filename_tensor_name("save/Const:0");
  saver->set_save_tensor_name("save/Identity:0");
  saver->set_restore_op_name("save/restore_all");
  saver->set_max_to_keep(5);
  saver->set_sharded(true);
  saver->set_keep_checkpoint_every_n_hours(10000);
  saver->set_version(tensorflow::SaverDef::V2);

  tensorflow::SignatureDef& signature = (*meta_graph.mutable_signature_def())["serving_default"];
  (*signature.mutable_inputs())["x"] = BatchOfRows("x:0", spec.width);
  (*signature.mutable_outputs())["y"] = BatchOfRows("y:0", spec.width);
  signature.set_method_name("tensorflow/serving/predict");
  return meta_graph;
}

}  // namespace tfjs::benchmarks
