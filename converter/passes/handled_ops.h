// The ops the converter consumes before its op check, so a converted model never holds them:
// each pass that freezes, inlines, strips or prunes ops registers them under its own name and
// matches nodes with IsHandledBy, so the list and what the pass does cannot disagree.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_HANDLED_OPS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_HANDLED_OPS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace tfjs::converter {

// Registers `ops` as consumed by `pass`; returns true so it can initialize a static. An op
// registered by two passes, or missing from the op table, aborts at start-up.
bool RegisterHandledOps(absl::string_view pass, std::vector<std::string> ops);
// True when `pass` registered `op`.
bool IsHandledBy(absl::string_view pass, absl::string_view op);
// Every consumed op -> the pass that consumes it.
const std::map<std::string, std::string>& HandledOps();

}  // namespace tfjs::converter

#define TFJS_HANDLED_CONCAT_INNER(a, b) a##b
#define TFJS_HANDLED_CONCAT(a, b) TFJS_HANDLED_CONCAT_INNER(a, b)
// In the pass's own file: REGISTER_HANDLED_OPS("freeze_variables", {"VariableV2", ...});
#define REGISTER_HANDLED_OPS(pass, ...)                                                          \
  static const bool TFJS_HANDLED_CONCAT(handled_ops_registered_, __COUNTER__) [[maybe_unused]] = \
      ::tfjs::converter::RegisterHandledOps(pass, __VA_ARGS__)

#endif  // TFJS_NATIVE_CONVERTER_PASSES_HANDLED_OPS_H_
