#include "io/paths.h"

#include <cstdlib>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tfjs::io {
namespace {

bool HasScheme(absl::string_view path) {
  const size_t colon = path.find(':');
  if (colon == absl::string_view::npos || colon == 0) return false;
  if (!absl::ascii_isalpha(path[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    const char c = path[i];
    if (!absl::ascii_isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// ".", "..", and their percent-encoded spellings, which servers decode.
int DotCount(absl::string_view segment) {
  std::string decoded = absl::AsciiStrToLower(segment);
  std::string plain;
  for (size_t i = 0; i < decoded.size(); ++i) {
    if (decoded.compare(i, 3, "%2e") == 0) {
      plain += '.';
      i += 2;
    } else {
      plain += decoded[i];
    }
  }
  if (plain == ".") return 1;
  if (plain == "..") return 2;
  return 0;
}

}  // namespace

bool IsHttpUrl(absl::string_view location) {
  const std::string lower = absl::AsciiStrToLower(location.substr(0, 8));
  return absl::StartsWith(lower, "http://") || absl::StartsWith(lower, "https://");
}

absl::StatusOr<std::string> UrlOrigin(absl::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("'", url, "' is not a URL"));
  }
  const std::string scheme = absl::AsciiStrToLower(url.substr(0, scheme_end));
  absl::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  const size_t at = authority.rfind('@');
  if (at != absl::string_view::npos) authority = authority.substr(at + 1);
  if (authority.empty()) return absl::InvalidArgumentError(absl::StrCat("URL '", url, "' has no host"));
  std::string host_port = absl::AsciiStrToLower(authority);
  const size_t bracket = host_port.rfind(']');
  const size_t colon = host_port.rfind(':');
  const bool has_port = colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
  if (!has_port) absl::StrAppend(&host_port, scheme == "https" ? ":443" : ":80");
  return absl::StrCat(scheme, "://", host_port);
}

ModelLocation SplitModelLocation(absl::string_view model_path) {
  ModelLocation location;
  absl::string_view path = model_path;
  if (IsHttpUrl(model_path)) {
    const size_t query = model_path.rfind('?');
    const size_t slash = model_path.rfind('/');
    if (query != absl::string_view::npos && (slash == absl::string_view::npos || query > slash)) {
      location.query = std::string(model_path.substr(query));
      path = model_path.substr(0, query);
    }
  }
  const size_t slash = path.rfind('/');
  location.folder = slash == absl::string_view::npos ? "./" : std::string(path.substr(0, slash + 1));
  return location;
}

absl::StatusOr<std::string> ResolveManifestPath(absl::string_view folder, absl::string_view path,
                                                absl::string_view query) {
  auto refuse = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("weights path '", path, "' ", why,
                                                   "; manifest paths must stay inside the model's folder '",
                                                   folder, "'"));
  };
  if (path.empty()) return refuse("is empty");
  if (path[0] == '/') return refuse("is absolute");
  if (HasScheme(path)) return refuse("names another location by URL or drive");
  if (absl::StrContains(path, '\\')) return refuse("contains a backslash");
  int depth = 0;
  for (absl::string_view segment : absl::StrSplit(path.substr(0, path.find_first_of("?#")), '/')) {
    const int dots = DotCount(segment);
    if (dots == 2) {
      if (--depth < 0) return refuse("climbs out with '..'");
    } else if (dots == 0 && !segment.empty()) {
      ++depth;
    }
  }
  const bool needs_slash = !folder.empty() && !absl::EndsWith(folder, "/");
  return absl::StrCat(folder, needs_slash ? "/" : "", path, query);
}

std::string CallerPath(absl::string_view path) {
  const char* caller = std::getenv("BUILD_WORKING_DIRECTORY");
  if (caller == nullptr || *caller == '\0' || path.empty() || path[0] == '/' || IsHttpUrl(path)) {
    return std::string(path);
  }
  absl::string_view base = caller;
  return absl::StrCat(base, absl::EndsWith(base, "/") ? "" : "/", path);
}

}  // namespace tfjs::io
