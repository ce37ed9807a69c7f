// AddSparseToTensorsMap / AddManySparseToTensorsMap store SparseTensors (a whole one, or each
// minibatch entry of one) in a map named by container and shared_name (the node's name when
// empty) and return int64 handles; TakeManySparseFromTensorsMap removes the handles' tensors
// and stacks them into one SparseTensor with a leading batch dim. As TF's resource manager, the
// maps live for the process.
#include <algorithm>
#include <map>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;

struct StoredSparse {
  Tensor indices, values;
  std::vector<int64_t> shape;
};

class SparseTensorsMap {
 public:
  int64_t Add(StoredSparse tensor) {
    std::lock_guard<std::mutex> lock(mutex_);
    tensors_[next_handle_] = std::move(tensor);
    return next_handle_++;
  }
  absl::StatusOr<StoredSparse> Take(int64_t handle, const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tensors_.find(handle);
    if (it == tensors_.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("Unable to find SparseTensor: ", handle, " in map: ", name));
    }
    StoredSparse tensor = std::move(it->second);
    tensors_.erase(it);
    return tensor;
  }

 private:
  std::mutex mutex_;
  int64_t next_handle_ = 0;
  std::map<int64_t, StoredSparse> tensors_;
};

// The map the node names: "container/shared_name", the node's name standing in for an empty
// shared_name.
std::pair<SparseTensorsMap*, std::string> MapOf(const OpContext& context) {
  static std::mutex* mutex = new std::mutex();
  static auto* maps = new absl::flat_hash_map<std::string, std::unique_ptr<SparseTensorsMap>>();
  const NodeAttrs attrs = sparse::AttrsOf(context);
  const std::string container = attrs.GetString("container").value_or("");
  std::string shared_name = attrs.GetString("shared_name").value_or("");
  if (shared_name.empty()) shared_name = context.node().name();
  std::string key = absl::StrCat(container, "/", shared_name);
  std::lock_guard<std::mutex> lock(*mutex);
  std::unique_ptr<SparseTensorsMap>& map = (*maps)[key];
  if (map == nullptr) map = std::make_unique<SparseTensorsMap>();
  return {map.get(), std::move(key)};
}

absl::Status ComputeAddSparseToTensorsMap(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  const int64_t handle = MapOf(context).first->Add({*input->indices, *input->values, input->shape});
  context.set_output(0, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, handle));
  return absl::OkStatus();
}

absl::Status ComputeAddManySparseToTensorsMap(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  const int rank = input->rank;
  if (rank < 2) {
    return context.Error(
        absl::StrCat("Rank of input SparseTensor should be > 1, but saw rank: ", rank));
  }
  const int64_t batch = input->shape[0];
  std::vector<std::vector<int64_t>> members(batch);
  for (int64_t k = 0; k < input->nnz; ++k) {
    const int64_t b = input->index(k)[0];
    if (b < 0 || b >= batch) {
      return context.Error(
          absl::StrCat("Received unexpected column 0 value in input SparseTensor: ", b,
                       " < 0 or >= N (= ", batch, ")"));
    }
    members[b].push_back(k);
  }
  SparseTensorsMap* map = MapOf(context).first;
  const std::vector<int64_t> inner_shape(input->shape.begin() + 1, input->shape.end());
  std::vector<int64_t> handles;
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<int64_t> indices;
    for (int64_t k : members[b]) {
      indices.insert(indices.end(), input->index(k) + 1, input->index(k) + rank);
    }
    absl::StatusOr<Tensor> indices_out =
        sparse::Int64Tensor({static_cast<int64_t>(members[b].size()), rank - 1}, indices);
    absl::StatusOr<Tensor> values_out = sparse::Gather(*input->values, members[b]);
    if (!indices_out.ok()) return context.Error(indices_out.status().message());
    if (!values_out.ok()) return context.Error(values_out.status().message());
    handles.push_back(map->Add({*std::move(indices_out), *std::move(values_out), inner_shape}));
  }
  absl::StatusOr<Tensor> out = sparse::Int64Tensor({batch}, handles);
  if (!out.ok()) return context.Error(out.status().message());
  context.set_output(0, *std::move(out));
  return absl::OkStatus();
}

absl::Status ComputeTakeManySparseFromTensorsMap(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = sparse::AttrsOf(context).GetType("dtype");
  if (!dtype.ok()) return context.Error(dtype.status().message());
  const Tensor& handles = context.input(0);
  if (handles.dtype() != tensorflow::DT_INT64 || handles.rank() != 1) {
    return context.Error(
        absl::StrCat("sparse_handles should be an int64 vector but received "
                     "shape ",
                     ShapeString(handles.shape())));
  }
  auto [map, name] = MapOf(context);
  const int64_t batch = handles.dim(0);
  std::vector<StoredSparse> parts;
  int inner_rank = -1;
  std::vector<int64_t> max_shape;
  for (int64_t b = 0; b < batch; ++b) {
    absl::StatusOr<StoredSparse> part = map->Take(handles.data<int64_t>()[b], name);
    if (!part.ok()) return context.Error(part.status().message());
    if (part->values.dtype() != *dtype) {
      return context.Error(absl::StrCat(
          "Requested SparseTensor of type ", DataTypeName(*dtype), " but SparseTensor[", b,
          "].values.dtype() == ", DataTypeName(part->values.dtype())));
    }
    const int rank = static_cast<int>(part->shape.size());
    if (inner_rank >= 0 && rank != inner_rank) {
      return context.Error(
          absl::StrCat("Inconsistent rank across SparseTensors: rank prior to SparseTensor[", b,
                       "] was: ", inner_rank, " but rank of SparseTensor[", b, "] is: ", rank));
    }
    inner_rank = rank;
    max_shape.resize(rank, 0);
    for (int d = 0; d < rank; ++d) max_shape[d] = std::max(max_shape[d], part->shape[d]);
    parts.push_back(*std::move(part));
  }
  if (inner_rank < 0) inner_rank = 0;
  std::vector<int64_t> indices;
  std::vector<Tensor> values;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t k = 0; k < parts[b].indices.dim(0); ++k) {
      indices.push_back(b);
      const int64_t* index = parts[b].indices.data<int64_t>() + k * inner_rank;
      indices.insert(indices.end(), index, index + inner_rank);
    }
    values.push_back(parts[b].values);
  }
  std::vector<int64_t> shape = {batch};
  shape.insert(shape.end(), max_shape.begin(), max_shape.end());
  absl::StatusOr<Tensor> values_out = sparse::ConcatVectors(values, *dtype);
  if (!values_out.ok()) return context.Error(values_out.status().message());
  absl::StatusOr<Tensor> indices_out =
      sparse::Int64Tensor({values_out->num_elements(), inner_rank + 1}, indices);
  absl::StatusOr<Tensor> shape_out = sparse::Int64Tensor({inner_rank + 1}, shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values_out));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

REGISTER_KERNEL("AddSparseToTensorsMap", ComputeAddSparseToTensorsMap);
REGISTER_KERNEL("AddManySparseToTensorsMap", ComputeAddManySparseToTensorsMap,
                {{"T", dtypes::All()}});
REGISTER_KERNEL("TakeManySparseFromTensorsMap", ComputeTakeManySparseFromTensorsMap,
                {{"dtype", dtypes::All()}});

}  // namespace
}  // namespace tfjs::runtime
