#include "runtime/kernels/nn/window3d.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tfjs::runtime::nn {
namespace {

// Reads a five-entry list attr into the three spatial dims through `set`, after checking the
// batch and channel entries are 1 and the rest at least 1. `fallback` serves a missing attr
// when non-empty.
template <typename Setter>
absl::Status ReadFiveInts(const KernelBuildContext& context, const char* name, bool channels_first,
                          std::vector<int64_t> fallback, Setter set) {
  absl::StatusOr<std::vector<int64_t>> values = context.attrs.GetIntList(name);
  if (!values.ok()) {
    if (fallback.empty() || context.attrs.Has(name)) return values.status();
    values = std::move(fallback);
  }
  if (values->size() != 5) {
    return context.Error(
        absl::StrCat(name, " must have 5 entries, got [", absl::StrJoin(*values, ","), "]"));
  }
  const int channel = channels_first ? 1 : 4;
  const int first_spatial = channels_first ? 2 : 1;
  if ((*values)[0] != 1 || (*values)[channel] != 1) {
    return context.Error(absl::StrCat(name, " on the batch and channel dims must be 1, got [",
                                      absl::StrJoin(*values, ","), "]"));
  }
  for (int i = 0; i < 3; ++i) {
    const int64_t value = (*values)[first_spatial + i];
    if (value < 1) {
      return context.Error(
          absl::StrCat(name, " must be positive, got [", absl::StrJoin(*values, ","), "]"));
    }
    set(i, value);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Window3DAttrs> ReadWindow3DAttrs(const KernelBuildContext& context,
                                                bool has_dilations, bool has_ksize) {
  Window3DAttrs attrs;
  std::string format = "NDHWC";
  if (context.attrs.Has("data_format")) {
    absl::StatusOr<std::string> read = context.attrs.GetString("data_format");
    if (!read.ok()) return read.status();
    format = *read;
  }
  // TF.js's table defaults Conv3D's data_format to NHWC; it means channels last.
  if (format == "NHWC") format = "NDHWC";
  if (format != "NDHWC" && format != "NCDHW") {
    return context.Error(absl::StrCat("data_format must be NDHWC or NCDHW, got ", format));
  }
  attrs.channels_first = format == "NCDHW";
  const bool first = attrs.channels_first;
  absl::Status status = ReadFiveInts(context, "strides", first, {},
                                     [&](int i, int64_t v) { attrs.dims[i].stride = v; });
  if (!status.ok()) return status;
  if (has_dilations) {
    status = ReadFiveInts(context, "dilations", first, {1, 1, 1, 1, 1},
                          [&](int i, int64_t v) { attrs.dims[i].dilation = v; });
    if (!status.ok()) return status;
  }
  if (has_ksize) {
    status = ReadFiveInts(context, "ksize", first, {},
                          [&](int i, int64_t v) { attrs.dims[i].kernel = v; });
    if (!status.ok()) return status;
  }
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!padding.ok()) return padding.status();
  if (*padding == "VALID") {
    attrs.padding = Padding::kValid;
  } else if (*padding == "SAME") {
    attrs.padding = Padding::kSame;
  } else {
    return context.Error(absl::StrCat("padding must be SAME or VALID, got '", *padding, "'"));
  }
  return attrs;
}

absl::StatusOr<std::array<SpatialOutput, 3>> ComputeOutput3D(const Shape& input_shape,
                                                             const Window3DAttrs& attrs) {
  std::array<SpatialOutput, 3> output;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<SpatialOutput> dim =
        ComputeSpatialOutput(input_shape[1 + i], attrs.dims[i], attrs.padding);
    if (!dim.ok()) return dim.status();
    output[i] = *dim;
  }
  return output;
}

}  // namespace tfjs::runtime::nn
