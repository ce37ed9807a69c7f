#include "converter/keras/graph_builder.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace tfjs::converter::keras {
namespace {

using tensorflow::DataType;
using tensorflow::NodeDef;
using tensorflow::TensorProto;

TensorProto ShapedTensor(DataType dtype, const Shape& shape) {
  TensorProto tensor;
  tensor.set_dtype(dtype);
  for (int64_t dim : shape) tensor.mutable_tensor_shape()->add_dim()->set_size(dim);
  return tensor;
}

}  // namespace

void SetType(NodeDef* node, const std::string& attr, DataType type) {
  (*node->mutable_attr())[attr].set_type(type);
}

void SetInts(NodeDef* node, const std::string& attr, const std::vector<int64_t>& values) {
  auto* list = (*node->mutable_attr())[attr].mutable_list();
  for (int64_t value : values) list->add_i(value);
}

void SetInt(NodeDef* node, const std::string& attr, int64_t value) {
  (*node->mutable_attr())[attr].set_i(value);
}

void SetFloat(NodeDef* node, const std::string& attr, float value) {
  (*node->mutable_attr())[attr].set_f(value);
}

void SetBool(NodeDef* node, const std::string& attr, bool value) {
  (*node->mutable_attr())[attr].set_b(value);
}

void SetString(NodeDef* node, const std::string& attr, const std::string& value) {
  (*node->mutable_attr())[attr].set_s(value);
}

void SetShape(NodeDef* node, const std::string& attr, const Shape& shape) {
  auto* proto = (*node->mutable_attr())[attr].mutable_shape();
  for (int64_t dim : shape) proto->add_dim()->set_size(dim);
}

std::string GraphBuilder::UniqueName(absl::string_view base) {
  std::string name(base);
  for (int suffix = 1; !names_.insert(name).second; ++suffix)
    name = absl::StrCat(base, "_", suffix);
  return name;
}

NodeDef* GraphBuilder::AddNamed(absl::string_view op, const std::string& name,
                                const std::vector<std::string>& inputs) {
  NodeDef* node = graph_->add_node();
  node->set_name(name);
  node->set_op(std::string(op));
  for (const std::string& input : inputs) node->add_input(input);
  return node;
}

NodeDef* GraphBuilder::Add(absl::string_view op, absl::string_view scope,
                           const std::vector<std::string>& inputs, bool typed) {
  NodeDef* node = AddNamed(op, UniqueName(absl::StrCat(scope, "/", op)), inputs);
  if (typed) SetType(node, "T", tensorflow::DT_FLOAT);
  return node;
}

std::string GraphBuilder::Const(absl::string_view scope, absl::string_view label,
                                const TensorProto& value) {
  NodeDef* node = AddNamed("Const", UniqueName(absl::StrCat(scope, "/", label)), {});
  SetType(node, "dtype", value.dtype());
  *(*node->mutable_attr())["value"].mutable_tensor() = value;
  return node->name();
}

std::string GraphBuilder::FloatConst(absl::string_view scope, const Shape& shape,
                                     const std::vector<float>& values) {
  TensorProto tensor = ShapedTensor(tensorflow::DT_FLOAT, shape);
  tensor.set_tensor_content(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
  return Const(scope, "Const", tensor);
}

std::string GraphBuilder::IntConst(absl::string_view scope, const Shape& shape,
                                   const std::vector<int32_t>& values) {
  TensorProto tensor = ShapedTensor(tensorflow::DT_INT32, shape);
  tensor.set_tensor_content(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(int32_t)));
  return Const(scope, "Const", tensor);
}

std::string GraphBuilder::Unary(absl::string_view op, absl::string_view scope,
                                const std::string& x) {
  return Add(op, scope, {x})->name();
}

std::string GraphBuilder::Binary(absl::string_view op, absl::string_view scope,
                                 const std::string& a, const std::string& b) {
  return Add(op, scope, {a, b})->name();
}

std::string GraphBuilder::MatMul(absl::string_view scope, const std::string& a,
                                 const std::string& b) {
  NodeDef* node = Add("MatMul", scope, {a, b});
  SetBool(node, "transpose_a", false);
  SetBool(node, "transpose_b", false);
  return node->name();
}

std::string GraphBuilder::BiasAdd(absl::string_view scope, const std::string& x,
                                  const std::string& bias) {
  NodeDef* node = Add("BiasAdd", scope, {x, bias});
  SetString(node, "data_format", "NHWC");
  return node->name();
}

std::string GraphBuilder::Reshape(absl::string_view scope, const std::string& x,
                                  const Shape& shape) {
  std::vector<int32_t> dims(shape.begin(), shape.end());
  const std::string target = IntConst(scope, {static_cast<int64_t>(dims.size())}, dims);
  NodeDef* node = Add("Reshape", scope, {x, target});
  SetType(node, "Tshape", tensorflow::DT_INT32);
  return node->name();
}

std::string GraphBuilder::Transpose(absl::string_view scope, const std::string& x,
                                    const std::vector<int32_t>& perm) {
  const std::string order = IntConst(scope, {static_cast<int64_t>(perm.size())}, perm);
  NodeDef* node = Add("Transpose", scope, {x, order});
  SetType(node, "Tperm", tensorflow::DT_INT32);
  return node->name();
}

std::string GraphBuilder::Concat(absl::string_view scope, const std::vector<std::string>& xs,
                                 int axis, DataType dtype) {
  std::vector<std::string> inputs = xs;
  inputs.push_back(IntConst(scope, {}, {axis}));
  NodeDef* node = Add("ConcatV2", scope, inputs);
  SetType(node, "T", dtype);
  SetInt(node, "N", static_cast<int64_t>(xs.size()));
  SetType(node, "Tidx", tensorflow::DT_INT32);
  return node->name();
}

std::string GraphBuilder::SliceAxis(absl::string_view scope, const std::string& x, int rank,
                                    int axis, int64_t begin, int64_t size, DataType dtype) {
  std::vector<int32_t> begins(rank, 0);
  std::vector<int32_t> sizes(rank, -1);
  begins[axis] = static_cast<int32_t>(begin);
  sizes[axis] = static_cast<int32_t>(size);
  const std::string b = IntConst(scope, {rank}, begins);
  const std::string s = IntConst(scope, {rank}, sizes);
  NodeDef* node = Add("Slice", scope, {x, b, s});
  SetType(node, "T", dtype);
  SetType(node, "Index", tensorflow::DT_INT32);
  return node->name();
}

std::string GraphBuilder::BatchShape(absl::string_view scope, const std::string& like,
                                     const Shape& dims) {
  NodeDef* shape = Add("Shape", scope, {like});
  SetType(shape, "out_type", tensorflow::DT_INT32);
  NodeDef* batch = Add("StridedSlice", scope,
                       {shape->name(), IntConst(scope, {1}, {0}), IntConst(scope, {1}, {1}),
                        IntConst(scope, {1}, {1})});
  SetType(batch, "T", tensorflow::DT_INT32);
  SetType(batch, "Index", tensorflow::DT_INT32);
  for (const char* mask :
       {"begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"}) {
    SetInt(batch, mask, 0);
  }
  std::vector<int32_t> rest(dims.begin(), dims.end());
  return Concat(scope, {batch->name(), IntConst(scope, {static_cast<int64_t>(rest.size())}, rest)},
                0, tensorflow::DT_INT32);
}

std::string GraphBuilder::BatchZeros(absl::string_view scope, const std::string& like,
                                     const Shape& dims) {
  NodeDef* fill = Add("Fill", scope, {BatchShape(scope, like, dims), Scalar(scope, 0.0f)});
  SetType(fill, "index_type", tensorflow::DT_INT32);
  return fill->name();
}

std::string GraphBuilder::Pad(absl::string_view scope, const std::string& x,
                              const std::vector<std::pair<int64_t, int64_t>>& pads) {
  std::vector<int32_t> values;
  for (const auto& [before, after] : pads) {
    values.push_back(static_cast<int32_t>(before));
    values.push_back(static_cast<int32_t>(after));
  }
  const std::string paddings = IntConst(scope, {static_cast<int64_t>(pads.size()), 2}, values);
  NodeDef* node = Add("Pad", scope, {x, paddings});
  SetType(node, "Tpaddings", tensorflow::DT_INT32);
  return node->name();
}

std::string GraphBuilder::Reduce(absl::string_view op, absl::string_view scope,
                                 const std::string& x, const std::vector<int32_t>& axes,
                                 bool keep_dims) {
  const std::string indices = IntConst(scope, {static_cast<int64_t>(axes.size())}, axes);
  NodeDef* node = Add(op, scope, {x, indices});
  SetType(node, "Tidx", tensorflow::DT_INT32);
  SetBool(node, "keep_dims", keep_dims);
  return node->name();
}

}  // namespace tfjs::converter::keras
