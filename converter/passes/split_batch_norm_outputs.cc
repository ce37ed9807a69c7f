#include "converter/passes/split_batch_norm_outputs.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr tensorflow::DataType kFloat = tensorflow::DT_FLOAT;

// Input and output positions of TF's FusedBatchNorm ops.
constexpr int kX = 0;
constexpr int kScale = 1;
constexpr int kOffset = 2;
constexpr int kMean = 3;
constexpr int kVariance = 4;
constexpr int kReserveSpace3 = 5;
// Outputs 0-4: y, batch_mean, batch_variance, reserve_space_1, reserve_space_2.
constexpr int kOutputs = 5;

bool IsFusedBatchNorm(const std::string& op) {
  return op == "FusedBatchNorm" || op == "FusedBatchNormV2" || op == "FusedBatchNormV3";
}

// The tensors "<node>:k" that nodes and signature outputs read, by node.
absl::flat_hash_map<std::string, absl::flat_hash_set<int>> ReadOutputs(const FrozenModel& model) {
  absl::flat_hash_map<std::string, absl::flat_hash_set<int>> read;
  auto note = [&](const std::string& input) {
    const TensorName tensor = TensorName::Parse(input);
    if (!tensor.is_control) read[tensor.node].insert(tensor.output_index);
  };
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    for (const std::string& input : node.input()) note(input);
  }
  for (const auto& [key, info] : model.signature.outputs()) note(info.name());
  return read;
}

void SetBoolAttr(tensorflow::NodeDef* node, const char* name, bool value) {
  (*node->mutable_attr())[name].set_b(value);
}

class Splitter {
 public:
  explicit Splitter(FrozenModel* model) : model_(model), builder_(&model->graph) {}

  void Run() {
    const absl::flat_hash_map<std::string, absl::flat_hash_set<int>> read = ReadOutputs(*model_);
    absl::flat_hash_set<std::string> named;
    for (const std::string& output : model_->output_nodes) named.insert(InputNodeName(output));
    const int original_nodes = model_->graph.node_size();
    for (int i = 0; i < original_nodes; ++i) {
      tensorflow::NodeDef* node = model_->graph.mutable_node(i);
      if (!IsFusedBatchNorm(node->op()) || node->input_size() < 5) continue;
      if (TypeAttr(*node, "T") != kFloat) continue;
      const std::string data_format = StringAttr(*node, "data_format", "NHWC");
      if (data_format != "NHWC" && data_format != "NCHW") continue;
      auto it = read.find(node->name());
      const absl::flat_hash_set<int> outputs =
          it == read.end() ? absl::flat_hash_set<int>() : it->second;
      if (outputs.contains(kReserveSpace3)) continue;
      bool statistics_wanted = named.contains(node->name());
      for (int k = 1; k < kOutputs; ++k) statistics_wanted = statistics_wanted || outputs.contains(k);
      if (BoolAttr(*node, "is_training", true)) {
        Expand(node, statistics_wanted);
      } else if (statistics_wanted) {
        // The op keeps computing output 0 under a new name; the statistics are its inputs.
        tensorflow::NodeDef* y = builder_.Add(absl::StrCat(node->name(), "/y"), node->op(), {});
        const std::string y_name = y->name();
        *y = *node;
        y->set_name(y_name);
        const std::string mean = node->input(kMean);
        const std::string variance = node->input(kVariance);
        BecomeIdentityN(node, {y_name, mean, variance, mean, variance});
      }
    }
  }

 private:
  std::string Op(const tensorflow::NodeDef& bn, const char* suffix, const char* op,
                 const std::vector<std::string>& inputs) {
    return builder_.Add(absl::StrCat(bn.name(), "/", suffix), op, inputs, kFloat)->name();
  }

  std::string Mean(const tensorflow::NodeDef& bn, const char* suffix, const std::string& x,
                   const std::string& axes) {
    tensorflow::NodeDef* mean =
        builder_.Add(absl::StrCat(bn.name(), "/", suffix), "Mean", {x, axes}, kFloat);
    SetBoolAttr(mean, "keep_dims", true);
    SetTypeAttr(mean, "Tidx", tensorflow::DT_INT32);
    return mean->name();
  }

  std::string Reshape(const tensorflow::NodeDef& bn, const char* suffix, const std::string& x,
                      const std::string& shape) {
    tensorflow::NodeDef* reshape =
        builder_.Add(absl::StrCat(bn.name(), "/", suffix), "Reshape", {x, shape}, kFloat);
    SetTypeAttr(reshape, "Tshape", tensorflow::DT_INT32);
    return reshape->name();
  }

  // The element count of `x` as a float32 scalar.
  std::string FloatSize(const tensorflow::NodeDef& bn, const char* suffix, const std::string& x) {
    tensorflow::NodeDef* size =
        builder_.Add(absl::StrCat(bn.name(), "/", suffix), "Size", {x}, kFloat);
    SetTypeAttr(size, "out_type", tensorflow::DT_INT32);
    tensorflow::NodeDef* cast =
        builder_.Add(absl::StrCat(size->name(), "/float"), "Cast", {size->name()});
    SetTypeAttr(cast, "SrcT", tensorflow::DT_INT32);
    SetTypeAttr(cast, "DstT", kFloat);
    return cast->name();
  }

  // Makes `bn` (keeping its name and control inputs) an IdentityN of its outputs 0-4, which TF.js
  // returns all of, so that "<bn>:k" reads stay as they are.
  void BecomeIdentityN(tensorflow::NodeDef* bn, const std::vector<std::string>& outputs) {
    std::vector<std::string> controls;
    for (const std::string& input : bn->input()) {
      if (IsControlInput(input)) controls.push_back(input);
    }
    bn->set_op("IdentityN");
    bn->clear_input();
    bn->clear_attr();
    auto* types = (*bn->mutable_attr())["T"].mutable_list();
    for (const std::string& output : outputs) {
      bn->add_input(output);
      types->add_type(kFloat);
    }
    for (const std::string& control : controls) bn->add_input(control);
  }

  // Rewrites a training-mode batch norm into ops TF.js computes right (see the header).
  void Expand(tensorflow::NodeDef* bn, bool statistics_wanted) {
    const bool nchw = StringAttr(*bn, "data_format", "NHWC") == "NCHW";
    const std::string x = bn->input(kX);
    const std::string mean_in = bn->input(kMean);
    const std::string variance_in = bn->input(kVariance);
    std::string scale = bn->input(kScale);
    std::string offset = bn->input(kOffset);
    const float epsilon = FloatAttr(*bn, "epsilon", 1e-4f);
    const float factor = FloatAttr(*bn, "exponential_avg_factor", 1.f);

    const std::string axes = builder_.IntConst(
        absl::StrCat(bn->name(), "/axes"),
        nchw ? std::vector<int32_t>{0, 2, 3} : std::vector<int32_t>{0, 1, 2}, {3});
    const std::string mean = Mean(*bn, "mean", x, axes);
    const std::string variance =
        Mean(*bn, "variance", Op(*bn, "squared_difference", "SquaredDifference", {x, mean}), axes);
    const std::string epsilon_const = builder_.FloatScalar(absl::StrCat(bn->name(), "/epsilon"),
                                                           epsilon);
    const std::string inverse_stddev =
        Op(*bn, "rsqrt", "Rsqrt", {Op(*bn, "variance_epsilon", "AddV2", {variance, epsilon_const})});
    if (nchw) {
      // [C] -> [C, 1, 1], to broadcast over the channel dim of NCHW.
      const std::string channel_shape =
          builder_.IntConst(absl::StrCat(bn->name(), "/channel_shape"), {-1, 1, 1}, {3});
      scale = Reshape(*bn, "scale", scale, channel_shape);
      offset = Reshape(*bn, "offset", offset, channel_shape);
    }
    const std::string multiplier = Op(*bn, "multiplier", "Mul", {inverse_stddev, scale});
    const std::string scaled =
        Op(*bn, "scaled", "Mul", {Op(*bn, "centered", "Sub", {x, mean}), multiplier});
    if (!statistics_wanted) {
      // The node itself becomes output 0, keeping its name and control inputs.
      std::vector<std::string> controls;
      for (const std::string& input : bn->input()) {
        if (IsControlInput(input)) controls.push_back(input);
      }
      bn->set_op("AddV2");
      bn->clear_input();
      bn->add_input(scaled);
      bn->add_input(offset);
      for (const std::string& control : controls) bn->add_input(control);
      bn->clear_attr();
      SetTypeAttr(bn, "T", kFloat);
      return;
    }
    const std::string y = Op(*bn, "y", "AddV2", {scaled, offset});
    const std::string vector_shape =
        builder_.IntConst(absl::StrCat(bn->name(), "/vector_shape"), {-1}, {1});
    const std::string batch_mean = Reshape(*bn, "mean_vector", mean, vector_shape);
    const std::string batch_variance = Reshape(*bn, "variance_vector", variance, vector_shape);
    const std::string one = builder_.FloatScalar(absl::StrCat(bn->name(), "/one"), 1.f);
    const std::string count =
        Op(*bn, "count", "RealDiv",
           {FloatSize(*bn, "size", x), FloatSize(*bn, "channels", batch_mean)});
    const std::string correction =
        Op(*bn, "bessel_correction", "RealDiv",
           {count, Op(*bn, "count_less_one", "Maximum",
                      {Op(*bn, "count_minus_one", "Sub", {count, one}), one})});
    std::string running_mean = batch_mean;
    std::string running_variance = Op(*bn, "unbiased_variance", "Mul", {batch_variance, correction});
    if (factor != 1.f) {
      const std::string keep =
          builder_.FloatScalar(absl::StrCat(bn->name(), "/one_minus_factor"), 1.f - factor);
      const std::string take = builder_.FloatScalar(absl::StrCat(bn->name(), "/factor"), factor);
      auto blend = [&](const char* suffix, const std::string& old_value,
                       const std::string& new_value) {
        return Op(*bn, suffix, "AddV2",
                  {Op(*bn, "kept", "Mul", {old_value, keep}),
                   Op(*bn, "taken", "Mul", {new_value, take})});
      };
      running_mean = blend("running_mean", mean_in, running_mean);
      running_variance = blend("running_variance", variance_in, running_variance);
    }
    BecomeIdentityN(bn, {y, running_mean, running_variance, batch_mean, batch_variance});
  }

  FrozenModel* model_;
  NodeBuilder builder_;
};

}  // namespace

absl::Status SplitBatchNormOutputs(FrozenModel* model) {
  Splitter(model).Run();
  return absl::OkStatus();
}

}  // namespace tfjs::converter
