#include "tools/conformance/case_result.h"

namespace tfjs::conformance {

const char* CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kPass:
      return "pass";
    case CaseStatus::kFail:
      return "fail";
    case CaseStatus::kUnsupported:
      return "unsupported";
    case CaseStatus::kSkipped:
      return "skipped";
  }
  return "fail";
}

bool ParseCaseStatus(const std::string& name, CaseStatus* status) {
  for (CaseStatus candidate :
       {CaseStatus::kPass, CaseStatus::kFail, CaseStatus::kUnsupported, CaseStatus::kSkipped}) {
    if (name == CaseStatusName(candidate)) {
      *status = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace tfjs::conformance
