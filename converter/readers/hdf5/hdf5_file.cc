#include "converter/readers/hdf5/hdf5_file.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "converter/readers/hdf5/attributes.h"
#include "converter/readers/hdf5/dataset.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/group_links.h"
#include "converter/readers/hdf5/object_header.h"

namespace tfjs::converter::hdf5 {
namespace {

std::string JoinPath(absl::string_view parent, absl::string_view child) {
  return parent == "/" ? absl::StrCat("/", child) : absl::StrCat(parent, "/", child);
}

}  // namespace

uint64_t Array::num_elements() const {
  uint64_t count = 1;
  for (const uint64_t dim : shape) count *= dim;
  return count;
}

absl::StatusOr<File> File::Open(const std::string& path) {
  absl::StatusOr<std::shared_ptr<const FileContext>> file = FileContext::Open(path);
  if (!file.ok()) return file.status();
  const uint64_t root_address = (*file)->root_address();
  absl::StatusOr<Group> root = Group::Open(*std::move(file), "/", root_address);
  if (!root.ok()) return root.status();
  return File(*std::move(root));
}

absl::StatusOr<Group> Group::Open(std::shared_ptr<const FileContext> file, std::string path,
                                  uint64_t address) {
  absl::StatusOr<ObjectHeader> header = ReadObjectHeader(*file, address);
  if (!header.ok()) return header.status();
  if (!IsGroupHeader(*header)) {
    return absl::InvalidArgumentError(
        absl::StrCat(file->path(), ": \"", path, "\" is not a group"));
  }
  absl::StatusOr<std::vector<Link>> links = ReadLinks(*file, *header);
  if (!links.ok()) return links.status();
  absl::StatusOr<std::vector<std::string>> attribute_names = ReadAttributeNames(*file, *header);
  if (!attribute_names.ok()) return attribute_names.status();
  Group group;
  group.file_ = std::move(file);
  group.path_ = std::move(path);
  group.header_ = std::make_shared<const ObjectHeader>(*std::move(header));
  for (Link& link : *links) {
    group.child_names_.push_back(std::move(link.name));
    group.child_addresses_.push_back(link.address);
  }
  group.attribute_names_ = *std::move(attribute_names);
  return group;
}

bool Group::HasChild(absl::string_view name) const {
  return std::find(child_names_.begin(), child_names_.end(), name) != child_names_.end();
}

bool Group::HasAttribute(absl::string_view name) const {
  return std::find(attribute_names_.begin(), attribute_names_.end(), name) !=
         attribute_names_.end();
}

absl::StatusOr<std::pair<std::string, uint64_t>> Group::Resolve(absl::string_view path) const {
  const std::vector<absl::string_view> parts = absl::StrSplit(path, '/', absl::SkipEmpty());
  if (parts.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file_->path(), ": empty path below \"", path_, "\""));
  }
  // Every component but the last names a group to descend into.
  std::string current_path = path_;
  const Group* current = this;
  Group descended;
  for (size_t i = 0;; ++i) {
    const std::vector<std::string>& names = current->child_names_;
    const auto found = std::find(names.begin(), names.end(), parts[i]);
    if (found == names.end()) {
      return absl::NotFoundError(absl::StrCat(file_->path(), ": group \"", current_path,
                                              "\" has no member \"", parts[i], "\""));
    }
    const uint64_t address = current->child_addresses_[found - names.begin()];
    current_path = JoinPath(current_path, parts[i]);
    if (i + 1 == parts.size()) return std::make_pair(current_path, address);
    absl::StatusOr<Group> group = Open(file_, current_path, address);
    if (!group.ok()) return group.status();
    descended = *std::move(group);
    current = &descended;
  }
}

absl::StatusOr<ObjectKind> Group::ChildKind(absl::string_view name) const {
  absl::StatusOr<std::pair<std::string, uint64_t>> target = Resolve(name);
  if (!target.ok()) return target.status();
  absl::StatusOr<ObjectHeader> header = ReadObjectHeader(*file_, target->second);
  if (!header.ok()) return header.status();
  if (IsDatasetHeader(*header)) return ObjectKind::kDataset;
  if (IsGroupHeader(*header)) return ObjectKind::kGroup;
  return absl::UnimplementedError(
      absl::StrCat(file_->path(), ": \"", target->first, "\" is neither a group nor a dataset"));
}

absl::StatusOr<Group> Group::OpenGroup(absl::string_view path) const {
  absl::StatusOr<std::pair<std::string, uint64_t>> target = Resolve(path);
  if (!target.ok()) return target.status();
  return Open(file_, std::move(target->first), target->second);
}

absl::StatusOr<Dataset> Group::ReadDataset(absl::string_view path) const {
  absl::StatusOr<std::pair<std::string, uint64_t>> target = Resolve(path);
  if (!target.ok()) return target.status();
  absl::StatusOr<ObjectHeader> header = ReadObjectHeader(*file_, target->second);
  if (!header.ok()) return header.status();
  if (!IsDatasetHeader(*header)) {
    return absl::InvalidArgumentError(
        absl::StrCat(file_->path(), ": \"", target->first, "\" is not a dataset"));
  }
  absl::StatusOr<Dataset> dataset = ReadDatasetValue(*file_, *header);
  if (!dataset.ok()) {
    return absl::Status(
        dataset.status().code(),
        absl::StrCat(dataset.status().message(), " (dataset \"", target->first, "\")"));
  }
  return dataset;
}

absl::StatusOr<Attribute> Group::ReadAttribute(absl::string_view name) const {
  absl::StatusOr<Attribute> attribute = ReadAttributeValue(*file_, *header_, name);
  if (!attribute.ok()) {
    return absl::Status(attribute.status().code(),
                        absl::StrCat(attribute.status().message(), " (attribute \"", name,
                                     "\" of \"", path_, "\")"));
  }
  return attribute;
}

}  // namespace tfjs::converter::hdf5
