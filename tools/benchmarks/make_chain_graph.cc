// make_chain_graph: writes the graph-size benchmark's chain of N elementwise nodes with small
// Consts (chain_graph.h) as a binary frozen GraphDef, to convert and profile by hand:
//
//   make_chain_graph --output FILE --nodes N
//   converter --input_format=tf_frozen_model --output_node_names=output FILE OUT
//   run_graph_model --model OUT/model.json --input x=X.npy --output_dir DIR  (X: float32 [1, 4])
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/paths.h"
#include "tools/benchmarks/chain_graph.h"
#include "tools/command_line.h"

namespace tfjs::benchmarks {
namespace {

constexpr char kUsage[] = "usage: make_chain_graph --output FILE --nodes N\n";

int Main(int argc, char** argv) {
  if (tools::WantsHelp(argc, argv)) {
    std::printf("%s%s", kUsage, tools::kExitStatusHelp);
    return 0;
  }
  std::string output;
  int64_t nodes = 0;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (tools::MatchFlag("--output", argc, argv, &i, &value)) {
      output = io::CallerPath(value);
    } else if (tools::MatchFlag("--nodes", argc, argv, &i, &value) &&
               absl::SimpleAtoi(value, &nodes) && nodes > 0) {
    } else {
      std::fprintf(stderr, "bad argument %s\n%s", argv[i], kUsage);
      return tools::kExitUsage;
    }
  }
  if (output.empty() || nodes == 0) {
    std::fputs(kUsage, stderr);
    return tools::kExitUsage;
  }
  if (absl::Status status = WriteChainGraph(output, nodes); !status.ok()) {
    std::fprintf(stderr, "make_chain_graph: %s\n", std::string(status.message()).c_str());
    return tools::kExitFailure;
  }
  return 0;
}

}  // namespace
}  // namespace tfjs::benchmarks

int main(int argc, char** argv) { return tfjs::benchmarks::Main(argc, argv); }
