#include "runtime/graph_model.h"

#include <pthreadpool.h>
#include <sched.h>

#include <algorithm>
#include <map>
#include <new>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/load_model.h"
#include "runtime/allocation_limit.h"
#include "runtime/model_initializer.h"

namespace tfjs::runtime {
namespace {

TensorSpec SpecFromInfo(const tensorflow::TensorInfo& info) {
  TensorSpec spec;
  spec.name = info.name();
  spec.dtype = info.dtype();
  spec.unknown_rank = info.tensor_shape().unknown_rank();
  for (const auto& dim : info.tensor_shape().dim()) spec.shape.push_back(dim.size());
  return spec;
}

TensorSpec SpecFromPlaceholder(const tensorflow::NodeDef& node) {
  TensorSpec spec;
  spec.name = node.name();
  if (auto it = node.attr().find("dtype"); it != node.attr().end()) spec.dtype = it->second.type();
  if (auto it = node.attr().find("shape"); it != node.attr().end()) {
    spec.unknown_rank = it->second.shape().unknown_rank();
    for (const auto& dim : it->second.shape().dim()) spec.shape.push_back(dim.size());
  }
  return spec;
}

absl::StatusOr<DataType> RuntimeDtype(io::DType dtype) {
  switch (dtype) {
    case io::DType::kFloat32: return tensorflow::DT_FLOAT;
    case io::DType::kInt32: return tensorflow::DT_INT32;
    case io::DType::kBool: return tensorflow::DT_BOOL;
    case io::DType::kComplex64: return tensorflow::DT_COMPLEX64;
    case io::DType::kString: return tensorflow::DT_STRING;
    case io::DType::kFloat64: return tensorflow::DT_DOUBLE;
    case io::DType::kInt64: return tensorflow::DT_INT64;
    case io::DType::kUint64: return tensorflow::DT_UINT64;
    case io::DType::kUint32: return tensorflow::DT_UINT32;
    case io::DType::kComplex128: return tensorflow::DT_COMPLEX128;
    case io::DType::kUint8: return tensorflow::DT_UINT8;
    case io::DType::kUint16: return tensorflow::DT_UINT16;
    case io::DType::kInt8: return tensorflow::DT_INT8;
    case io::DType::kInt16: return tensorflow::DT_INT16;
  }
  return absl::InvalidArgumentError("unknown weight dtype");
}

// A runtime tensor sharing the weight's bytes (often a mapped shard) without copying. When the
// last tensor sharing them goes, pages of a mapped shard leave memory too.
absl::StatusOr<Tensor> TensorFromWeight(io::Tensor weight) {
  absl::StatusOr<DataType> dtype = RuntimeDtype(weight.dtype);
  if (!dtype.ok()) return dtype.status();
  Shape shape(weight.shape.begin(), weight.shape.end());
  if (*dtype == tensorflow::DT_STRING) {
    return Tensor::Strings(std::move(shape), std::move(weight.strings));
  }
  std::shared_ptr<const io::Buffer> owner(new io::Buffer(std::move(weight.data)),
                                          [](const io::Buffer* buffer) {
                                            buffer->DropResidentPages();
                                            delete buffer;
                                          });
  const void* data = owner->data();
  return Tensor::View(*dtype, std::move(shape), std::move(owner), data);
}

// True when a Const node carries its own data, so it needs no weight.
bool HasInlineValue(const tensorflow::NodeDef& node) {
  auto it = node.attr().find("value");
  if (it == node.attr().end()) return false;
  const tensorflow::TensorProto& tensor = it->second.tensor();
  int64_t count = 1;
  for (const auto& dim : tensor.tensor_shape().dim()) count *= dim.size();
  return count == 0 || !tensor.tensor_content().empty() || tensor.float_val_size() ||
         tensor.int_val_size() || tensor.int64_val_size() || tensor.bool_val_size() ||
         tensor.string_val_size() || tensor.double_val_size() || tensor.half_val_size() ||
         tensor.scomplex_val_size() || tensor.uint32_val_size() || tensor.uint64_val_size();
}

// Library functions build their bodies without the weights map, so a Const node in a function
// body whose value went to the weights gets it back as its own value attr (TF.js looks these up
// by name, which the converter makes unique as "<function>/<node>").
void InlineWeight(const Tensor& weight, tensorflow::NodeDef* node) {
  tensorflow::TensorProto* proto = (*node->mutable_attr())["value"].mutable_tensor();
  proto->Clear();
  proto->set_dtype(weight.dtype());
  for (int64_t dim : weight.shape()) proto->mutable_tensor_shape()->add_dim()->set_size(dim);
  if (weight.dtype() == tensorflow::DT_STRING) {
    for (const std::string& value : weight.strings()) proto->add_string_val(value);
  } else {
    proto->set_tensor_content(
        std::string(static_cast<const char*>(weight.raw_data()), weight.byte_size()));
  }
}

}  // namespace

int AvailableCores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return 1;
  return std::max(1, CPU_COUNT(&set));
}

namespace {

absl::Status OutOfMemory(absl::string_view call) {
  return absl::ResourceExhaustedError(absl::StrCat(call, ": out of memory"));
}

}  // namespace

// The public calls are function-try-blocks: std::bad_alloc outside any kernel (ComputeNode
// handles theirs) becomes ResourceExhausted instead of escaping.
absl::StatusOr<std::unique_ptr<GraphModel>> GraphModel::Load(
    const std::string& path_or_url, const GraphModelOptions& options,
    const io::LoadOptions& io_options) try {
  AllocationLimitScope limit(options.max_allocation_bytes);
  absl::StatusOr<io::LoadedModel> loaded = io::LoadModel(path_or_url, io_options);
  if (!loaded.ok()) return loaded.status();
  io::ModelJson& model_json = loaded->model_json;
  if (!model_json.graph.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path_or_url, ": not a graph model (format '", model_json.format,
        "'); layers models are not supported by the graph runtime"));
  }
  const bool has_initializer =
      model_json.model_initializer.has_value() && model_json.model_initializer->node_size() > 0;
  if (has_initializer) {
    if (absl::Status status = MergeModelInitializer(model_json); !status.ok()) {
      return absl::Status(status.code(), absl::StrCat(path_or_url, ": ", status.message()));
    }
  }
  // The manifest was for loading the weights; what a large graph's memory needs is freed as
  // soon as it is used.
  io::WeightsManifest().swap(model_json.weights_manifest);
  absl::flat_hash_map<std::string, Tensor> weights;
  absl::flat_hash_map<std::string, WeightReader> weight_readers;
  weights.reserve(loaded->weights.size());
  for (io::NamedTensor& named : loaded->weights) {
    absl::StatusOr<Tensor> tensor = TensorFromWeight(std::move(named.tensor));
    if (!tensor.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_or_url, ": weight '", named.name, "': ", tensor.status().message()));
    }
    weights.emplace(named.name, *std::move(tensor));
    if (named.reread != nullptr) {
      weight_readers.emplace(
          std::move(named.name), [reread = std::move(named.reread)]() -> absl::StatusOr<Tensor> {
            absl::StatusOr<io::Tensor> weight = reread();
            if (!weight.ok()) return weight.status();
            return TensorFromWeight(*std::move(weight));
          });
    }
  }
  std::vector<io::NamedTensor>().swap(loaded->weights);
  for (const tensorflow::NodeDef& node : model_json.graph->node()) {
    if (node.op() == "Const" && !weights.contains(node.name()) && !HasInlineValue(node)) {
      return absl::InvalidArgumentError(absl::StrCat(
          path_or_url, ": Const node '", node.name(), "' has no weight in the weights manifest"));
    }
  }
  for (tensorflow::FunctionDef& function :
       *model_json.graph->mutable_library()->mutable_function()) {
    for (tensorflow::NodeDef& node : *function.mutable_node_def()) {
      if (node.op() != "Const" || HasInlineValue(node)) continue;
      auto weight = weights.find(node.name());
      if (weight == weights.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path_or_url, ": Const node '", node.name(), "' of function '",
                         function.signature().name(), "' has no weight in the weights manifest"));
      }
      InlineWeight(weight->second, &node);
    }
  }
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      Create(*std::move(model_json.graph), std::move(weights), std::move(weight_readers),
             model_json.signature.value_or(tensorflow::SignatureDef()), options);
  if (!model.ok()) {
    return absl::Status(model.status().code(),
                        absl::StrCat(path_or_url, ": ", model.status().message()));
  }
  if (model_json.user_defined_metadata.has_value()) {
    (*model)->metadata_ = *std::move(model_json.user_defined_metadata);
  }
  if (has_initializer) {
    absl::StatusOr<Endpoint> initializer = (*model)->graph_->Resolve(kModelInitializerNode);
    if (!initializer.ok()) return initializer.status();
    (*model)->initializer_ = *initializer;
  }
  return model;
} catch (const std::bad_alloc&) {
  return OutOfMemory(absl::StrCat("loading '", path_or_url, "'"));
}

absl::StatusOr<std::unique_ptr<GraphModel>> GraphModel::FromGraphDef(
    tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
    tensorflow::SignatureDef signature, const GraphModelOptions& options) try {
  AllocationLimitScope limit(options.max_allocation_bytes);
  return Create(std::move(graph_def), std::move(weights), {}, std::move(signature), options);
} catch (const std::bad_alloc&) {
  return OutOfMemory("building the model");
}

absl::StatusOr<std::unique_ptr<GraphModel>> GraphModel::Create(
    tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
    absl::flat_hash_map<std::string, WeightReader> weight_readers,
    tensorflow::SignatureDef signature, const GraphModelOptions& options) {
  std::unique_ptr<GraphModel> model(new GraphModel());
  absl::StatusOr<std::unique_ptr<Graph>> graph = Graph::Build(
      std::move(graph_def), std::move(weights), /*library=*/nullptr, std::move(weight_readers));
  if (!graph.ok()) return graph.status();
  model->graph_ = *std::move(graph);
  model->signature_ = std::move(signature);

  if (!model->signature_.inputs().empty() || !model->signature_.outputs().empty()) {
    // Map order is unspecified; report specs sorted by key, as TF.js's JSON object keys are.
    std::map<std::string, TensorSpec> inputs, outputs;
    for (const auto& [key, info] : model->signature_.inputs()) inputs[key] = SpecFromInfo(info);
    for (const auto& [key, info] : model->signature_.outputs()) outputs[key] = SpecFromInfo(info);
    for (auto& [key, spec] : inputs) model->inputs_.push_back(std::move(spec));
    for (auto& [key, spec] : outputs) model->outputs_.push_back(std::move(spec));
  } else {
    const std::vector<Node>& nodes = model->graph_->nodes();
    std::vector<bool> is_read(nodes.size(), false);
    for (const Node& node : nodes) {
      for (const Endpoint& input : node.inputs) is_read[input.node] = true;
      for (int input : node.control_inputs) is_read[input] = true;
    }
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].is_placeholder) model->inputs_.push_back(SpecFromPlaceholder(*nodes[i].def));
      if (!is_read[i] && !nodes[i].is_placeholder && !nodes[i].is_constant) {
        TensorSpec spec;
        spec.name = std::string(nodes[i].name);
        model->outputs_.push_back(std::move(spec));
      }
    }
  }

  model->num_threads_ = options.force_threads ? options.num_threads
                                               : std::min(options.num_threads, AvailableCores());
  model->max_allocation_bytes_ = options.max_allocation_bytes;
  if (model->num_threads_ > 1) {
    model->threadpool_ = pthreadpool_create(model->num_threads_);
    if (model->threadpool_ == nullptr) {
      return absl::ResourceExhaustedError(
          absl::StrCat("cannot create a pool of ", model->num_threads_, " threads"));
    }
  }
  model->executor_ = std::make_unique<Executor>(*model->graph_);
  model->frame_executor_ = std::make_unique<FrameExecutor>(*model->graph_);
  for (const Node& node : model->graph_->nodes()) {
    if (node.kernel != nullptr && node.kernel->IsControlFlow()) {
      model->control_flow_node_ = node.def;
      break;
    }
  }
  return model;
}

GraphModel::~GraphModel() {
  executor_.reset();
  frame_executor_.reset();
  if (threadpool_ != nullptr) pthreadpool_destroy(threadpool_);
}

int64_t GraphModel::weight_bytes() const {
  return graph_->constant_bytes();
}

int64_t GraphModel::resident_weight_bytes() const { return graph_->resident_constant_bytes(); }

ArenaStats GraphModel::activation_memory() const {
  ArenaStats stats = executor_->arena_stats();
  const ArenaStats frames = frame_executor_->arena_stats();
  stats.peak_live_bytes = std::max(stats.peak_live_bytes, frames.peak_live_bytes);
  stats.held_bytes = std::max(stats.held_bytes, frames.held_bytes);
  stats.system_allocations += frames.system_allocations;
  return stats;
}

std::string GraphModel::TensorName(const std::string& name, bool is_input) const {
  const auto& map = is_input ? signature_.inputs() : signature_.outputs();
  auto it = map.find(name);
  return it == map.end() ? name : it->second.name();
}

absl::Status GraphModel::CheckInput(const std::string& name, const Endpoint& endpoint,
                                    const Tensor& tensor) const {
  const Node& node = graph_->nodes()[endpoint.node];
  if (!node.is_placeholder) return absl::OkStatus();
  const TensorSpec spec = SpecFromPlaceholder(*node.def);
  if (spec.dtype != tensorflow::DT_INVALID && spec.dtype != tensor.dtype()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "The dtype of input '", name, "' provided to execute() must be ", DataTypeName(spec.dtype),
        ", but was ", DataTypeName(tensor.dtype())));
  }
  if (spec.unknown_rank || !node.def->attr().contains("shape")) return absl::OkStatus();
  bool matches = static_cast<int>(spec.shape.size()) == tensor.rank();
  for (int i = 0; matches && i < tensor.rank(); ++i) {
    matches = spec.shape[i] < 0 || spec.shape[i] == tensor.dim(i);
  }
  if (!matches) {
    return absl::InvalidArgumentError(absl::StrCat(
        "The shape of input '", name, "' provided to execute() must be ", ShapeString(spec.shape),
        ", but was ", ShapeString(tensor.shape())));
  }
  return absl::OkStatus();
}

absl::Status GraphModel::Resolve(const std::vector<std::pair<std::string, Tensor>>& inputs,
                                 const std::vector<std::string>& output_names,
                                 std::vector<std::pair<Endpoint, Tensor>>& feeds,
                                 std::vector<Endpoint>& fetches) const {
  for (const auto& [name, tensor] : inputs) {
    absl::StatusOr<Endpoint> endpoint = graph_->Resolve(TensorName(name, /*is_input=*/true));
    if (!endpoint.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown input '", name, "'"));
    }
    if (absl::Status status = CheckInput(name, *endpoint, tensor); !status.ok()) return status;
    feeds.emplace_back(*endpoint, tensor);
  }
  std::vector<std::string> names = output_names;
  if (names.empty()) {
    for (const TensorSpec& spec : outputs_) names.push_back(spec.name);
  }
  for (const std::string& name : names) {
    absl::StatusOr<Endpoint> endpoint = graph_->Resolve(TensorName(name, /*is_input=*/false));
    if (!endpoint.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown output '", name, "'"));
    }
    fetches.push_back(*endpoint);
  }
  return absl::OkStatus();
}

absl::Status GraphModel::RunInitializerOnce() const {
  if (!initializer_.has_value()) return absl::OkStatus();
  absl::call_once(initializer_once_, [this] {
    const std::vector<Endpoint> fetches = {*initializer_};
    absl::StatusOr<std::vector<Tensor>> done =
        control_flow_node_ == nullptr ? executor_->Run({}, fetches, threadpool_)
                                      : frame_executor_->Run({}, fetches, threadpool_);
    if (!done.ok()) {
      initializer_status_ = absl::Status(
          done.status().code(), absl::StrCat("model initializer: ", done.status().message()));
    }
  });
  return initializer_status_;
}

absl::StatusOr<std::vector<Tensor>> GraphModel::Execute(
    const std::vector<std::pair<std::string, Tensor>>& inputs,
    const std::vector<std::string>& output_names) const try {
  AllocationLimitScope limit(max_allocation_bytes_);
  if (control_flow_node_ != nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the graph has control flow (node '", control_flow_node_->name(), "', op ",
        control_flow_node_->op(), "): use ExecuteAsync"));
  }
  if (absl::Status status = RunInitializerOnce(); !status.ok()) return status;
  std::vector<std::pair<Endpoint, Tensor>> feeds;
  std::vector<Endpoint> fetches;
  if (absl::Status status = Resolve(inputs, output_names, feeds, fetches); !status.ok()) {
    return status;
  }
  return executor_->Run(feeds, fetches, threadpool_);
} catch (const std::bad_alloc&) {
  return OutOfMemory("Execute");
}

absl::StatusOr<std::vector<Tensor>> GraphModel::ExecuteAsync(
    const std::vector<std::pair<std::string, Tensor>>& inputs,
    const std::vector<std::string>& output_names) const try {
  AllocationLimitScope limit(max_allocation_bytes_);
  if (absl::Status status = RunInitializerOnce(); !status.ok()) return status;
  std::vector<std::pair<Endpoint, Tensor>> feeds;
  std::vector<Endpoint> fetches;
  if (absl::Status status = Resolve(inputs, output_names, feeds, fetches); !status.ok()) {
    return status;
  }
  if (control_flow_node_ == nullptr) return executor_->Run(feeds, fetches, threadpool_);
  return frame_executor_->Run(feeds, fetches, threadpool_);
} catch (const std::bad_alloc&) {
  return OutOfMemory("ExecuteAsync");
}

}  // namespace tfjs::runtime
