// Writes the graph-size benchmark's chain of elementwise nodes, node by node.
#include "tools/benchmarks/chain_graph.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl.h"
#include "proto/graph.pb.h"

namespace tfjs::benchmarks {
namespace {

using tensorflow::NodeDef;

// GraphDef.node is field 1, length-delimited.
constexpr uint32_t kGraphDefNodeTag = (1 << 3) | 2;

struct ChainStep {
  const char* op;
  float value;
};

// Clamps to [-8, 8] every six steps keep the values finite whatever the chain's length.
constexpr std::array<ChainStep, kChainCycleLength> kCycle = {{
    {"AddV2", 0.5f},
    {"Mul", 1.25f},
    {"Sub", 0.75f},
    {"Maximum", -8.0f},
    {"Minimum", 8.0f},
    {"RealDiv", 1.5f},
}};

void SetFloatDtype(NodeDef* node, const char* key) {
  (*node->mutable_attr())[key].set_type(tensorflow::DT_FLOAT);
}

// Const `name` of shape [4], the operand of chain node `step`.
NodeDef MakeConst(const std::string& name, int64_t step) {
  NodeDef node;
  node.set_name(name);
  node.set_op("Const");
  SetFloatDtype(&node, "dtype");
  tensorflow::TensorProto* tensor = (*node.mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tensorflow::DT_FLOAT);
  tensor->mutable_tensor_shape()->add_dim()->set_size(4);
  std::array<float, 4> values;
  for (int i = 0; i < 4; ++i) values[i] = ChainConstValue(step, i);
  tensor->set_tensor_content(
      std::string(reinterpret_cast<const char*>(values.data()), sizeof(values)));
  return node;
}

void WriteNode(const NodeDef& node, google::protobuf::io::CodedOutputStream* out) {
  out->WriteTag(kGraphDefNodeTag);
  out->WriteVarint32(static_cast<uint32_t>(node.ByteSizeLong()));
  node.SerializeWithCachedSizes(out);
}

}  // namespace

// The step's base value scaled slightly by position and step, so that no two neighbouring Consts
// are equal.
float ChainConstValue(int64_t step, int i) {
  return kCycle[step % kChainCycleLength].value *
         (1.0f + static_cast<float>((step + i) % 7) / 64.0f);
}

absl::Status WriteChainGraph(const std::string& path, int64_t length) {
  if (length < 1) return absl::InvalidArgumentError("the chain needs at least one node");
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot create: ", std::strerror(errno)));
  }
  google::protobuf::io::FileOutputStream file(fd);
  bool written = false;
  {
    google::protobuf::io::CodedOutputStream out(&file);
    NodeDef input;
    input.set_name(kChainInput);
    input.set_op("Placeholder");
    SetFloatDtype(&input, "dtype");
    tensorflow::TensorShapeProto* shape = (*input.mutable_attr())["shape"].mutable_shape();
    shape->add_dim()->set_size(1);
    shape->add_dim()->set_size(4);
    WriteNode(input, &out);

    std::string previous = kChainInput;
    for (int64_t step = 0; step < length; ++step) {
      const ChainStep& kind = kCycle[step % kChainCycleLength];
      std::string name = step + 1 == length ? kChainOutput : absl::StrCat("op", step);
      const std::string operand = absl::StrCat(name, "/y");
      WriteNode(MakeConst(operand, step), &out);
      NodeDef node;
      node.set_name(name);
      node.set_op(kind.op);
      node.add_input(previous);
      node.add_input(operand);
      SetFloatDtype(&node, "T");
      WriteNode(node, &out);
      previous = std::move(name);
    }
    out.Trim();
    written = !out.HadError();
  }
  if (!file.Close() || !written) {
    return absl::UnavailableError(
        absl::StrCat(path, ": cannot write: ", std::strerror(file.GetErrno())));
  }
  return absl::OkStatus();
}

}  // namespace tfjs::benchmarks
