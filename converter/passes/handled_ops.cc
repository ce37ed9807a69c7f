#include "converter/passes/handled_ops.h"

#include <cstdio>
#include <cstdlib>

#include "ops/op_table.h"

namespace tfjs::converter {
namespace {

std::map<std::string, std::string>& Registry() {
  static auto* registry = new std::map<std::string, std::string>();
  return *registry;
}

}  // namespace

bool RegisterHandledOps(absl::string_view pass, std::vector<std::string> ops) {
  for (std::string& op : ops) {
    if (ops::FindOp(op) == nullptr) {
      std::fprintf(stderr, "pass %s handles op %s, which has no row in ops/\n",
                   std::string(pass).c_str(), op.c_str());
      std::abort();
    }
    auto [it, inserted] = Registry().emplace(std::move(op), std::string(pass));
    if (!inserted) {
      std::fprintf(stderr, "op %s is handled by two passes: %s and %s\n", it->first.c_str(),
                   it->second.c_str(), std::string(pass).c_str());
      std::abort();
    }
  }
  return true;
}

bool IsHandledBy(absl::string_view pass, absl::string_view op) {
  auto it = Registry().find(std::string(op));
  return it != Registry().end() && it->second == pass;
}

const std::map<std::string, std::string>& HandledOps() { return Registry(); }

}  // namespace tfjs::converter
