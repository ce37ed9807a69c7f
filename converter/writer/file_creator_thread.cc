#include "converter/writer/file_creator_thread.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfjs::converter {

FileCreatorThread::FileCreatorThread(std::vector<std::string> paths, size_t ahead)
    : paths_(std::move(paths)), ahead_(std::max<size_t>(ahead, 1)) {
  if (!paths_.empty()) thread_ = std::thread([this] { Run(); });
}

FileCreatorThread::~FileCreatorThread() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  for (absl::StatusOr<OpenFile>& file : created_) {
    if (file.ok()) ::close(file->fd);
  }
}

bool FileCreatorThread::MayCreate() const { return stopping_ || created_.size() < ahead_; }

bool FileCreatorThread::HasNext() const { return !created_.empty(); }

void FileCreatorThread::Run() {
  for (const std::string& path : paths_) {
    {
      absl::MutexLock lock(&mutex_);
      mutex_.Await(absl::Condition(this, &FileCreatorThread::MayCreate));
      if (stopping_) return;
    }
    OpenFile file;
    file.path = path;
    file.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    const int error = errno;
    absl::MutexLock lock(&mutex_);
    if (file.fd < 0) {
      created_.push_back(
          absl::InternalError(absl::StrCat("cannot create ", path, ": ", std::strerror(error))));
      return;
    }
    created_.push_back(std::move(file));
  }
}

absl::StatusOr<OpenFile> FileCreatorThread::Next() {
  absl::MutexLock lock(&mutex_);
  if (taken_ == paths_.size()) {
    return absl::InternalError(absl::StrCat("all ", paths_.size(), " files were taken"));
  }
  mutex_.Await(absl::Condition(this, &FileCreatorThread::HasNext));
  // A failure stays at the front: the thread stopped there.
  if (!created_.front().ok()) return created_.front().status();
  OpenFile file = *std::move(created_.front());
  created_.pop_front();
  ++taken_;
  return file;
}

}  // namespace tfjs::converter
