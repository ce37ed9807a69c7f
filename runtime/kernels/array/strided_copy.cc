#include "runtime/kernels/array/strided_copy.h"

#include "runtime/kernels/array/element_types.h"

namespace tfjs::runtime::array {

CopyDims CoalesceCopyDims(absl::Span<const int64_t> shape, absl::Span<const int64_t> src_strides,
                          absl::Span<const int64_t> dst_strides) {
  CopyDims dims;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0) {
      dims.empty = true;
      return dims;
    }
    if (shape[i] == 1) continue;
    if (!dims.shape.empty()) {
      // The previous dim steps exactly over this whole dim on both sides:
      // merge.
      const int64_t size = shape[i];
      if (dims.src_strides.back() == src_strides[i] * size &&
          dims.dst_strides.back() == dst_strides[i] * size) {
        dims.shape.back() *= size;
        dims.src_strides.back() = src_strides[i];
        dims.dst_strides.back() = dst_strides[i];
        continue;
      }
    }
    dims.shape.push_back(shape[i]);
    dims.src_strides.push_back(src_strides[i]);
    dims.dst_strides.push_back(dst_strides[i]);
  }
  return dims;
}

absl::Status CopyTensorView(const OpContext& context, absl::Span<const int64_t> shape,
                            const Tensor& src, int64_t src_offset,
                            absl::Span<const int64_t> src_strides, Tensor& dst, int64_t dst_offset,
                            absl::Span<const int64_t> dst_strides) {
  if (src.dtype() != dst.dtype()) {
    return context.Error(absl::StrCat("cannot copy ", DataTypeName(src.dtype()), " into ",
                                      DataTypeName(dst.dtype())));
  }
  absl::Status status = DispatchByElement(src.dtype(), [&](auto tag) {
    using T = decltype(tag);
    StridedCopy<T>(shape, ElementsOf<T>(src) + src_offset, src_strides,
                   MutableElementsOf<T>(dst) + dst_offset, dst_strides, context.threadpool());
    return absl::OkStatus();
  });
  return status.ok() ? status : context.Error(status.message());
}

}  // namespace tfjs::runtime::array
