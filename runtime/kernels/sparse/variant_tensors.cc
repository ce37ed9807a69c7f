#include "runtime/kernels/sparse/variant_tensors.h"

#include <memory>

namespace tfjs::runtime::sparse {
namespace {

// The buffer behind the variant tensors made here: the tag tells them from other variants.
struct VariantArray {
  static constexpr uint64_t kTag = 0x7466'6a73'5456'4152ULL;
  uint64_t tag = kTag;
  std::vector<TensorsVariant> elements;
};

}  // namespace

Tensor MakeVariantTensor(Shape shape, std::vector<TensorsVariant> elements) {
  auto array = std::make_shared<VariantArray>();
  array->elements = std::move(elements);
  const VariantArray* data = array.get();
  return Tensor::View(tensorflow::DT_VARIANT, std::move(shape),
                      std::shared_ptr<const void>(std::move(array)), data);
}

const TensorsVariant* VariantElement(const Tensor& tensor, int64_t i, TensorsVariant::Kind kind) {
  if (tensor.dtype() != tensorflow::DT_VARIANT || tensor.raw_data() == nullptr) return nullptr;
  const auto* array = static_cast<const VariantArray*>(tensor.raw_data());
  if (array->tag != VariantArray::kTag || i < 0 ||
      i >= static_cast<int64_t>(array->elements.size())) {
    return nullptr;
  }
  const TensorsVariant& element = array->elements[i];
  return element.kind == kind ? &element : nullptr;
}

}  // namespace tfjs::runtime::sparse
