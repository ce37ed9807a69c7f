// One conformance case end to end in this process: convert with the converter library
// (--op_target=native), load the written model.json with runtime::GraphModel, feed the case's
// inputs, run, compare with TensorFlow's outputs.
#ifndef TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RUNNER_H_
#define TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RUNNER_H_

#include <string>

#include "absl/status/status.h"
#include "converter/op_check.h"
#include "converter/readers/corpus_case.h"
#include "tools/conformance/case_result.h"

namespace tfjs::conformance {

// Converts the case into `model_dir` as the CLI would for `target`: frozen graphs with the case's
// outputs as --output_node_names (or, when it lists none, the nodes nothing reads), SavedModels
// with its tags and signature. For kNative the op check is skipped (RunCase lists missing ops
// itself); for kTfjs it applies, as for TF.js users. `tfjs_rewrites` is --tfjs_rewrites (for
// kTfjs: false writes tensorflowjs_converter's graph).
absl::Status ConvertCase(const converter::testing::CorpusCase& corpus_case,
                         const std::string& model_dir, converter::OpTarget target,
                         bool tfjs_rewrites = true);

// Converts into `model_dir` (created; it must not exist) and runs from there. Never fails
// itself: errors become a kFail result whose reason names the stage ("convert", "load", "input",
// "run", "compare").
CaseResult RunCase(const converter::testing::CorpusCase& corpus_case, const std::string& model_dir);

}  // namespace tfjs::conformance

#endif  // TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RUNNER_H_
