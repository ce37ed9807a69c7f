#include "io/fetch.h"

#include "io/paths.h"

namespace tfjs::io {

std::unique_ptr<Fetcher> MakeFetcherFor(absl::string_view folder, const LoadOptions& options) {
  if (!IsHttpUrl(folder)) return MakeLocalFetcher();
  absl::StatusOr<std::string> origin = UrlOrigin(folder);
  return MakeHttpFetcher(options, origin.ok() ? *origin : std::string());
}

}  // namespace tfjs::io
