#include "converter/writer/staged_output_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

constexpr char kModelJson[] = "model.json";

absl::Status FileError(absl::string_view what, const std::string& path, const std::error_code& ec) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", ec.message()));
}

// A new directory `prefix` + six random letters or digits. It is made with mkdir(0777), so the
// umask gives it the mode of any directory the user creates (0755 by default); mkdtemp's 0700
// would keep a web server running as another user from serving the model.
absl::StatusOr<std::string> MakeUniqueDir(const std::string& prefix) {
  static constexpr char kChars[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::mt19937_64 random(std::random_device{}());
  std::uniform_int_distribution<int> pick(0, sizeof(kChars) - 2);
  constexpr int kAttempts = 100;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::string path = prefix;
    for (int i = 0; i < 6; ++i) path += kChars[pick(random)];
    if (::mkdir(path.c_str(), 0777) == 0) return path;
    if (errno != EEXIST) {
      return absl::InternalError(
          absl::StrCat("cannot create directory ", path, ": ", std::strerror(errno)));
    }
  }
  return absl::AlreadyExistsError(absl::StrCat("cannot create a directory ", prefix,
                                               "XXXXXX: ", kAttempts, " names taken"));
}

// Digits, then advances past them; false when there are none.
bool ConsumeDigits(const std::string& text, size_t* pos) {
  const size_t start = *pos;
  while (*pos < text.size() && std::isdigit(static_cast<unsigned char>(text[*pos]))) ++*pos;
  return *pos > start;
}

bool ConsumeLiteral(const std::string& text, absl::string_view literal, size_t* pos) {
  if (text.compare(*pos, literal.size(), literal.data(), literal.size()) != 0) return false;
  *pos += literal.size();
  return true;
}

// True when `name` is `<base><kind><pid>-XXXXXX` (kind ".tmp-" or ".old-") of a process that
// is gone and no process holds the directory `path` locked.
bool IsAbandoned(const std::string& name, const std::string& base, const fs::path& path) {
  size_t pos = 0;
  if (!ConsumeLiteral(name, base, &pos) ||
      !(ConsumeLiteral(name, ".tmp-", &pos) || ConsumeLiteral(name, ".old-", &pos))) {
    return false;
  }
  const size_t digits = pos;
  if (!ConsumeDigits(name, &pos) || pos - digits > 9 || !ConsumeLiteral(name, "-", &pos) ||
      name.size() - pos != 6) {
    return false;
  }
  const pid_t pid = static_cast<pid_t>(std::stol(name.substr(digits, pos - 1 - digits)));
  if (pid <= 0 || kill(pid, 0) == 0 || errno != ESRCH) return false;
  // A process in another PID namespace may still own it: its lock says so.
  const int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  const bool unlocked = flock(fd, LOCK_EX | LOCK_NB) == 0;
  close(fd);
  return unlocked;
}

// Removes what killed runs left beside `target` (see StagedOutputDir::Create); best effort.
void RemoveAbandoned(const std::string& target) {
  const fs::path parent = fs::path(target).parent_path();
  const std::string base = fs::path(target).filename().string();
  std::error_code ec;
  for (fs::directory_iterator it(parent.empty() ? fs::path(".") : parent, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::error_code ignored;
    if (it->is_directory(ignored) && !it->is_symlink(ignored) &&
        IsAbandoned(it->path().filename().string(), base, it->path())) {
      fs::remove_all(it->path(), ignored);
    }
  }
}

// Entries of a directory, or an error.
absl::StatusOr<std::vector<fs::directory_entry>> ListDir(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) return FileError("cannot list", dir, ec);
  return entries;
}

// True for the file names a TF.js model directory holds: model.json and weight shards.
bool IsModelArtifactName(const std::string& name) {
  if (name == kModelJson) return true;
  size_t pos = 0;
  if (!ConsumeLiteral(name, "group", &pos) || !ConsumeDigits(name, &pos) ||
      !ConsumeLiteral(name, "-shard", &pos) || !ConsumeDigits(name, &pos) ||
      !ConsumeLiteral(name, "of", &pos) || !ConsumeDigits(name, &pos)) {
    return false;
  }
  return pos == name.size() || (ConsumeLiteral(name, ".bin", &pos) && pos == name.size());
}

}  // namespace

StagedOutputDir::StagedOutputDir(std::string destination, std::string staging,
                                 std::vector<std::string> created_parents)
    : destination_(std::move(destination)),
      staging_(std::move(staging)),
      created_parents_(std::move(created_parents)) {}

StagedOutputDir::StagedOutputDir(StagedOutputDir&& other) noexcept
    : destination_(std::move(other.destination_)),
      staging_(std::move(other.staging_)),
      lock_fd_(other.lock_fd_),
      created_parents_(std::move(other.created_parents_)),
      committed_(other.committed_) {
  other.lock_fd_ = -1;
  other.staging_.clear();
  other.created_parents_.clear();
}

StagedOutputDir::~StagedOutputDir() {
  if (lock_fd_ >= 0) close(lock_fd_);
  if (committed_ || staging_.empty()) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
  for (const std::string& parent : created_parents_) fs::remove(parent, ignored);
}

absl::StatusOr<StagedOutputDir> StagedOutputDir::Create(const std::string& destination) {
  std::string target = destination;
  while (target.size() > 1 && target.back() == '/') target.pop_back();
  if (target.empty()) return absl::InvalidArgumentError("the output path is empty");

  // Missing parents, deepest first.
  std::vector<std::string> missing;
  std::error_code ec;
  for (fs::path parent = fs::path(target).parent_path();
       !parent.empty() && !fs::exists(parent, ec); parent = parent.parent_path()) {
    missing.push_back(parent.string());
  }
  std::vector<std::string> created;
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (!fs::create_directory(*it, ec)) {
      for (const std::string& made : created) fs::remove(made, ec);
      return FileError("cannot create directory", *it, ec);
    }
    created.insert(created.begin(), *it);
  }
  RemoveAbandoned(target);
  absl::StatusOr<std::string> staging = MakeUniqueDir(absl::StrCat(target, ".tmp-", getpid(), "-"));
  if (!staging.ok()) {
    for (const std::string& made : created) fs::remove(made, ec);
    return staging.status();
  }
  StagedOutputDir staged(target, *std::move(staging), std::move(created));
  staged.lock_fd_ = open(staged.staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (staged.lock_fd_ < 0 || flock(staged.lock_fd_, LOCK_EX) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot lock directory ", staged.staging_, ": ", std::strerror(errno)));
  }
  return staged;
}

absl::Status StagedOutputDir::Commit() {
  if (committed_ || staging_.empty()) {
    return absl::FailedPreconditionError("the staged output was already committed");
  }
  std::error_code ec;
  const fs::file_status link_status = fs::symlink_status(destination_, ec);
  if (!fs::exists(link_status)) {
    fs::rename(staging_, destination_, ec);
    if (ec) return FileError("cannot move the new model to", destination_, ec);
    committed_ = true;
    return absl::OkStatus();
  }
  if (!fs::is_directory(destination_, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat("output path ", destination_, " exists and is not a directory"));
  }

  absl::StatusOr<std::vector<fs::directory_entry>> old_entries = ListDir(destination_);
  if (!old_entries.ok()) return old_entries.status();
  const bool only_model_files =
      std::all_of(old_entries->begin(), old_entries->end(), [](const fs::directory_entry& e) {
        std::error_code ignored;
        return e.is_regular_file(ignored) && IsModelArtifactName(e.path().filename().string());
      });

  // "." and ".." cannot be renamed; a symlink is kept and its target updated in place.
  const std::string name = fs::path(destination_).filename().string();
  const bool renamable = !name.empty() && name != "." && name != ".." &&
                         !fs::is_symlink(link_status);
  if (only_model_files && renamable) {
    // Swap whole directories: the old model stays complete until the new one is in place.
    absl::StatusOr<std::string> aside =
        MakeUniqueDir(absl::StrCat(destination_, ".old-", getpid(), "-"));
    if (!aside.ok()) return aside.status();
    fs::rename(destination_, *aside, ec);  // Replaces the empty directory `aside`.
    if (ec) {
      fs::remove(*aside, ec);
      return FileError("cannot move the old model aside from", destination_, ec);
    }
    fs::rename(staging_, destination_, ec);
    if (ec) {
      const absl::Status error = FileError("cannot move the new model to", destination_, ec);
      fs::rename(*aside, destination_, ec);
      return error;
    }
    committed_ = true;
    fs::remove_all(*aside, ec);
    return absl::OkStatus();
  }

  // The directory holds other things too: replace only model files, model.json last.
  absl::StatusOr<std::vector<fs::directory_entry>> new_entries = ListDir(staging_);
  if (!new_entries.ok()) return new_entries.status();
  std::vector<std::string> new_names;
  for (const fs::directory_entry& entry : *new_entries) {
    new_names.push_back(entry.path().filename().string());
  }
  std::sort(new_names.begin(), new_names.end(), [](const std::string& a, const std::string& b) {
    return std::make_pair(a == kModelJson, a) < std::make_pair(b == kModelJson, b);
  });
  for (const std::string& name : new_names) {
    const std::string target = (fs::path(destination_) / name).string();
    fs::rename(fs::path(staging_) / name, target, ec);
    if (ec) return FileError("cannot move the new model file to", target, ec);
  }
  committed_ = true;
  const absl::flat_hash_set<std::string> kept(new_names.begin(), new_names.end());
  for (const fs::directory_entry& entry : *old_entries) {
    const std::string name = entry.path().filename().string();
    if (IsModelArtifactName(name) && !kept.contains(name)) fs::remove(entry.path(), ec);
  }
  fs::remove(staging_, ec);
  return absl::OkStatus();
}

}  // namespace tfjs::converter
