#include "runtime/kernels/control/dtype_sets.h"

namespace tfjs::runtime::dtypes {

std::vector<DataType> Integral() {
  return {tensorflow::DT_UINT64, tensorflow::DT_INT64, tensorflow::DT_UINT32, tensorflow::DT_UINT16,
          tensorflow::DT_INT16,  tensorflow::DT_UINT8, tensorflow::DT_INT8,   tensorflow::DT_INT32};
}

std::vector<DataType> RealNumber() {
  return Join({Integral(),
               {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                tensorflow::DT_DOUBLE}});
}

std::vector<DataType> Number() {
  return Join({RealNumber(), {tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}});
}

std::vector<DataType> Pod() { return Join({Number(), {tensorflow::DT_BOOL}}); }

std::vector<DataType> PodString() { return Join({Pod(), {tensorflow::DT_STRING}}); }

std::vector<DataType> All() {
  return Join({PodString(), {tensorflow::DT_RESOURCE, tensorflow::DT_VARIANT}});
}

std::vector<DataType> Quantized() {
  return {tensorflow::DT_QINT8, tensorflow::DT_QUINT8, tensorflow::DT_QINT32};
}

std::vector<DataType> Join(std::vector<std::vector<DataType>> sets) {
  std::vector<DataType> joined;
  for (const std::vector<DataType>& set : sets) joined.insert(joined.end(), set.begin(), set.end());
  return joined;
}

}  // namespace tfjs::runtime::dtypes
