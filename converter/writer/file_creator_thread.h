// Creates a list of files on a second thread, a few ahead of their use: creating a file costs
// far more than its name suggests on some file systems (ext4 without a journal skips every inode
// freed in the last 30 s, one by one), and a shard writer creates hundreds.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_FILE_CREATOR_THREAD_H_
#define TFJS_NATIVE_CONVERTER_WRITER_FILE_CREATOR_THREAD_H_

#include <cstddef>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "converter/writer/file_range_copy.h"

namespace tfjs::converter {

class FileCreatorThread {
 public:
  // Starts creating (O_WRONLY | O_CREAT | O_TRUNC) `paths` in order, at most `ahead` of those
  // taken with Next.
  FileCreatorThread(std::vector<std::string> paths, size_t ahead);
  FileCreatorThread(const FileCreatorThread&) = delete;
  FileCreatorThread& operator=(const FileCreatorThread&) = delete;
  // Stops creating and closes the files created but not taken (they stay on disk).
  ~FileCreatorThread();

  // The next path's file, open for writing and owned by the caller (who closes it), once created;
  // an error naming the path if it cannot be created, or when all were taken.
  absl::StatusOr<OpenFile> Next();

 private:
  void Run();
  bool MayCreate() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  bool HasNext() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const std::vector<std::string> paths_;
  const size_t ahead_;
  absl::Mutex mutex_;
  // Created, not yet taken, in path order; a failure ends the list.
  std::deque<absl::StatusOr<OpenFile>> created_ ABSL_GUARDED_BY(mutex_);
  size_t taken_ ABSL_GUARDED_BY(mutex_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_FILE_CREATOR_THREAD_H_
