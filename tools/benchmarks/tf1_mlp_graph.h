// A TF1-style MetaGraphDef of a chain of dense layers (MatMul + BiasAdd + Relu) over VariableV2
// variables, with the initializers and the sharded save/restore subgraph tf.train.Saver writes;
// the model graph of the converter's big-model benchmark.
#ifndef TFJS_NATIVE_TOOLS_BENCHMARKS_TF1_MLP_GRAPH_H_
#define TFJS_NATIVE_TOOLS_BENCHMARKS_TF1_MLP_GRAPH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "proto/saved_model.pb.h"

namespace tfjs::benchmarks {

struct MlpSpec {
  // Every layer maps `width` features to `width` features.
  int64_t width = 0;
  int layers = 0;
  // Variables go round-robin to parameter-server tasks, one checkpoint data shard per task.
  int num_shards = 1;
};

struct MlpVariable {
  // Node name and checkpoint key, e.g. "dense_1/kernel".
  std::string name;
  std::vector<int64_t> shape;
  // Checkpoint data shard (= parameter-server task) holding the variable.
  int shard = 0;
};

// The model's float32 variables in creation order.
std::vector<MlpVariable> MlpVariables(const MlpSpec& spec);

// Tagged "serve", with signature "serving_default" mapping input "x" (x:0, [-1, width]) to
// output "y" (y:0, [-1, width]).
tensorflow::MetaGraphDef MlpMetaGraph(const MlpSpec& spec);

}  // namespace tfjs::benchmarks

#endif  // TFJS_NATIVE_TOOLS_BENCHMARKS_TF1_MLP_GRAPH_H_
