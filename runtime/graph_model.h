// GraphModel: a loaded TF.js graph model that runs natively, the C++ twin of TF.js's
// tf.GraphModel (inputs, outputs, signature, execute).
#ifndef TFJS_NATIVE_RUNTIME_GRAPH_MODEL_H_
#define TFJS_NATIVE_RUNTIME_GRAPH_MODEL_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "io/fetch.h"
#include "proto/graph.pb.h"
#include "proto/saved_model.pb.h"
#include "runtime/executor.h"
#include "runtime/frame_executor.h"
#include "runtime/graph.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// A model input or output as TF.js reports it: the graph tensor name, dtype and shape (-1 for an
// unknown dim; `unknown_rank` when even the rank is unknown).
struct TensorSpec {
  std::string name;
  DataType dtype = tensorflow::DT_INVALID;
  Shape shape;
  bool unknown_rank = true;
};

struct GraphModelOptions {
  // Threads for kernels (XNNPACK's pthreadpool); 1 runs everything on the calling thread. More
  // than AvailableCores() are cut to that (threads beyond the cores only wait for each other)
  // unless `force_threads`.
  int num_threads = 1;
  bool force_threads = false;
  // The most bytes one tensor (or TensorArray, index list, ...) may take, checked before it is
  // allocated; larger requests fail the run with ResourceExhausted naming the node. 0: half the
  // memory available (allocation_limit.h's DefaultMaxAllocationBytes).
  int64_t max_allocation_bytes = 0;
};

// CPUs this process may run on (its affinity mask), at least 1.
int AvailableCores();

class GraphModel {
 public:
  // Loads a TF.js graph model (model.json + weight shards) from a path or http(s) URL, as
  // tf.loadGraphModel does; `io_options` carries headers, credentials, weight_path_prefix and a
  // progress callback. Errors name the file.
  static absl::StatusOr<std::unique_ptr<GraphModel>> Load(const std::string& path_or_url,
                                                          const GraphModelOptions& options = {},
                                                          const io::LoadOptions& io_options = {});
  // A model from a GraphDef whose Const values are in `weights` (by node name) or in the nodes'
  // own `value` attrs. An empty signature means: inputs are the Placeholders, outputs the nodes
  // nothing reads.
  static absl::StatusOr<std::unique_ptr<GraphModel>> FromGraphDef(
      tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
      tensorflow::SignatureDef signature, const GraphModelOptions& options);
  ~GraphModel();

  // Threads kernels run on (GraphModelOptions::num_threads after the cut to the cores).
  int num_threads() const { return num_threads_; }
  const std::vector<TensorSpec>& inputs() const { return inputs_; }
  const std::vector<TensorSpec>& outputs() const { return outputs_; }
  const tensorflow::SignatureDef& signature() const { return signature_; }
  // model.json's userDefinedMetadata (empty when it has none).
  const google::protobuf::Struct& metadata() const { return metadata_; }

  // Bytes of the graph's constants (weights in their runtime dtypes).
  int64_t weight_bytes() const;
  // Bytes of those constants the model still holds. Constants that every reader packed into
  // its own form (XNNPACK convolution filters) are released after load, read again from the
  // weight shard (or the node's value attr) when repacked or fetched; see Kernel::PackedInputs.
  int64_t resident_weight_bytes() const;
  // The memory runs have taken so far: the largest set of tensors one run held at once, and the
  // largest arena keeping their buffers between runs.
  ArenaStats activation_memory() const;

  // Runs the graph. Inputs and outputs are named by signature key, node name or "node:k"; any
  // node's output can be fetched. An empty `output_names` fetches outputs(). Thread-safe.
  // Graphs with control flow need ExecuteAsync, as in TF.js. The first call of either runs the
  // model's initializer (modelInitializer: hash table contents) once.
  absl::StatusOr<std::vector<Tensor>> Execute(
      const std::vector<std::pair<std::string, Tensor>>& inputs,
      const std::vector<std::string>& output_names) const;
  // Runs any graph, including TF1 control flow (Switch/Merge, Enter/Exit/NextIteration loops).
  absl::StatusOr<std::vector<Tensor>> ExecuteAsync(
      const std::vector<std::pair<std::string, Tensor>>& inputs,
      const std::vector<std::string>& output_names) const;

 private:
  GraphModel() = default;
  // FromGraphDef, with readers that read weights again once the graph released them.
  static absl::StatusOr<std::unique_ptr<GraphModel>> Create(
      tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
      absl::flat_hash_map<std::string, WeightReader> weight_readers,
      tensorflow::SignatureDef signature, const GraphModelOptions& options);
  // The graph tensor a user-facing name stands for (a signature key maps to its tensor).
  std::string TensorName(const std::string& name, bool is_input) const;
  absl::Status CheckInput(const std::string& name, const Endpoint& endpoint,
                          const Tensor& tensor) const;
  // Feeds and fetches resolved and checked.
  absl::Status Resolve(const std::vector<std::pair<std::string, Tensor>>& inputs,
                       const std::vector<std::string>& output_names,
                       std::vector<std::pair<Endpoint, Tensor>>& feeds,
                       std::vector<Endpoint>& fetches) const;

  tensorflow::SignatureDef signature_;
  google::protobuf::Struct metadata_;
  std::vector<TensorSpec> inputs_;
  std::vector<TensorSpec> outputs_;
  std::unique_ptr<Graph> graph_;
  pthreadpool_t threadpool_ = nullptr;
  int num_threads_ = 1;
  int64_t max_allocation_bytes_ = 0;
  std::unique_ptr<Executor> executor_;
  std::unique_ptr<FrameExecutor> frame_executor_;
  // Runs the folded-in modelInitializer the first time; its status on every later call.
  absl::Status RunInitializerOnce() const;

  // The first control-flow node, when the graph has any.
  const tensorflow::NodeDef* control_flow_node_ = nullptr;
  // kModelInitializerNode when the model has a modelInitializer.
  std::optional<Endpoint> initializer_;
  mutable absl::once_flag initializer_once_;
  mutable absl::Status initializer_status_;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_GRAPH_MODEL_H_
