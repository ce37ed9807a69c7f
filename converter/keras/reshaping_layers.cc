// Spatial reshaping layers: ZeroPadding1D/2D/3D, Cropping1D/2D/3D, UpSampling1D/2D/3D.
#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

using Pairs = std::vector<std::pair<int64_t, int64_t>>;

// Keras's padding/cropping argument for n spatial axes: an int (all sides), n ints (symmetric
// per axis), or n pairs; 1D layers take an int or one pair.
Pairs ReadPairs(LayerCall& call, absl::string_view key, int n, int64_t fallback) {
  const google::protobuf::Value* value = call.Get(key);
  if (value == nullptr) return Pairs(n, {fallback, fallback});
  if (value->has_number_value()) {
    const int64_t v = static_cast<int64_t>(value->number_value());
    return Pairs(n, {v, v});
  }
  Pairs pairs;
  const auto& list = value->list_value().values();
  if (n == 1 && list.size() == 2 && list[0].has_number_value()) {
    return {{static_cast<int64_t>(list[0].number_value()),
             static_cast<int64_t>(list[1].number_value())}};
  }
  for (const auto& element : list) {
    if (element.has_number_value()) {
      const int64_t v = static_cast<int64_t>(element.number_value());
      pairs.push_back({v, v});
    } else if (element.list_value().values_size() == 2) {
      pairs.push_back({static_cast<int64_t>(element.list_value().values(0).number_value()),
                       static_cast<int64_t>(element.list_value().values(1).number_value())});
    }
  }
  if (static_cast<int>(pairs.size()) != n) {
    call.Fail(absl::StrCat("config '", key, "' is not ", n, " (before, after) pairs"));
  }
  return pairs;
}

// The first spatial axis: 1 channels last, 2 channels first (1D layers are channels last).
int FirstSpatialAxis(LayerCall& call, int n) {
  if (n == 1) return 1;
  return call.Str("data_format", "channels_last") == "channels_first" ? 2 : 1;
}

std::vector<KTensor> ZeroPadding(LayerCall& call, int n) {
  const KTensor& x = call.input();
  const Pairs pads = ReadPairs(call, "padding", n, 1);
  const int first = FirstSpatialAxis(call, n);
  if (call.failed()) return {};
  if (static_cast<int>(x.shape.size()) != n + 2) {
    call.Fail(absl::StrCat("needs a rank-", n + 2, " input"));
    return {};
  }
  Pairs all(n + 2, {0, 0});
  Shape shape = x.shape;
  for (int i = 0; i < n; ++i) {
    all[first + i] = pads[i];
    if (shape[first + i] >= 0) shape[first + i] += pads[i].first + pads[i].second;
  }
  return {{call.b.Pad(call.scope(), x.name, all), shape}};
}

std::vector<KTensor> Cropping(LayerCall& call, int n) {
  const KTensor& x = call.input();
  const Pairs crops = ReadPairs(call, "cropping", n, n == 1 ? 1 : 0);
  const int first = FirstSpatialAxis(call, n);
  if (call.failed()) return {};
  const int rank = n + 2;
  if (static_cast<int>(x.shape.size()) != rank) {
    call.Fail(absl::StrCat("needs a rank-", rank, " input"));
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  std::vector<int32_t> begin(rank, 0), end(rank, 0), strides(rank, 1);
  int64_t end_mask = 0;
  Shape shape = x.shape;
  for (int axis = 0; axis < rank; ++axis) {
    const int i = axis - first;
    if (i < 0 || i >= n) {
      end_mask |= int64_t{1} << axis;
      continue;
    }
    begin[axis] = static_cast<int32_t>(crops[i].first);
    if (crops[i].second == 0) end_mask |= int64_t{1} << axis;
    end[axis] = static_cast<int32_t>(-crops[i].second);
    if (shape[axis] >= 0) shape[axis] -= crops[i].first + crops[i].second;
  }
  tensorflow::NodeDef* node = b.Add("StridedSlice", s,
                                    {x.name, b.IntConst(s, {rank}, begin),
                                     b.IntConst(s, {rank}, end), b.IntConst(s, {rank}, strides)});
  SetType(node, "Index", tensorflow::DT_INT32);
  SetInt(node, "begin_mask", 0);
  SetInt(node, "end_mask", end_mask);
  SetInt(node, "ellipsis_mask", 0);
  SetInt(node, "new_axis_mask", 0);
  SetInt(node, "shrink_axis_mask", 0);
  return {{node->name(), shape}};
}

// Keras's repeat_elements: every element along `axis` repeated `times` times in place.
KTensor RepeatElements(LayerCall& call, const KTensor& x, int axis, int64_t times) {
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  if (Product(x.shape, 1, x.shape.size()) < 0) {
    call.Fail("needs the input's dimensions after the batch to be known");
    return x;
  }
  tensorflow::NodeDef* expand = b.Add("ExpandDims", s, {x.name, b.IntConst(s, {}, {axis + 1})});
  SetType(expand, "Tdim", tensorflow::DT_INT32);
  std::vector<int32_t> multiples(x.shape.size() + 1, 1);
  multiples[axis + 1] = static_cast<int32_t>(times);
  tensorflow::NodeDef* tile =
      b.Add("Tile", s,
            {expand->name(), b.IntConst(s, {static_cast<int64_t>(multiples.size())}, multiples)});
  SetType(tile, "Tmultiples", tensorflow::DT_INT32);
  Shape shape = x.shape;
  shape[axis] *= times;
  Shape target = shape;
  target[0] = -1;
  return {b.Reshape(s, tile->name(), target), shape};
}

std::vector<KTensor> UpSampling(LayerCall& call, int n) {
  const KTensor& x = call.input();
  // UpSampling1D calls it size (an int); Keras 1 called it length.
  const std::vector<int64_t> size = call.Ints("size", n, 2);
  const int first = FirstSpatialAxis(call, n);
  const std::string interpolation = call.Str("interpolation", "nearest");
  if (call.failed()) return {};
  if (static_cast<int>(x.shape.size()) != n + 2) {
    call.Fail(absl::StrCat("needs a rank-", n + 2, " input"));
    return {};
  }
  if (n == 2 && interpolation == "bilinear") {
    GraphBuilder& b = call.b;
    const std::string& s = call.scope();
    std::string in = x.name;
    const bool channels_first = first == 2;
    if (channels_first) in = b.Transpose(s, in, {0, 2, 3, 1});
    const int64_t h = x.shape[first], w = x.shape[first + 1];
    if (h < 0 || w < 0) {
      call.Fail("needs known spatial dimensions");
      return {};
    }
    tensorflow::NodeDef* resize = b.Add(
        "ResizeBilinear", s,
        {in, b.IntConst(s, {2},
                        {static_cast<int32_t>(h * size[0]), static_cast<int32_t>(w * size[1])})});
    SetBool(resize, "align_corners", false);
    SetBool(resize, "half_pixel_centers", true);
    std::string y = resize->name();
    if (channels_first) y = b.Transpose(s, y, {0, 3, 1, 2});
    Shape shape = x.shape;
    shape[first] *= size[0];
    shape[first + 1] *= size[1];
    return {{y, shape}};
  }
  if (interpolation != "nearest") {
    call.Fail(absl::StrCat("interpolation '", interpolation, "' is not supported"));
    return {};
  }
  KTensor y = x;
  for (int i = 0; i < n; ++i) y = RepeatElements(call, y, first + i, size[i]);
  return {y};
}

template <int n>
std::vector<KTensor> ZeroPaddingN(LayerCall& call) {
  return ZeroPadding(call, n);
}
template <int n>
std::vector<KTensor> CroppingN(LayerCall& call) {
  return Cropping(call, n);
}
template <int n>
std::vector<KTensor> UpSamplingN(LayerCall& call) {
  return UpSampling(call, n);
}

}  // namespace

void RegisterReshapingLayers(Registry& registry) {
  registry["ZeroPadding1D"] = ZeroPaddingN<1>;
  registry["ZeroPadding2D"] = ZeroPaddingN<2>;
  registry["ZeroPadding3D"] = ZeroPaddingN<3>;
  registry["Cropping1D"] = CroppingN<1>;
  registry["Cropping2D"] = CroppingN<2>;
  registry["Cropping3D"] = CroppingN<3>;
  registry["UpSampling1D"] = UpSamplingN<1>;
  registry["UpSampling2D"] = UpSamplingN<2>;
  registry["UpSampling3D"] = UpSamplingN<3>;
}

}  // namespace tfjs::converter::keras
