// LayerCall: one call of a Keras layer as its lowering sees it (config, input tensors, weights,
// the graph to add to), and the registry from Keras class name to lowering.
#ifndef TFJS_NATIVE_CONVERTER_KERAS_LAYER_H_
#define TFJS_NATIVE_CONVERTER_KERAS_LAYER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "converter/keras/graph_builder.h"
#include "converter/layers_model.h"
#include "google/protobuf/struct.pb.h"

namespace tfjs::converter::keras {

// Const node names of weights already added, so a shared layer's calls read the same Consts.
using WeightNodes = absl::flat_hash_map<const LayersModelWeight*, std::string>;

// Lowerings read their config through the accessors, which fall back to the default when a key
// is absent or null; a wrong type or a failed check is recorded with Fail() and the lowering
// returns. The driver then reports status() naming the layer.
class LayerCall {
 public:
  LayerCall(GraphBuilder* builder, WeightNodes* weight_nodes, std::string class_name,
            google::protobuf::Struct config, std::string scope, std::vector<KTensor> inputs,
            absl::Span<const LayersModelWeight> weights)
      : b(*builder),
        weight_nodes_(weight_nodes),
        class_name_(std::move(class_name)),
        config_(std::move(config)),
        scope_(std::move(scope)),
        inputs_(std::move(inputs)),
        weights_(weights) {}

  GraphBuilder& b;

  const std::string& class_name() const { return class_name_; }
  const google::protobuf::Struct& config() const { return config_; }
  // Node-name prefix for this call's nodes ("model/dense_1").
  const std::string& scope() const { return scope_; }
  const std::vector<KTensor>& inputs() const { return inputs_; }
  // The single input of a one-input layer (fails otherwise).
  const KTensor& input();
  absl::Span<const LayersModelWeight> weights() const { return weights_; }

  bool Has(absl::string_view key) const;
  const google::protobuf::Value* Get(absl::string_view key) const;
  int64_t Int(absl::string_view key, int64_t fallback);
  double Float(absl::string_view key, double fallback);
  std::string Str(absl::string_view key, const std::string& fallback);
  bool Bool(absl::string_view key, bool fallback);
  // A Keras int-or-tuple argument as `n` ints (a single int repeated).
  std::vector<int64_t> Ints(absl::string_view key, int n, int64_t fallback);

  // The Const node for weights()[index], float32, checked against `shape` (-1 matches any
  // dimension); added on first use.
  std::string Weight(size_t index, const Shape& shape);
  int64_t WeightCount() const { return static_cast<int64_t>(weights_.size()); }

  // A call of another layer inside this one (Bidirectional's, TimeDistributed's), sharing this
  // call's graph; failures propagate to this call.
  LayerCall Nested(std::string class_name, google::protobuf::Struct config, std::string scope,
                   std::vector<KTensor> inputs, absl::Span<const LayersModelWeight> weights) {
    return LayerCall(&b, weight_nodes_, std::move(class_name), std::move(config), std::move(scope),
                     std::move(inputs), weights);
  }

  void Fail(absl::string_view message);
  bool failed() const { return !status_.ok(); }
  const absl::Status& status() const { return status_; }

 private:
  WeightNodes* weight_nodes_;
  std::string class_name_;
  google::protobuf::Struct config_;
  std::string scope_;
  std::vector<KTensor> inputs_;
  absl::Span<const LayersModelWeight> weights_;
  absl::Status status_;
};

// Lowers one call: adds its nodes and returns its output tensors (empty after Fail).
using Lowering = std::vector<KTensor> (*)(LayerCall& call);

// The lowering of a Keras class name (and its Keras 1 / TF aliases), or nullptr.
Lowering FindLowering(absl::string_view class_name);

// Runs a lowering: the call's failure, if any, becomes the returned status.
absl::Status RunLowering(Lowering lowering, LayerCall& call, std::vector<KTensor>* outputs);

// Keras's activation `name` ("relu", "linear", ...) applied to `x`; Fails for unknown names.
std::string Activate(LayerCall& call, const std::string& name, const std::string& x);
// The activation named by the config key `key` (default "linear").
std::string ActivateFromConfig(LayerCall& call, absl::string_view key, const std::string& x);

// Layers that pass their input's mask on unchanged (Keras's supports_masking without
// compute_mask of their own); recurrent layers and Masking set masks themselves.
bool PropagatesMask(absl::string_view class_name);

// One registration function per layer family (each in its own file).
using Registry = absl::flat_hash_map<std::string, Lowering>;
void RegisterCoreLayers(Registry& registry);
void RegisterConvLayers(Registry& registry);
void RegisterPoolingLayers(Registry& registry);
void RegisterReshapingLayers(Registry& registry);
void RegisterNormalizationLayers(Registry& registry);
void RegisterMergeLayers(Registry& registry);
void RegisterRecurrentLayers(Registry& registry);
void RegisterOpLayers(Registry& registry);

// Helpers shared by the families.
// A negative axis of a rank-`rank` tensor made positive.
inline int NormalizeAxis(int64_t axis, size_t rank) {
  return static_cast<int>(axis < 0 ? axis + static_cast<int64_t>(rank) : axis);
}
inline int64_t Product(const Shape& shape, size_t from, size_t to) {
  int64_t product = 1;
  for (size_t i = from; i < to; ++i)
    product = shape[i] < 0 || product < 0 ? -1 : product * shape[i];
  return product;
}

}  // namespace tfjs::converter::keras

#endif  // TFJS_NATIVE_CONVERTER_KERAS_LAYER_H_
