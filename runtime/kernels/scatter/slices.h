// The index arithmetic of the variable kernels, on whole tensors: scattering rows (Scatter*,
// ResourceScatter*) and slices addressed by index tuples (ResourceScatterNd*,
// ScatterNdNonAliasingAdd) into a tensor in place, and gathering them (ResourceGather,
// ResourceGatherNd). Errors carry TF's messages and leave the tensor untouched.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_SLICES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_SLICES_H_

#include "absl/status/statusor.h"
#include "runtime/kernels/scatter/element.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::scatter {

// Combines rows params[indices[i], ...] with updates[i, ...] in index order; updates has shape
// indices.shape + params.shape[1:] or is a scalar for every addressed element. `params` must be
// a writable tensor of rank >= 1. With `refuse_zero_updates`, any zero update is an error
// (ResourceScatterDiv). Unimplemented for a dtype kCombine does not take.
template <Combine kCombine>
absl::Status ScatterRows(Tensor& params, const Tensor& indices, const Tensor& updates,
                         bool refuse_zero_updates);

// Combines the slices params[indices[i, :]] with updates[i, ...], where indices has shape
// [..., K] and updates indices.shape[:-1] + params.shape[K:].
template <Combine kCombine>
absl::Status ScatterNd(Tensor& params, const Tensor& indices, const Tensor& updates);

// params[indices] along axis `batch_dims`, the first batch_dims dims of params and indices being
// batch dims: shape params.shape[:batch_dims] + indices.shape[batch_dims:] +
// params.shape[batch_dims+1:].
absl::StatusOr<Tensor> GatherRows(const Tensor& params, const Tensor& indices, int batch_dims);

// The slices params[indices[i, :]]: shape indices.shape[:-1] + params.shape[K:].
absl::StatusOr<Tensor> GatherNd(const Tensor& params, const Tensor& indices);

}  // namespace tfjs::runtime::scatter

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_SLICES_H_
