// The outcome of one conformance case, natively and (optionally) in TF.js.
#ifndef TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RESULT_H_
#define TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RESULT_H_

#include <string>
#include <vector>

namespace tfjs::conformance {

enum class CaseStatus {
  kPass,         // every compared output matches
  kFail,         // conversion, loading or running failed, or an output differs
  kUnsupported,  // the converted graph uses ops without a kernel (missing_ops)
  kSkipped,      // compare:false: converted, loaded and ran; nothing to compare
};

// "pass", "fail", "unsupported", "skipped".
const char* CaseStatusName(CaseStatus status);
// false when `name` is none of CaseStatusName's names.
bool ParseCaseStatus(const std::string& name, CaseStatus* status);

struct CaseResult {
  std::string id;
  std::string category;
  std::string format;
  bool compare = false;
  CaseStatus status = CaseStatus::kFail;
  // fail: the first mismatch or the error, prefixed by its stage; skipped: what ran.
  std::string reason;
  std::vector<std::string> missing_ops;
  // With --tfjs: "pass", "fail", "known_failure", "out_of_scope" (empty when TF.js was not
  // run), and why.
  std::string tfjs_status;
  std::string tfjs_reason;
  // With --tfjs, for cases TF.js ran: "pass" or "fail" of the model converted with
  // --tfjs_rewrites=false (tensorflowjs_converter's graph), and why it failed.
  std::string tfjs_plain_status;
  std::string tfjs_plain_reason;
};

}  // namespace tfjs::conformance

#endif  // TFJS_NATIVE_TOOLS_CONFORMANCE_CASE_RESULT_H_
