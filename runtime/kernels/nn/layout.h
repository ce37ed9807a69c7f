// Moves float tensors between channels-first (NCHW, NCDHW) and channels-last (NHWC, NDHWC)
// layouts, so channels-last compute serves channels-first nodes too.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_LAYOUT_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_LAYOUT_H_

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::nn {

// [N,C,H,W] -> [N,H,W,C]. `input` is a rank-4 float tensor.
absl::StatusOr<Tensor> NchwToNhwc(const Tensor& input);
// [N,H,W,C] -> [N,C,H,W]. `input` is a rank-4 float tensor.
absl::StatusOr<Tensor> NhwcToNchw(const Tensor& input);
// [N,C,spatial...] -> [N,spatial...,C] for a float tensor of rank >= 2.
absl::StatusOr<Tensor> ChannelsFirstToLast(const Tensor& input);
// [N,spatial...,C] -> [N,C,spatial...] for a float tensor of rank >= 2.
absl::StatusOr<Tensor> ChannelsLastToFirst(const Tensor& input);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_LAYOUT_H_
