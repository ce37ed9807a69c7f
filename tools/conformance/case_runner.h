// One conformance case end to end in this process: convert with the converter library
// (--op_target=native), load the written model.json with runtime::GraphModel, feed the case's
// inputs, run, compare with TensorFlow's outputs.
#ifndef TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RUNNER_H_
#define TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RUNNER_H_

#include <string>

#include "converter/readers/corpus_case.h"
#include "tools/conformance/case_result.h"

namespace tfjs::conformance {

// Converts into `model_dir` (created; it must not exist) and runs from there. Never fails
// itself: errors become a kFail result whose reason names the stage ("convert", "load", "input",
// "run", "compare").
CaseResult RunCase(const converter::testing::CorpusCase& corpus_case,
                   const std::string& model_dir);

}  // namespace tfjs::conformance

#endif  // TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RUNNER_H_
