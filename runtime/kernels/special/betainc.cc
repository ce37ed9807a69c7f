// Betainc(a, b, x): the regularized incomplete beta function, elementwise on float32/float64.
// As in TF, the three inputs either have one shape or are scalars (rank 0) that stand for every
// element; no other broadcasting.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/special/incomplete_beta.h"

namespace tfjs::runtime {
namespace {

constexpr int kA = 0;
constexpr int kB = 1;
constexpr int kX = 2;

// The output shape: the shape of the non-scalar inputs, which must all agree.
absl::StatusOr<Shape> MergedShape(const OpContext& context) {
  const char* names[] = {"a", "b", "x"};
  Shape merged;
  int merged_from = -1;
  for (int i : {kA, kB, kX}) {
    const Shape& shape = context.input(i).shape();
    if (shape.empty()) continue;
    if (merged_from >= 0 && shape != merged) {
      return context.Error(absl::StrCat("Shapes of ", names[merged_from], " and ", names[i],
                                        " are inconsistent: ", ShapeString(merged), " vs. ",
                                        ShapeString(shape)));
    }
    merged = shape;
    merged_from = i;
  }
  return merged;
}

template <typename T>
void ComputeElements(const Tensor& a, const Tensor& b, const Tensor& x, Tensor& output) {
  // A scalar input is read at index 0 for every element.
  const int64_t a_step = a.rank() == 0 ? 0 : 1;
  const int64_t b_step = b.rank() == 0 ? 0 : 1;
  const int64_t x_step = x.rank() == 0 ? 0 : 1;
  T* out = output.mutable_data<T>();
  for (int64_t i = 0; i < output.num_elements(); ++i) {
    out[i] = static_cast<T>(special::RegularizedIncompleteBeta(
        a.data<T>()[i * a_step], b.data<T>()[i * b_step], x.data<T>()[i * x_step]));
  }
}

absl::Status ComputeBetainc(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& a = context.input(kA);
  const Tensor& b = context.input(kB);
  const Tensor& x = context.input(kX);
  if (b.dtype() != a.dtype() || x.dtype() != a.dtype()) {
    return context.Error("a, b and x must have one dtype");
  }
  if (a.dtype() != tensorflow::DT_FLOAT && a.dtype() != tensorflow::DT_DOUBLE) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(a.dtype()),
                                      ", expected float32 or float64"));
  }
  absl::StatusOr<Shape> shape = MergedShape(context);
  if (!shape.ok()) return shape.status();
  absl::StatusOr<Tensor> output = Tensor::Allocate(a.dtype(), *shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (a.dtype() == tensorflow::DT_FLOAT) {
    ComputeElements<float>(a, b, x, *output);
  } else {
    ComputeElements<double>(a, b, x, *output);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Betainc", ComputeBetainc, {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime
