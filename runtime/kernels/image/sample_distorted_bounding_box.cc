// SampleDistortedBoundingBox (V1: min_object_covered attr; V2: an input; both seeded) and
// StatelessSampleDistortedBoundingBox (a [2] seed): a random crop of an image of image_size
// ([height, width, channels]) covering enough of one of the given boxes, bit for bit as TF's CPU
// kernel. Each of max_attempts draws an aspect ratio (RandFloat over aspect_ratio_range), a height
// between the area range's bounds (Uniform), then a y and an x offset; the first crop covering at
// least min_object_covered of some box (of area >= 1 pixel) wins, else the whole image. Outputs
// begin [y, x, 0], size [h, w, -1] (dtype T) and the crop as a [1, 1, 4] float box. The seeded ops
// reserve 4 words per attempt of the node's Philox stream.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/guarded_philox.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/random/random_inputs.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::TypeList;
using random::Philox;

using SizeTypes = TypeList<uint8_t, int8_t, int16_t, int32_t, int64_t>;

struct Rect {
  int64_t min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  int64_t Area() const { return (max_x - min_x) * (max_y - min_y); }
  Rect Intersect(const Rect& r) const {
    Rect i{std::max(min_x, r.min_x), std::max(min_y, r.min_y), std::min(max_x, r.max_x),
           std::min(max_y, r.max_y)};
    if (i.min_x > i.max_x || i.min_y > i.max_y) return Rect{};
    return i;
  }
};

struct Options {
  float aspect_lo = 0.75f, aspect_hi = 1.33f;
  float area_lo = 0.05f, area_hi = 1.0f;
  int64_t max_attempts = 100;
  bool use_image_if_no_boxes = false;
};

// TF's SimplePhilox draws used here.
class Draws {
 public:
  explicit Draws(Philox* philox) : words_(philox) {}
  float RandFloat() { return random::Uint32ToFloat(words_()); }
  uint32_t Uniform(uint32_t n) { return words_() % n; }

 private:
  random::SingleSample words_;
};

bool GenerateRandomCrop(int64_t width, int64_t height, float min_relative, float max_relative,
                        float aspect_ratio, Draws& draws, Rect& crop) {
  if (max_relative <= 0.0f || aspect_ratio <= 0.0f || width <= 0 || height <= 0 ||
      min_relative > max_relative) {
    return false;
  }
  const float min_area = min_relative * width * height;
  const float max_area = max_relative * width * height;
  int64_t crop_height = std::lrintf(std::sqrt(min_area / aspect_ratio));
  int64_t max_height = std::lrintf(std::sqrt(max_area / aspect_ratio));
  if (std::lrintf(max_height * aspect_ratio) > width) {
    const float kEps = 0.0000001f;
    max_height = static_cast<int64_t>((width + 0.5 - kEps) / aspect_ratio);
    if (std::lrintf(max_height * aspect_ratio) > width) max_height -= 1;
  }
  max_height = std::min(max_height, height);
  crop_height = std::min(crop_height, max_height);
  if (crop_height < max_height) {
    crop_height += draws.Uniform(static_cast<uint32_t>(max_height - crop_height + 1));
  }
  int64_t crop_width = std::lrintf(crop_height * aspect_ratio);
  float area = static_cast<float>(crop_width * crop_height);
  if (area < min_area) {
    crop_height += 1;
    crop_width = std::lrintf(crop_height * aspect_ratio);
    area = static_cast<float>(crop_width * crop_height);
  }
  if (area > max_area) {
    crop_height -= 1;
    crop_width = std::lrintf(crop_height * aspect_ratio);
    area = static_cast<float>(crop_width * crop_height);
  }
  if (area < min_area || area > max_area || crop_width > width || crop_height > height ||
      crop_width <= 0 || crop_height <= 0) {
    return false;
  }
  int64_t y = 0, x = 0;
  if (crop_height < height) y = draws.Uniform(static_cast<uint32_t>(height - crop_height));
  if (crop_width < width) x = draws.Uniform(static_cast<uint32_t>(width - crop_width));
  crop = Rect{x, y, x + crop_width, y + crop_height};
  return true;
}

bool SatisfiesOverlap(const Rect& crop, float min_covered, const std::vector<Rect>& boxes) {
  if (crop.Area() < 1) return false;
  for (const Rect& box : boxes) {
    const float area = static_cast<float>(box.Area());
    if (area < 1) continue;
    if (static_cast<float>(crop.Intersect(box).Area()) / area >= min_covered) return true;
  }
  return false;
}

absl::StatusOr<Options> ReadOptions(const KernelBuildContext& context) {
  Options options;
  const NodeAttrs& attrs = context.attrs;
  absl::StatusOr<std::vector<float>> aspect = attrs.GetFloatList("aspect_ratio_range");
  absl::StatusOr<std::vector<float>> area = attrs.GetFloatList("area_range");
  absl::StatusOr<int64_t> attempts = attrs.GetInt("max_attempts");
  absl::StatusOr<bool> use_image = attrs.GetBool("use_image_if_no_bounding_boxes");
  if (!aspect.ok()) return aspect.status();
  if (!area.ok()) return area.status();
  if (!attempts.ok()) return attempts.status();
  if (!use_image.ok()) return use_image.status();
  if (aspect->size() != 2) {
    return absl::InvalidArgumentError("Aspect ratio range field must specify 2 dimensions");
  }
  if (!((*aspect)[0] > 0 && (*aspect)[1] > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("Aspect ratio range must be non-negative: [",
                                                   (*aspect)[0], ", ", (*aspect)[1], "]"));
  }
  if (area->size() != 2)
    return absl::InvalidArgumentError("Area range field must specify 2 dimensions");
  if (!((*area)[0] <= 1 && (*area)[1] <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Area range must be less then or equal to 1.0: [", (*area)[0], ", ", (*area)[1], "]"));
  }
  if (!((*area)[0] > 0 && (*area)[1] > 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("Area range must be positive: [", (*area)[0], ", ", (*area)[1], "]"));
  }
  if (*attempts <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("Max attempts must be non-negative: ", *attempts));
  }
  options.aspect_lo = (*aspect)[0];
  options.aspect_hi = (*aspect)[1];
  options.area_lo = (*area)[0];
  options.area_hi = (*area)[1];
  options.max_attempts = *attempts;
  options.use_image_if_no_boxes = *use_image;
  return options;
}

absl::Status Sample(OpContext& context, const Options& options, float min_covered, Philox philox) {
  const Tensor& image_size = context.input(0);
  const Tensor& input_boxes = context.input(1);
  if (image_size.rank() != 1) {
    return context.Error(
        absl::StrCat("image_size must be 1-dimensional", ShapeString(image_size.shape())));
  }
  if (image_size.dim(0) != 3) {
    return context.Error(
        absl::StrCat("image_size must contain 3 elements", ShapeString(image_size.shape())));
  }
  int64_t dims[3];
  absl::Status status =
      DispatchDataType(SizeTypes(), context, image_size.dtype(), "image_size", [&](auto tag) {
        using T = decltype(tag);
        for (int i = 0; i < 3; ++i) dims[i] = static_cast<int64_t>(image_size.data<T>()[i]);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  // TF reads the dims as unsigned: a negative one is out of range too.
  if (static_cast<uint64_t>(dims[0]) >= uint64_t{2147483647} ||
      static_cast<uint64_t>(dims[1]) >= uint64_t{2147483647}) {
    return context.Error("image height cannot be large than int32 max");
  }
  const int64_t height = dims[0], width = dims[1];
  if (input_boxes.dtype() != tensorflow::DT_FLOAT || input_boxes.rank() != 3) {
    return context.Error(
        absl::StrCat("input boxes must be 3-dimensional [batch, num_boxes, coords]: ",
                     ShapeString(input_boxes.shape())));
  }
  if (input_boxes.dim(2) != 4) {
    return context.Error(absl::StrCat("bounding boxes must have shape [4] or [*, 4], got ",
                                      ShapeString(input_boxes.shape())));
  }
  std::vector<Rect> boxes;
  const float* coords = input_boxes.data<float>();
  for (int64_t b = 0; b < input_boxes.num_elements() / 4; ++b) {
    const float* box = coords + 4 * b;
    for (int i = 0; i < 4; ++i) {
      if (!(box[i] >= 0.0f && box[i] <= 1.0f)) {
        return context.Error(
            absl::StrCat("All bounding box coordinates must be in [0.0, 1.0]: ", box[i]));
      }
    }
    boxes.push_back(Rect{static_cast<int64_t>(static_cast<int32_t>(box[1] * width)),
                         static_cast<int64_t>(static_cast<int32_t>(box[0] * height)),
                         static_cast<int64_t>(static_cast<int32_t>(box[3] * width)),
                         static_cast<int64_t>(static_cast<int32_t>(box[2] * height))});
  }
  const Rect image_rect{0, 0, width, height};
  if (boxes.empty()) {
    if (!options.use_image_if_no_boxes) {
      return context.Error(
          "No bounding boxes provided as input. One must enable use_image_if_no_bounding_boxes "
          "if you wish to not provide any bounding boxes.");
    }
    boxes.push_back(image_rect);
  }
  Draws draws(&philox);
  Rect crop;
  bool generated = false;
  for (int64_t i = 0; i < options.max_attempts && !generated; ++i) {
    const float aspect =
        draws.RandFloat() * (options.aspect_hi - options.aspect_lo) + options.aspect_lo;
    generated =
        GenerateRandomCrop(width, height, options.area_lo, options.area_hi, aspect, draws, crop) &&
        SatisfiesOverlap(crop, min_covered, boxes);
  }
  if (!generated) crop = image_rect;
  Tensor begin = *Tensor::Allocate(image_size.dtype(), {3});
  Tensor size = *Tensor::Allocate(image_size.dtype(), {3});
  Tensor bbox = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 1, 4});
  status = DispatchDataType(SizeTypes(), context, image_size.dtype(), "image_size", [&](auto tag) {
    using T = decltype(tag);
    T* b = begin.mutable_data<T>();
    T* s = size.mutable_data<T>();
    b[0] = static_cast<T>(crop.min_y);
    b[1] = static_cast<T>(crop.min_x);
    b[2] = 0;
    s[0] = static_cast<T>(crop.max_y - crop.min_y);
    s[1] = static_cast<T>(crop.max_x - crop.min_x);
    s[2] = static_cast<T>(-1);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  float* box = bbox.mutable_data<float>();
  box[0] = static_cast<float>(crop.min_y) / static_cast<float>(height);
  box[1] = static_cast<float>(crop.min_x) / static_cast<float>(width);
  box[2] = static_cast<float>(crop.max_y) / static_cast<float>(height);
  box[3] = static_cast<float>(crop.max_x) / static_cast<float>(width);
  context.set_output(0, std::move(begin));
  context.set_output(1, std::move(size));
  context.set_output(2, std::move(bbox));
  return absl::OkStatus();
}

// min_object_covered from the attr (V1) or a float scalar input (V2 and stateless).
absl::StatusOr<float> MinCovered(const OpContext& context, int input) {
  const Tensor& tensor = context.input(input);
  if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.num_elements() != 1) {
    return context.Error(absl::StrCat("min_object_covered must be a float scalar, got shape ",
                                      ShapeString(tensor.shape())));
  }
  const float value = *tensor.data<float>();
  if (!(value >= 0)) {
    return context.Error(absl::StrCat("min_object_covered must be non-negative: ", value));
  }
  return value;
}

class SeededKernel : public Kernel {
 public:
  SeededKernel(const tensorflow::NodeDef& node, Options options, bool v2, float min_covered)
      : generator_(node), options_(options), v2_(v2), min_covered_(min_covered) {}

  absl::Status Compute(OpContext& context) const override {
    const int inputs = v2_ ? 3 : 2;
    if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
    float min_covered = min_covered_;
    if (v2_) {
      absl::StatusOr<float> read = MinCovered(context, 2);
      if (!read.ok()) return read.status();
      min_covered = *read;
    }
    return Sample(context, options_, min_covered,
                  generator_.ReserveSamples32(4 * static_cast<uint64_t>(options_.max_attempts)));
  }

 private:
  random::GuardedPhilox generator_;
  Options options_;
  bool v2_;
  float min_covered_;
};

template <bool kV2>
absl::StatusOr<std::unique_ptr<Kernel>> BuildSeeded(const KernelBuildContext& context) {
  absl::StatusOr<Options> options = ReadOptions(context);
  if (!options.ok()) return context.Error(options.status().message());
  float min_covered = 0;
  if (!kV2) {
    absl::StatusOr<float> attr = context.attrs.GetFloat("min_object_covered");
    if (!attr.ok()) return context.Error(attr.status().message());
    if (!(*attr >= 0)) {
      return context.Error(absl::StrCat("Min object covered must be non-negative: ", *attr));
    }
    min_covered = *attr;
  }
  return std::make_unique<SeededKernel>(context.node, *options, kV2, min_covered);
}

class StatelessKernel : public Kernel {
 public:
  explicit StatelessKernel(Options options) : options_(options) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    absl::StatusOr<float> min_covered = MinCovered(context, 2);
    if (!min_covered.ok()) return min_covered.status();
    absl::StatusOr<Philox> philox = random::ReadStatelessSeed(context.input(3));
    if (!philox.ok()) return context.Error(philox.status().message());
    return Sample(context, options_, *min_covered, *philox);
  }

 private:
  Options options_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildStateless(const KernelBuildContext& context) {
  absl::StatusOr<Options> options = ReadOptions(context);
  if (!options.ok()) return context.Error(options.status().message());
  return std::make_unique<StatelessKernel>(*options);
}

REGISTER_KERNEL_FACTORY("SampleDistortedBoundingBox", BuildSeeded<false>,
                        {{"T", DtypesOf(SizeTypes())}});
REGISTER_KERNEL_FACTORY("SampleDistortedBoundingBoxV2", BuildSeeded<true>,
                        {{"T", DtypesOf(SizeTypes())}});
REGISTER_KERNEL_FACTORY("StatelessSampleDistortedBoundingBox", BuildStateless,
                        {{"T", DtypesOf(SizeTypes())},
                         {"Tseed", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
