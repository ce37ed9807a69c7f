#include "converter/passes/band_part_mask.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr tensorflow::DataType kInt32 = tensorflow::DT_INT32;

constexpr int kInput = 0;
constexpr int kNumLower = 1;
constexpr int kNumUpper = 2;

class BandPartRewriter {
 public:
  BandPartRewriter(tensorflow::GraphDef* graph, tensorflow::NodeDef* node)
      : builder_(graph), name_(node->name()) {}

  // Adds the mask's nodes; returns the in_band tensor.
  std::string InBand(const std::string& x, tensorflow::DataType type, const std::string& num_lower,
                     const std::string& num_upper, tensorflow::DataType index_type) {
    tensorflow::NodeDef* shape = Add("shape", "Shape", {x});
    SetTypeAttr(shape, "T", type);
    SetTypeAttr(shape, "out_type", kInt32);
    const std::string rows = Dim(shape->name(), "rows", -2, -1, false);
    const std::string cols = Dim(shape->name(), "cols", -1, 0, true);
    const std::string zero = Int("zero", {0}, {});
    const std::string one = Int("one", {1}, {});
    tensorflow::NodeDef* row_range = Add("row_range", "Range", {zero, rows, one});
    SetTypeAttr(row_range, "Tidx", kInt32);
    tensorflow::NodeDef* i = Add("i", "Reshape", {row_range->name(), Int("column", {-1, 1}, {2})});
    SetTypeAttr(i, "T", kInt32);
    SetTypeAttr(i, "Tshape", kInt32);
    tensorflow::NodeDef* j = Add("j", "Range", {zero, cols, one});
    SetTypeAttr(j, "Tidx", kInt32);
    const std::string i_minus_j = Typed(Add("i_minus_j", "Sub", {i->name(), j->name()}), kInt32);
    const std::string j_minus_i = Typed(Add("j_minus_i", "Neg", {i_minus_j}), kInt32);
    const std::string lower = Bound(num_lower, "num_lower", index_type);
    const std::string upper = Bound(num_upper, "num_upper", index_type);
    const std::string lower_ok =
        Add("lower_ok", "LogicalOr",
            {Typed(Add("all_lower", "Less", {lower, zero}), kInt32),
             Typed(Add("within_lower", "LessEqual", {i_minus_j, lower}), kInt32)})
            ->name();
    const std::string upper_ok =
        Add("upper_ok", "LogicalOr",
            {Typed(Add("all_upper", "Less", {upper, zero}), kInt32),
             Typed(Add("within_upper", "LessEqual", {j_minus_i, upper}), kInt32)})
            ->name();
    return Add("in_band", "LogicalAnd", {lower_ok, upper_ok})->name();
  }

  std::string ZerosLike(const std::string& x, tensorflow::DataType type) {
    return Typed(Add("zeros", "ZerosLike", {x}), type);
  }

 private:
  tensorflow::NodeDef* Add(const char* suffix, const char* op,
                           const std::vector<std::string>& inputs) {
    return builder_.Add(absl::StrCat(name_, "/", suffix), op, inputs);
  }
  static std::string Typed(tensorflow::NodeDef* node, tensorflow::DataType type) {
    SetTypeAttr(node, "T", type);
    return node->name();
  }
  std::string Int(const char* suffix, const std::vector<int32_t>& values,
                  const std::vector<int64_t>& shape) {
    return builder_.IntConst(absl::StrCat(name_, "/", suffix), values, shape);
  }
  // shape[begin:end] as a scalar (end_mask for "to the end").
  std::string Dim(const std::string& shape, const char* suffix, int32_t begin, int32_t end,
                  bool to_end) {
    tensorflow::NodeDef* slice =
        Add(suffix, "StridedSlice",
            {shape, Int(absl::StrCat(suffix, "_begin").c_str(), {begin}, {1}),
             Int(absl::StrCat(suffix, "_end").c_str(), {end}, {1}),
             Int(absl::StrCat(suffix, "_stride").c_str(), {1}, {1})});
    SetTypeAttr(slice, "T", kInt32);
    SetTypeAttr(slice, "Index", kInt32);
    (*slice->mutable_attr())["shrink_axis_mask"].set_i(1);
    (*slice->mutable_attr())["end_mask"].set_i(to_end ? 1 : 0);
    for (const char* mask : {"begin_mask", "ellipsis_mask", "new_axis_mask"}) {
      (*slice->mutable_attr())[mask].set_i(0);
    }
    return slice->name();
  }
  // A bound as int32.
  std::string Bound(const std::string& bound, const char* suffix, tensorflow::DataType type) {
    if (type != tensorflow::DT_INT64) return bound;
    tensorflow::NodeDef* cast = Add(suffix, "Cast", {bound});
    SetTypeAttr(cast, "SrcT", tensorflow::DT_INT64);
    SetTypeAttr(cast, "DstT", kInt32);
    return cast->name();
  }

  NodeBuilder builder_;
  std::string name_;
};

}  // namespace

void RewriteBandPart(tensorflow::GraphDef* graph) {
  const int original_nodes = graph->node_size();
  for (int i = 0; i < original_nodes; ++i) {
    tensorflow::NodeDef* node = graph->mutable_node(i);
    if (node->op() != "MatrixBandPart") continue;
    std::vector<std::string> data, controls;
    for (const std::string& input : node->input()) {
      (IsControlInput(input) ? controls : data).push_back(input);
    }
    if (data.size() != 3) continue;
    const tensorflow::DataType type = TypeAttr(*node, "T");
    tensorflow::DataType index_type = TypeAttr(*node, "Tindex");
    if (index_type == tensorflow::DT_INVALID) index_type = tensorflow::DT_INT64;  // TF's default.
    BandPartRewriter rewriter(graph, node);
    const std::string in_band =
        rewriter.InBand(data[kInput], type, data[kNumLower], data[kNumUpper], index_type);
    const std::string zeros = rewriter.ZerosLike(data[kInput], type);
    node = graph->mutable_node(i);
    node->set_op("SelectV2");
    node->clear_input();
    node->clear_attr();
    for (const std::string& input : {in_band, data[kInput], zeros}) node->add_input(input);
    for (const std::string& control : controls) node->add_input(control);
    SetTypeAttr(node, "T", type);
  }
}

}  // namespace tfjs::converter
