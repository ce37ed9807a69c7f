// An output directory written beside its destination and moved into place only when complete, so
// a failed conversion leaves nothing behind and never damages a model already there.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_STAGED_OUTPUT_DIR_H_
#define TFJS_NATIVE_CONVERTER_WRITER_STAGED_OUTPUT_DIR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tfjs::converter {

class StagedOutputDir {
 public:
  // Creates `<destination>.tmp-<pid>-XXXXXX` (and the destination's missing parent
  // directories), locked (flock) while this object lives. First removes the staging and
  // set-aside directories of `destination` that runs killed before cleaning up left: those whose
  // process is gone and whose lock nobody holds. Mode 0777 less the umask, as for any directory
  // the user makes, so that the committed directory has it too.
  static absl::StatusOr<StagedOutputDir> Create(const std::string& destination);

  StagedOutputDir(StagedOutputDir&& other) noexcept;
  StagedOutputDir& operator=(StagedOutputDir&&) = delete;
  StagedOutputDir(const StagedOutputDir&) = delete;
  StagedOutputDir& operator=(const StagedOutputDir&) = delete;
  // Removes the staging directory (and parents Create made) unless committed.
  ~StagedOutputDir();

  // Where to write the files.
  const std::string& path() const { return staging_; }

  // Moves the staged files to the destination:
  //  - no destination yet: the staging directory is renamed to it;
  //  - a directory holding only TF.js model files (model.json, groupN-shardMofK[.bin]) or
  //    nothing: it is renamed aside, the staging directory renamed in, then the old one deleted;
  //  - a directory holding other files too (or ".", "..", a symlink to a directory): the new
  //    files are moved in one by one (model.json last) and the old model's files that the new
  //    model does not have are deleted; other files stay untouched;
  //  - anything else (a file): an error.
  absl::Status Commit();

 private:
  StagedOutputDir(std::string destination, std::string staging,
                  std::vector<std::string> created_parents);

  std::string destination_;
  std::string staging_;
  // The staging directory opened and flock'ed, so that later runs know it is in use.
  int lock_fd_ = -1;
  // Parents of the destination that Create made, deepest first, removed again on failure.
  std::vector<std::string> created_parents_;
  bool committed_ = false;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_STAGED_OUTPUT_DIR_H_
