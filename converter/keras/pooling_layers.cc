// Pooling layers: Max/AveragePooling1D/2D/3D and their global forms.
#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

std::vector<KTensor> Pool(LayerCall& call, int n, bool max) {
  const KTensor& x = call.input();
  std::vector<int64_t> pool = call.Ints("pool_size", n, 2);
  std::vector<int64_t> strides = call.Has("strides") ? call.Ints("strides", n, 1) : pool;
  const std::string padding = call.Str("padding", "valid");
  const bool channels_first = call.Str("data_format", "channels_last") == "channels_first";
  if (call.failed()) return {};
  if (static_cast<int>(x.shape.size()) != n + 2) {
    call.Fail(absl::StrCat("needs a rank-", n + 2, " input"));
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  std::string in = x.name;
  Shape shape = x.shape;
  std::vector<int32_t> to_last = {0}, to_first = {0, n + 1};
  for (int i = 2; i < n + 2; ++i) to_last.push_back(i);
  to_last.push_back(1);
  for (int i = 1; i <= n; ++i) to_first.push_back(i);
  if (channels_first) {
    in = b.Transpose(s, in, to_last);
    Shape moved;
    for (int32_t i : to_last) moved.push_back(shape[i]);
    shape = moved;
  }
  Shape out = {shape[0]};
  for (int i = 0; i < n; ++i) {
    const int64_t len = shape[1 + i];
    out.push_back(len < 0             ? -1
                  : padding == "same" ? (len + strides[i] - 1) / strides[i]
                                      : (len - pool[i]) / strides[i] + 1);
  }
  out.push_back(shape.back());
  if (n == 1) {
    tensorflow::NodeDef* expand = b.Add("ExpandDims", s, {in, b.IntConst(s, {}, {1})});
    SetType(expand, "Tdim", tensorflow::DT_INT32);
    in = expand->name();
    pool.insert(pool.begin(), 1);
    strides.insert(strides.begin(), 1);
  }
  const int dims = n == 1 ? 2 : n;
  const char* op = dims == 2 ? (max ? "MaxPool" : "AvgPool") : (max ? "MaxPool3D" : "AvgPool3D");
  tensorflow::NodeDef* node = b.Add(op, s, {in});
  std::vector<int64_t> ksize = {1}, stride = {1};
  ksize.insert(ksize.end(), pool.begin(), pool.end());
  stride.insert(stride.end(), strides.begin(), strides.end());
  ksize.push_back(1);
  stride.push_back(1);
  SetInts(node, "ksize", ksize);
  SetInts(node, "strides", stride);
  SetString(node, "padding", padding == "same" ? "SAME" : "VALID");
  SetString(node, "data_format", dims == 2 ? "NHWC" : "NDHWC");
  std::string y = node->name();
  if (n == 1) {
    tensorflow::NodeDef* squeeze = b.Add("Squeeze", s, {y});
    SetInts(squeeze, "squeeze_dims", {1});
    y = squeeze->name();
  }
  if (channels_first) {
    y = b.Transpose(s, y, to_first);
    Shape moved;
    for (int32_t i : to_first) moved.push_back(out[i]);
    out = moved;
  }
  return {{y, out}};
}

std::vector<KTensor> GlobalPool(LayerCall& call, int n, bool max) {
  const KTensor& x = call.input();
  const bool channels_first = call.Str("data_format", "channels_last") == "channels_first";
  const bool keep_dims = call.Bool("keepdims", false);
  if (call.failed()) return {};
  if (static_cast<int>(x.shape.size()) != n + 2) {
    call.Fail(absl::StrCat("needs a rank-", n + 2, " input"));
    return {};
  }
  std::vector<int32_t> axes;
  for (int i = 0; i < n; ++i) axes.push_back(channels_first ? 2 + i : 1 + i);
  Shape out;
  for (int i = 0; i < n + 2; ++i) {
    const bool reduced = std::find(axes.begin(), axes.end(), i) != axes.end();
    if (!reduced)
      out.push_back(x.shape[i]);
    else if (keep_dims)
      out.push_back(1);
  }
  return {{call.b.Reduce(max ? "Max" : "Mean", call.scope(), x.name, axes, keep_dims), out}};
}

template <int n, bool max>
std::vector<KTensor> PoolN(LayerCall& call) {
  return Pool(call, n, max);
}

template <int n, bool max>
std::vector<KTensor> GlobalPoolN(LayerCall& call) {
  return GlobalPool(call, n, max);
}

}  // namespace

void RegisterPoolingLayers(Registry& registry) {
  registry["MaxPooling1D"] = registry["MaxPool1D"] = PoolN<1, true>;
  registry["MaxPooling2D"] = registry["MaxPool2D"] = PoolN<2, true>;
  registry["MaxPooling3D"] = registry["MaxPool3D"] = PoolN<3, true>;
  registry["AveragePooling1D"] = registry["AvgPool1D"] = PoolN<1, false>;
  registry["AveragePooling2D"] = registry["AvgPool2D"] = PoolN<2, false>;
  registry["AveragePooling3D"] = registry["AvgPool3D"] = PoolN<3, false>;
  registry["GlobalMaxPooling1D"] = registry["GlobalMaxPool1D"] = GlobalPoolN<1, true>;
  registry["GlobalMaxPooling2D"] = registry["GlobalMaxPool2D"] = GlobalPoolN<2, true>;
  registry["GlobalMaxPooling3D"] = registry["GlobalMaxPool3D"] = GlobalPoolN<3, true>;
  registry["GlobalAveragePooling1D"] = registry["GlobalAvgPool1D"] = GlobalPoolN<1, false>;
  registry["GlobalAveragePooling2D"] = registry["GlobalAvgPool2D"] = GlobalPoolN<2, false>;
  registry["GlobalAveragePooling3D"] = registry["GlobalAvgPool3D"] = GlobalPoolN<3, false>;
}

}  // namespace tfjs::converter::keras
