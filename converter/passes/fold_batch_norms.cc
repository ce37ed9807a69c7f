#include "converter/passes/fold_batch_norms.h"

#include <cmath>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "converter/passes/float_const.h"
#include "converter/passes/graph_editor.h"
#include "converter/passes/node_attr.h"

namespace tfjs::converter {
namespace {

// y = x * scale + offset per channel: what an inference batch norm computes.
struct ChannelAffine {
  std::vector<float> scale;
  std::vector<float> offset;
};

std::optional<std::vector<float>> ConstVector(const GraphEditor& editor, const std::string& input) {
  const tensorflow::NodeDef* node = editor.ConstProducer(input);
  if (node == nullptr) return std::nullopt;
  std::optional<FloatConst> value = ReadFloatConst(*node);
  if (!value || value->shape.size() != 1) return std::nullopt;
  return std::move(value->values);
}

// The batch norm's affine, or nullopt when `node` is not an inference batch norm over the last
// dim with Const statistics.
std::optional<ChannelAffine> BatchNormAffine(const GraphEditor& editor,
                                             const tensorflow::NodeDef& node) {
  const bool fused = node.op() == "FusedBatchNorm" || node.op() == "FusedBatchNormV2" ||
                     node.op() == "FusedBatchNormV3";
  const bool global = node.op() == "BatchNormWithGlobalNormalization";
  if ((!fused && !global) || node.input_size() < 5) return std::nullopt;
  if (fused && (BoolAttr(node, "is_training", true) || !IsChannelsLast(node))) {
    return std::nullopt;
  }
  // FusedBatchNorm*: x, scale, offset, mean, variance.
  // BatchNormWithGlobalNormalization: t, mean, variance, beta, gamma.
  const int scale_at = fused ? 1 : 4, offset_at = fused ? 2 : 3, mean_at = fused ? 3 : 1,
            variance_at = fused ? 4 : 2;
  std::optional<std::vector<float>> scale = ConstVector(editor, node.input(scale_at));
  std::optional<std::vector<float>> offset = ConstVector(editor, node.input(offset_at));
  std::optional<std::vector<float>> mean = ConstVector(editor, node.input(mean_at));
  std::optional<std::vector<float>> variance = ConstVector(editor, node.input(variance_at));
  if (!scale || !offset || !mean || !variance) return std::nullopt;
  const size_t channels = offset->size();
  if (scale->size() != channels || mean->size() != channels || variance->size() != channels) {
    return std::nullopt;
  }
  const float epsilon =
      fused ? FloatAttr(node, "epsilon", 0.0001f) : FloatAttr(node, "variance_epsilon", 0.f);
  const bool use_scale = fused || BoolAttr(node, "scale_after_normalization", false);
  ChannelAffine affine;
  affine.scale.resize(channels);
  affine.offset.resize(channels);
  for (size_t c = 0; c < channels; ++c) {
    affine.scale[c] = (use_scale ? (*scale)[c] : 1.f) / std::sqrt((*variance)[c] + epsilon);
    affine.offset[c] = (*offset)[c] - (*mean)[c] * affine.scale[c];
  }
  return affine;
}

bool IsConvolution(const tensorflow::NodeDef& node) {
  return (node.op() == "Conv2D" || node.op() == "DepthwiseConv2dNative") &&
         TypeAttr(node, "T") == tensorflow::DT_FLOAT && IsChannelsLast(node);
}

// Output channels of a convolution's 4-D filter: out for Conv2D, in * multiplier for depthwise.
int64_t OutputChannels(const tensorflow::NodeDef& conv, const FloatConst& filter) {
  if (filter.shape.size() != 4) return -1;
  return conv.op() == "Conv2D" ? filter.shape[3] : filter.shape[2] * filter.shape[3];
}

// Folds the batch norm `node` when the pattern matches; true when it did.
bool FoldOne(GraphEditor& editor, tensorflow::NodeDef* node) {
  if (editor.HasUsesBeyondOutput0(*node)) return false;
  std::optional<ChannelAffine> affine = BatchNormAffine(editor, *node);
  if (!affine) return false;
  tensorflow::NodeDef* producer = editor.Producer(node->input(0));
  if (producer == nullptr || !editor.HasSoleConsumer(*producer)) return false;

  // An optional per-channel bias between the convolution and the batch norm.
  tensorflow::NodeDef* bias_node = nullptr;
  std::vector<float> bias(affine->offset.size(), 0.f);
  tensorflow::NodeDef* conv = producer;
  const std::string& op = producer->op();
  if ((op == "BiasAdd" && IsChannelsLast(*producer)) || op == "Add" || op == "AddV2") {
    if (producer->input_size() < 2) return false;
    for (int side = 0; side < 2 && conv == producer; ++side) {
      if (op == "BiasAdd" && side == 1) break;
      tensorflow::NodeDef* candidate = editor.Producer(producer->input(side));
      std::optional<std::vector<float>> values = ConstVector(editor, producer->input(1 - side));
      if (candidate != nullptr && IsConvolution(*candidate) && values &&
          values->size() == bias.size()) {
        conv = candidate;
        bias = *std::move(values);
      }
    }
    if (conv == producer) return false;
    bias_node = producer;
  }
  if (!IsConvolution(*conv) || !editor.HasSoleConsumer(*conv) || conv->input_size() < 2) {
    return false;
  }
  const tensorflow::NodeDef* filter_node = editor.ConstProducer(conv->input(1));
  std::optional<FloatConst> filter =
      filter_node == nullptr ? std::nullopt : ReadFloatConst(*filter_node);
  if (!filter) return false;
  const int64_t channels = OutputChannels(*conv, *filter);
  if (channels != static_cast<int64_t>(affine->scale.size())) return false;

  // The channel is the fastest-varying index of the flattened filter in both layouts.
  for (size_t i = 0; i < filter->values.size(); ++i) {
    filter->values[i] *= affine->scale[i % channels];
  }
  FloatConst offset{{channels}, std::vector<float>(channels)};
  for (int64_t c = 0; c < channels; ++c) {
    offset.values[c] = bias[c] * affine->scale[c] + affine->offset[c];
  }
  const std::string filter_name = editor.Add(MakeFloatConst(conv->name() + "_weights", *filter));
  const std::string offset_name = editor.Add(MakeFloatConst(conv->name() + "_bn_offset", offset));
  conv->set_input(1, filter_name);

  tensorflow::NodeDef bias_add;
  bias_add.set_name(node->name());
  bias_add.set_op("BiasAdd");
  bias_add.set_device(node->device());
  bias_add.add_input(conv->name());
  bias_add.add_input(offset_name);
  MergeControlInputs(*node, &bias_add);
  if (bias_node != nullptr) {
    MergeControlInputs(*bias_node, &bias_add);
    editor.Remove(*bias_node);
  }
  SetTypeAttr(&bias_add, "T", tensorflow::DT_FLOAT);
  SetStringAttr(&bias_add, "data_format", "NHWC");
  *node = std::move(bias_add);
  return true;
}

}  // namespace

int FoldBatchNorms(const std::vector<std::string>& outputs, tensorflow::GraphDef* graph) {
  if (!HasAnyOp(*graph, {"FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3",
                         "BatchNormWithGlobalNormalization"})) {
    return 0;
  }
  GraphEditor editor(graph, outputs);
  std::vector<std::string> names;
  for (const tensorflow::NodeDef& node : graph->node()) names.push_back(node.name());
  int folded = 0;
  for (const std::string& name : names) {
    tensorflow::NodeDef* node = editor.Find(name);
    if (node != nullptr && FoldOne(editor, node)) ++folded;
  }
  editor.Commit();
  return folded;
}

}  // namespace tfjs::converter
