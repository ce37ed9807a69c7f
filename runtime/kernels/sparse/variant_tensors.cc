#include "runtime/kernels/sparse/variant_tensors.h"

#include <memory>

namespace tfjs::runtime::sparse {

Tensor MakeVariantTensor(Shape shape, std::vector<TensorsVariant> elements) {
  std::vector<std::shared_ptr<const VariantValue>> values;
  values.reserve(elements.size());
  for (TensorsVariant& element : elements) {
    values.push_back(std::make_shared<const TensorsVariant>(std::move(element)));
  }
  return Tensor::Variants(std::move(shape), std::move(values));
}

const TensorsVariant* VariantElement(const Tensor& tensor, int64_t i, TensorsVariant::Kind kind) {
  if (i < 0 || i >= tensor.num_elements()) return nullptr;
  const auto* element = dynamic_cast<const TensorsVariant*>(tensor.variant(i));
  return element != nullptr && element->kind == kind ? element : nullptr;
}

}  // namespace tfjs::runtime::sparse
