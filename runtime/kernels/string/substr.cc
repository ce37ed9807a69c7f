// Substr: the substring of each string at `pos` of length `len`, in bytes or UTF-8 characters.
// pos and len share one shape: a scalar, the input's shape, or one that broadcasts with it. A
// negative pos counts from the end; a len past the end (or negative, in bytes) takes the rest.
#include <optional>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kPos = 1;
constexpr int kLen = 2;

// Moves `*at` forward over up to `count` UTF-8 characters; true when all `count` were there.
bool ForwardChars(absl::string_view text, int64_t count, int64_t* at) {
  int64_t moved = 0;
  const int64_t size = static_cast<int64_t>(text.size());
  while (moved < count && *at < size) {
    do {
      ++*at;
    } while (*at < size && strings::IsTrailByte(text[*at]));
    ++moved;
  }
  return moved == count;
}

// Moves `*at` back over up to `count` UTF-8 characters; true when all `count` were there.
bool BackChars(absl::string_view text, int64_t count, int64_t* at) {
  int64_t moved = 0;
  while (moved<count&& * at> 0) {
    do {
      --*at;
    } while (*at > 0 && strings::IsTrailByte(text[*at]));
    ++moved;
  }
  return moved == count;
}

// The substring, or std::nullopt when pos is out of range.
std::optional<std::string> Substring(absl::string_view text, int64_t pos, int64_t len, bool utf8) {
  if (!utf8) {
    const int64_t size = static_cast<int64_t>(text.size());
    const int64_t start = pos < 0 ? size + pos : pos;
    if (start < 0 || start > size) return std::nullopt;
    const int64_t count = len < 0 ? size - start : std::min(len, size - start);
    return std::string(text.substr(start, count));
  }
  int64_t start = 0, end = 0;
  if (pos >= 0) {
    if (!ForwardChars(text, pos, &start)) return std::nullopt;
    end = start;
    ForwardChars(text, len, &end);
  } else {
    end = static_cast<int64_t>(text.size());
    const int64_t skip = std::max<int64_t>(0, -pos - len);
    if (!BackChars(text, skip, &end)) return std::nullopt;
    start = end;
    if (!BackChars(text, -pos - skip, &start)) return std::nullopt;
  }
  return std::string(text.substr(start, end - start));
}

absl::Status ComputeSubstr(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  if (absl::Status status = strings::CheckStringInput(context, kInput, "input"); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> unit = strings::AttrsOf(context).GetString("unit");
  if (!unit.ok()) return context.Error(unit.status().message());
  if (*unit != "BYTE" && *unit != "UTF8_CHAR") {
    return context.Error(absl::StrCat("unit must be BYTE or UTF8_CHAR, got ", *unit));
  }
  const Tensor& input = context.input(kInput);
  const Tensor& pos = context.input(kPos);
  const Tensor& len = context.input(kLen);
  if (pos.shape() != len.shape()) {
    return context.Error(absl::StrCat("pos and len should have the same shape, got: ",
                                      ShapeString(pos.shape()), " vs. ", ShapeString(len.shape())));
  }
  if (pos.num_elements() == 0) return context.Error("received empty tensor pos_tensor");
  absl::StatusOr<std::vector<int64_t>> positions = misc::IndexValues(pos, "pos");
  if (!positions.ok()) return context.Error(positions.status().message());
  absl::StatusOr<std::vector<int64_t>> lengths = misc::IndexValues(len, "len");
  if (!lengths.ok()) return context.Error(lengths.status().message());
  Shape out_shape = input.shape();
  if (pos.rank() != 0 && input.shape() != pos.shape()) {
    absl::StatusOr<Shape> broadcast = misc::BroadcastShapes(input.shape(), pos.shape());
    if (!broadcast.ok()) {
      return context.Error(absl::StrCat("Incompatible shapes: ", ShapeString(input.shape()),
                                        " vs. ", ShapeString(pos.shape())));
    }
    out_shape = *broadcast;
  }
  const Shape pos_shape = pos.rank() == 0 ? Shape{} : pos.shape();
  std::vector<std::string> out(NumElements(out_shape));
  absl::Status status;
  misc::ForEachBroadcast(out_shape, input.shape(), pos_shape, [&](int64_t i, int64_t a, int64_t b) {
    if (!status.ok()) return;
    std::optional<std::string> piece =
        Substring(input.strings()[a], (*positions)[b], (*lengths)[b], *unit == "UTF8_CHAR");
    if (!piece.has_value()) {
      status = context.Error(absl::StrCat("pos ", (*positions)[b], " out of range for string b'",
                                          input.strings()[a], "' at index ", i));
      return;
    }
    out[i] = *std::move(piece);
  });
  if (!status.ok()) return status;
  context.set_output(0, Tensor::Strings(out_shape, std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("Substr", ComputeSubstr,
                {{"T", math::DtypesOf(math::TypeList<int32_t, int64_t>())}});

}  // namespace
}  // namespace tfjs::runtime
