#include "runtime/kernels/nn/window.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tfjs::runtime::nn {
namespace {

// Reads a four-entry list attr, or `fallback` when the node lacks it and the table has no
// default.
absl::StatusOr<std::vector<int64_t>> ReadFourInts(const KernelBuildContext& context,
                                                  const char* name, std::vector<int64_t> fallback) {
  absl::StatusOr<std::vector<int64_t>> values = context.attrs.GetIntList(name);
  if (!values.ok()) {
    if (fallback.empty() || context.attrs.Has(name)) return values.status();
    values = std::move(fallback);
  }
  if (values->size() != 4) {
    return context.Error(
        absl::StrCat(name, " must have 4 entries, got [", absl::StrJoin(*values, ","), "]"));
  }
  return values;
}

}  // namespace

absl::StatusOr<WindowAttrs> ReadWindowAttrs(const KernelBuildContext& context, bool has_dilations,
                                            bool has_ksize) {
  WindowAttrs attrs;
  std::string format = "NHWC";
  if (context.attrs.Has("data_format")) {
    absl::StatusOr<std::string> read = context.attrs.GetString("data_format");
    if (!read.ok()) return read.status();
    format = *read;
  }
  if (format != "NHWC" && format != "NCHW") {
    return context.Error(absl::StrCat("data_format must be NHWC or NCHW, got ", format));
  }
  attrs.nchw = format == "NCHW";
  const int h = attrs.nchw ? 2 : 1;
  const int w = attrs.nchw ? 3 : 2;
  const int c = attrs.nchw ? 1 : 3;

  absl::StatusOr<std::vector<int64_t>> strides = ReadFourInts(context, "strides", {});
  if (!strides.ok()) return strides.status();
  if ((*strides)[0] != 1 || (*strides)[c] != 1) {
    return context.Error("strides on the batch and channel dims must be 1");
  }
  attrs.height.stride = (*strides)[h];
  attrs.width.stride = (*strides)[w];
  if (attrs.height.stride < 1 || attrs.width.stride < 1) {
    return context.Error("strides must be positive");
  }

  if (has_dilations) {
    absl::StatusOr<std::vector<int64_t>> dilations =
        ReadFourInts(context, "dilations", {1, 1, 1, 1});
    if (!dilations.ok()) return dilations.status();
    if ((*dilations)[0] != 1 || (*dilations)[c] != 1) {
      return context.Error("dilations on the batch and channel dims must be 1");
    }
    attrs.height.dilation = (*dilations)[h];
    attrs.width.dilation = (*dilations)[w];
    if (attrs.height.dilation < 1 || attrs.width.dilation < 1) {
      return context.Error("dilations must be positive");
    }
  }
  if (has_ksize) {
    absl::StatusOr<std::vector<int64_t>> ksize = ReadFourInts(context, "ksize", {});
    if (!ksize.ok()) return ksize.status();
    if ((*ksize)[0] != 1 || (*ksize)[c] != 1) {
      return context.Error("pooling over the batch or channel dim is not supported");
    }
    attrs.height.kernel = (*ksize)[h];
    attrs.width.kernel = (*ksize)[w];
    if (attrs.height.kernel < 1 || attrs.width.kernel < 1) {
      return context.Error("ksize must be positive");
    }
  }

  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!padding.ok()) return padding.status();
  if (*padding == "VALID") {
    attrs.padding = Padding::kValid;
  } else if (*padding == "SAME") {
    attrs.padding = Padding::kSame;
  } else if (*padding == "EXPLICIT") {
    attrs.padding = Padding::kExplicit;
    absl::StatusOr<std::vector<int64_t>> pads = context.attrs.GetIntList("explicit_paddings");
    if (!pads.ok()) return pads.status();
    if (pads->size() != 8) {
      return context.Error(
          absl::StrCat("explicit_paddings must have 8 entries, got ", pads->size()));
    }
    if ((*pads)[0] != 0 || (*pads)[1] != 0 || (*pads)[2 * c] != 0 || (*pads)[2 * c + 1] != 0) {
      return context.Error("explicit_paddings on the batch and channel dims must be 0");
    }
    if (*std::min_element(pads->begin(), pads->end()) < 0) {
      return context.Error("explicit_paddings must not be negative");
    }
    attrs.height.explicit_before = (*pads)[2 * h];
    attrs.height.explicit_after = (*pads)[2 * h + 1];
    attrs.width.explicit_before = (*pads)[2 * w];
    attrs.width.explicit_after = (*pads)[2 * w + 1];
  } else {
    return context.Error(
        absl::StrCat("padding must be SAME, VALID or EXPLICIT, got '", *padding, "'"));
  }
  return attrs;
}

absl::StatusOr<SpatialOutput> ComputeSpatialOutput(int64_t input_size, const WindowDim& window,
                                                   Padding padding) {
  const int64_t effective_kernel = (window.kernel - 1) * window.dilation + 1;
  SpatialOutput output;
  switch (padding) {
    case Padding::kValid:
      output.size = (input_size - effective_kernel + window.stride) / window.stride;
      break;
    case Padding::kSame: {
      output.size = (input_size + window.stride - 1) / window.stride;
      const int64_t needed =
          std::max<int64_t>(0, (output.size - 1) * window.stride + effective_kernel - input_size);
      output.pad_before = needed / 2;
      output.pad_after = needed - output.pad_before;
      break;
    }
    case Padding::kExplicit:
      output.pad_before = window.explicit_before;
      output.pad_after = window.explicit_after;
      output.size =
          (input_size + output.pad_before + output.pad_after - effective_kernel + window.stride) /
          window.stride;
      break;
  }
  if (output.size < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the window (size ", effective_kernel, " with dilation) does not fit an input of size ",
        input_size, ": the output size would be negative"));
  }
  return output;
}

}  // namespace tfjs::runtime::nn
