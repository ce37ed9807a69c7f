#include "runtime/kernels/string/string_util.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::strings {

NodeAttrs AttrsOf(const OpContext& context) {
  return NodeAttrs(context.node(), ops::FindOp(context.node().op()));
}

absl::Status CheckStringInput(const OpContext& context, int index, absl::string_view name) {
  if (index >= context.num_inputs()) {
    return context.Error(absl::StrCat("missing input '", name, "'"));
  }
  const DataType dtype = context.input(index).dtype();
  if (dtype != tensorflow::DT_STRING) {
    return context.Error(absl::StrCat(name, " must be a string tensor, got ", DataTypeName(dtype)));
  }
  return absl::OkStatus();
}

int64_t Utf8Length(absl::string_view text) {
  int64_t count = 0;
  for (char c : text) count += IsTrailByte(c) ? 0 : 1;
  return count;
}

namespace {

std::string NonFiniteText(double value) {
  if (std::isnan(value)) return std::signbit(value) ? "-nan" : "nan";
  return value < 0 ? "-inf" : "inf";
}

}  // namespace

std::string FloatText(float value) {
  if (!std::isfinite(value)) return NonFiniteText(value);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.*g", 6, value);
  if (std::strtof(buffer, nullptr) != value) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", 9, value);
  }
  return buffer;
}

std::string DoubleText(double value) {
  if (!std::isfinite(value)) return NonFiniteText(value);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.*g", 15, value);
  if (std::strtod(buffer, nullptr) != value) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", 17, value);
  }
  return buffer;
}

}  // namespace tfjs::runtime::strings
