// Frozen graphs whose Consts are of dtypes TF.js weights lack (uint8, uint16, int8, int16,
// uint32, uint64, int64, float64, complex128), converted and loaded by the native runtime: the
// values come back exactly, and Bitcasts of the 64-bit ones see every bit (the native target
// writes them as they are; the TF.js target writes TF.js-loadable int32 weights).
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "converter/cli/convert.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

// Bitcast outputs are named as outputs so that constant folding leaves them to the runtime.
constexpr char kGraph[] = R"pb(
  node {
    name: "u8"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_UINT8 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_UINT8
          tensor_shape { dim { size: 3 } }
          tensor_content: "\007\377\000"
        }
      }
    }
  }
  node {
    name: "u16"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_UINT16 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_UINT16
          tensor_shape { dim { size: 1 } }
          int_val: 65535
        }
      }
    }
  }
  node {
    name: "i8"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT8 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT8
          tensor_shape { dim { size: 2 } }
          int_val: -128
          int_val: 5
        }
      }
    }
  }
  node {
    name: "i16"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT16 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT16
          tensor_shape { dim { size: 1 } }
          int_val: -32768
        }
      }
    }
  }
  node {
    name: "u32"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_UINT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_UINT32
          tensor_shape { dim { size: 1 } }
          uint32_val: 4294967295
        }
      }
    }
  }
  node {
    name: "u64"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_UINT64 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_UINT64
          tensor_shape { dim { size: 1 } }
          uint64_val: 18446744073709551615
        }
      }
    }
  }
  node {
    name: "c128"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_COMPLEX128 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_COMPLEX128
          tensor_shape { dim { size: 1 } }
          dcomplex_val: 0.1
          dcomplex_val: -2
        }
      }
    }
  }
  node {
    name: "i64"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT64
          tensor_shape { dim { size: 2 } }
          int64_val: 4294967297
          int64_val: -2
        }
      }
    }
  }
  node {
    name: "i64_as_i32"
    op: "Bitcast"
    input: "i64"
    attr {
      key: "T"
      value { type: DT_INT64 }
    }
    attr {
      key: "type"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "f64"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_DOUBLE }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_DOUBLE
          tensor_shape { dim { size: 1 } }
          double_val: 0.1
        }
      }
    }
  }
  node {
    name: "f64_as_i32"
    op: "Bitcast"
    input: "f64"
    attr {
      key: "T"
      value { type: DT_DOUBLE }
    }
    attr {
      key: "type"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "bytes"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_UINT8 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_UINT8
          tensor_shape { dim { size: 8 } }
          tensor_content: "\000\000\000\000\000\000\370\077"
        }
      }
    }
  }
  node {
    name: "bytes_as_f64"
    op: "Bitcast"
    input: "bytes"
    attr {
      key: "T"
      value { type: DT_UINT8 }
    }
    attr {
      key: "type"
      value { type: DT_DOUBLE }
    }
  }
  node {
    name: "pair"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape {
            dim { size: 1 }
            dim { size: 2 }
          }
          int_val: 1
          int_val: 2
        }
      }
    }
  }
  node {
    name: "pair_as_i64"
    op: "Bitcast"
    input: "pair"
    attr {
      key: "T"
      value { type: DT_INT32 }
    }
    attr {
      key: "type"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "c64"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_COMPLEX64 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_COMPLEX64
          tensor_shape { dim { size: 1 } }
          scomplex_val: 1.5
          scomplex_val: -2
        }
      }
    }
  }
  node {
    name: "c64_as_f32"
    op: "Bitcast"
    input: "c64"
    attr {
      key: "T"
      value { type: DT_COMPLEX64 }
    }
    attr {
      key: "type"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "c64_as_i64"
    op: "Bitcast"
    input: "c64"
    attr {
      key: "T"
      value { type: DT_COMPLEX64 }
    }
    attr {
      key: "type"
      value { type: DT_INT64 }
    }
  }
)pb";

constexpr char kOutputs[] =
    "u8,u16,i8,i16,u32,u64,c128,i64_as_i32,f64_as_i32,bytes_as_f64,pair_as_i64,c64_as_f32,"
    "c64_as_i64";

std::unique_ptr<runtime::GraphModel> ConvertAndLoad(OpTarget op_target, const std::string& name) {
  const fs::path dir = fs::path(std::getenv("TEST_TMPDIR")) / name;
  fs::create_directories(dir);
  std::ofstream(dir / "frozen.pbtxt") << kGraph;
  ConverterFlags flags;
  flags.input_format = "tf_frozen_model";
  flags.input_path = (dir / "frozen.pbtxt").string();
  flags.output_path = (dir / "web").string();
  flags.output_node_names = kOutputs;
  flags.op_target = op_target;
  flags.skip_op_check = true;
  // The weights as tensorflowjs_converter writes them: WidenNarrowInts would make the narrow
  // Consts int32 (and refuse the Bitcasts of their bytes).
  flags.tfjs_rewrites = false;
  std::ostringstream log;
  const absl::Status converted = RunConverter(flags, log);
  EXPECT_TRUE(converted.ok()) << converted;
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load((dir / "web" / "model.json").string());
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *std::move(model) : nullptr;
}

// The tensor's values as T (complex numbers: both parts, real first).
template <typename T>
std::vector<T> Values(const runtime::Tensor& tensor, tensorflow::DataType dtype) {
  EXPECT_EQ(tensor.dtype(), dtype);
  if (tensor.dtype() != dtype) return {};
  const int64_t count = tensor.byte_size() / sizeof(T);
  return std::vector<T>(tensor.data<T>(), tensor.data<T>() + count);
}

std::vector<runtime::Tensor> Fetch(const runtime::GraphModel& model) {
  std::vector<std::string> names;
  for (absl::string_view name : absl::StrSplit(kOutputs, ',')) names.emplace_back(name);
  absl::StatusOr<std::vector<runtime::Tensor>> outputs = model.Execute({}, names);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? *std::move(outputs) : std::vector<runtime::Tensor>(names.size());
}

// The narrow integer Consts come back exactly on both targets (TF.js-loadable int32 weights,
// narrowed back to the dtype each Const declares).
TEST(WeightDtypesConversionTest, SmallIntegerConstsAreExactOnBothTargets) {
  for (OpTarget target : {OpTarget::kTfjs, OpTarget::kNative}) {
    const std::string name = target == OpTarget::kTfjs ? "tfjs" : "native";
    SCOPED_TRACE(name);
    std::unique_ptr<runtime::GraphModel> model = ConvertAndLoad(target, name);
    ASSERT_NE(model, nullptr);
    const std::vector<runtime::Tensor> out = Fetch(*model);
    EXPECT_THAT(Values<uint8_t>(out[0], tensorflow::DT_UINT8), ElementsAre(7, 255, 0));
    EXPECT_THAT(Values<uint16_t>(out[1], tensorflow::DT_UINT16), ElementsAre(65535));
    EXPECT_THAT(Values<int8_t>(out[2], tensorflow::DT_INT8), ElementsAre(-128, 5));
    EXPECT_THAT(Values<int16_t>(out[3], tensorflow::DT_INT16), ElementsAre(-32768));
    EXPECT_THAT(Values<uint32_t>(out[4], tensorflow::DT_UINT32), ElementsAre(4294967295u));
    // uint8 bytes of 1.5 (0x3ff8000000000000, little-endian) read as one float64.
    EXPECT_THAT(Values<double>(out[9], tensorflow::DT_DOUBLE), ElementsAre(1.5));
    EXPECT_THAT(Values<int64_t>(out[10], tensorflow::DT_INT64), ElementsAre(2LL * (1LL << 32) + 1));
    EXPECT_EQ(out[11].shape(), runtime::Shape({1, 2}));
    EXPECT_THAT(Values<float>(out[11], tensorflow::DT_FLOAT), ElementsAre(1.5f, -2.f));
  }
}

// Values worked out by hand: 4294967297 is 2^32 + 1 (halves 1, 1), -2 is 0xffff...fffe (halves
// -2, -1); 0.1 is 0x3fb999999999999a (halves 0x9999999a, 0x3fb99999); complex64 (1.5, -2) is
// 0x3fc00000 then 0xc0000000, the int64 0xc00000003fc00000.
TEST(WeightDtypesConversionTest, NativeTargetKeepsEveryBitOfWideConsts) {
  std::unique_ptr<runtime::GraphModel> model = ConvertAndLoad(OpTarget::kNative, "wide");
  ASSERT_NE(model, nullptr);
  const std::vector<runtime::Tensor> out = Fetch(*model);
  EXPECT_THAT(Values<uint64_t>(out[5], tensorflow::DT_UINT64),
              ElementsAre(18446744073709551615ULL));
  EXPECT_THAT(Values<double>(out[6], tensorflow::DT_COMPLEX128), ElementsAre(0.1, -2.0));
  EXPECT_EQ(out[7].shape(), runtime::Shape({2, 2}));
  EXPECT_THAT(Values<int32_t>(out[7], tensorflow::DT_INT32), ElementsAre(1, 1, -2, -1));
  EXPECT_THAT(Values<int32_t>(out[8], tensorflow::DT_INT32),
              ElementsAre(static_cast<int32_t>(0x9999999au), 0x3fb99999));
  EXPECT_THAT(Values<int64_t>(out[12], tensorflow::DT_INT64),
              ElementsAre(static_cast<int64_t>(0xc00000003fc00000ull)));
}

}  // namespace
}  // namespace tfjs::converter
