// Extracting TF-Hub module archives: a tar file, gzip-compressed or not (TF-Hub serves modules
// as .tar.gz), unpacked into a directory.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HUB_TAR_ARCHIVE_H_
#define TFJS_NATIVE_CONVERTER_READERS_HUB_TAR_ARCHIVE_H_

#include <string>

#include "absl/status/status.h"

namespace tfjs::converter {

// Unpacks the regular files and directories of `archive` (ustar, GNU long names, pax "path"
// records; gzip by zlib, concatenated members included) under `dest_dir`, which must exist.
// Entry paths that are absolute or climb out with "..", links, devices and a corrupt, truncated
// or checksum-failing archive are errors naming the archive and the entry; what was extracted
// before an error stays for the caller to remove.
absl::Status ExtractTarArchive(const std::string& archive, const std::string& dest_dir);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_HUB_TAR_ARCHIVE_H_
